// `sail verify`'s comparison: one image and scenario run twice on the same
// board models, once in V8 and once in the C runtime, each run written as the
// canonical event stream of docs/decisions.md D34: one record per line,
// virtual µs, kind (log, pin, pwm, miot-reply, miot-push, reset), payload.
// Traps are named by their canonical kind (D47), so the two engines' words for
// the same trap compare equal; the function a reset names is left out (the C
// engine does not know it).

import type { BoardProfile } from "../boards/profile.js";
import { Board } from "../board/board.js";
import type { ExecutorFactory } from "../firmware/executor.js";
import type { ResetRecord } from "../firmware/faults.js";
import { applyScenario, type Step } from "../scenario/scenario.js";
import type { Change } from "../trace/changes.js";
import { CRuntimeExecutors, V8_TRAP_MESSAGES } from "./c-executor.js";
import type { HostRuntime } from "./wasm2c.js";

const TRAP_KINDS = [
  "",
  "unreachable",
  "out-of-bounds",
  "divide-by-zero",
  "integer-overflow",
  "invalid-conversion",
  "indirect-call",
  "stack",
  "other",
];

export interface StreamRun {
  readonly image: Uint8Array;
  readonly file: string;
  readonly profile: BoardProfile;
  readonly steps: readonly Step[];
  readonly scenarioFile?: string;
  readonly forUs: number;
  readonly seed: number;
  /** Inputs set before the board is flashed (a test's wiring), as the world outside is before power-on. */
  readonly before?: (board: Board) => void;
}

export interface Stream {
  readonly records: readonly string[];
  /** Events the firmware handled. */
  readonly events: number;
  /** Port calls over the pipe (C runs only). */
  readonly frames: number;
  /** Wall time of the run, ms. */
  readonly wallMs: number;
}

/** The canonical trap kind of a reset message, or null when it is not a trap. */
export function trapKind(message: string): string | null {
  if (message.startsWith("stack overflow: the wasm call stack is exhausted")) return "stack";
  const m = /\btrap: (.*?)\)?$/.exec(message);
  if (m === null) return null;
  const i = V8_TRAP_MESSAGES.indexOf(m[1] ?? "");
  if (i > 0) return TRAP_KINDS[i] ?? "other";
  return m[1] === "table index is out of bounds" ? "indirect-call" : "other";
}

function resetPayload(r: ResetRecord): string {
  const kind = trapKind(r.message);
  return `${r.reason} ${kind === null ? JSON.stringify(r.message) : `trap ${kind}`} during ${r.during}`;
}

export function canonical(c: Change): string {
  switch (c.kind) {
    case "level":
      return `${c.timeUs} pin GPIO${c.gpio}=${c.level}`;
    case "pwm":
      return `${c.timeUs} pwm GPIO${c.gpio} duty=${c.dutyFraction} freq=${c.freqHz}`;
    case "leds":
      return `${c.timeUs} leds GPIO${c.gpio} ${c.colours.map((rgb) => rgb.toString(16).padStart(6, "0")).join(" ")}`;
    case "log":
      return `${c.timeUs} log ${c.line.level} ${c.line.source} ${JSON.stringify(c.line.text)}`;
    case "reset":
      return `${c.timeUs} reset ${resetPayload(c.record)}`;
  }
}

/** The board's own line announcing a reset: the reset record carries the same facts, canonically. */
const RESET_LINE = /^reset [A-Z_]+ during /;

/** Runs the image and scenario on a fresh board; with `executors`, in the C runtime. */
export async function runStream(run: StreamRun, build: ((code: Uint8Array) => HostRuntime) | null): Promise<Stream> {
  const records: string[] = [];
  let board: Board | null = null;
  const executors = build === null ? null : new CRuntimeExecutors(build, () => board as Board);
  const executor: ExecutorFactory | undefined = executors?.start;
  const started = performance.now();
  board = new Board(run.profile, { seed: run.seed, ...(executor === undefined ? {} : { executor }) });
  board.changes.subscribe((c) => {
    if (c.kind === "log" && c.line.source === "board" && RESET_LINE.test(c.line.text)) return;
    records.push(canonical(c));
  });
  try {
    run.before?.(board);
    await board.flash(run.image, run.file);
    applyScenario(board, run.steps, run.scenarioFile);
    await board.advance(run.forUs);
  } finally {
    executors?.close();
  }
  return {
    records,
    events: board.eventsDelivered,
    frames: executors?.frames ?? 0,
    wallMs: performance.now() - started,
  };
}

export interface Divergence {
  /** Index of the first record that differs. */
  readonly index: number;
  readonly emulator: string;
  readonly runtime: string;
  /** Up to five records before it, the same on both sides. */
  readonly before: readonly string[];
  /** Up to five records after it on each side. */
  readonly emulatorAfter: readonly string[];
  readonly runtimeAfter: readonly string[];
}

/** The first difference between two streams, or null when they are equal. */
export function firstDivergence(emulator: readonly string[], runtime: readonly string[]): Divergence | null {
  const n = Math.max(emulator.length, runtime.length);
  for (let i = 0; i < n; i++) {
    if (emulator[i] === runtime[i]) continue;
    return {
      index: i,
      emulator: emulator[i] ?? "(the stream ends)",
      runtime: runtime[i] ?? "(the stream ends)",
      before: emulator.slice(Math.max(0, i - 5), i),
      emulatorAfter: emulator.slice(i + 1, i + 6),
      runtimeAfter: runtime.slice(i + 1, i + 6),
    };
  }
  return null;
}
