// How the CLI prints what a board does: log lines and pin changes with
// virtual timestamps, aligned in columns.

import type { LogLine } from "../board/board.js";
import { styledLogLine, type LogLineStyle } from "../testing/report.js";
import type { TraceEntry } from "../trace/pin-trace.js";
import { formatSeconds } from "../time/duration.js";

const COLOR = process.stdout.isTTY && process.env["NO_COLOR"] === undefined;
const paint = (code: string, s: string): string => (COLOR ? `\x1b[${code}m${s}\x1b[0m` : s);
const LEVEL_COLOR: Readonly<Record<string, string>> = { E: "31", W: "33", I: "0", D: "2", V: "2" };

const LOG_STYLE: LogLineStyle = {
  time: (text) => paint("2", text),
  text: (text, level) => paint(LEVEL_COLOR[level] ?? "0", text),
};

export function formatLog(line: LogLine): string {
  return styledLogLine(line, LOG_STYLE);
}

/** A pin change as a line; `plain` leaves out colours (for a file). */
export function formatTrace(e: TraceEntry, plain = false): string {
  const what =
    e.kind === "level"
      ? `GPIO${e.gpio} ${e.level === 1 ? "↑ 1" : "↓ 0"}`
      : e.kind === "pwm"
        ? `GPIO${e.gpio} pwm ${(e.dutyFraction * 100).toFixed(2)} % @ ${e.freqHz} Hz`
        : `GPIO${e.gpio} leds ${e.colours.map((c) => `#${c.toString(16).padStart(6, "0")}`).join(" ")}`;
  const time = formatSeconds(e.timeUs).padStart(14);
  const text = `  pin  ${what}`;
  return plain ? `${time}  ${text}` : `${paint("2", time)}  ${paint("36", text)}`;
}

/** Writes a line to stderr: progress and summaries, kept apart from the run's output. */
export function note(text: string): void {
  process.stderr.write(`${text}\n`);
}
