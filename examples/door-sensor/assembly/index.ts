// Door sensor: a battery MIoT magnet sensor (spec.json). A normally open reed
// switch on GPIO 4 closes to ground while the magnet on the door is near; an
// external pull-up makes the pin read 1 when the door is open. The board
// sleeps in deep sleep between changes: the reed wakes it (the pin's level
// opposite to the one it went to sleep at), it tells subscribers, and sleeps
// again. A heartbeat every 12 h reports the state even if nothing moved.
// RTC memory keeps the opening count through deep sleep.
// Bindings: `sail spec gen spec.json` writes assembly/spec.ts.

import { Pin, delayMs, log, ota, power, rtcMemory, system, ResetReason, WakeCause } from "../../../assembly/sail";
import { deviceInformation, magnetSensor } from "./spec";
export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./spec";

/** An RTC GPIO on the ESP32 and one of GPIO 0-5 on the ESP32-C3, so it can wake both from deep sleep. */
const REED_GPIO: i32 = 4;
/** Reed contacts bounce for 0.5-1 ms (docs/reference/boards-and-parts.md §8): read after they settle. */
const SETTLE_MS: i64 = 2;
const HEARTBEAT_US: i64 = 12 * 3600 * 1_000_000;
// RTC memory layout: the opening count and the last reported level.
const RTC_OPENS: i32 = 0;
const RTC_LAST_OPEN: i32 = 4;

export function sail_setup(): void {
  deviceInformation.manufacturer = "Sail";
  deviceInformation.model = "sail.sensor.magnet1";
  deviceInformation.serialNumber = "SD1-0001";
  deviceInformation.firmwareRevision = "1.0.0";

  const reed = new Pin(REED_GPIO).input();
  delayMs(SETTLE_MS);
  const open = reed.read();
  const woken = system.resetReason() == ResetReason.DEEPSLEEP;
  let opens = <u32>rtcMemory.getI32(RTC_OPENS);
  const wasOpen = woken && rtcMemory.getI32(RTC_LAST_OPEN) != 0;

  magnetSensor.openCount = opens;
  magnetSensor.setContactState(!open);
  if (open && !wasOpen) {
    opens++;
    rtcMemory.setI32(RTC_OPENS, <i32>opens);
    magnetSensor.setOpenCount(opens);
    magnetSensor.raiseOpen(opens);
  } else if (!open && wasOpen) {
    magnetSensor.raiseClose();
  }
  rtcMemory.setI32(RTC_LAST_OPEN, open ? 1 : 0);
  const cause = power.wakeCause();
  log.info((open ? "open" : "closed") + ", " + opens.toString() + " openings" + (cause == WakeCause.TIMER ? " (heartbeat)" : ""));

  // Waking from deep sleep is a reset, and a reset on trial rolls an update
  // back: an updated image that got this far (read the reed, queued its
  // report) confirms itself before it first sleeps.
  if (ota.onTrial()) ota.confirm();
  power.wakeOnPin(REED_GPIO, !open);
  power.wakeAfterUs(HEARTBEAT_US);
  power.deepSleep();
}
