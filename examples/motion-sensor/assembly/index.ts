// Motion sensor: a MIoT motion sensor (spec.json) reading a PIR module on
// GPIO 4 — AM312 or HC-SR501: output idle low, high while motion is seen and
// for the module's hold time after the last motion (retriggerable), then low
// (docs/reference/boards-and-parts.md §8). When motion starts, subscribers get
// properties_changed (motion-state true) and the motion-detected event; when
// the module's output falls, properties_changed (motion-state false).
// Bindings: `sail spec gen spec.json` writes assembly/spec.ts.

import { Edge, Pin, Pull, log } from "../../../assembly/sail";
import { deviceInformation, motionSensor } from "./spec";
export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./spec";

/** The PIR's output; GPIO 4 is free of strapping duties on the ESP32 and the ESP32-C3. */
const PIR_GPIO: i32 = 4;

const pir = new Pin(PIR_GPIO);
let motions: u32 = 0;

export function sail_setup(): void {
  deviceInformation.manufacturer = "Sail";
  deviceInformation.model = "sail.sensor.motion1";
  deviceInformation.serialNumber = "SM1-0001";
  deviceInformation.firmwareRevision = "1.0.0";

  // The module drives its output push-pull; the pull-down keeps an unplugged
  // input from reading as motion.
  pir.input(Pull.DOWN);
  motionSensor.motionState = pir.read();
  pir.onEdge(Edge.ANY, onEdge);
  log.info("motion-sensor: MIoT motion sensor sail.sensor.motion1, PIR on GPIO 4");
}

function onEdge(level: bool, timeUs: i64): void {
  if (level == motionSensor.motionState) return;
  motionSensor.setMotionState(level);
  if (level) {
    motions++;
    motionSensor.raiseMotionDetected();
    log.info("motion " + motions.toString());
  }
}
