// The sleep_*, wake_cause and rtc_mem_* imports: wake sources, the two sleep
// depths and RTC memory (see sleep.ts for the semantics).

import { STATUS, type HostImports } from "../abi/table.js";
import { DeepSleepRequest } from "../firmware/faults.js";
import type { SleepProfile } from "../boards/profile-parts.js";
import type { Sleep } from "../power/sleep.js";
import type { GuestMemory } from "../firmware/memory.js";
import type { PinMux } from "../peripherals/pin-mux.js";

type SleepImportName =
  | "sleep_wake_timer"
  | "sleep_wake_pin"
  | "sleep_wake_clear"
  | "sleep_light"
  | "sleep_deep"
  | "wake_cause"
  | "rtc_mem_write"
  | "rtc_mem_read";

export interface SleepImportDeps {
  readonly sleep: Sleep;
  readonly profile: { readonly id: string; readonly sleep: SleepProfile };
  readonly memory: GuestMemory;
  readonly mux: PinMux;
  /** Light sleep starts when the running handler returns. */
  readonly requestLightSleep: () => void;
  readonly warn: (text: string) => void;
}

export function sleepImports(deps: SleepImportDeps): Pick<HostImports, SleepImportName> {
  const { sleep } = deps;
  const rtcCopy = (call: string, offset: number, ptr: number, len: number, toRtc: boolean): number => {
    const rtc = sleep.rtcMemory;
    if (offset < 0 || len < 0 || offset + len > rtc.length) return STATUS.ERR_INVALID_SIZE;
    const app = deps.memory.bytes(ptr, len, call);
    if (toRtc) rtc.set(app, offset);
    else app.set(rtc.subarray(offset, offset + len));
    return STATUS.OK;
  };
  return {
    sleep_wake_timer: (us) => sleep.wakeOnTimer(Number(us)),
    sleep_wake_pin: (pin, level) => {
      deps.mux.exists(pin, "sleep_wake_pin");
      return sleep.wakeOnPin(pin, level);
    },
    sleep_wake_clear: () => sleep.clearWakeSources(),
    sleep_light: () => {
      if (!sleep.hasWakeSource) return STATUS.ERR_INVALID_STATE;
      deps.requestLightSleep();
      return STATUS.OK;
    },
    sleep_deep: () => {
      const misfits = sleep.deepSleepMisfits();
      if (misfits.length > 0) {
        deps.warn(
          `sleep_deep: GPIO ${misfits.join(", ")} cannot wake ${deps.profile.id} from deep sleep ` +
            `(RTC wake pins: ${deps.profile.sleep.wakePins.join(", ")})`,
        );
        return STATUS.ERR_INVALID_ARG;
      }
      throw new DeepSleepRequest(
        sleep.hasWakeSource
          ? `deep sleep until ${sleep.describe()}`
          : "deep sleep with no wake source: only a power-on wakes the board",
      );
    },
    wake_cause: () => sleep.wakeCause,
    rtc_mem_write: (offset, ptr, len) => rtcCopy("rtc_mem_write", offset, ptr, len, true),
    rtc_mem_read: (offset, ptr, len) => rtcCopy("rtc_mem_read", offset, ptr, len, false),
  };
}
