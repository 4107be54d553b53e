// A rollout in the terminal: a progress bar while devices are set up and run,
// a table row per stage as it ends, and the outcome.

import type { RolloutReport } from "../fleet/rollout.js";
import type { StageHealth } from "../fleet/rollout-health.js";
import { formatDuration } from "../time/duration.js";

const BAR = 30;

/** "[#########.....................]  30 %  stage 2  3,000/10,000" */
export function progressBar(phase: string, done: number, total: number): string {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * BAR);
  return (
    `[${"#".repeat(filled)}${".".repeat(BAR - filled)}] ${String(Math.round(share * 100)).padStart(3)} %  ` +
    `${phase}  ${done.toLocaleString("en")}/${total.toLocaleString("en")}`
  );
}

const COLUMNS = [
  ["stage", 9],
  ["ends at", 9],
  ["offered", 8],
  ["updated", 8],
  ["confirmed", 10],
  ["rolled back (why)", 22],
  ["crashed", 8],
  ["boot loops", 11],
  ["lost", 5],
  ["unread", 7],
] as const;

export function tableHeader(): string {
  return COLUMNS.map(([name, w]) => name.padEnd(w)).join(" ");
}

function pct(n: number, of: number): string {
  return of === 0 ? `${n}` : `${n} ${((100 * n) / of).toFixed(1)}%`;
}

/** One stage's row (cumulative over the stages so far), and the rule that fired under it. */
export function stageRow(h: StageHealth): string {
  const why = Object.entries(h.rollbackWhy)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  const cells = [
    `${h.stage + 1} ${h.percent}%`,
    formatDuration(h.endUs),
    `${h.offered}`,
    `${h.updated}`,
    pct(h.confirmed, h.updated),
    `${pct(h.rolledBack, h.updated)}${why === "" ? "" : ` (${why})`}`,
    pct(h.crashed, h.updated),
    `${h.bootLoops}`,
    `${h.neverCameBack}`,
    `${h.unread}`,
  ];
  const row = cells.map((c, i) => c.padEnd(COLUMNS[i]?.[1] ?? 0)).join(" ");
  return h.fired === null ? row : `${row}\n  ✗ abort: ${h.fired}`;
}

/** The closing lines: completed, halted (where, why, how many took it), or rules left to the merge. */
export function outcomeText(r: RolloutReport): string {
  const took = r.devices.filter((d) => d.events.some((e) => e[1] === "booted")).length;
  const head = `${r.from.name} ${r.from.version} → ${r.to.version} on ${r.devices.length.toLocaleString("en")} devices`;
  if (r.outcome === "rules-at-merge")
    return `${head} (shard ${r.shard ?? ""}): every stage ran; sail report merge applies the abort rules`;
  if (r.outcome === "completed") return `${head}: completed; ${took} took the update`;
  const reverted = r.devices.filter((d) => d.events.some((e) => e[1] === "reverted")).length;
  return (
    `${head}: HALTED at ${r.reason ?? ""}; ${took} had taken the update` +
    (r.plan.rollbackOnAbort ? `, ${reverted} rolled back by the server` : "")
  );
}
