// Air purifier: a MIoT air purifier (spec.json) on an ESP32 DevKitC. A
// Plantower PMS5003 on UART 2 (board TX GPIO 17 to the sensor's RX, sensor TX
// to board RX GPIO 16, 9600 8N1) sends a frame every 2.3 s in its active
// mode (PMS5003 data manual v2.3); a 4-wire fan's PWM input is driven from
// GPIO 25 at 25 kHz (the Intel 4-wire fan specification's PWM frequency).
//
// Modes: Favorite runs the fan at fan-level × 10 %; Sleep at a quiet 15 %;
// Auto sets the duty from each PM2.5 reading (atmospheric, µg/m³) along this
// curve, rounded to 5 % steps:
//
//   PM2.5 ≤ 12        20 %   (good air: keep the room's air moving)
//   12 < PM2.5 ≤ 35   20 % → 50 %, linear
//   35 < PM2.5 < 75   50 % → 100 %, linear
//   PM2.5 ≥ 75        100 %
//
// A reading that asks for more air raises the duty at once; the duty comes
// down only after three frames in a row (6.9 s) asked for less, so reading
// noise does not make the fan hunt. The fan therefore never runs below the
// curve of the latest reading: at least 50 % while PM2.5 reads above 35, full
// from 75 up.
// Should no frame arrive for 10 s (four frames missed), Auto runs the fan at
// 50 % until frames come back, and says so in the log. Switched off, the fan
// stops. Clients see pm2.5-density, pushed when it moves by 10 % or 3 µg/m³
// (whichever is more) from the value last published. on, mode and fan-level
// are kept in the key-value store.
// Bindings: `sail spec gen spec.json` writes assembly/spec.ts.

import { Kv, MiotCode, Pwm, Timer, Uart, log } from "../../../assembly/sail";
import { Pms5003 } from "../../../assembly/drivers";
import { airPurifier, deviceInformation, environment } from "./spec";
export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./spec";

const UART_PORT: i32 = 2;
const TX_GPIO: i32 = 17;
const RX_GPIO: i32 = 16;
const PMS_BAUD: i32 = 9600;
const FAN_GPIO: i32 = 25;
const FAN_PWM_HZ: i32 = 25_000;
const FAN_PWM_BITS: i32 = 10;
const MODE_AUTO: u8 = 0;
const MODE_SLEEP: u8 = 1;
const MODE_FAVORITE: u8 = 2;
const SLEEP_DUTY_PCT: i32 = 15;
const NO_SENSOR_DUTY_PCT: i32 = 50;
const DUTY_STEP_PCT: i32 = 5;
/** Four 2.3 s frames missed. */
const SENSOR_TIMEOUT_US: i64 = 10_000_000;
const PUSH_MIN_UG: i32 = 3;
const PUSH_RELATIVE: f64 = 0.1;
const DEFAULT_FAN_LEVEL: u8 = 5;

const serial = new Uart(UART_PORT, TX_GPIO, RX_GPIO, PMS_BAUD);
const sensor = new Pms5003(serial);
const settings = new Kv("purifier");
let fan: Pwm | null = null;
let dutyPct: i32 = -1;
let pm25: i32 = -1;
let sensorLost = false;
/** Frames in a row whose reading asked Auto for less air than the fan gives. */
let lowerFrames: i32 = 0;
const FRAMES_TO_SLOW: i32 = 3;
let published = false;
const sensorWatch = new Timer(noFrames);

export function sail_setup(): void {
  deviceInformation.manufacturer = "Sail";
  deviceInformation.model = "sail.airpurifier.ap1";
  deviceInformation.serialNumber = "SA1-0001";
  deviceInformation.firmwareRevision = "1.0.0";

  fan = new Pwm(FAN_GPIO, FAN_PWM_HZ, FAN_PWM_BITS);
  load();
  airPurifier.onSetOn = changed;
  airPurifier.onSetMode = changed;
  airPurifier.onSetFanLevel = changed;
  if (serial.status != 0) log.error("air-purifier: UART " + UART_PORT.toString() + " refused: status " + serial.status.toString());
  serial.onReceive(onSerial);
  sensorWatch.startOnce(SENSOR_TIMEOUT_US);
  log.info("air-purifier: PMS5003 on UART 2 (TX 17, RX 16), fan PWM on GPIO 25; " + describe());
  apply();
}

function load(): void {
  airPurifier.on = settings.getInt("on", 1) != 0;
  const mode = settings.getInt("mode", <i64>MODE_AUTO);
  airPurifier.mode = mode >= 0 && mode <= <i64>MODE_FAVORITE ? <u8>mode : MODE_AUTO;
  const level = settings.getInt("level", <i64>DEFAULT_FAN_LEVEL);
  airPurifier.fanLevel = level >= 1 && level <= 10 ? <u8>level : DEFAULT_FAN_LEVEL;
}

/** A client wrote on, mode or fan-level: keep it and apply it. */
function changed(): i32 {
  let s = settings.setInt("on", airPurifier.on ? 1 : 0);
  if (s == 0) s = settings.setInt("mode", <i64>airPurifier.mode);
  if (s == 0) s = settings.setInt("level", <i64>airPurifier.fanLevel);
  if (s == 0) s = settings.commit();
  if (s != 0) log.error("air-purifier: settings not saved: status " + s.toString());
  log.info("air-purifier: " + describe());
  apply();
  return MiotCode.OK;
}

function onSerial(available: i32, dropped: i32): void {
  if (sensor.poll(dropped) <= 0) return;
  const s = sensor.sample();
  if (s === null) return;
  sensorWatch.startOnce(SENSOR_TIMEOUT_US);
  if (sensorLost) {
    sensorLost = false;
    log.info("pms5003: frames again");
  }
  pm25 = s.pm25;
  publish(s.pm25);
  if (airPurifier.on && airPurifier.mode == MODE_AUTO && targetDutyPct() < dutyPct) {
    lowerFrames++;
    if (lowerFrames < FRAMES_TO_SLOW) return;
  }
  lowerFrames = 0;
  apply();
}

function noFrames(): void {
  if (!sensorLost) {
    sensorLost = true;
    log.warn("pms5003: no frame for 10 s; auto runs the fan at " + NO_SENSOR_DUTY_PCT.toString() + " %");
  }
  apply();
}

function publish(pm: i32): void {
  const last = <i32>environment.pm25Density;
  const step = max(PUSH_MIN_UG, <i32>Math.round(<f64>last * PUSH_RELATIVE));
  if (published && abs(pm - last) < step) return;
  environment.setPm25Density(<u16>min(pm, 1000));
  published = true;
}

/** The fan duty for a PM2.5 reading in Auto (the curve at the top of this file), in 5 % steps. */
function autoDutyPct(pm: i32): i32 {
  let d: f64 = 100;
  if (pm <= 12) d = 20;
  else if (pm <= 35) d = 20 + (<f64>(pm - 12) * 30) / 23;
  else if (pm < 75) d = 50 + (<f64>(pm - 35) * 50) / 40;
  return <i32>Math.round(d / <f64>DUTY_STEP_PCT) * DUTY_STEP_PCT;
}

function targetDutyPct(): i32 {
  if (!airPurifier.on) return 0;
  const mode = airPurifier.mode;
  if (mode == MODE_SLEEP) return SLEEP_DUTY_PCT;
  if (mode == MODE_FAVORITE) return <i32>airPurifier.fanLevel * 10;
  if (sensorLost) return NO_SENSOR_DUTY_PCT;
  return pm25 < 0 ? 0 : autoDutyPct(pm25); // Auto waits for the first reading
}

function apply(): void {
  const d = targetDutyPct();
  if (d == dutyPct) return;
  dutyPct = d;
  fan!.fraction(<f32>d / 100);
}

function describe(): string {
  const mode = airPurifier.mode;
  const name = mode == MODE_SLEEP ? "sleep" : mode == MODE_FAVORITE ? "favorite, fan level " + airPurifier.fanLevel.toString() : "auto";
  return (airPurifier.on ? "on, " : "switched off, ") + name;
}
