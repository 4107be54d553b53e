// Folded stacks, the text flame graphs are drawn from (Brendan Gregg,
// FlameGraph/stackcollapse.pl): one line per unique stack, frames from root to
// leaf joined by ";", a space, then an integer count. Sail's counts are wasm
// instructions, not samples. Pure: text in, records out.

import { SailError } from "../errors.js";

export interface FoldedStack {
  frames: string[];
  count: number;
}

/** "frames count": everything up to the last run of blanks, then digits. */
const LINE = /^(.*?)[ \t]+(\d+)$/;

/**
 * Parses folded text. Blank lines are skipped; any other line must be
 * non-empty frames and a non-negative integer count, or this throws naming the
 * (1-based) line. Lines are returned in input order, duplicates not merged.
 */
export function parseFolded(text: string): FoldedStack[] {
  const stacks: FoldedStack[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trimEnd();
    if (line === "") return;
    const m = LINE.exec(line);
    const where = `folded stacks, line ${i + 1}`;
    if (m === null)
      throw new SailError(`${where}: expected "frame;frame;... count", got ${JSON.stringify(clip(line))}`);
    const [, path = "", digits = ""] = m;
    const frames = path.split(";");
    const empty = frames.findIndex((f) => f.trim() === "");
    if (empty >= 0) throw new SailError(`${where}: frame ${empty + 1} of the stack is empty`);
    const count = Number(digits);
    if (!Number.isSafeInteger(count))
      throw new SailError(`${where}: count ${digits} is larger than ${Number.MAX_SAFE_INTEGER}`);
    stacks.push({ frames, count });
  });
  return stacks;
}

/** One line per unique stack, sorted by the joined stack, with a trailing newline. */
export function formatFolded(stacks: readonly FoldedStack[]): string {
  return canonicalFolded(stacks)
    .map((s) => `${s.frames.join(";")} ${s.count}\n`)
    .join("");
}

/**
 * Identical stacks merged (counts summed) and sorted by the joined stack in
 * code-unit order, never the locale's: the order every output format uses, so
 * the same profile gives the same bytes on every machine.
 */
export function canonicalFolded(stacks: readonly FoldedStack[]): FoldedStack[] {
  const merged = new Map<string, FoldedStack>();
  for (const s of stacks) {
    const key = s.frames.join(";");
    const seen = merged.get(key);
    if (seen === undefined) merged.set(key, { frames: [...s.frames], count: s.count });
    else seen.count += s.count;
  }
  return [...merged].sort(([a], [b]) => compareCodeUnits(a, b)).map(([, s]) => s);
}

/** Plain string order (UTF-16 code units): deterministic, unlike localeCompare. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function clip(line: string): string {
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}
