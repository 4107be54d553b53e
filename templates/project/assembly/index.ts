// {{name}}: a MIoT light (spec.json). The LED on GPIO 2 shows "on"; clients
// read and write it (2.1) or call toggle (action 2.1); the BOOT button
// (GPIO 0, to ground) toggles it too and tells subscribed clients.
// ./spec is generated from spec.json: after editing the spec, run
//   npx sail spec gen spec.json --sdk sail-sdk/assembly/sail

import { Edge, MiotCode, Pin, Pull, Timer, log } from "sail-sdk/assembly/sail";
import { deviceInformation, light } from "./spec";
export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./spec";

const LED_GPIO: i32 = 2;
const BUTTON_GPIO: i32 = 0;
const DEBOUNCE_US: i64 = 30_000; // contacts bounce for a millisecond or so

const led = new Pin(LED_GPIO);
const button = new Pin(BUTTON_GPIO);
let released = true;
const debounce = new Timer(settle);

export function sail_setup(): void {
  deviceInformation.manufacturer = "{{manufacturer}}";
  deviceInformation.model = "{{model}}";
  deviceInformation.serialNumber = "0001";
  deviceInformation.firmwareRevision = "0.1.0";

  led.output(false);
  light.onSetOn = apply;
  light.onToggle = toggle;

  button.input(Pull.UP);
  released = button.read();
  button.onEdge(Edge.ANY, onEdge);
  log.info("{{name}} ready: press BOOT, or set 2.1 over MIoT");
}

/** Shows the "on" property on the LED. */
function apply(): i32 {
  led.write(light.on);
  log.info(light.on ? "light on" : "light off");
  return MiotCode.OK;
}

/** Flips "on" and tells subscribers (properties_changed). */
function toggle(): i32 {
  light.setOn(!light.on);
  return apply();
}

/** Every edge restarts the debounce timer; only a level that stays put counts. */
function onEdge(level: bool, timeUs: i64): void {
  debounce.startOnce(DEBOUNCE_US);
}

function settle(): void {
  const level = button.read();
  if (level == released) return;
  released = level;
  if (!level) toggle();
}
