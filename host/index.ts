// sail-sdk: the emulated board and the tools around it, for tests and scripts.

export { Board, type BoardOptions, type BoardState, type LogLine, type LogLevel } from "./board/board.js";
export { ButtonHandle, PinHandle, type PressOptions } from "./board/handles.js";
export { listBoardIds, loadBoardProfile, type BoardProfile } from "./board/profile.js";
export type { ResetReason, ResetRecord } from "./board/faults.js";
export type { Level, TraceEntry } from "./board/trace.js";
export { buildProject, type BuildOptions, type BuildResult } from "./build/build.js";
export { flashImage, type FlashedImage } from "./flash/flash.js";
export type { Manifest } from "./flash/manifest.js";
export { BuildError, ImageError, ProfileError, SailError, TimeoutError } from "./errors.js";
export { toMicros, type Duration } from "./time/duration.js";
export { ABI_VERSION } from "./abi/table.js";
export { checkBudgets, eventsNamed, parseBudgets, profileReport, type ProfileReport } from "./profile/report.js";
export type { EventStats, FunctionStats } from "./profile/profiler.js";
export { sizeReport, type SizeReport } from "./profile/size.js";
export { boardVcd, traceToVcd } from "./board/vcd.js";
