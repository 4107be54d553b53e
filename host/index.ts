// sail-sdk: the emulated board and the tools around it, for tests and scripts.

export { Board, type BoardOptions, type BoardState, type LogLine, type LogLevel } from "./board/board.js";
export { ButtonHandle, PinHandle, type PressOptions } from "./board/handles.js";
export { listBoardIds, loadBoardProfile, type BoardProfile } from "./boards/profile.js";
export type { ResetReason, ResetRecord } from "./firmware/faults.js";
export type { Level, TraceEntry } from "./trace/pin-trace.js";
// The seams: the state-change stream, the firmware executor
export { Changes, type Change, type ChangeListener, type ChangeTopic } from "./trace/changes.js";
export type { ExecutorFactory, FirmwareExecutor, FuelMeter } from "./firmware/executor.js";
export { startV8 } from "./firmware/v8-executor.js";
export { buildProject, type BuildOptions, type BuildResult } from "./build/build.js";
export { flashImage, type FlashedImage } from "./flash/flash.js";
export type { Manifest } from "./flash/manifest.js";
export { BuildError, ImageError, ProfileError, SailError, TimeoutError } from "./errors.js";
export { toMicros, type Duration } from "./time/duration.js";
export { ABI_VERSION } from "./abi/table.js";
export { checkBudgets, eventsNamed, parseBudgets, profilerReport, type ProfilerReport } from "./profiler/report.js";
export type { EventStats, FunctionStats } from "./profiler/profiler.js";
export { sizeReport, type SizeReport } from "./profiler/size.js";
export { boardVcd, traceToVcd } from "./trace/vcd.js";
export { VcdStream } from "./trace/vcd-stream.js";
export { DEFAULT_KEEP, type KeepOptions, type KeptCount } from "./trace/kept.js";
export type { MiotIdentity } from "./miot/board-device.js";
export { WAKE_CAUSE } from "./power/sleep.js";
// Flash, key-value store, OTA, energy
export { FlashChip, FlashError, PowerCut } from "./flash/chip.js";
export { loadFlashImage, saveFlashImage } from "./flash/file.js";
export { lockFlashFile, type FlashFileLock } from "./flash/lock.js";
export { KvStore, type KvEntry, type KvStats, type KvValue } from "./storage/store.js";
export { KvError } from "./storage/errors.js";
export { OtaManager } from "./ota/manager.js";
export { OtaError, checkUpdate, type RefusalReason } from "./ota/checks.js";
export { generateSigningKeys, loadPrivateKey, loadPublicKey, signImage } from "./ota/signature.js";
export { serveImage, serveImageFile } from "./ota/http-server.js";
export { batteryLifeDays, formatEnergy, type EnergyReport, type PowerState } from "./power/energy.js";
// Sensor part models, the physical world and a home
export { Sht3x } from "./parts/sht3x.js";
export { Bh1750 } from "./parts/bh1750.js";
export { Pms5003 } from "./parts/pms5003.js";
export { PartBench } from "./parts/bench.js";
export { PartFaults, type I2cPart, type UartPart } from "./parts/part.js";
export { World, type WorldOptions, type WorldState } from "./world/world.js";
export { PirSensor, AM312, HC_SR501 } from "./world/pir.js";
export { Home, type HomeOptions } from "./home/home.js";
export { act, set, when, AutomationError, type Rule } from "./home/rules.js";
// MIoT from the harness side
export { MiioClient, MiioRpcError, MiioTimeoutError } from "./miot/client.js";
export { VirtualLan, virtualTimers } from "./miot/virtual-lan.js";
export { VirtualClock } from "./time/clock.js";
