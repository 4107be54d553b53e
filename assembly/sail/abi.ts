// Generated from host/abi/table.ts by `sail abi`; do not edit.

/** ABI version this SDK builds for: major << 16 | minor (1.1). */
export const ABI_VERSION: i32 = 65537;
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
