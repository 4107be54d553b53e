// The plan of a staged rollout: which device goes in which stage, when the
// server offers it the update, and the abort rules with their minimum count.
// Everything here is a function of the plan and the device's index, so any
// shard or thread computes the same schedule (docs/rollout.md).

import { SailError } from "../errors.js";
import { SeededRandom } from "../random.js";
import { formatDuration, toMicros } from "../time/duration.js";

export type RuleMetric = "crash" | "rollback" | "unconfirmed" | "unread" | "lost";

export interface AbortRule {
  readonly metric: RuleMetric;
  /** Fires when the metric's share of updated devices is above this, percent. */
  readonly abovePercent: number;
}

export interface RolloutPlan {
  readonly devices: number;
  readonly seed: number;
  /** Cumulative percentages of the fleet offered the update by each stage's end, ascending, the last 100. */
  readonly stages: readonly number[];
  readonly soakUs: number;
  readonly rules: readonly AbortRule[];
  /** A rule fires only once this many devices have taken the update (as AWS IoT Jobs' minNumberOfExecutedThings). */
  readonly minDevices: number;
  /** Offers per minute: a fixed cap, "growing" (×4 per stage from 10/min), or null for all at once. */
  readonly rate: number | "growing" | null;
  readonly rollbackOnAbort: boolean;
}

export const DEFAULT_STAGES = [1, 10, 50, 100] as const;
export const DEFAULT_SOAK = "2h";
export const DEFAULT_ABORT = "crash>2%,rollback>1%,unconfirmed>5%";
export const DEFAULT_MIN_DEVICES = 10;
/** "growing": the first stage's offers per minute, multiplied by GROWTH each stage. */
export const GROWING_FIRST_PER_MIN = 10;
export const GROWTH = 4;

const METRICS: readonly RuleMetric[] = ["crash", "rollback", "unconfirmed", "unread", "lost"];

/** "1,10,50,100" → [1, 10, 50, 100]; refused unless ascending, within 0..100, ending at 100. */
export function parseStages(text: string): number[] {
  const stages = text.split(",").map((s) => Number(s.trim()));
  const ok =
    stages.length > 0 &&
    stages.every((s, i) => Number.isFinite(s) && s > 0 && s <= 100 && (i === 0 || s > (stages[i - 1] as number))) &&
    stages[stages.length - 1] === 100;
  if (!ok)
    throw new SailError(
      `--stages ${text}: give ascending percentages of the fleet that end at 100, e.g. --stages 1,10,50,100`,
    );
  return stages;
}

/** "crash>2%,rollback>1%" → rules; "none" → no rule. */
export function parseRules(text: string): AbortRule[] {
  if (text.trim() === "none") return [];
  return text.split(",").map((part) => {
    const m = /^\s*([a-z]+)\s*>\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(part);
    const metric = m?.[1] as RuleMetric | undefined;
    if (m === null || metric === undefined || !METRICS.includes(metric))
      throw new SailError(
        `--abort: "${part}" is not a rule; write <metric>>N% with a metric among ${METRICS.join(", ")}, ` +
          `e.g. --abort "crash>2%,rollback>1%" (or --abort none)`,
      );
    return { metric, abovePercent: Number(m[2]) };
  });
}

/** "50/min" → 50; "growing" → "growing". */
export function parseRate(text: string): number | "growing" {
  if (text === "growing") return "growing";
  const m = /^(\d+)\/min$/.exec(text.trim());
  const n = Number(m?.[1]);
  if (m === null || !(n > 0))
    throw new SailError(`--rate ${text}: write offers per minute as <n>/min (e.g. --rate 100/min), or growing`);
  return n;
}

export function soakUs(text: string): number {
  const us = toMicros(text);
  if (!(us > 0)) throw new SailError(`--soak ${text}: give a positive duration, e.g. --soak 2h`);
  return us;
}

export interface Schedule {
  /** Each device's stage (0-based), by index. */
  readonly stage: Int32Array;
  /** Each device's place among its stage's offers (0 first). */
  readonly rank: Int32Array;
  /** Devices per stage. */
  readonly counts: readonly number[];
  /** When each stage starts and ends (its offers, then its soak), µs after the rollout's start. */
  readonly startUs: readonly number[];
  readonly endUs: readonly number[];
}

/** Stages by a seeded shuffle of the whole fleet (stage k takes the next share), and their times. */
export function schedule(plan: RolloutPlan): Schedule {
  const order = Array.from({ length: plan.devices }, (_, i) => i);
  const r = new SeededRandom((plan.seed ^ 0x57a6e5) >>> 0);
  for (let i = order.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const stage = new Int32Array(plan.devices);
  const rank = new Int32Array(plan.devices);
  const counts: number[] = [];
  const startUs: number[] = [];
  const endUs: number[] = [];
  let at = 0;
  let t = 0;
  plan.stages.forEach((pct, k) => {
    const upTo = Math.ceil((plan.devices * pct) / 100);
    let n = 0;
    for (; at < upTo; at++, n++) {
      stage[order[at] as number] = k;
      rank[order[at] as number] = n;
    }
    counts.push(n);
    startUs.push(t);
    t += deliveryUs(plan, n, k) + plan.soakUs;
    endUs.push(t);
  });
  return { stage, rank, counts, startUs, endUs };
}

/** How long stage k's offers take at the rate: the last offer's time + one minute. */
export function deliveryUs(plan: RolloutPlan, count: number, k: number): number {
  const per = perMinute(plan, k);
  return per === null ? 0 : Math.ceil(count / per) * 60_000_000;
}

/** When the device with this rank in stage k is offered the update, µs after the stage's start. */
export function offerDelayUs(plan: RolloutPlan, rank: number, k: number): number {
  const per = perMinute(plan, k);
  return per === null ? 0 : Math.floor((rank * 60_000_000) / per);
}

function perMinute(plan: RolloutPlan, k: number): number | null {
  if (plan.rate === null) return null;
  return plan.rate === "growing" ? GROWING_FIRST_PER_MIN * GROWTH ** k : plan.rate;
}

export function describeRule(r: AbortRule): string {
  return `${r.metric}>${r.abovePercent}%`;
}

export function describePlan(plan: RolloutPlan): string {
  const rate = plan.rate === null ? "all at once" : plan.rate === "growing" ? "growing rate" : `${plan.rate}/min`;
  const rules = plan.rules.length === 0 ? "never" : plan.rules.map(describeRule).join(",");
  return (
    `${plan.devices.toLocaleString("en")} devices, stages ${plan.stages.join(",")} %, ` +
    `soak ${formatDuration(plan.soakUs)}, ${rate}, abort ${rules} past ${plan.minDevices} updated`
  );
}
