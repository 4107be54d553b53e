// Blink: the on-board LED on GPIO 2 at 1 Hz (on 500 ms, off 500 ms).

import { Pin, Timer } from "../../../assembly/sail";
export { sail_event, sail_abi_version } from "../../../assembly/sail";

const LED_GPIO: i32 = 2;
const HALF_PERIOD_MS: i64 = 500;

const led = new Pin(LED_GPIO);
let on = false;

export function sail_setup(): void {
  led.output(false);
  Timer.every(HALF_PERIOD_MS, toggle);
}

function toggle(): void {
  on = !on;
  led.write(on);
}
