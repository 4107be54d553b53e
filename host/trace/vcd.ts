// A board's pin trace as a Value Change Dump (IEEE 1364-2005 §18.2, four-state
// VCD) for GTKWave, PulseView and Surfer: levels as 1-bit wires, PWM as duty and
// frequency `real` variables (docs/decisions.md D24), addressable LEDs as one
// 24-bit vector per LED (0xRRGGBB), in virtual microseconds.

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

/** A pin's level, or its PWM duty or frequency. */
export type VcdKind = "wire" | "duty" | "hz" | `led${number}`;
type Kind = VcdKind;

/** A declared VCD variable. */
export interface Variable {
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
 * The board's trace keeps only its newest entries (kept.ts): for a whole run
 * longer than that, stream with `VcdStream` (vcd-stream.ts) as `sail run --vcd` does.
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

  const levels = new Set<number>();
  const pwm = new Set<number>();
  const leds = new Map<number, number>();
  for (const e of entries) noteVariable(e, levels, pwm, leds);
  const vars = declareVariables(levels, pwm, leds);
  const byKey = new Map(vars.map((v) => [key(v.gpio, v.kind), v.id]));
  const out = vcdHeader(vars, options);
  // Stable sort: the trace is in time order already, and ties keep trace order.
  const sorted = [...entries].sort((a, b) => a.timeUs - b.timeUs);
  const body = new VcdBody((gpio, kind) => byKey.get(key(gpio, kind)) as string);
  for (const e of sorted) body.write(e, out);
  body.end(endUs, out);
  return out.join("\n") + "\n";
}

/** The lines before the value changes: definitions, and every variable's value at #0. */
export function vcdHeader(vars: readonly Variable[], options: Omit<VcdOptions, "endUs">): string[] {
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
        : isLed(v.kind)
          ? `$var wire 24 ${v.id} gpio${v.gpio}_${v.kind} $end`
          : `$var real 64 ${v.id} gpio${v.gpio}_${v.kind} $end`,
    );
  }
  out.push("$upscope $end", "$enddefinitions $end", "#0", "$dumpvars");
  for (const v of vars) out.push(v.kind === "wire" ? `x${v.id}` : isLed(v.kind) ? `b0 ${v.id}` : `r0 ${v.id}`);
  out.push("$end");
  return out;
}

/**
 * The value-change lines of trace entries in time order: a `#time` line when
 * the time moves, a PWM entry only with the fields that changed. `idOf`
 * gives a variable's identifier code (or, when streaming, a stand-in for it).
 */
export class VcdBody {
  #lastTime = 0;
  readonly #reals = new Map<string, number>();

  constructor(readonly idOf: (gpio: number, kind: VcdKind) => string) {}

  write(e: TraceEntry, out: string[]): void {
    const changes: string[] = [];
    if (e.kind === "level") {
      changes.push(`${e.level}${this.idOf(e.gpio, "wire")}`);
    } else if (e.kind === "leds") {
      e.colours.forEach((c, i) => {
        const k = key(e.gpio, `led${i}`);
        if ((this.#reals.get(k) ?? 0) === c) return;
        this.#reals.set(k, c);
        changes.push(`b${c.toString(2)} ${this.idOf(e.gpio, `led${i}`)}`);
      });
    } else {
      for (const [kind, value] of [
        ["duty", e.dutyFraction],
        ["hz", e.freqHz],
      ] as const) {
        const k = key(e.gpio, kind);
        if ((this.#reals.get(k) ?? 0) === value) continue;
        this.#reals.set(k, value);
        changes.push(`r${formatReal(value)} ${this.idOf(e.gpio, kind)}`);
      }
    }
    if (changes.length === 0) return;
    if (e.timeUs !== this.#lastTime) {
      out.push(`#${e.timeUs}`);
      this.#lastTime = e.timeUs;
    }
    out.push(...changes);
  }

  /** The last line: the end of the run, so viewers show all of it. */
  end(endUs: number, out: string[]): void {
    if (endUs > this.#lastTime) out.push(`#${endUs}`);
  }
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

/** Adds the variables an entry needs: a wire, PWM reals, or as many LED vectors as the chain has LEDs. */
export function noteVariable(e: TraceEntry, levels: Set<number>, pwm: Set<number>, leds: Map<number, number>): void {
  if (e.kind === "level") levels.add(e.gpio);
  else if (e.kind === "pwm") pwm.add(e.gpio);
  else leds.set(e.gpio, Math.max(leds.get(e.gpio) ?? 0, e.colours.length));
}

function isLed(kind: Kind): boolean {
  return kind.startsWith("led");
}

/** Variables sorted by GPIO, then wire, duty, hz, LEDs; ids handed out in that order. */
export function declareVariables(
  levels: ReadonlySet<number>,
  pwm: ReadonlySet<number>,
  leds: ReadonlyMap<number, number> = new Map(),
): Variable[] {
  const gpios = [...new Set([...levels, ...pwm, ...leds.keys()])].sort((a, b) => a - b);
  const kinds: { gpio: number; kind: Kind }[] = [];
  for (const gpio of gpios) {
    if (levels.has(gpio)) kinds.push({ gpio, kind: "wire" });
    if (pwm.has(gpio)) kinds.push({ gpio, kind: "duty" }, { gpio, kind: "hz" });
    for (let i = 0; i < (leds.get(gpio) ?? 0); i++) kinds.push({ gpio, kind: `led${i}` });
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
