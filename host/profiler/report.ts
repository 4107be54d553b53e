// What `sail profile` and the test API report: per function and per event
// statistics with the cost model's estimate of device time, the costliest
// event's call path, memory against the board's budget, and budget checks.

import type { BoardProfile } from "../boards/profile.js";
import type { FlashedImage } from "../flash/flash.js";
import { SailError } from "../errors.js";
import { formatDuration, toMicros } from "../time/duration.js";
import type { EventStats, FunctionStats, Profiler } from "./profiler.js";

export interface ProfilerReport {
  readonly board: string;
  readonly firmware: string;
  readonly virtualUs: number;
  /** How device time was estimated; every figure in µs or cycles is an estimate. */
  readonly estimate: string;
  readonly functions: readonly FunctionStats[];
  readonly events: readonly EventStats[];
  readonly costliest: { readonly name: string; readonly instructions: number; readonly path: readonly string[] } | null;
  readonly memory: {
    readonly linearBytesHighWater: number;
    /** Highest byte ever written (static data, heap and any stack): what the firmware really used. */
    readonly usedBytesHighWater: number;
    readonly staticDataEnd: number;
    readonly ramBudget: number;
    readonly maxCallDepth: number;
    /** wasm3's native stack at that depth on this board's CPU, estimated. */
    readonly nativeStackEstimate: number;
    readonly taskStack: number;
  };
}

/** What a report reads of a board that runs the profiler (structural, so the profiler needs no board). */
export interface ProfiledBoard {
  readonly profiler: Profiler | null;
  readonly image: FlashedImage | null;
  readonly profile: BoardProfile;
  readonly clock: { readonly now: number };
  readonly memoryHighWater: { readonly linearBytes: number; readonly usedBytes: number };
}

export function profilerReport(board: ProfiledBoard): ProfilerReport {
  const profiler = board.profiler;
  const image = board.image;
  if (profiler === null || image === null)
    throw new SailError("no profile: create the board with { profiler: true } and flash an image");
  const p = board.profile;
  const c = p.interpreter.cost;
  return {
    board: p.id,
    firmware: image.manifest === null ? image.file : `${image.manifest.name} ${image.manifest.version}`,
    virtualUs: board.clock.now,
    estimate:
      `estimate for ${p.interpreter.engine} ${p.interpreter.version} on ${p.chip.model} ` +
      `@ ${p.chip.cpuMhz} MHz: ${c.cyclesPerInstruction} cycles per wasm instruction, ` +
      `${c.cyclesPerCall} per call, ${c.cyclesPerHostCall} per host call (${c.source})`,
    functions: profiler.functions(),
    events: profiler.events(),
    costliest: profiler.costliest(),
    memory: {
      linearBytesHighWater: board.memoryHighWater.linearBytes,
      usedBytesHighWater: board.memoryHighWater.usedBytes,
      staticDataEnd: image.info.staticDataEnd,
      ramBudget: p.app.ramBytes,
      maxCallDepth: profiler.maxDepth,
      nativeStackEstimate: profiler.maxDepth * p.interpreter.nativeStackBytesPerFrame,
      taskStack: p.interpreter.taskStackBytes,
    },
  };
}

/** The statistic a budget holds: over the events of one kind in the run. */
export const BUDGET_STATS = ["min", "p50", "p99", "max"] as const;
export type BudgetStat = (typeof BUDGET_STATS)[number];

export interface Budget {
  readonly limitUs: number;
  /** Which of the event's figures must stay under the limit (default p99). */
  readonly stat: BudgetStat;
}

/** Parses "tick=50us,MIOT_GET=2ms@max" into event keys, limits in µs and the statistic each holds. */
export function parseBudgets(text: string): Map<string, Budget> {
  const out = new Map<string, Budget>();
  for (const part of text
    .split(",")
    .map((x) => x.trim())
    .filter((x) => x.length > 0)) {
    const at = part.indexOf("=");
    if (at <= 0)
      throw new SailError(`budget "${part}" must be <event>=<duration>[@${BUDGET_STATS.join("|")}], e.g. tick=50us`);
    const [limit = "", stat = "p99", ...rest] = part.slice(at + 1).split("@");
    if (rest.length > 0 || !(BUDGET_STATS as readonly string[]).includes(stat))
      throw new SailError(
        `budget "${part}": the statistic after @ must be one of ${BUDGET_STATS.join(", ")}, e.g. tick=200us@max`,
      );
    out.set(part.slice(0, at), { limitUs: toMicros(limit), stat: stat as BudgetStat });
  }
  return out;
}

/** The events a budget key names: by event name, handler, or the handler's function name. */
export function eventsNamed(report: ProfilerReport, key: string): EventStats[] {
  return report.events.filter(
    (e) =>
      e.name === key ||
      e.handler === key ||
      (e.handler ?? "").split("/").pop() === key ||
      e.name.split(" (")[0] === key,
  );
}

/** One message per budget over its limit (its statistic), naming the event, the figure and the hottest function. */
export function checkBudgets(report: ProfilerReport, budgets: ReadonlyMap<string, Budget>): string[] {
  const failures: string[] = [];
  for (const [key, { limitUs, stat }] of budgets) {
    const events = eventsNamed(report, key);
    if (events.length === 0) {
      failures.push(
        `budget ${key}: no such event in this run (events: ${report.events.map((e) => e.name).join(", ")})`,
      );
      continue;
    }
    for (const e of events) {
      if (e.us[stat] <= limitUs) continue;
      failures.push(
        `budget ${key}: ${e.name} ${stat} ${e.us[stat].toFixed(1)} µs > ` +
          `${formatDuration(limitUs)} (estimated; hottest function ${e.hottest ?? "?"})`,
      );
    }
  }
  return failures;
}

const n = (x: number): string => Math.round(x).toLocaleString("en");

export function formatReport(r: ProfilerReport): string {
  const lines = [
    `profile of ${r.firmware} on ${r.board}, ${formatDuration(r.virtualUs)} of virtual time`,
    `device time is an ${r.estimate}`,
    "",
    "events                                         count   instr min    p50    p99    max    µs p50    p99    max",
  ];
  for (const e of r.events) {
    const i = e.instructions;
    lines.push(
      [
        e.name.padEnd(46),
        String(e.count).padStart(6),
        n(i.min).padStart(10),
        n(i.p50).padStart(6),
        n(i.p99).padStart(6),
        n(i.max).padStart(6),
        e.us.p50.toFixed(1).padStart(9),
        e.us.p99.toFixed(1).padStart(6),
        e.us.max.toFixed(1).padStart(6),
      ].join(" "),
    );
  }
  lines.push(
    "",
    "functions (by exclusive instructions)           calls    " +
      "exclusive    inclusive   host calls   est. cycles     est. µs",
  );
  for (const f of r.functions.slice(0, 25)) {
    lines.push(
      [
        f.name.padEnd(46),
        n(f.calls).padStart(7),
        n(f.exclusive).padStart(12),
        n(f.inclusive).padStart(12),
        n(f.hostCalls).padStart(12),
        n(f.cycles).padStart(13),
        f.us.toFixed(1).padStart(11),
      ].join(" "),
    );
  }
  if (r.functions.length > 25) lines.push(`... ${r.functions.length - 25} more functions (--json for all)`);
  if (r.costliest !== null) {
    lines.push(
      "",
      `costliest event: ${r.costliest.name}, ${n(r.costliest.instructions)} ` +
        `instructions; heaviest path: ${r.costliest.path.join(" → ")}`,
    );
  }
  const m = r.memory;
  lines.push(
    "",
    `memory: ${n(m.usedBytesHighWater)} B used at most (static data ${n(m.staticDataEnd)} B, ` +
      `heap ${n(Math.max(0, m.usedBytesHighWater - m.staticDataEnd))} B) ` +
      `in ${n(m.linearBytesHighWater / 1024)} KiB of linear memory; RAM budget ${n(m.ramBudget / 1024)} KiB;`,
    `        ` +
      `deepest wasm call stack ${m.maxCallDepth} frames ≈ ${n(m.nativeStackEstimate)} B of native stack ` +
      `(estimate) of a ${n(m.taskStack / 1024)} KiB task stack`,
  );
  return lines.join("\n");
}
