// A pin storm: GPIO 4 changes level as fast as the board's device time lets
// a handler call gpio_write (unrolled, four calls a loop turn), in 1 ms timer
// ticks. Ten virtual minutes make hundreds of millions of changes: the board
// must keep its memory bounded however many it sees.

import { Timer } from "../../../../assembly/sail";
import { gpio_mode, gpio_write } from "../../../../assembly/sail/bindings";
export { sail_event, sail_abi_version } from "../../../../assembly/sail";

/** Level changes per tick: 2,000 asked for every millisecond; the device time they take decides how many fit. */
export const CHANGES_PER_TICK: i32 = 2_000;

export function sail_setup(): void {
  gpio_mode(4, 2, 0);
  Timer.every(1, tick);
}

function tick(): void {
  for (let i = 0; i < CHANGES_PER_TICK; i += 4) {
    gpio_write(4, 1);
    gpio_write(4, 0);
    gpio_write(4, 1);
    gpio_write(4, 0);
  }
}
