// One virtual clock per board (or per home): a discrete-event queue in integer
// microseconds. Parts schedule alarms; nothing polls and nothing reads wall
// time. Alarms at the same instant fire in the order they were scheduled.
//
// Alarms are of two classes. Firmware alarms (`at`, `after`: timers, edge and
// UART_RX deliveries, resets) wait while a firmware handler runs and fire
// after it returns. Input alarms (`input`: a finger lifting off a button, a
// part sending bytes, a scenario's drive) are the world outside the chip: they
// also fire while a handler runs, each at its own time, whenever the board
// applies inputs (at every import the firmware calls, and when the handler
// returns), so the firmware reads the world as of its own device time. An
// input alarm never delivers to the firmware itself; what it causes (an edge
// interrupt) is scheduled as a firmware alarm at its time.

import { TimeoutError } from "../errors.js";
import { formatDuration, toMicros, type Duration } from "./duration.js";

export interface Alarm {
  readonly at: number;
  cancelled: boolean;
}

interface Entry extends Alarm {
  readonly seq: number;
  readonly fire: () => void;
}

export class VirtualClock {
  #now = 0;
  #seq = 0;
  #heap: Entry[] = [];
  /** Input alarms, apart so a running handler can take them without touching firmware alarms. */
  #inputs: Entry[] = [];
  /** While firmware runs: its device time (the handler's start plus the time it used so far). */
  #device: (() => number) | null = null;
  /** True while an input alarm fires: the time is its own. */
  #applying = false;

  /** Current virtual time in microseconds (inside a handler: its start, or the last input applied). */
  get now(): number {
    return this.#now;
  }

  /**
   * The time the running code is at: inside a firmware handler its device
   * time, inside an input alarm that alarm's time, else `now`. Peripherals,
   * parts and the world read external inputs at this time.
   */
  get current(): number {
    return this.#device === null || this.#applying ? this.#now : this.#device();
  }

  /** Time of the next pending alarm of either class, or null. */
  get nextAt(): number | null {
    const next = this.#next();
    return next?.at ?? null;
  }

  /** Schedules `fire` at absolute time `at` (clamped to now): a firmware alarm. */
  at(at: number, fire: () => void): Alarm {
    return this.#add(this.#heap, at, fire);
  }

  /** Schedules `fire` after `delayUs` microseconds: a firmware alarm. */
  after(delayUs: number, fire: () => void): Alarm {
    return this.at(this.#now + delayUs, fire);
  }

  /**
   * Schedules an external stimulus at `at` (clamped to now): an input alarm,
   * which also fires while a handler runs once the handler's time reaches it.
   * `fire` must not deliver to the firmware; it schedules what it causes.
   */
  input(at: number, fire: () => void): Alarm {
    return this.#add(this.#inputs, at, fire);
  }

  cancel(alarm: Alarm | null | undefined): void {
    if (alarm) alarm.cancelled = true;
  }

  /**
   * Moves time forward to `t` without firing anything; used when a firmware
   * handler returns, so the firmware alarms falling due meanwhile fire afterwards.
   */
  moveTo(t: number): void {
    if (t > this.#now) this.#now = t;
  }

  /** Firmware starts running: `deviceNow` gives its device time until `leaveFirmware`. */
  enterFirmware(deviceNow: () => number): void {
    this.#device = deviceNow;
  }

  leaveFirmware(): void {
    this.#device = null;
  }

  /**
   * Inside a firmware handler: fires every input alarm due at or before the
   * handler's device time, in order, each at its own time; firmware alarms
   * wait. Outside a handler it does nothing (stepping fires inputs in order).
   */
  applyInputs(): void {
    const device = this.#device;
    if (device === null || this.#applying) return;
    const inputs = this.#inputs;
    this.#dropCancelled(inputs);
    if (inputs.length === 0) return;
    const t = device();
    this.#applying = true;
    try {
      for (let next = inputs[0]; next !== undefined && next.at <= t; next = inputs[0]) {
        this.#pop(inputs);
        this.#fire(next);
        this.#dropCancelled(inputs);
      }
    } finally {
      this.#applying = false;
    }
  }

  /** Fires the next alarm (of either class) due at or before `limit`. Returns false if none. */
  step(limit = Infinity): boolean {
    const next = this.#next();
    if (next === undefined || next.at > limit) return false;
    this.#pop(next === this.#heap[0] ? this.#heap : this.#inputs);
    this.#fire(next);
    return true;
  }

  /** Runs everything due at or before now + d; time ends at least at now + d. */
  advance(d: Duration): void {
    const target = this.#now + toMicros(d);
    while (this.step(target)) {
      /* fire in order */
    }
    this.moveTo(target);
  }

  /**
   * Runs alarms until `condition()` holds, checked before the first and after
   * each alarm. Throws TimeoutError if it does not hold within `timeout`.
   */
  runUntil(condition: () => boolean, timeout: Duration, what = "condition"): void {
    const timeoutUs = toMicros(timeout);
    const deadline = this.#now + timeoutUs;
    if (condition()) return;
    while (this.step(deadline)) {
      if (condition()) return;
    }
    this.moveTo(deadline);
    throw new TimeoutError(`${what} did not hold within ${formatDuration(timeoutUs)} of virtual time`);
  }

  #add(heap: Entry[], at: number, fire: () => void): Alarm {
    const entry: Entry = { at: Math.max(at, this.#now), seq: this.#seq++, fire, cancelled: false };
    this.#push(heap, entry);
    return entry;
  }

  #fire(next: Entry): void {
    if (next.at > this.#now) this.#now = next.at;
    next.cancelled = true;
    next.fire();
  }

  /** The earlier of the two heaps' first alarms (same instant: the one scheduled first). */
  #next(): Entry | undefined {
    this.#dropCancelled(this.#heap);
    this.#dropCancelled(this.#inputs);
    const a = this.#heap[0];
    const b = this.#inputs[0];
    if (a === undefined) return b;
    if (b === undefined) return a;
    return before(a, b) ? a : b;
  }

  #push(h: Entry[], e: Entry): void {
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(e, h[p] as Entry)) break;
      h[i] = h[p] as Entry;
      i = p;
    }
    h[i] = e;
  }

  #pop(h: Entry[]): void {
    const last = h.pop() as Entry;
    if (h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && before(h[r] as Entry, h[l] as Entry) ? r : l;
      if (!before(h[c] as Entry, last)) break;
      h[i] = h[c] as Entry;
      i = c;
    }
    h[i] = last;
  }

  #dropCancelled(h: Entry[]): void {
    while (h[0]?.cancelled) this.#pop(h);
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
