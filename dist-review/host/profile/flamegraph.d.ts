import { type FoldedStack } from "./folded.js";
export interface FlameGraphOptions {
    title: string;
    subtitle?: string;
    /** What the counts are, for the tooltips: "instructions". */
    unit: string;
    /** Image width in px (default 1200). */
    width?: number;
}
/** Draws `stacks` as an SVG document (a string, trailing newline included). */
export declare function flameGraphSvg(stacks: readonly FoldedStack[], options: FlameGraphOptions): string;
/** Text and attribute escaping; control characters XML 1.0 cannot carry become U+FFFD. */
export declare function escapeXml(s: string): string;
