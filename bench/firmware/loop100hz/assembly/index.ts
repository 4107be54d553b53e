// A 100 Hz control loop: each tick writes one GPIO and reads one ADC channel.

import { Adc, Pin, Timer } from "../../../../assembly/sail";
export { sail_event, sail_abi_version } from "../../../../assembly/sail";

const out = new Pin(4);
const sensor = new Adc(34);
let level = false;
export let lastReading: i32 = 0;

export function sail_setup(): void {
  out.output(false);
  Timer.every(10, tick);
}

function tick(): void {
  level = !level;
  out.write(level);
  lastReading = sensor.raw();
}
