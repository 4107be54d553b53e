// The newest pin changes kept as plain numbers in typed arrays, oldest
// overwritten first. A pin change is the board's hottest event (a firmware may
// toggle a pin thousands of times a virtual millisecond): storing one here
// allocates nothing, so a long storm does not grow the JavaScript heap. The
// arrays start small and double up to the capacity, so a board that changes
// few pins (a fleet's) holds little. Reading turns the entries into objects
// once, and again only after a change.

import type { KeptCount } from "./kept.js";
import type { Level, TraceEntry } from "./pin-trace.js";

const FIRST_SIZE = 256;
const PWM = 2; // a kind code beside the levels 0 and 1
const LEDS = 3; // an LED chain's frame: its colours in #colours at the same slot

export class PinRing {
  #times = new Float64Array(0);
  #gpios = new Uint8Array(0);
  #kinds = new Uint8Array(0); // 0 or 1: a level change to that level; PWM: a PWM change
  #duties = new Float64Array(0);
  #freqs = new Float64Array(0);
  #colours: (readonly number[] | undefined)[] = []; // by slot, for LEDS entries only (a stale one is never read)
  #start = 0; // the slot of the oldest entry held
  #held = 0;
  #dropped = 0;
  #cleared = 0;
  #entries: readonly TraceEntry[] | null = [];

  constructor(readonly capacity: number) {}

  level(timeUs: number, gpio: number, level: Level): void {
    const slot = this.#slot();
    if (slot < 0) return;
    this.#times[slot] = timeUs;
    this.#gpios[slot] = gpio;
    this.#kinds[slot] = level;
  }

  pwm(timeUs: number, gpio: number, dutyFraction: number, freqHz: number): void {
    const slot = this.#slot();
    if (slot < 0) return;
    this.#times[slot] = timeUs;
    this.#gpios[slot] = gpio;
    this.#kinds[slot] = PWM;
    this.#duties[slot] = dutyFraction;
    this.#freqs[slot] = freqHz;
  }

  leds(timeUs: number, gpio: number, colours: readonly number[]): void {
    const slot = this.#slot();
    if (slot < 0) return;
    this.#times[slot] = timeUs;
    this.#gpios[slot] = gpio;
    this.#kinds[slot] = LEDS;
    this.#colours[slot] = colours;
  }

  /** The entries held, oldest first (the newest `capacity` recorded). */
  get entries(): readonly TraceEntry[] {
    return (this.#entries ??= this.#materialize());
  }

  /** The time of the oldest entry held, if any. */
  get oldestUs(): number | undefined {
    return this.#held === 0 ? undefined : this.#times[this.#start];
  }

  get dropped(): number {
    return this.#dropped;
  }

  get count(): KeptCount {
    return {
      capacity: this.capacity,
      kept: this.#held,
      dropped: this.#dropped,
      total: this.#dropped + this.#cleared + this.#held,
    };
  }

  /** Lets every entry go; they count as cleared, not dropped. */
  clear(): void {
    this.#cleared += this.#held;
    this.#start = 0;
    this.#held = 0;
    this.#entries = [];
  }

  /** The slot the next entry goes to (the oldest one's when full), or -1 when nothing is kept. */
  #slot(): number {
    this.#entries = null;
    if (this.#held === this.#times.length && this.#held < this.capacity) this.#grow();
    const size = this.#times.length;
    if (size === 0) {
      this.#dropped++;
      return -1;
    }
    if (this.#held < size) {
      const slot = (this.#start + this.#held) % size;
      this.#held++;
      return slot;
    }
    const slot = this.#start;
    this.#start = (this.#start + 1) % size;
    this.#dropped++;
    return slot;
  }

  /** Doubles the arrays (up to the capacity), the entries moved oldest first to slot 0. */
  #grow(): void {
    const size = Math.min(this.capacity, Math.max(FIRST_SIZE, this.#times.length * 2));
    const order = (from: Float64Array | Uint8Array, to: Float64Array | Uint8Array): void => {
      const head = from.subarray(this.#start, this.#start + this.#held);
      to.set(head);
      to.set(from.subarray(0, this.#held - head.length), head.length);
    };
    const times = new Float64Array(size);
    const gpios = new Uint8Array(size);
    const kinds = new Uint8Array(size);
    const duties = new Float64Array(size);
    const freqs = new Float64Array(size);
    order(this.#times, times);
    order(this.#gpios, gpios);
    order(this.#kinds, kinds);
    order(this.#duties, duties);
    order(this.#freqs, freqs);
    if (this.#colours.length > 0) {
      const old = this.#colours;
      const oldSize = this.#times.length;
      this.#colours = Array.from({ length: this.#held }, (_, i) => old[(this.#start + i) % oldSize]);
    }
    this.#times = times;
    this.#gpios = gpios;
    this.#kinds = kinds;
    this.#duties = duties;
    this.#freqs = freqs;
    this.#start = 0;
  }

  #materialize(): TraceEntry[] {
    const out: TraceEntry[] = new Array<TraceEntry>(this.#held);
    const size = this.#times.length;
    for (let i = 0; i < this.#held; i++) {
      const slot = (this.#start + i) % size;
      const timeUs = this.#times[slot] as number;
      const gpio = this.#gpios[slot] as number;
      const kind = this.#kinds[slot] as number;
      if (kind === LEDS) {
        out[i] = { timeUs, kind: "leds", gpio, colours: this.#colours[slot] ?? [] };
        continue;
      }
      out[i] =
        kind === PWM
          ? {
              timeUs,
              kind: "pwm",
              gpio,
              dutyFraction: this.#duties[slot] as number,
              freqHz: this.#freqs[slot] as number,
            }
          : { timeUs, kind: "level", gpio, level: kind as Level };
    }
    return out;
  }
}
