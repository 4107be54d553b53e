// A firmware that attacks its board on purpose, one mode at a time, for the
// fuzzing suite: the test drives GPIO 25, 26, 27 and 32 (bits 0..3) to choose
// the mode, which starts 10 ms after boot. Compiled in the test with asc and
// left unmetered, so flashing meters it as it meters any bare image.

import { ENTRY } from "./snippets.js";

/** The mode-select pins, bit 0 first (input-capable on esp32-devkitc). */
export const HOSTILE_SELECT = [25, 26, 27, 32] as const;

/** Each mode, by number; `faulty`: the board must reset with a recorded reason. */
export const HOSTILE_MODES: readonly { readonly mode: number; readonly what: string; readonly faulty: boolean }[] = [
  { mode: 1, what: "a loop without host calls", faulty: true },
  { mode: 2, what: "a loop making host calls", faulty: true },
  { mode: 3, what: "endless recursion", faulty: true },
  { mode: 4, what: "memory growth until none is left", faulty: true },
  { mode: 5, what: "a flood of 1 µs periodic timers", faulty: false },
  { mode: 6, what: "a log flood", faulty: false },
  { mode: 7, what: "a pin storm", faulty: false },
  { mode: 8, what: "an I2C bus storm to an absent device", faulty: false },
  { mode: 9, what: "key-value writes in a loop", faulty: false },
  { mode: 10, what: "OTA confirm and reject abuse", faulty: false },
  { mode: 11, what: "memory.grow by the largest count", faulty: false },
  { mode: 12, what: "a restart loop", faulty: false },
];

const IMPORTS = "I2c, Kv, Pin, Pull, Timer, log, ota, system";

export const HOSTILE_SOURCE = `${ENTRY}import { ${IMPORTS} } from "../../assembly/sail";
import { gpio_read } from "../../assembly/sail/bindings";

const SELECT: StaticArray<i32> = [${HOSTILE_SELECT.join(", ")}];
const sink = new Array<Uint8Array>();
let m = 0;

function mode(): i32 {
  let v = 0;
  for (let bit = 0; bit < 4; bit++) if (new Pin(SELECT[bit]).input(Pull.DOWN).read()) v |= 1 << bit;
  return v;
}

function recurse(n: i32): i32 {
  return n == 0 ? 0 : recurse(n + 1) + 1;
}

function tick(): void {
  if (m == 6) log.info("flood " + system.random().toString());
}

export function sail_setup(): void {
  m = mode();
  log.info("hostile mode " + m.toString());
  Timer.after(10, attack);
}

function attack(): void {
  if (m == 1) { let i: u32 = 0; while (i != 0xffffffff) { i = (i * 7 + 1) | 1; } }
  if (m == 2) while (gpio_read(SELECT[0]) >= 0) {}
  if (m == 3) log.info(recurse(1).toString());
  if (m == 4) for (;;) sink.push(new Uint8Array(4096));
  if (m == 5) for (let t = 0; t < 64; t++) new Timer(tick).startPeriodic(1);
  if (m == 6) { for (let i = 0; i < 20000; i++) log.info("flood " + i.toString()); Timer.every(1, tick); }
  if (m == 7) { const p = new Pin(2).output(false); for (let i = 0; i < 200000; i++) p.write((i & 1) == 1); }
  if (m == 8) { const bus = new I2c(0, 21, 22); for (let i = 0; i < 20000; i++) bus.writeByte(0x40, i & 0xff); }
  if (m == 9) { const kv = new Kv("storm"); for (let i = 0; i < 5000; i++) kv.setInt("k" + (i % 50).toString(), i); }
  if (m == 10) for (let i = 0; i < 1000; i++) { ota.confirm(); ota.reject(); ota.confirm(); }
  if (m == 11) log.info("grow " + memory.grow(0x7fffffff).toString() + " " + memory.grow(65536).toString());
  if (m == 12) system.restart();
}
`;
