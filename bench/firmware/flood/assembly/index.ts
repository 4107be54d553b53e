// Fills everything a board keeps: every millisecond a log line and 20 level
// changes of GPIO 4, so within 10 virtual seconds the pin trace (100,000
// changes) and the logs (10,000 lines) hold as much as they keep.

import { Timer, log } from "../../../../assembly/sail";
import { gpio_mode, gpio_write } from "../../../../assembly/sail/bindings";
export { sail_event, sail_abi_version } from "../../../../assembly/sail";

export function sail_setup(): void {
  gpio_mode(4, 2, 0);
  Timer.every(1, tick);
}

function tick(): void {
  for (let i = 0; i < 20; i++) gpio_write(4, (i + 1) & 1);
  log.info("tick"); // a constant text: the stub runtime never frees a built one
}
