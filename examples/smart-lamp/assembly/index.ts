// Smart lamp: a MIoT light (spec.json) driving warm and cold white LED strings
// on two PWM channels, with a wall button on GPIO 4 (to ground) that toggles
// it. Clients read and write on / brightness / color-temperature; the button
// and the toggle action tell subscribers through properties_changed.
// Bindings: `sail spec gen spec.json` writes assembly/spec.ts.

import { Edge, MiotCode, Pin, Pull, Pwm, Status, Timer, log, ota } from "../../../assembly/sail";
import { deviceInformation, light } from "./spec";
export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./spec";

const WARM_GPIO: i32 = 25;
const COLD_GPIO: i32 = 26;
const BUTTON_GPIO: i32 = 4;
const PWM_HZ: i32 = 5000;
const PWM_BITS: i32 = 13;
const WARMEST_K: f32 = 2700;
const COLDEST_K: f32 = 6500;
const DEBOUNCE_US: i64 = 30_000;

let warm: Pwm | null = null;
let cold: Pwm | null = null;
const button = new Pin(BUTTON_GPIO);
let released = true;
const debounce = new Timer(settle);
/** After an OTA update, the image proves itself by running this long without a fault, then confirms. */
const TRIAL_HEALTHY_US: i64 = 10_000_000;
const trial = new Timer(confirmUpdate);

export function sail_setup(): void {
  deviceInformation.manufacturer = "Sail";
  deviceInformation.model = "sail.light.lamp1";
  deviceInformation.serialNumber = "SL1-0001";
  deviceInformation.firmwareRevision = "1.0.0";
  light.brightness = 80;
  light.colorTemperature = 4000;

  warm = new Pwm(WARM_GPIO, PWM_HZ, PWM_BITS);
  cold = new Pwm(COLD_GPIO, PWM_HZ, PWM_BITS);
  light.onSetOn = apply;
  light.onSetBrightness = apply;
  light.onSetColorTemperature = apply;
  light.onToggle = toggle;

  button.input(Pull.UP);
  released = button.read();
  button.onEdge(Edge.ANY, onEdge);
  apply();
  if (ota.onTrial()) trial.startOnce(TRIAL_HEALTHY_US);
  log.info("smart-lamp: MIoT light sail.light.lamp1, wall button on GPIO 4");
}

function confirmUpdate(): void {
  log.info(ota.confirm() == Status.OK ? "ota: ran 10 s on trial without a fault; confirmed" : "ota: confirm refused");
}

/** Sets both LED strings from on, brightness and colour temperature. */
function apply(): i32 {
  const level: f32 = light.on ? <f32>light.brightness / 100 : 0;
  const coldShare = (<f32>light.colorTemperature - WARMEST_K) / (COLDEST_K - WARMEST_K);
  warm!.fraction(level * (1 - coldShare));
  cold!.fraction(level * coldShare);
  return MiotCode.OK;
}

function toggle(): i32 {
  light.setOn(!light.on);
  return apply();
}

function onEdge(level: bool, timeUs: i64): void {
  debounce.startOnce(DEBOUNCE_US);
}

function settle(): void {
  const level = button.read();
  if (level == released) return;
  released = level;
  if (!level) toggle();
}
