// Rice cooker: a MAX31855 thermocouple under the pot on SPI (SCLK 18, MISO
// 19, CS 5) and the heater's relay on GPIO 23, run by a cooking program: soak
// (10 min at 45-50 °C), heat (to 98 °C), boil (until the water is gone and the
// pot passes 103 °C), simmer (10 min held at 95-98 °C), then keep warm (65-70
// °C) with a cooking-finished event. MIoT actions start and cancel; a
// scheduled start at a local time of day. The phase is kept in the key-value
// store: after a power cut the program resumes if the pot is still hot, and
// otherwise stops with the heater off. Any sensor fault turns the heater off.

import { Kv, LocalTime, MiotCode, Pin, Spi, Status, Timer, log, time } from "../../../assembly/sail";
import { Max31855 } from "../../../assembly/drivers";
import { cooker, deviceInformation } from "./spec";
export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./spec";

// Status values (spec.json's value-list).
const IDLE: u8 = 1;
const SOAK: u8 = 2;
const HEAT: u8 = 3;
const BOIL: u8 = 4;
const SIMMER: u8 = 5;
const KEEP_WARM: u8 = 6;
const SCHEDULED: u8 = 7;
const FAULT: u8 = 8;

const SOAK_S: i32 = 600;
const SIMMER_S: i32 = 600;
/** Boiling that has not dried the pot in this long means something is wrong: stop. */
const BOIL_MAX_S: i32 = 3600;
const BOILING_C: f64 = 98;
/** Water gone: the pot's bottom climbs past boiling (the classic rice-cooker thermostat). */
const DRY_C: f64 = 103;
const OVERHEAT_C: f64 = 130;
/** After a power cut, a pot still this hot was off briefly: resume; a cooler one stops safely. */
const RESUME_MIN_C: f64 = 50;

const heater = new Pin(23);
const spi = new Spi(0, 18, -1, 19);
const probe = new Max31855(spi, 5);
const store = new Kv("cooker");
const clock = new LocalTime();
let phaseSeconds: i32 = 0;
let resumeChecked = false;

export function sail_setup(): void {
  deviceInformation.manufacturer = "Sail";
  deviceInformation.model = "sail.cooker.rice1";
  deviceInformation.serialNumber = "RC1-0001";
  deviceInformation.firmwareRevision = "1.0.0";
  heater.output(false);
  cooker.targetTime = <i16>store.getInt("start", -1);
  cooker.onStartCook = start;
  cooker.onCancelCooking = cancel;
  cooker.onSetTargetTime = schedule;
  cooker.status = cooker.targetTime >= 0 ? SCHEDULED : IDLE;
  Timer.every(1000, tick);
  log.info("rice-cooker: MAX31855 on SPI 0 (CS 5), heater relay on GPIO 23");
}

function enter(phase: u8): void {
  phaseSeconds = 0;
  cooker.setStatus(phase);
  store.setInt("phase", phase);
  log.info("phase " + phase.toString() + " at " + cooker.temperature.toString() + " C");
}

function start(): i32 {
  if (cooker.status != IDLE && cooker.status != SCHEDULED && cooker.status != KEEP_WARM) return MiotCode.ACTION_IN_ERROR;
  enter(SOAK);
  return MiotCode.OK;
}

function cancel(): i32 {
  heater.write(false);
  enter(cooker.targetTime >= 0 ? SCHEDULED : IDLE);
  return MiotCode.OK;
}

function schedule(): i32 {
  store.setInt("start", cooker.targetTime);
  if (cooker.status == IDLE || cooker.status == SCHEDULED) cooker.setStatus(cooker.targetTime >= 0 ? SCHEDULED : IDLE);
  return MiotCode.OK;
}

/** Holds the pot between `low` and `high` with the relay. */
function hold(t: f64, low: f64, high: f64): void {
  if (t < low) heater.write(true);
  else if (t > high) heater.write(false);
}

function stopSafely(why: string): void {
  heater.write(false);
  log.error(why + ": heater off");
  enter(FAULT);
}

/** After a boot: what the last boot was doing, and whether the pot is still hot enough to go on. */
function resumeAfterPowerCut(t: f64): void {
  resumeChecked = true;
  const phase = <u8>store.getInt("phase", IDLE);
  if (phase < SOAK || phase > KEEP_WARM) return;
  if (t >= RESUME_MIN_C || phase == SOAK) {
    log.warn("power was cut while cooking: the pot is at " + t.toString() + " C, resuming phase " + phase.toString());
    enter(phase);
  } else {
    log.warn("power was cut while cooking and the pot cooled to " + t.toString() + " C: stopped");
    enter(IDLE);
  }
}

function tick(): void {
  if (probe.read() != Status.OK || probe.sample.faults != 0) {
    if (cooker.status != IDLE && cooker.status != SCHEDULED && cooker.status != FAULT)
      stopSafely("thermocouple fault " + probe.sample.faults.toString());
    heater.write(false);
    return;
  }
  const t = probe.sample.thermocoupleC;
  cooker.temperature = <f32>t;
  if (!resumeChecked) resumeAfterPowerCut(t);
  if (t > OVERHEAT_C && cooker.status != FAULT) { stopSafely("over " + OVERHEAT_C.toString() + " C"); return; }
  phaseSeconds++;
  const s = cooker.status;
  if (s == SCHEDULED) {
    if (time.local(clock) && clock.minuteOfDay == <i32>cooker.targetTime) {
      cooker.setTargetTime(-1);
      store.setInt("start", -1);
      enter(SOAK);
    }
  } else if (s == SOAK) {
    hold(t, 45, 50);
    if (phaseSeconds >= SOAK_S) enter(HEAT);
  } else if (s == HEAT) {
    heater.write(true);
    if (t >= BOILING_C) enter(BOIL);
  } else if (s == BOIL) {
    heater.write(true);
    if (t >= DRY_C) enter(SIMMER);
    else if (phaseSeconds >= BOIL_MAX_S) stopSafely("still boiling after an hour");
  } else if (s == SIMMER) {
    hold(t, 95, 98);
    if (phaseSeconds >= SIMMER_S) {
      enter(KEEP_WARM);
      cooker.raiseCookingFinished(<f32>t);
    }
  } else if (s == KEEP_WARM) {
    hold(t, 65, 70);
  } else {
    heater.write(false);
  }
}
