// Button-LED: each press of the BOOT button (GPIO 0, to ground) toggles the
// LED on GPIO 2. Contacts bounce for a millisecond or so: every edge restarts
// a 30 ms timer, and only a level that stayed put that long counts.

import { Edge, Pin, Pull, Timer, log } from "../../../assembly/sail";
export { sail_event, sail_abi_version } from "../../../assembly/sail";

const BUTTON_GPIO: i32 = 0;
const LED_GPIO: i32 = 2;
const DEBOUNCE_US: i64 = 30_000;

const button = new Pin(BUTTON_GPIO);
const led = new Pin(LED_GPIO);
let released = true;
const debounce = new Timer(settle);

export function sail_setup(): void {
  led.output(false);
  button.input(Pull.UP);
  released = button.read();
  button.onEdge(Edge.ANY, onEdge);
  log.info("button-led: press BOOT (GPIO 0) to toggle the LED (GPIO 2)");
}

function onEdge(level: bool, timeUs: i64): void {
  debounce.startOnce(DEBOUNCE_US);
}

function settle(): void {
  const level = button.read();
  if (level == released) return;
  released = level;
  if (!level) {
    led.toggle();
    log.info(led.read() ? "LED on" : "LED off");
  }
}
