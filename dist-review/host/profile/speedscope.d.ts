import { type FoldedStack } from "./folded.js";
export declare const SPEEDSCOPE_SCHEMA = "https://www.speedscope.app/file-format-schema.json";
/** Instruction counts have no time unit: "none". */
export type SpeedscopeUnit = "none" | "nanoseconds" | "microseconds";
export interface SpeedscopeOptions {
    name: string;
    unit: SpeedscopeUnit;
}
export interface SpeedscopeFile {
    $schema: typeof SPEEDSCOPE_SCHEMA;
    shared: {
        frames: {
            name: string;
        }[];
    };
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
export declare function speedscopeProfile(stacks: readonly FoldedStack[], options: SpeedscopeOptions): SpeedscopeFile;
