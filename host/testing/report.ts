// How the test API describes a board when something fails: the virtual time,
// the state, the last log lines and resets, plain text (no colour) so the same
// words read well in a terminal, in mocha's report and in JUnit XML.

import type { LogLevel, LogLine } from "../board/board.js";
import type { ResetRecord } from "../firmware/faults.js";
import { formatSeconds } from "../time/duration.js";

/** How many log lines a failure message quotes. */
export const LOG_LINES_IN_FAILURES = 8;

/** What a failure message needs of a board (structural, so this file stays free of board.ts). */
export interface DescribedBoard {
  readonly now: number;
  readonly state: string;
  readonly logs: readonly LogLine[];
  readonly resets: readonly ResetRecord[];
  readonly profile: { readonly id: string };
  /** How many log lines were recorded in all, when older ones were let go. */
  readonly kept?: { readonly logLines: { readonly total: number } };
}

/** How a log line's parts are written: its timestamp, and the rest (level, source, text) by its level. */
export interface LogLineStyle {
  readonly time: (text: string) => string;
  readonly text: (text: string, level: LogLevel) => string;
}

const PLAIN: LogLineStyle = { time: (text) => text, text: (text) => text };

/** One log line as the CLI prints it, without colour: "      1.500032  I app   LED on". */
export function formatLogLine(line: LogLine): string {
  return styledLogLine(line, PLAIN);
}

/**
 * One log line in columns, each part written in `style`: the one layout of
 * `sail run`, `sail test --logs` and failure messages.
 */
export function styledLogLine(line: LogLine, style: LogLineStyle): string {
  const who = line.source === "app" ? "app  " : "board";
  const time = formatSeconds(line.timeUs).padStart(14);
  return `${style.time(time)}  ${style.text(`${line.level} ${who} ${line.text}`, line.level)}`;
}

/** "1.500032 s": a virtual instant as failure messages write it. */
export function at(us: number): string {
  return `${formatSeconds(us)} s`;
}

/**
 * The block a failure message ends with: where the board is in virtual time,
 * whether it is running, its last resets and its last log lines.
 */
export function boardContext(board: DescribedBoard, lines = LOG_LINES_IN_FAILURES): string {
  const out = [`  board: ${board.profile.id}, ${board.state}, virtual time ${at(board.now)}`];
  const resets = board.resets.slice(-3);
  if (resets.length > 0) {
    out.push(`  resets (${board.resets.length}):`);
    for (const r of resets)
      out.push(
        `    ${at(r.timeUs)} ${r.reason} ` +
          `during ${r.during}${r.function === null ? "" : ` in ${r.function}`}: ${r.message}`,
      );
  }
  const last = board.logs.slice(-lines);
  if (last.length === 0) {
    out.push("  no log lines yet");
  } else {
    const all = board.kept?.logLines.total ?? board.logs.length;
    const of = all > last.length ? ` of ${all.toLocaleString("en")}` : "";
    out.push(`  last ${last.length} log lines${of}:`);
    for (const l of last) out.push(`  ${formatLogLine(l)}`);
  }
  return out.join("\n");
}

/** Where this package's code runs from (compiled) and lives (sources, when stacks are source-mapped). */
const OWN_CODE = [new URL("..", import.meta.url).href, new URL("../../host/", import.meta.url).href];

/** Drops stack frames inside Sail and Node's internals, so a failure's stack starts at the test's own line. */
export function trimStack<E extends Error>(e: E): E {
  if (e.stack !== undefined) {
    e.stack = e.stack
      .split("\n")
      .filter((l) => !/^\s+at /.test(l) || !(l.includes("node:internal") || OWN_CODE.some((p) => l.includes(p))))
      .join("\n");
  }
  return e;
}
