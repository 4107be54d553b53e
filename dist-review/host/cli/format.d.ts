import type { LogLine } from "../board/board.js";
import type { TraceEntry } from "../board/trace.js";
export declare function formatLog(line: LogLine): string;
export declare function formatTrace(e: TraceEntry): string;
/** Writes a line to stderr: progress and summaries, kept apart from the run's output. */
export declare function note(text: string): void;
