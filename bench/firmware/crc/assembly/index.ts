// A compute-bound tick: CRC-32 over 4 KiB, 100 times a second. Shows the
// worst case of the watchdog metering (tight loops, no host calls).

import { Pin, Timer } from "../../../../assembly/sail";
export { sail_event, sail_abi_version } from "../../../../assembly/sail";

const SIZE: i32 = 4096;
const data = memory.data(SIZE);
const out = new Pin(4);
export let crc: u32 = 0;

export function sail_setup(): void {
  for (let i = 0; i < SIZE; i++) store<u8>(data + i, <u8>(i * 31));
  out.output(false);
  Timer.every(10, tick);
}

function tick(): void {
  let c: u32 = 0xffffffff;
  for (let i = 0; i < SIZE; i++) {
    c ^= load<u8>(data + i);
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & (0 - (c & 1)));
  }
  crc = ~c;
  out.write((crc & 1) != 0);
}
