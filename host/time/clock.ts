// One virtual clock per board (or per home): a discrete-event queue in integer
// microseconds. Parts schedule alarms; nothing polls and nothing reads wall
// time. Alarms at the same instant fire in the order they were scheduled.

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

  /** Current virtual time in microseconds. */
  get now(): number {
    return this.#now;
  }

  /** Time of the next pending alarm, or null. */
  get nextAt(): number | null {
    this.#dropCancelled();
    return this.#heap[0]?.at ?? null;
  }

  /** Schedules `fire` at absolute time `at` (clamped to now). */
  at(at: number, fire: () => void): Alarm {
    const entry: Entry = { at: Math.max(at, this.#now), seq: this.#seq++, fire, cancelled: false };
    this.#push(entry);
    return entry;
  }

  /** Schedules `fire` after `delayUs` microseconds. */
  after(delayUs: number, fire: () => void): Alarm {
    return this.at(this.#now + delayUs, fire);
  }

  cancel(alarm: Alarm | null | undefined): void {
    if (alarm) alarm.cancelled = true;
  }

  /**
   * Moves time forward to `t` without firing anything; used while a firmware
   * handler runs or blocks, so alarms falling due meanwhile fire afterwards.
   */
  moveTo(t: number): void {
    if (t > this.#now) this.#now = t;
  }

  /** Fires the next alarm due at or before `limit`. Returns false if none. */
  step(limit = Infinity): boolean {
    this.#dropCancelled();
    const next = this.#heap[0];
    if (next === undefined || next.at > limit) return false;
    this.#pop();
    if (next.at > this.#now) this.#now = next.at;
    next.cancelled = true;
    next.fire();
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

  #push(e: Entry): void {
    const h = this.#heap;
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

  #pop(): void {
    const h = this.#heap;
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

  #dropCancelled(): void {
    while (this.#heap[0]?.cancelled) this.#pop();
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
