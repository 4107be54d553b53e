// Software timers (like ESP-IDF esp_timer): one-shot or periodic, by the id
// the firmware chose. A periodic timer keeps its grid: the next expiry is the
// previous due time plus the period, so handler run time does not drift it.

import { MAX_TIMERS, STATUS } from "../abi/table.js";
import type { Alarm, VirtualClock } from "../time/clock.js";

export class Timers {
  readonly #alarms: (Alarm | null)[] = Array.from({ length: MAX_TIMERS }, () => null);

  constructor(
    readonly clock: VirtualClock,
    readonly now: () => number,
    readonly fire: (id: number, dueUs: number) => void,
  ) {}

  start(id: number, delayUs: number, periodUs: number): number {
    if (id < 0 || id >= MAX_TIMERS || delayUs < 0 || periodUs < 0) return STATUS.ERR_INVALID_ARG;
    this.clock.cancel(this.#alarms[id]);
    this.#arm(id, this.now() + delayUs, periodUs);
    return STATUS.OK;
  }

  stop(id: number): number {
    const alarm = this.#alarms[id];
    if (alarm === undefined) return STATUS.ERR_INVALID_ARG;
    if (alarm === null || alarm.cancelled) return STATUS.ERR_INVALID_STATE;
    this.clock.cancel(alarm);
    this.#alarms[id] = null;
    return STATUS.OK;
  }

  reset(): void {
    for (const a of this.#alarms) this.clock.cancel(a);
    this.#alarms.fill(null);
  }

  #arm(id: number, dueUs: number, periodUs: number): void {
    this.#alarms[id] = this.clock.at(dueUs, () => {
      if (periodUs > 0) this.#arm(id, dueUs + periodUs, periodUs);
      else this.#alarms[id] = null;
      this.fire(id, dueUs);
    });
  }
}
