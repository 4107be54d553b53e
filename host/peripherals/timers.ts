// Software timers (like ESP-IDF esp_timer): one-shot or periodic, by the id
// the firmware chose. A periodic timer keeps its grid: the next expiry is the
// previous due time plus the period, so handler run time does not drift it.

import { STATUS } from "../abi/table.js";
import type { Alarm, VirtualClock } from "../time/clock.js";

export interface TimersHost {
  readonly clock: VirtualClock;
  /** Board time, including the running handler's: a timer started in a handler counts from then. */
  readonly now: () => number;
  /** A timer expired: deliver TIMER. */
  readonly fire: (id: number, dueUs: number) => void;
}

export class Timers {
  readonly #alarms: (Alarm | null)[];

  constructor(
    readonly config: { readonly timers: number },
    readonly host: TimersHost,
  ) {
    this.#alarms = Array.from({ length: config.timers }, () => null);
  }

  start(id: number, delayUs: number, periodUs: number): number {
    if (id < 0 || id >= this.#alarms.length || delayUs < 0 || periodUs < 0) return STATUS.ERR_INVALID_ARG;
    this.host.clock.cancel(this.#alarms[id]);
    this.#arm(id, this.host.now() + delayUs, periodUs);
    return STATUS.OK;
  }

  stop(id: number): number {
    const alarm = this.#alarms[id];
    if (alarm === undefined) return STATUS.ERR_INVALID_ARG;
    if (alarm === null || alarm.cancelled) return STATUS.ERR_INVALID_STATE;
    this.host.clock.cancel(alarm);
    this.#alarms[id] = null;
    return STATUS.OK;
  }

  reset(): void {
    for (const a of this.#alarms) this.host.clock.cancel(a);
    this.#alarms.fill(null);
  }

  #arm(id: number, dueUs: number, periodUs: number): void {
    this.#alarms[id] = this.host.clock.at(dueUs, () => {
      if (periodUs > 0) this.#arm(id, dueUs + periodUs, periodUs);
      else this.#alarms[id] = null;
      this.host.fire(id, dueUs);
    });
  }
}
