// A board's pin trace as a Value Change Dump (IEEE 1364-2005 §18.2, four-state
// VCD) for GTKWave, PulseView and Surfer: levels as 1-bit wires, PWM as duty and
// frequency `real` variables (docs/decisions.md D24), in virtual microseconds.

import { SailError } from "../errors.js";
import type { TraceEntry } from "./pin-trace.js";

export interface VcdOptions {
  /** Board profile id; becomes the top `$scope module` (non-identifier characters as `_`). */
  readonly board: string;
  /** End of the run in µs; the dump ends with `#endUs` so viewers show the whole run. */
  readonly endUs: number;
  /** Text of `$date`; defaults to a fixed text so the same run gives the same file. */
  readonly date?: string;
}

/** What `boardVcd` needs of a Board (structural, so this file does not import board.ts). */
export interface VcdSource {
  readonly trace: { readonly entries: readonly TraceEntry[] };
  readonly profile: { readonly id: string };
  readonly clock: { readonly now: number };
}

const DEFAULT_DATE = "virtual time";
const VERSION = "Sail";
const TIMESCALE = "1 us"; // §18.2.3.7: the trace counts integer µs
const ID_FIRST = 0x21; // "!" — §18.2.1: identifier codes are printable ASCII "!".."~"
const ID_COUNT = 0x7e - 0x21 + 1; // 94

type Kind = "wire" | "duty" | "hz";

interface Variable {
  readonly gpio: number;
  readonly kind: Kind;
  readonly id: string;
}

/**
 * The VCD text of trace entries: one `wire 1` `gpio<N>` per pin with level
 * changes (`x` at #0: pins start as floating inputs), and `real` variables
 * `gpio<N>_duty` (0..1) and `gpio<N>_hz` per PWM pin (0 at #0). Value changes
 * follow grouped by timestamp, entries at the same µs in trace order; a PWM
 * entry writes only the fields that changed. Output is deterministic.
 *
 * For a live run, record nothing extra: the board's trace keeps every entry, so
 * `traceToVcd(board.trace.entries, …)` (or `boardVcd(board)`) at the end suffices.
 */
export function traceToVcd(entries: readonly TraceEntry[], options: VcdOptions): string {
  const { endUs } = options;
  if (!Number.isSafeInteger(endUs) || endUs < 0)
    throw new SailError(`VCD: endUs ${endUs} must be a whole number of µs, 0 or more`);
  for (const e of entries) {
    if (!Number.isSafeInteger(e.timeUs) || e.timeUs < 0)
      throw new SailError(`VCD: GPIO${e.gpio} entry at ${e.timeUs} µs: times must be whole µs, 0 or more`);
    if (e.timeUs > endUs)
      throw new SailError(`VCD: GPIO${e.gpio} entry at ${e.timeUs} µs is after the end of the run (${endUs} µs)`);
  }

  const vars = declare(entries);
  const byKey = new Map(vars.map((v) => [key(v.gpio, v.kind), v.id]));
  const idOf = (gpio: number, kind: Kind): string => byKey.get(key(gpio, kind)) as string;

  const out: string[] = [
    `$date ${options.date ?? DEFAULT_DATE} $end`,
    `$version ${VERSION} $end`,
    `$timescale ${TIMESCALE} $end`,
    `$scope module ${scopeName(options.board)} $end`,
  ];
  for (const v of vars) {
    out.push(
      v.kind === "wire"
        ? `$var wire 1 ${v.id} gpio${v.gpio} $end`
        : `$var real 64 ${v.id} gpio${v.gpio}_${v.kind} $end`,
    );
  }
  out.push("$upscope $end", "$enddefinitions $end", "#0", "$dumpvars");
  for (const v of vars) out.push(v.kind === "wire" ? `x${v.id}` : `r0 ${v.id}`);
  out.push("$end");

  // Stable sort: the trace is in time order already, and ties keep trace order.
  const sorted = [...entries].sort((a, b) => a.timeUs - b.timeUs);
  const reals = new Map<string, number>(vars.filter((v) => v.kind !== "wire").map((v) => [v.id, 0]));
  let lastTime = 0;
  for (const e of sorted) {
    const changes: string[] = [];
    if (e.kind === "level") {
      changes.push(`${e.level}${idOf(e.gpio, "wire")}`);
    } else {
      for (const [kind, value] of [
        ["duty", e.dutyFraction],
        ["hz", e.freqHz],
      ] as const) {
        const id = idOf(e.gpio, kind);
        if (reals.get(id) === value) continue;
        reals.set(id, value);
        changes.push(`r${formatReal(value)} ${id}`);
      }
    }
    if (changes.length === 0) continue;
    if (e.timeUs !== lastTime) {
      out.push(`#${e.timeUs}`);
      lastTime = e.timeUs;
    }
    out.push(...changes);
  }
  if (endUs > lastTime) out.push(`#${endUs}`);
  return out.join("\n") + "\n";
}

/** The VCD of everything a board's pins did so far, ending at its current virtual time. */
export function boardVcd(board: VcdSource, date?: string): string {
  return traceToVcd(board.trace.entries, {
    board: board.profile.id,
    endUs: board.clock.now,
    ...(date === undefined ? {} : { date }),
  });
}

/** The n-th identifier code (0-based): "!".."~", then "!!", "!\"", … (bijective base 94). */
export function vcdId(n: number): string {
  let id = "";
  let k = n + 1;
  while (k > 0) {
    k -= 1;
    id = String.fromCharCode(ID_FIRST + (k % ID_COUNT)) + id;
    k = Math.floor(k / ID_COUNT);
  }
  return id;
}

// ---------------------------------------------------------------------------

/** Variables sorted by GPIO, then wire, duty, hz; ids handed out in that order. */
function declare(entries: readonly TraceEntry[]): Variable[] {
  const levels = new Set<number>();
  const pwm = new Set<number>();
  for (const e of entries) (e.kind === "level" ? levels : pwm).add(e.gpio);
  const gpios = [...new Set([...levels, ...pwm])].sort((a, b) => a - b);
  const kinds: { gpio: number; kind: Kind }[] = [];
  for (const gpio of gpios) {
    if (levels.has(gpio)) kinds.push({ gpio, kind: "wire" });
    if (pwm.has(gpio)) kinds.push({ gpio, kind: "duty" }, { gpio, kind: "hz" });
  }
  return kinds.map((k, i) => ({ ...k, id: vcdId(i) }));
}

function key(gpio: number, kind: Kind): string {
  return `${gpio}:${kind}`;
}

/** §18.2.3.6: the scope name is an identifier; board ids have dashes. */
function scopeName(board: string): string {
  const name = board.replace(/[^A-Za-z0-9_]/g, "_");
  return name === "" ? "board" : name;
}

/** Shortest text that reads back as the same double (viewers parse with strtod). */
function formatReal(value: number): string {
  if (!Number.isFinite(value)) throw new SailError(`VCD: PWM value ${value} is not a finite number`);
  return String(value);
}
