// Folded stacks as a speedscope file: one "sampled" profile whose samples are
// the unique stacks, weighted by their counts (speedscope file format,
// https://www.speedscope.app/file-format-schema.json, SampledProfile).

import { canonicalFolded, type FoldedStack } from "./folded.js";

export const SPEEDSCOPE_SCHEMA = "https://www.speedscope.app/file-format-schema.json";

/** Instruction counts have no time unit: "none". */
export type SpeedscopeUnit = "none" | "nanoseconds" | "microseconds";

export interface SpeedscopeOptions {
  name: string;
  unit: SpeedscopeUnit;
}

export interface SpeedscopeFile {
  $schema: typeof SPEEDSCOPE_SCHEMA;
  shared: { frames: { name: string }[] };
  profiles: SpeedscopeSampledProfile[];
  name: string;
  activeProfileIndex: number;
  exporter: string;
}

export interface SpeedscopeSampledProfile {
  type: "sampled";
  name: string;
  unit: SpeedscopeUnit;
  startValue: number;
  endValue: number;
  /** Each sample is a stack of indices into `shared.frames`, root first. */
  samples: number[][];
  weights: number[];
}

/**
 * Identical stacks are merged and sorted as in `formatFolded`, then frames are
 * numbered in the order they are first met, so the file is deterministic.
 */
export function speedscopeProfile(stacks: readonly FoldedStack[], options: SpeedscopeOptions): SpeedscopeFile {
  const frames: { name: string }[] = [];
  const index = new Map<string, number>();
  const indexOf = (name: string): number => {
    let i = index.get(name);
    if (i === undefined) {
      i = frames.length;
      index.set(name, i);
      frames.push({ name });
    }
    return i;
  };
  const samples: number[][] = [];
  const weights: number[] = [];
  for (const s of canonicalFolded(stacks)) {
    samples.push(s.frames.map(indexOf));
    weights.push(s.count);
  }
  const total = weights.reduce((sum, w) => sum + w, 0);
  return {
    $schema: SPEEDSCOPE_SCHEMA,
    shared: { frames },
    profiles: [
      { type: "sampled", name: options.name, unit: options.unit, startValue: 0, endValue: total, samples, weights },
    ],
    name: options.name,
    activeProfileIndex: 0,
    exporter: "sail",
  };
}
