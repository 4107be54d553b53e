// sail-sdk/test: the partner test API. Flash firmware onto an emulated board,
// drive its pins, buttons and MIoT in virtual time, and assert on what a user
// would notice. Under `sail test` (or a mocha given failOnNotImplemented), a
// board's "not implemented" log line fails its test.

export { flash, DEFAULT_BOARD, type FlashOptions, type Firmware } from "./flash.js";
export { TestBoard, DEVICE_ADDRESS, type LanOptions } from "./test-board.js";
export { otaKeys, signUpdate, type SignUpdateOptions } from "./ota.js";
export { OtaError, type RefusalReason } from "../ota/checks.js";
export type { OtaStateName } from "../ota/states.js";
export type { Manifest } from "../flash/manifest.js";
export { TestButton, TestPin, type ClickOptions, type PressOptions } from "./pins.js";
export { PinExpectation } from "./expect-pin.js";
export { DEFAULT_KEEP, type KeepOptions, type KeptCount } from "../trace/kept.js";
export {
  MiotCodeError,
  TestMiot,
  type Iid,
  type MiotChange,
  type MiotClientOptions,
  type MiotEvent,
  type MiotPush,
} from "./miot.js";
export {
  failOnNotImplemented,
  NOT_IMPLEMENTED,
  NotImplementedError,
  notImplementedHook,
  takeNotImplemented,
} from "./not-implemented.js";
export { boardContext, formatLogLine } from "./report.js";

export type { LogLine, LogLevel, BoardState } from "../board/board.js";
export type { ResetReason, ResetRecord } from "../firmware/faults.js";
export type { Level, TraceEntry } from "../trace/pin-trace.js";
export { MiioRpcError, MiioTimeoutError } from "../miot/client.js";
export { SailError, TimeoutError } from "../errors.js";
export { formatDuration, toMicros, type Duration } from "../time/duration.js";
export { VirtualClock } from "../time/clock.js";
