// A rollout's health, computed from the devices' timed events alone: per
// stage at its end (cumulative over the stages so far), the abort rules, the
// halt, and a time series per stage for the plot. The one-machine run and
// `sail report merge` call the same functions on the same records, which is
// why a merged report equals the one-machine run (docs/decisions.md D127).

import type { DeviceEvent, DeviceRecord } from "./rollout-device.js";
import { describeRule, type AbortRule, type RolloutPlan, type RuleMetric, type Schedule } from "./rollout-plan.js";

export interface RollbackCounts {
  readonly "trial-timeout": number;
  readonly watchdog: number;
  readonly reset: number;
  readonly rejected: number;
}

export interface Health {
  /** Devices the server tried to offer the update to. */
  readonly offered: number;
  /** Devices that accepted miIO.ota. */
  readonly reached: number;
  /** Devices that booted the new image (took the update). */
  readonly updated: number;
  readonly confirmed: number;
  readonly rolledBack: number;
  readonly rollbackWhy: RollbackCounts;
  /** Devices with a fault reset on the new image. */
  readonly crashed: number;
  readonly bootLoops: number;
  /** Took the update and are down (off or halted) for 10 minutes or more at this moment. */
  readonly neverCameBack: number;
  /** Took the update and the new image did not read back every setting they held. */
  readonly unread: number;
  /** Refused the offer or its download (signature, version, board). */
  readonly refused: number;
  /** Took the update and are neither confirmed nor rolled back. */
  readonly unconfirmed: number;
}

export interface StageHealth extends Health {
  readonly stage: number;
  readonly percent: number;
  readonly devices: number;
  readonly startUs: number;
  readonly endUs: number;
  /** The rule that fired at this stage's end, e.g. "crash 10.0% > 2%", or null. */
  readonly fired: string | null;
}

export interface SeriesPoint {
  readonly tUs: number;
  readonly updated: number;
  readonly confirmed: number;
  readonly rolledBack: number;
  readonly crashed: number;
}

export interface RolloutOutcome {
  readonly stages: readonly StageHealth[];
  /** Index of the stage at whose end the rollout halted, or null when it completed. */
  readonly haltedAt: number | null;
  readonly reason: string | null;
  /** Per stage: its own devices' counts over time, from its start to the rollout's end. */
  readonly series: readonly (readonly SeriesPoint[])[];
  readonly endUs: number;
}

const DOWN_GRACE_US = 10 * 60_000_000;
const SERIES_POINTS = 48;

function first(events: readonly DeviceEvent[], kind: string, until: number): DeviceEvent | undefined {
  return events.find((e) => e[1] === kind && e[0] <= until);
}

/** Health over the given devices at `atUs`. */
export function healthAt(records: readonly DeviceRecord[], atUs: number): Health {
  const why = { "trial-timeout": 0, watchdog: 0, reset: 0, rejected: 0 };
  let offered = 0;
  let reached = 0;
  let updated = 0;
  let confirmed = 0;
  let rolledBack = 0;
  let crashed = 0;
  let bootLoops = 0;
  let lost = 0;
  let unread = 0;
  let refused = 0;
  for (const r of records) {
    if (r.offerUs === null || r.offerUs > atUs) continue;
    offered++;
    const ev = r.events;
    if (first(ev, "offered", atUs)) reached++;
    if (first(ev, "refused", atUs)) refused++;
    if (!first(ev, "booted", atUs)) continue;
    updated++;
    const ok = first(ev, "confirmed", atUs) !== undefined;
    const back = first(ev, "rolled-back", atUs);
    if (ok) confirmed++;
    if (back) {
      rolledBack++;
      why[back[2] as keyof RollbackCounts]++;
    }
    if (first(ev, "crash", atUs)) crashed++;
    if (first(ev, "boot-loop", atUs)) bootLoops++;
    if (first(ev, "unread", atUs)) unread++;
    let downSince: number | null = null;
    for (const e of ev) {
      if (e[0] > atUs) break;
      if (e[1] === "down") downSince = e[0];
      else if (e[1] === "up") downSince = null;
    }
    if (downSince !== null && atUs - downSince >= DOWN_GRACE_US) lost++;
  }
  const unconfirmed = updated - confirmed - rolledBack;
  return {
    ...{ offered, reached, updated, confirmed, rolledBack, rollbackWhy: why, crashed, bootLoops },
    ...{ neverCameBack: lost, unread, refused, unconfirmed },
  };
}

function metric(h: Health, m: RuleMetric): number {
  const n = {
    crash: h.crashed,
    rollback: h.rolledBack,
    unconfirmed: h.unconfirmed,
    unread: h.unread,
    lost: h.neverCameBack,
  }[m];
  return h.updated === 0 ? 0 : (100 * n) / h.updated;
}

/** The first rule that fires on this health, as "crash 10.0% > 2%", or null (none fires below minDevices updated). */
export function firedRule(h: Health, rules: readonly AbortRule[], minDevices: number): string | null {
  if (h.updated < minDevices) return null;
  for (const r of rules) {
    const v = metric(h, r.metric);
    if (v > r.abovePercent)
      return `${r.metric} ${v.toFixed(1)}% > ${r.abovePercent}% (${describeRule(r)} of ${h.updated} updated)`;
  }
  return null;
}

/** Records as a run halted at `haltUs` would have them: no later events, no later offers. */
export function truncate(records: readonly DeviceRecord[], haltUs: number): DeviceRecord[] {
  return records.map((r) => ({
    ...r,
    offerUs: r.offerUs !== null && r.offerUs < haltUs ? r.offerUs : null,
    events: r.events.filter((e) => e[0] <= haltUs),
  }));
}

/**
 * Stage `k` at its end: the health of its devices and the earlier stages', and
 * the rule that fires there (when `applyRules`), else null.
 */
export function stageHealth(
  plan: RolloutPlan,
  sched: Schedule,
  k: number,
  records: readonly DeviceRecord[],
  applyRules: boolean,
): StageHealth {
  const endUs = sched.endUs[k] as number;
  const h = healthAt(
    records.filter((r) => r.stage <= k),
    endUs,
  );
  return {
    stage: k,
    percent: plan.stages[k] as number,
    devices: sched.counts[k] as number,
    startUs: sched.startUs[k] as number,
    endUs,
    ...h,
    fired: applyRules ? firedRule(h, plan.rules, plan.minDevices) : null,
  };
}

/**
 * Walks the stages: health at each stage's end over the devices of that stage
 * and the ones before; halts where a rule fires (when `applyRules`).
 */
export function evaluate(
  plan: RolloutPlan,
  sched: Schedule,
  records: readonly DeviceRecord[],
  applyRules = true,
): RolloutOutcome & { readonly records: readonly DeviceRecord[] } {
  const stages: StageHealth[] = [];
  let kept = records;
  let haltedAt: number | null = null;
  let reason: string | null = null;
  for (let k = 0; k < plan.stages.length; k++) {
    const stage = stageHealth(plan, sched, k, kept, applyRules);
    const { endUs, fired } = stage;
    stages.push(stage);
    if (fired !== null) {
      haltedAt = k;
      reason = `stage ${k + 1} (${plan.stages[k]} %): ${fired}`;
      kept = truncate(kept, endUs + (plan.rollbackOnAbort ? plan.soakUs : 0));
      break;
    }
  }
  const endUs =
    haltedAt === null
      ? (sched.endUs.at(-1) ?? 0)
      : (sched.endUs[haltedAt] as number) + (plan.rollbackOnAbort ? plan.soakUs : 0);
  const series = stages.map((s) =>
    seriesOf(
      kept.filter((r) => r.stage === s.stage),
      s.startUs,
      endUs,
    ),
  );
  return { stages, haltedAt, reason, series, endUs, records: kept };
}

function seriesOf(records: readonly DeviceRecord[], fromUs: number, toUs: number): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (let i = 0; i <= SERIES_POINTS; i++) {
    const t = Math.round(fromUs + ((toUs - fromUs) * i) / SERIES_POINTS);
    const h = healthAt(records, t);
    out.push({ tUs: t, updated: h.updated, confirmed: h.confirmed, rolledBack: h.rolledBack, crashed: h.crashed });
  }
  return out;
}
