// A log flood: one log line every millisecond (3.6 million a virtual hour).

import { Timer, log } from "../../../../assembly/sail";
export { sail_event, sail_abi_version } from "../../../../assembly/sail";

export function sail_setup(): void {
  Timer.every(1, tick);
}

function tick(): void {
  log.info("tick"); // a constant text: the stub runtime never frees a built one
}
