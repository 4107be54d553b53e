// `sail run`: flash a firmware onto an emulated board and run it, printing
// its logs (and with --trace, pin changes) with virtual timestamps.

import { stat } from "node:fs/promises";
import { Board } from "../board/board.js";
import { buildProject } from "../build/build.js";
import { runPaced } from "../time/pacer.js";
import { formatDuration, toMicros } from "../time/duration.js";
import { formatLog, formatTrace, note } from "./format.js";
import type { Command } from "./main.js";

export interface RunOptions {
  readonly firmware: string;
  readonly board: string;
  /** Virtual time to run; null runs until Ctrl-C. */
  readonly forUs: number | null;
  readonly realtime: boolean;
  readonly trace: boolean;
  readonly seed: number;
}

/** Builds `path` first when it is a project folder; returns the image path. */
export async function resolveFirmware(path: string): Promise<string> {
  if ((await stat(path)).isDirectory()) {
    const built = await buildProject(path);
    note(`built ${built.manifest.name} ${built.manifest.version}: ${built.bytes.length} bytes`);
    return built.file;
  }
  return path;
}

export async function runFirmware(o: RunOptions): Promise<number> {
  const board = Board.load(o.board, { seed: o.seed, onLog: (line) => console.log(formatLog(line)) });
  if (o.trace) board.trace.onEntry((e) => console.log(formatTrace(e)));
  const file = await resolveFirmware(o.firmware);
  note(`flashing ${file} onto ${board.profile.id} (${board.profile.name})`);
  const started = performance.now();
  const image = await board.flash(file);
  const m = image.manifest;
  note(m === null ? "  bare image (no manifest)" : `  ${m.name} ${m.version} (${m.model}), ABI ${m.abi}, ${image.bytes.length} bytes`);

  const stop = new AbortController();
  const onSigint = (): void => stop.abort();
  process.once("SIGINT", onSigint);
  const runStart = performance.now();
  if (o.realtime) {
    note(o.forUs === null ? "running in real time; Ctrl-C stops" : `running ${formatDuration(o.forUs)} in real time; Ctrl-C stops`);
    await runPaced(board.clock, o.forUs, stop.signal);
  } else {
    await board.advance(o.forUs ?? toMicros("10s"));
  }
  process.off("SIGINT", onSigint);
  const wallMs = performance.now() - runStart;
  const virtualUs = board.clock.now;
  const speed = wallMs > 0 ? `${Math.round(virtualUs / 1000 / wallMs).toLocaleString("en")}× real time` : "instant";
  note(`ran ${formatDuration(virtualUs)} of virtual time in ${wallMs.toFixed(0)} ms (${speed}; flash ${(runStart - started).toFixed(0)} ms): ${board.eventsDelivered} events, ${board.resets.length} resets, ${board.cpu.totalInstructions.toLocaleString("en")} wasm instructions`);
  if (board.state === "halted") {
    note("the board halted in a boot loop");
    return 1;
  }
  return 0;
}

export const runCommand: Command = {
  summary: "flash a firmware (.wasm or project folder) onto an emulated board and run it",
  usage: "sail run <firmware.wasm | project-dir> --board <id> [--for 10s] [--realtime] [--trace]",
  options: {
    board: { type: "string", value: "id", description: "board profile id (sail boards lists them); default esp32-devkitc" },
    for: { type: "string", value: "duration", description: "virtual time to run, e.g. 10s, 500ms, 1h (default 10s; with --realtime: until Ctrl-C)" },
    realtime: { type: "boolean", description: "pace virtual time to the wall clock" },
    trace: { type: "boolean", description: "print every pin change" },
    seed: { type: "string", value: "n", description: "seed for the board's random generator (default 1)" },
  },
  async run(values, positionals) {
    const firmware = positionals[0];
    if (firmware === undefined) {
      note("sail run: which firmware? give a .wasm file or a project folder, e.g. sail run examples/blink --board esp32-devkitc");
      return 2;
    }
    const forValue = values["for"];
    const realtime = values["realtime"] === true;
    return runFirmware({
      firmware,
      board: typeof values["board"] === "string" ? values["board"] : "esp32-devkitc",
      forUs: typeof forValue === "string" ? toMicros(forValue) : realtime ? null : toMicros("10s"),
      realtime,
      trace: values["trace"] === true,
      seed: typeof values["seed"] === "string" ? Number(values["seed"]) : 1,
    });
  },
};
