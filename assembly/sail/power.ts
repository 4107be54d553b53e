// Sleep, wake sources and RTC memory (ESP-IDF sleep_modes.rst semantics).
// Light sleep keeps RAM and pins and ends with a wake callback; deep sleep
// ends in a reset with reason DEEPSLEEP, keeping only RTC memory.

import {
  rtc_mem_read, rtc_mem_write, sleep_deep, sleep_light, sleep_wake_clear, sleep_wake_pin, sleep_wake_timer, wake_cause,
} from "./bindings";
import { EventKind, Status, WakeCause } from "./abi";
import { setKindHandler } from "./events";

export { WakeCause };

/** Called when light sleep ends: the wake cause (WakeCause) and the time asleep (µs). */
export type WakeCallback = (cause: i32, asleepUs: i64) => void;

let wakeCallback: WakeCallback | null = null;

function onWakeEvent(id: i32, a: i64, b: i64): i32 {
  const cb = wakeCallback;
  if (cb === null) return Status.ERR_NOT_FOUND;
  cb(<i32>a, b);
  return Status.OK;
}

const scratch = memory.data(8);

export namespace power {
  /** The next sleep ends after `us` microseconds (WakeCause.TIMER). */
  export function wakeAfterUs(us: i64): i32 { return sleep_wake_timer(us); }
  /** The next sleep ends while `gpio` is at `level` (WakeCause.EXT1 on ESP32, GPIO on ESP32-C3). */
  export function wakeOnPin(gpio: i32, level: bool): i32 { return sleep_wake_pin(gpio, level ? 1 : 0); }
  /** Forgets every wake source. */
  export function clearWakeSources(): void { sleep_wake_clear(); }

  /** Light-sleeps once this handler returns; `callback` runs on waking. Other events wait until then. */
  export function lightSleep(callback: WakeCallback): i32 {
    wakeCallback = callback;
    setKindHandler(EventKind.WAKE, onWakeEvent);
    return sleep_light();
  }

  /** Deep-sleeps now: does not return unless a wake pin cannot wake from deep sleep (Status.ERR_INVALID_ARG). */
  export function deepSleep(): i32 { return sleep_deep(); }

  /** Why the last sleep ended; WakeCause.UNDEFINED after any other reset. */
  export function wakeCause(): i32 { return wake_cause(); }
}

/**
 * RTC memory: kept through deep sleep, zeroed by every other reset (like
 * RTC_DATA_ATTR). An access outside it (the profile's sleep.rtcMemBytes) is
 * ERR_INVALID_SIZE: setters return it, getters return `fallback`.
 */
export namespace rtcMemory {
  export function getI32(offset: i32, fallback: i32 = 0): i32 {
    return rtc_mem_read(offset, <i32>scratch, 4) == Status.OK ? load<i32>(scratch) : fallback;
  }
  export function setI32(offset: i32, value: i32): i32 {
    store<i32>(scratch, value);
    return rtc_mem_write(offset, <i32>scratch, 4);
  }
  export function getI64(offset: i32, fallback: i64 = 0): i64 {
    return rtc_mem_read(offset, <i32>scratch, 8) == Status.OK ? load<i64>(scratch) : fallback;
  }
  export function setI64(offset: i32, value: i64): i32 {
    store<i64>(scratch, value);
    return rtc_mem_write(offset, <i32>scratch, 8);
  }
  /** Copies `len` bytes between RTC memory at `offset` and linear memory at `ptr`. */
  export function read(offset: i32, ptr: usize, len: i32): i32 { return rtc_mem_read(offset, <i32>ptr, len); }
  export function write(offset: i32, ptr: usize, len: i32): i32 { return rtc_mem_write(offset, <i32>ptr, len); }
}
