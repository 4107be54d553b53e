// Generated from host/abi/table.ts by `sail abi`; do not edit.

/** ABI version this SDK builds for: major << 16 | minor (1.3). */
export const ABI_VERSION: i32 = 65539;
/** Timer ids the board accepts: 0 .. MAX_TIMERS - 1. */
export const MAX_TIMERS: i32 = 32;

/** Results of board calls: 0 is OK, negatives mirror ESP-IDF esp_err_t. */
export namespace Status {
  /** success */
  export const OK: i32 = 0;
  /** generic failure (ESP_FAIL) */
  export const ERR_FAIL: i32 = -1;
  /** out of memory (ESP_ERR_NO_MEM) */
  export const ERR_NO_MEM: i32 = -257;
  /** an argument is out of range (ESP_ERR_INVALID_ARG) */
  export const ERR_INVALID_ARG: i32 = -258;
  /** not set up, or already in that state (ESP_ERR_INVALID_STATE) */
  export const ERR_INVALID_STATE: i32 = -259;
  /** a size is wrong (ESP_ERR_INVALID_SIZE) */
  export const ERR_INVALID_SIZE: i32 = -260;
  /** no such item, or none free (ESP_ERR_NOT_FOUND) */
  export const ERR_NOT_FOUND: i32 = -261;
  /** the board cannot do this (ESP_ERR_NOT_SUPPORTED) */
  export const ERR_NOT_SUPPORTED: i32 = -262;
  /** timed out (ESP_ERR_TIMEOUT) */
  export const ERR_TIMEOUT: i32 = -263;
  /** the other side answered wrongly, e.g. an I2C data NACK (ESP_ERR_INVALID_RESPONSE) */
  export const ERR_INVALID_RESPONSE: i32 = -264;
  /** no such key (ESP_ERR_NVS_NOT_FOUND) */
  export const ERR_NVS_NOT_FOUND: i32 = -4354;
  /** the key holds another type (ESP_ERR_NVS_TYPE_MISMATCH) */
  export const ERR_NVS_TYPE_MISMATCH: i32 = -4355;
  /** the store is full (ESP_ERR_NVS_NOT_ENOUGH_SPACE) */
  export const ERR_NVS_NOT_ENOUGH_SPACE: i32 = -4357;
  /** a key or namespace name is empty or not ASCII (ESP_ERR_NVS_INVALID_NAME) */
  export const ERR_NVS_INVALID_NAME: i32 = -4358;
  /** not a handle kv_open returned (ESP_ERR_NVS_INVALID_HANDLE) */
  export const ERR_NVS_INVALID_HANDLE: i32 = -4359;
  /** a key or namespace name is over 15 characters (ESP_ERR_NVS_KEY_TOO_LONG) */
  export const ERR_NVS_KEY_TOO_LONG: i32 = -4361;
  /** the value does not fit the buffer given (ESP_ERR_NVS_INVALID_LENGTH) */
  export const ERR_NVS_INVALID_LENGTH: i32 = -4364;
  /** a string or blob is over its limit (ESP_ERR_NVS_VALUE_TOO_LONG) */
  export const ERR_NVS_VALUE_TOO_LONG: i32 = -4366;
}

/** Event kinds delivered through sail_event. */
export namespace EventKind {
  /** id: timer id given to timer_start; a: the time it was due, µs; b: 0 */
  export const TIMER: i32 = 1;
  /** id: watch id given to gpio_watch; a: new level, 0 or 1; b: time of the edge, µs */
  export const GPIO_EDGE: i32 = 2;
  /** id: siid << 16 | piid; a: 0; b: 0 */
  export const MIOT_GET: i32 = 3;
  /** id: siid << 16 | piid; a: the value: bool/integer, float bits (f64), or string length in bytes (in sail_buffer); b: value kind: 0 integer/bool, 1 float, 2 string */
  export const MIOT_SET: i32 = 4;
  /** id: siid << 16 | aiid; a: number of inputs (read with miot_arg_*); b: 0 */
  export const MIOT_ACTION: i32 = 5;
  /** id: watch id given to uart_watch; a: bytes waiting in the RX buffer; b: bytes dropped since the last UART_RX (RX buffer full) */
  export const UART_RX: i32 = 6;
  /** id: 0; a: wake cause (WAKE_CAUSE); b: time asleep, µs */
  export const WAKE: i32 = 7;
  /** id: WIFI_EVENT: 1 CONNECTED, 2 DISCONNECTED, 3 RSSI (the signal changed by 5 dB or more); a: RSSI in dBm (CONNECTED, RSSI), or the reason (DISCONNECTED, WIFI_REASON); b: 0 */
  export const WIFI: i32 = 8;
}

export namespace GpioMode {
  export const DISABLED: i32 = 0;
  export const INPUT: i32 = 1;
  export const OUTPUT: i32 = 2;
  export const OUTPUT_OD: i32 = 3;
}

export namespace GpioPull {
  export const NONE: i32 = 0;
  export const UP: i32 = 1;
  export const DOWN: i32 = 2;
}

export namespace GpioEdge {
  export const NONE: i32 = 0;
  export const RISING: i32 = 1;
  export const FALLING: i32 = 2;
  export const ANY: i32 = 3;
}

export namespace Log {
  export const ERROR: i32 = 1;
  export const WARN: i32 = 2;
  export const INFO: i32 = 3;
  export const DEBUG: i32 = 4;
  export const VERBOSE: i32 = 5;
}

export namespace AdcAtten {
  export const DB_0: i32 = 0;
  export const DB_2_5: i32 = 1;
  export const DB_6: i32 = 2;
  export const DB_12: i32 = 3;
}

export namespace Reset {
  export const UNKNOWN: i32 = 0;
  export const POWERON: i32 = 1;
  export const EXT: i32 = 2;
  export const SW: i32 = 3;
  export const PANIC: i32 = 4;
  export const INT_WDT: i32 = 5;
  export const TASK_WDT: i32 = 6;
  export const WDT: i32 = 7;
  export const DEEPSLEEP: i32 = 8;
  export const BROWNOUT: i32 = 9;
}

export namespace WakeCause {
  export const UNDEFINED: i32 = 0;
  export const EXT1: i32 = 3;
  export const TIMER: i32 = 4;
  export const GPIO: i32 = 7;
}

export namespace OtaState {
  export const UNDEFINED: i32 = -1;
  export const PENDING_VERIFY: i32 = 1;
  export const VALID: i32 = 2;
}

export namespace SpiFlag {
  export const LSB_FIRST: i32 = 1;
}

export namespace LedKind {
  export const GPIO_HIGH: i32 = 0;
  export const GPIO_LOW: i32 = 1;
  export const WS2812: i32 = 2;
}

export namespace WifiEvent {
  export const CONNECTED: i32 = 1;
  export const DISCONNECTED: i32 = 2;
  export const RSSI: i32 = 3;
}

export namespace WifiReason {
  export const ASSOC_LEAVE: i32 = 8;
  export const BEACON_TIMEOUT: i32 = 200;
  export const NO_AP_FOUND: i32 = 201;
  export const AUTH_FAIL: i32 = 202;
}

export namespace MiotValue {
  export const INT: i32 = 0;
  export const FLOAT: i32 = 1;
  export const STRING: i32 = 2;
}

export namespace MiotCode {
  export const OK: i32 = 0;
  export const ACCEPTED: i32 = 1;
  export const NOT_READABLE: i32 = -4001;
  export const NOT_WRITABLE: i32 = -4002;
  export const NOT_FOUND: i32 = -4003;
  export const INTERNAL: i32 = -4004;
  export const VALUE_ERROR: i32 = -4005;
  export const ACTION_IN_ERROR: i32 = -4006;
}
