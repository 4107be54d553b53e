// A self-contained SVG flame graph from folded stacks, laid out like Brendan
// Gregg's flamegraph.pl (root at the bottom, "hot" palette) but without its
// script and its randomness: the same stacks give the same bytes.

import { SailError } from "../errors.js";
import { compareCodeUnits, type FoldedStack } from "./folded.js";

export interface FlameGraphOptions {
  title: string;
  subtitle?: string;
  /** What the counts are, for the tooltips: "instructions". */
  unit: string;
  /** Image width in px (default 1200). */
  width?: number;
}

const DEFAULT_WIDTH = 1200;
const PAD_X = 10;
const PAD_BOTTOM = 10;
const FRAME_HEIGHT = 16; // one stack level; the rect is 1 px shorter so levels stay apart
const FONT_SIZE = 12;
const CHAR_WIDTH = FONT_SIZE * 0.6; // monospace advance, so labels can be fitted without measuring
const TEXT_INSET = 3;
const MIN_LABEL_WIDTH = 30; // narrower frames keep only their tooltip
const TITLE_Y = 24;
const SUBTITLE_Y = 42;
const ROOT_NAME = "all";

/** One frame of the merged tree: `total` is its inclusive count. */
interface Node {
  readonly name: string;
  total: number;
  readonly children: Map<string, Node>;
}

/** Draws `stacks` as an SVG document (a string, trailing newline included). */
export function flameGraphSvg(stacks: readonly FoldedStack[], options: FlameGraphOptions): string {
  const width = options.width ?? DEFAULT_WIDTH;
  if (!Number.isFinite(width) || width < 2 * PAD_X + MIN_LABEL_WIDTH) {
    throw new SailError(
      `flame graph: width must be a number of px of at least ${2 * PAD_X + MIN_LABEL_WIDTH}; got ${width}`,
    );
  }
  const root = buildTree(stacks);
  const top = options.subtitle === undefined ? TITLE_Y + 16 : SUBTITLE_Y + 14;
  const levels = Math.max(1, depthOf(root));
  const height = top + levels * FRAME_HEIGHT + PAD_BOTTOM;
  const scale = root.total > 0 ? (width - 2 * PAD_X) / root.total : 0;

  const out: string[] = [
    `<?xml version="1.0" standalone="no"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="${FONT_SIZE}">`,
    `<defs><linearGradient id="background" y1="0" y2="1" x1="0" x2="0"><stop stop-color="#eeeeee" ` +
      `offset="5%"/><stop stop-color="#eeeeb0" offset="95%"/></linearGradient></defs>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="url(#background)"/>`,
    `<text x="${num(width / 2)}" y="${TITLE_Y}" font-size="17" text-anchor="middle">${escapeXml(options.title)}</text>`,
  ];
  if (options.subtitle !== undefined) {
    out.push(
      `<text x="${num(width / 2)}" y="${SUBTITLE_Y}" fill="#707070" ` +
        `text-anchor="middle">${escapeXml(options.subtitle)}</text>`,
    );
  }
  if (root.total === 0) {
    out.push(
      `<text x="${num(width / 2)}" y="${top + FRAME_HEIGHT - 4}" ` +
        `text-anchor="middle">no ${escapeXml(options.unit)} recorded</text>`,
    );
  } else {
    const bottom = height - PAD_BOTTOM;
    const draw = (node: Node, start: number, depth: number): void => {
      out.push(
        frame(
          node,
          PAD_X + start * scale,
          bottom - (depth + 1) * FRAME_HEIGHT,
          node.total * scale,
          root.total,
          options.unit,
        ),
      );
      let x = start; // children from the left; the parent's own count is the gap on the right
      for (const child of sortedChildren(node)) {
        draw(child, x, depth + 1);
        x += child.total;
      }
    };
    draw(root, 0, 0);
  }
  out.push(`</svg>`, ``);
  return out.join("\n");
}

/** Merges identical prefixes under an "all" root; stacks that count nothing are left out. */
function buildTree(stacks: readonly FoldedStack[]): Node {
  const root = node(ROOT_NAME);
  for (const { frames, count } of stacks) {
    if (!(count > 0)) continue;
    root.total += count;
    let at = root;
    for (const name of frames) {
      let next = at.children.get(name);
      if (next === undefined) at.children.set(name, (next = node(name)));
      next.total += count;
      at = next;
    }
  }
  return root;
}

function node(name: string): Node {
  return { name, total: 0, children: new Map() };
}

function sortedChildren(n: Node): Node[] {
  return [...n.children.values()].sort((a, b) => compareCodeUnits(a.name, b.name));
}

/** Levels in the tree, the root counted (0 when nothing was recorded). */
function depthOf(n: Node): number {
  if (n.total === 0) return 0;
  let deepest = 0;
  for (const child of n.children.values()) deepest = Math.max(deepest, depthOf(child));
  return 1 + deepest;
}

/** One frame: tooltip, rect and, when it fits, a label cut to the rect. */
function frame(n: Node, x: number, y: number, w: number, total: number, unit: string): string {
  const pct = ((n.total / total) * 100).toFixed(2);
  const tip = `${n.name} (${groupThousands(n.total)} ${unit}, ${pct}%)`;
  const label = w >= MIN_LABEL_WIDTH ? fitLabel(n.name, w - 2 * TEXT_INSET) : "";
  return (
    `<g class="frame"><title>${escapeXml(tip)}</title>` +
    `<rect x="${num(x)}" y="${y}" width="${num(w)}" height="${FRAME_HEIGHT - 1}" rx="2" ry="2" ` +
    `fill="${hotColour(n.name)}"/>` +
    (label === "" ? "" : `<text x="${num(x + TEXT_INSET)}" y="${y + FRAME_HEIGHT - 4.5}">${escapeXml(label)}</text>`) +
    `</g>`
  );
}

/** The name, or as much of it as fits in `room` px followed by "..", or "" if not even that. */
function fitLabel(name: string, room: number): string {
  const chars = Array.from(name); // code points: never cut a surrogate pair
  const fits = Math.floor(room / CHAR_WIDTH);
  if (chars.length <= fits) return name;
  return fits < 3 ? "" : `${chars.slice(0, fits - 2).join("")}..`;
}

/**
 * flamegraph.pl's "hot" palette (red 205–255, green 0–230, blue 0–55), its
 * three variables taken from a hash of the name instead of rand().
 */
function hotColour(name: string): string {
  const h = fnv1a(name);
  const v1 = (h & 0xff) / 255;
  const v2 = ((h >>> 8) & 0xff) / 255;
  const v3 = ((h >>> 16) & 0xff) / 255;
  return `rgb(${205 + Math.round(50 * v3)},${Math.round(230 * v1)},${Math.round(55 * v2)})`;
}

/** FNV-1a, 32 bits, over UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** 1234567 → "1,234,567" without the locale, which varies between machines. */
function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Coordinates to 2 decimals, with no trailing zeros. */
function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** Text and attribute escaping; control characters XML 1.0 cannot carry become U+FFFD. */
export function escapeXml(s: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 cannot carry are what it matches
  return s.replace(/[&<>"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => XML_ENTITIES[c] ?? "\ufffd");
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
