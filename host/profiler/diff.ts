// `sail profile --diff old.json new.json`: what changed between two reports written by
// `sail profile --json`, per function (wasm instructions per call, inclusive) and per
// event (estimated p99 µs), with an optional limit on a regression for CI.

import { readFile } from "node:fs/promises";
import { SailError } from "../errors.js";

/** One function or event in both reports, or in one only (null on the other side). */
export interface DiffRow {
  readonly kind: "function" | "event";
  readonly name: string;
  readonly old: number | null;
  readonly new: number | null;
  /** (new − old) / old × 100; null when either side is missing or old is 0. */
  readonly changePercent: number | null;
}

interface Figures {
  readonly functions: ReadonlyMap<string, number>;
  readonly events: ReadonlyMap<string, number>;
}

/** Reads the figures the diff compares from a `sail profile --json` file, refusing anything else by field. */
export async function readReportFigures(file: string): Promise<Figures> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    const why = e instanceof SyntaxError ? `is not JSON (${e.message})` : "cannot be read";
    throw new SailError(`${file} ${why}: give a file written by sail profile --json`);
  }
  const refuse = (field: string): never => {
    throw new SailError(
      `${file}: ${field} is missing or not what sail profile --json writes; write it again with --json`,
    );
  };
  const record = (x: unknown): Readonly<Record<string, unknown>> | null =>
    typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
  const top = record(data) ?? refuse("the report object");
  const functions = new Map<string, number>();
  const fs = Array.isArray(top["functions"]) ? (top["functions"] as unknown[]) : refuse("functions");
  fs.forEach((f, i) => {
    const r = record(f);
    const name = r?.["name"];
    const calls = r?.["calls"];
    const inclusive = r?.["inclusive"];
    if (typeof name !== "string" || typeof calls !== "number" || typeof inclusive !== "number")
      refuse(`functions[${i}] (name, calls, inclusive)`);
    else functions.set(name, calls > 0 ? inclusive / calls : 0);
  });
  const events = new Map<string, number>();
  const es = Array.isArray(top["events"]) ? (top["events"] as unknown[]) : refuse("events");
  es.forEach((e, i) => {
    const r = record(e);
    const name = r?.["name"];
    const p99 = record(r?.["us"])?.["p99"];
    if (typeof name !== "string" || typeof p99 !== "number") refuse(`events[${i}] (name, us.p99)`);
    else events.set(name, p99);
  });
  return { functions, events };
}

/** Every function and event of either report, the changed first by size of change, then the rest by name. */
export function diffFigures(before: Figures, after: Figures): DiffRow[] {
  const rows: DiffRow[] = [];
  const compare = (kind: DiffRow["kind"], a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): void => {
    for (const name of new Set([...a.keys(), ...b.keys()])) {
      const old = a.get(name) ?? null;
      const now = b.get(name) ?? null;
      const changePercent = old === null || now === null || old === 0 ? null : ((now - old) / old) * 100;
      rows.push({ kind, name, old, new: now, changePercent });
    }
  };
  compare("event", before.events, after.events);
  compare("function", before.functions, after.functions);
  const size = (r: DiffRow): number => Math.abs(r.changePercent ?? 0);
  return rows.sort((x, y) => size(y) - size(x) || x.kind.localeCompare(y.kind) || x.name.localeCompare(y.name));
}

/** Parses "10%" (or "10") into 10. */
export function parsePercent(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  if (m === null) throw new SailError(`--fail-over ${text}: give a percentage, e.g. --fail-over 10%`);
  return Number(m[1]);
}

/** One message per function or event that grew by more than `limitPercent`. */
export function regressions(rows: readonly DiffRow[], limitPercent: number): string[] {
  return rows
    .filter((r) => r.changePercent !== null && r.changePercent > limitPercent)
    .map(
      (r) =>
        `regression: ${r.kind} ${r.name} ${describe(r)} is more than ${limitPercent}% ` +
        `(${r.kind === "event" ? "estimated p99 µs" : "instructions per call"})`,
    );
}

const figure = (kind: DiffRow["kind"], x: number | null): string =>
  x === null ? "—" : kind === "event" ? `${x.toFixed(1)} µs` : `${x.toFixed(1)} instr`;

function describe(r: DiffRow): string {
  const change = r.changePercent === null ? "" : ` (${r.changePercent >= 0 ? "+" : ""}${r.changePercent.toFixed(1)}%)`;
  return `${figure(r.kind, r.old)} → ${figure(r.kind, r.new)}${change}`;
}

/** The table `sail profile --diff` prints: events by p99 µs, functions by instructions per call. */
export function formatDiff(rows: readonly DiffRow[]): string {
  const lines = ["what                                            old → new (change)"];
  for (const r of rows) {
    const what = `${r.kind === "event" ? "event   " : "function"} ${r.name}`;
    const only = r.old === null ? "  (new)" : r.new === null ? "  (gone)" : "";
    lines.push(`${what.padEnd(47)} ${describe(r)}${only}`);
  }
  return lines.join("\n");
}
