// Thermostat: a MIoT thermostat (spec.json) for an electric room heater on an
// ESP32 DevKitC. An SHT3x on I2C 0 (SDA GPIO 21, SCL GPIO 22, address 0x44)
// is read every 5 s with a high-repeatability single shot (SHT3x-DIS
// datasheet Table 9); a relay module on GPIO 26 (high = closed) switches the
// heater.
//
// Control law: on/off with hysteresis around the set point s. The relay
// closes when the reading is at or below s - 0.3 °C and opens at or above
// s + 0.3 °C, and it keeps each position at least 5 minutes (the relay is
// open at boot, so a board that keeps resetting cannot chatter it either).
// The set point is target-temperature in Auto, 30 °C (the top of the range)
// in Heat, 5 °C (frost protection) in Off; switched off (on = false), the
// relay opens at once.
//
// Fail safe: a failed read (NACK, CRC error, timeout) is retried once at
// once; a second failure opens the relay at once, sets fault = 1 (Sensor
// Fault) and logs an error. The next good reading clears the fault.
//
// Clients see temperature (0.1 °C) and relative humidity (1 %RH), pushed when
// the reading moves a whole step from the value last published; status
// (Idle / Heating) follows the relay. on, mode and target-temperature are kept
// in the key-value store, so a power cut keeps them. An image booted on OTA
// trial confirms itself after its first good reading.
// Bindings: `sail spec gen spec.json` writes assembly/spec.ts.

import { I2c, Kv, MiotCode, Pin, Timer, log, ota, time } from "../../../assembly/sail";
import { Sht3x, Sht3xRepeatability } from "../../../assembly/drivers";
import { deviceInformation, environment, thermostat } from "./spec";
export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./spec";

const I2C_PORT: i32 = 0;
const SDA_GPIO: i32 = 21;
const SCL_GPIO: i32 = 22;
const RELAY_GPIO: i32 = 26;
const SAMPLE_US: i64 = 5_000_000;
const HYSTERESIS_C: f64 = 0.3;
const MIN_ON_US: i64 = 5 * 60_000_000;
const MIN_OFF_US: i64 = 5 * 60_000_000;
/** Set points of the Heat and Off modes: the top of the target range, and frost protection. */
const HEAT_C: f64 = 30;
const FROST_C: f64 = 5;
/** Publishing steps: the spec's resolution of temperature and relative-humidity. */
const TEMPERATURE_STEP_C: f64 = 0.1;
const HUMIDITY_STEP_PCT: f64 = 1;
const MODE_AUTO: u8 = 0;
const MODE_HEAT: u8 = 1;
const MODE_OFF: u8 = 2;
const DEFAULT_TARGET_C: f64 = 21;
const STATUS_IDLE: u8 = 0;
const STATUS_HEATING: u8 = 1;
const FAULT_NONE: u8 = 0;
const FAULT_SENSOR: u8 = 1;

const relay = new Pin(RELAY_GPIO);
const bus = new I2c(I2C_PORT, SDA_GPIO, SCL_GPIO, 100_000);
const sensor = new Sht3x(bus);
const settings = new Kv("thermostat");

let heating = false;
let switchedAtUs: i64 = 0;
let haveReading = false;
let temperatureC: f64 = 0;
let published = false;
let faulted = false;
let failedSamples: i32 = 0;
let onTrial = false;

export function sail_setup(): void {
  deviceInformation.manufacturer = "Sail";
  deviceInformation.model = "sail.thermostat.th1";
  deviceInformation.serialNumber = "ST1-0001";
  deviceInformation.firmwareRevision = "1.0.0";

  relay.output(false);
  switchedAtUs = time.us();
  load();
  thermostat.onSetOn = changed;
  thermostat.onSetMode = changed;
  thermostat.onSetTargetTemperature = targetChanged;
  if (bus.status != 0) log.error("thermostat: I2C " + I2C_PORT.toString() + " refused: status " + bus.status.toString());
  sensor.configure(Sht3xRepeatability.HIGH, false);
  onTrial = ota.onTrial();
  log.info("thermostat: SHT3x on I2C 0 (SDA 21, SCL 22), heater relay on GPIO 26; " + describe());
  new Timer(sample).startPeriodic(SAMPLE_US);
  sample();
}

/** on, mode and target-temperature from the key-value store; the defaults where a key is missing or out of the spec. */
function load(): void {
  thermostat.on = settings.getInt("on", 1) != 0;
  const mode = settings.getInt("mode", <i64>MODE_AUTO);
  thermostat.mode = mode >= 0 && mode <= <i64>MODE_OFF ? <u8>mode : MODE_AUTO;
  const halves = settings.getInt("target2", <i64>(DEFAULT_TARGET_C * 2));
  thermostat.targetTemperature = halves >= 10 && halves <= 60 ? <f64>halves / 2 : DEFAULT_TARGET_C;
}

function save(): void {
  let s = settings.setInt("on", thermostat.on ? 1 : 0);
  if (s == 0) s = settings.setInt("mode", <i64>thermostat.mode);
  if (s == 0) s = settings.setInt("target2", <i64>(thermostat.targetTemperature * 2));
  if (s == 0) s = settings.commit();
  if (s != 0) log.error("thermostat: settings not saved: status " + s.toString());
}

function targetChanged(): i32 {
  // The board checks the range; the 0.5 °C step of a float is the firmware's to check.
  const halves = thermostat.targetTemperature * 2;
  if (halves != Math.floor(halves)) return MiotCode.VALUE_ERROR;
  return changed();
}

/** A client wrote on, mode or the target: keep it, and act on it now. */
function changed(): i32 {
  save();
  log.info("thermostat: " + describe());
  control();
  return MiotCode.OK;
}

function sample(): void {
  let s = sensor.sample();
  if (s === null) {
    if (!faulted) log.warn("sht3x: read failed (status " + sensor.status.toString() + "), reading again");
    s = sensor.sample();
  }
  if (s === null) {
    failedSamples++;
    if (!faulted) {
      faulted = true;
      thermostat.setFault(FAULT_SENSOR);
      log.error("sensor fault: SHT3x status " + sensor.status.toString() + "; heater off until it reads again");
    }
    control();
    return;
  }
  if (faulted) {
    faulted = false;
    thermostat.setFault(FAULT_NONE);
    log.info("sensor reads again after " + failedSamples.toString() + " failed samples");
    failedSamples = 0;
  }
  temperatureC = s.temperatureC;
  haveReading = true;
  publish(s.temperatureC, s.humidityPct);
  control();
  if (onTrial) {
    onTrial = false;
    log.info("ota: first good reading on trial; confirming (status " + ota.confirm().toString() + ")");
  }
}

/** Pushes temperature and humidity when they moved a whole step from what clients last saw. */
function publish(t: f64, rh: f64): void {
  if (!published || Math.abs(t - environment.temperature) >= TEMPERATURE_STEP_C) {
    environment.setTemperature(Math.round(t * 10) / 10);
  }
  if (!published || Math.abs(rh - <f64>environment.relativeHumidity) >= HUMIDITY_STEP_PCT) {
    environment.setRelativeHumidity(<u8>Math.round(Math.min(100, Math.max(0, rh))));
  }
  published = true;
}

function setPoint(): f64 {
  const mode = thermostat.mode;
  if (mode == MODE_HEAT) return HEAT_C;
  if (mode == MODE_OFF) return FROST_C;
  return thermostat.targetTemperature;
}

/** The control law (see the top of this file). */
function control(): void {
  if (!thermostat.on || faulted || !haveReading) {
    switchRelay(false);
    return;
  }
  const s = setPoint();
  const held = time.us() - switchedAtUs;
  if (!heating && temperatureC <= s - HYSTERESIS_C && held >= MIN_OFF_US) switchRelay(true);
  else if (heating && temperatureC >= s + HYSTERESIS_C && held >= MIN_ON_US) switchRelay(false);
}

function switchRelay(on: bool): void {
  if (on == heating) return;
  heating = on;
  relay.write(on);
  switchedAtUs = time.us();
  thermostat.setStatus(on ? STATUS_HEATING : STATUS_IDLE);
  log.info("heater " + (on ? "on" : "off") + " at " + hundredths(temperatureC) + " °C, set point " + hundredths(setPoint()));
}

function describe(): string {
  const mode = thermostat.mode;
  const name = mode == MODE_HEAT ? "heat" : mode == MODE_OFF ? "off (frost protection)" : "auto";
  return (thermostat.on ? "on, " : "switched off, ") + name + ", target " + hundredths(<f64>thermostat.targetTemperature) + " °C";
}

/** "20.75", "-3.10": a value with two decimals, without float formatting. */
function hundredths(v: f64): string {
  const n = <i64>Math.round(v * 100);
  const a = n < 0 ? -n : n;
  const cents = a % 100;
  return (n < 0 ? "-" : "") + (a / 100).toString() + (cents < 10 ? ".0" : ".") + cents.toString();
}
