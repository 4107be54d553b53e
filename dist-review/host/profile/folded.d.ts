export interface FoldedStack {
    frames: string[];
    count: number;
}
/**
 * Parses folded text. Blank lines are skipped; any other line must be
 * non-empty frames and a non-negative integer count, or this throws naming the
 * (1-based) line. Lines are returned in input order, duplicates not merged.
 */
export declare function parseFolded(text: string): FoldedStack[];
/** One line per unique stack, sorted by the joined stack, with a trailing newline. */
export declare function formatFolded(stacks: readonly FoldedStack[]): string;
/**
 * Identical stacks merged (counts summed) and sorted by the joined stack in
 * code-unit order, never the locale's: the order every output format uses, so
 * the same profile gives the same bytes on every machine.
 */
export declare function canonicalFolded(stacks: readonly FoldedStack[]): FoldedStack[];
/** Plain string order (UTF-16 code units): deterministic, unlike localeCompare. */
export declare function compareCodeUnits(a: string, b: string): number;
