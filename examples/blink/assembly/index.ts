// Blink: the board's own LED at 1 Hz (on 500 ms, off 500 ms), whatever kind
// it is: a plain LED on a pin (GPIO 2 on the ESP32-DevKitC), or the
// addressable RGB LED of the ESP32-C3-DevKitM (GPIO 8), lit white.

import { onboardLed, Timer } from "../../../assembly/sail";
export { sail_event, sail_abi_version } from "../../../assembly/sail";

const HALF_PERIOD_MS: i64 = 500;
/** A dim white: the C3's LED is bright at full scale. */
const WHITE: u32 = 0x202020;

let on = false;

export function sail_setup(): void {
  onboardLed.set(false);
  Timer.every(HALF_PERIOD_MS, toggle);
}

function toggle(): void {
  on = !on;
  onboardLed.set(on, WHITE);
}
