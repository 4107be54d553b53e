// How the CLI prints what a board does: log lines and pin changes with
// virtual timestamps, aligned in columns.
import { formatSeconds } from "../time/duration.js";
const COLOR = process.stdout.isTTY && process.env["NO_COLOR"] === undefined;
const paint = (code, s) => (COLOR ? `\x1b[${code}m${s}\x1b[0m` : s);
const LEVEL_COLOR = { E: "31", W: "33", I: "0", D: "2", V: "2" };
export function formatLog(line) {
    const who = line.source === "app" ? "app  " : "board";
    const text = `${line.level} ${who} ${line.text}`;
    return `${paint("2", formatSeconds(line.timeUs).padStart(14))}  ${paint(LEVEL_COLOR[line.level] ?? "0", text)}`;
}
export function formatTrace(e) {
    const what = e.kind === "level"
        ? `GPIO${e.gpio} ${e.level === 1 ? "↑ 1" : "↓ 0"}`
        : `GPIO${e.gpio} pwm ${(e.dutyFraction * 100).toFixed(2)} % @ ${e.freqHz} Hz`;
    return `${paint("2", formatSeconds(e.timeUs).padStart(14))}  ${paint("36", `  pin  ${what}`)}`;
}
/** Writes a line to stderr: progress and summaries, kept apart from the run's output. */
export function note(text) {
    process.stderr.write(`${text}\n`);
}
//# sourceMappingURL=format.js.map