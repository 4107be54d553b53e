// Every 10 ms, 10,000 gpio_write calls: the cost of one ABI call.

import { Timer } from "../../../../assembly/sail";
import { gpio_mode, gpio_write } from "../../../../assembly/sail/bindings";
export { sail_event, sail_abi_version } from "../../../../assembly/sail";

export const CALLS_PER_TICK: i32 = 10_000;

export function sail_setup(): void {
  gpio_mode(4, 2, 0);
  Timer.every(10, tick);
}

function tick(): void {
  for (let i = 0; i < CALLS_PER_TICK; i++) gpio_write(4, i & 1);
}
