// The Sail SDK for AssemblyScript firmware. Your entry file re-exports the
// board's entry points and defines sail_setup:
//
//   export { sail_event, sail_abi_version } from "<path>/assembly/sail";
//   export function sail_setup(): void { ... }

import { ABI_VERSION } from "./abi";

export { Status, EventKind, MiotCode, MiotValue } from "./abi";
export { sail_event, TimerCallback, EdgeCallback } from "./events";
export { log } from "./log";
export { time, delayUs, delayMs, LocalTime } from "./time";
export { Timer } from "./timer";
export { Pin, Edge, Pull } from "./gpio";
export { Pwm } from "./pwm";
export { Adc, Atten } from "./adc";
export { system, ResetReason } from "./system";
export { miot, sail_buffer, sail_buffer_size } from "./miot";
export { I2c, I2C_BUFFER_SIZE } from "./i2c";
export { Spi, SpiDevice, SPI_BUFFER_SIZE } from "./spi";
export { LedStrip, onboardLed } from "./led-strip";
export { wifi, WifiCallback, WifiEvent, WifiReason } from "./wifi";
export { Uart, ReceiveCallback } from "./uart";
export { power, rtcMemory, WakeCause, WakeCallback } from "./power";
export { Kv } from "./kv";
export { ota, OtaState } from "./ota";
export { manifest } from "./manifest";

/** The ABI version this firmware is built for; the board checks it. */
export const sail_abi_version: i32 = ABI_VERSION;
