// Board time in microseconds, blocking delays, and the time of day: the board
// learns it from the network's time server (SNTP) some seconds after it
// connects; before that `wallclockMs` is -1. The timezone is a POSIX TZ text
// without daylight saving ("CST-8" is UTC+8, "UTC0") kept in the key-value
// store (namespace "sail", key "tz"), so it survives resets.

import { delay_us, time_us, wallclock_us } from "./bindings";
import { Kv } from "./kv";

/** A local date and time, filled by time.local(). */
export class LocalTime {
  year: i32 = 0;
  /** 1..12 */
  month: i32 = 0;
  /** 1..31 */
  day: i32 = 0;
  hour: i32 = 0;
  minute: i32 = 0;
  second: i32 = 0;
  /** 0 Sunday .. 6 Saturday */
  weekday: i32 = 0;
  /** Minutes since local midnight, 0..1439. */
  get minuteOfDay(): i32 { return this.hour * 60 + this.minute; }
}

const TZ_NAMESPACE = "sail";
const TZ_KEY = "tz";

export namespace time {
  let offsetMin: i32 = 0;
  let tzLoaded = false;

  /** Microseconds since boot. */
  export function us(): i64 { return time_us(); }
  /** Milliseconds since boot. */
  export function ms(): i64 { return time_us() / 1000; }

  /** Milliseconds since 1970-01-01 00:00 UTC, or -1 while the board has not learned the time since boot. */
  export function wallclockMs(): i64 {
    const t = wallclock_us();
    return t < 0 ? -1 : t / 1000;
  }

  /** Whether the board knows the time of day. */
  export function known(): bool { return wallclock_us() >= 0; }

  /**
   * Parses a POSIX TZ text without daylight saving, e.g. "CST-8", "UTC0",
   * "<+0530>-5:30": minutes east of UTC, or i32.MIN_VALUE when it cannot.
   */
  export function parseTimezone(tz: string): i32 {
    let i = 0;
    const n = tz.length;
    if (n > 0 && tz.charCodeAt(0) == 60) { // "<...>" quoted name
      while (i < n && tz.charCodeAt(i) != 62) i++;
      i++;
    } else {
      while (i < n && ((tz.charCodeAt(i) | 32) >= 97 && (tz.charCodeAt(i) | 32) <= 122)) i++;
      if (i < 3) return i32.MIN_VALUE;
    }
    let sign = 1;
    if (i < n && (tz.charCodeAt(i) == 43 || tz.charCodeAt(i) == 45)) { sign = tz.charCodeAt(i) == 45 ? -1 : 1; i++; }
    let hours = 0, minutes = 0, digits = 0;
    while (i < n && tz.charCodeAt(i) >= 48 && tz.charCodeAt(i) <= 57) { hours = hours * 10 + tz.charCodeAt(i) - 48; i++; digits++; }
    if (digits == 0 || hours > 24) return i32.MIN_VALUE;
    if (i < n && tz.charCodeAt(i) == 58) {
      i++;
      let d = 0;
      while (i < n && tz.charCodeAt(i) >= 48 && tz.charCodeAt(i) <= 57) { minutes = minutes * 10 + tz.charCodeAt(i) - 48; i++; d++; }
      if (d != 2 || minutes > 59) return i32.MIN_VALUE;
    }
    if (i != n) return i32.MIN_VALUE; // a daylight-saving part is not supported
    // POSIX counts west of UTC as positive: "CST-8" is eight hours east.
    return -sign * (hours * 60 + minutes);
  }

  /** Stores and applies a timezone (see parseTimezone); false, and nothing changed, when it cannot be parsed. */
  export function setTimezone(tz: string): bool {
    const m = parseTimezone(tz);
    if (m == i32.MIN_VALUE) return false;
    new Kv(TZ_NAMESPACE).setString(TZ_KEY, tz);
    offsetMin = m;
    tzLoaded = true;
    return true;
  }

  /** Minutes east of UTC, from the key-value store (0, UTC, when none is stored). */
  export function timezoneMinutes(): i32 {
    if (!tzLoaded) {
      tzLoaded = true;
      const kv = new Kv(TZ_NAMESPACE);
      const tz = kv.ok ? kv.getString(TZ_KEY) : "";
      const m = tz.length > 0 ? parseTimezone(tz) : 0;
      offsetMin = m == i32.MIN_VALUE ? 0 : m;
    }
    return offsetMin;
  }

  /** Fills `out` with the local date and time; false (and `out` untouched) while the time is unknown. */
  export function local(out: LocalTime): bool {
    const ms = wallclockMs();
    if (ms < 0) return false;
    const s = ms / 1000 + <i64>timezoneMinutes() * 60;
    const days = <i32>(s / 86400);
    const sod = <i32>(s % 86400);
    out.hour = sod / 3600;
    out.minute = (sod / 60) % 60;
    out.second = sod % 60;
    out.weekday = (days + 4) % 7; // 1970-01-01 was a Thursday
    // Civil date from days since the epoch (proleptic Gregorian; H. Hinnant's days_from_civil inverse).
    const z = days + 719468;
    const era = z / 146097;
    const doe = z - era * 146097;
    const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const mp = (5 * doy + 2) / 153;
    out.day = doy - (153 * mp + 2) / 5 + 1;
    out.month = mp < 10 ? mp + 3 : mp - 9;
    out.year = yoe + era * 400 + (out.month <= 2 ? 1 : 0);
    return true;
  }
}

/** Blocks for `us` microseconds. Keep it short: events wait meanwhile. */
export function delayUs(us: i64): void { delay_us(us); }

/** Blocks for `ms` milliseconds. */
export function delayMs(ms: i64): void { delay_us(ms * 1000); }
