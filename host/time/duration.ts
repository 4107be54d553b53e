// Durations as the test API and CLI take them: "50us", "10ms", "1.5s",
// "10 min", "1h", or a number of microseconds. Virtual time is integer µs.

import { SailError } from "../errors.js";

export type Duration = string | number;

const UNIT_US: Readonly<Record<string, number>> = {
  us: 1,
  µs: 1,
  ms: 1_000,
  s: 1_000_000,
  sec: 1_000_000,
  m: 60_000_000,
  min: 60_000_000,
  h: 3_600_000_000,
  d: 86_400_000_000,
};

/** Parses a duration into whole microseconds (rounded). */
export function toMicros(d: Duration): number {
  if (typeof d === "number") {
    if (!Number.isFinite(d) || d < 0)
      throw new SailError(`duration ${d} must be a non-negative number of microseconds`);
    return Math.round(d);
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zµ]+)\s*$/i.exec(d);
  const unit = m?.[2]?.toLowerCase();
  const scale = unit === undefined ? undefined : UNIT_US[unit];
  if (m === null || scale === undefined) {
    throw new SailError(
      `duration "${d}" is not understood; write a number and a ` +
        `unit: us, ms, s, min, h, d (e.g. "10ms", "1.5s", "10 min")`,
    );
  }
  return Math.round(Number(m[1]) * scale);
}

/** Formats µs as seconds with microsecond precision, e.g. "12.000500". */
export function formatSeconds(us: number): string {
  const s = Math.floor(us / 1_000_000);
  return `${s}.${String(us % 1_000_000).padStart(6, "0")}`;
}

/** A short human reading of a duration, e.g. "1.5 s", "250 µs". */
export function formatDuration(us: number): string {
  if (us >= 3_600_000_000) return `${+(us / 3_600_000_000).toFixed(2)} h`;
  if (us >= 60_000_000) return `${+(us / 60_000_000).toFixed(2)} min`;
  if (us >= 1_000_000) return `${+(us / 1_000_000).toFixed(3)} s`;
  if (us >= 1_000) return `${+(us / 1_000).toFixed(3)} ms`;
  return `${us} µs`;
}
