export type WasmType = "i32" | "i64" | "f32" | "f64";
/** ABI version as major.minor; exported by firmware as `major << 16 | minor`. */
export interface AbiVersion {
    readonly major: number;
    readonly minor: number;
}
export declare const ABI_VERSION: AbiVersion;
export interface AbiParam {
    readonly name: string;
    readonly type: WasmType;
}
/**
 * One function the board provides. `source: "meter"` marks imports that the
 * build's metering pass inserts (never declared by the SDK); `source: "asc"`
 * marks imports the AssemblyScript compiler adds by itself.
 */
export interface AbiImport {
    readonly module: "sail" | "env";
    readonly name: string;
    readonly params: readonly AbiParam[];
    readonly result: WasmType | null;
    readonly doc: string;
    readonly since: string;
    readonly source: "sdk" | "asc" | "meter";
}
export declare const ABI_IMPORTS: readonly [{
    readonly module: "sail";
    readonly name: "log_write";
    readonly params: readonly [{
        readonly name: "level";
        readonly type: "i32";
    }, {
        readonly name: "ptr";
        readonly type: "i32";
    }, {
        readonly name: "len";
        readonly type: "i32";
    }];
    readonly result: null;
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Writes one log line: `level` is 1 error, 2 warn, 3 info, 4 debug, 5 verbose (ESP-IDF `esp_log_level_t`); the text is UTF-8 at (ptr, len).";
}, {
    readonly module: "sail";
    readonly name: "time_us";
    readonly params: readonly [];
    readonly result: "i64";
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Microseconds since boot on the board clock, including the time the running handler has used so far.";
}, {
    readonly module: "sail";
    readonly name: "delay_us";
    readonly params: readonly [{
        readonly name: "us";
        readonly type: "i64";
    }];
    readonly result: null;
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Blocks the firmware for `us` microseconds. Events that fall due meanwhile are delivered after the handler returns.";
}, {
    readonly module: "sail";
    readonly name: "timer_start";
    readonly params: readonly [{
        readonly name: "id";
        readonly type: "i32";
    }, {
        readonly name: "delay_us";
        readonly type: "i64";
    }, {
        readonly name: "period_us";
        readonly type: "i64";
    }];
    readonly result: "i32";
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Arms timer `id` (0..31) to fire after `delay_us`, then every `period_us` if that is above zero (one-shot otherwise). Re-arming a running id restarts it. Fires as event TIMER.";
}, {
    readonly module: "sail";
    readonly name: "timer_stop";
    readonly params: readonly [{
        readonly name: "id";
        readonly type: "i32";
    }];
    readonly result: "i32";
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Disarms timer `id`. Returns ERR_INVALID_STATE if it was not armed.";
}, {
    readonly module: "sail";
    readonly name: "gpio_mode";
    readonly params: readonly [{
        readonly name: "pin";
        readonly type: "i32";
    }, {
        readonly name: "mode";
        readonly type: "i32";
    }, {
        readonly name: "pull";
        readonly type: "i32";
    }];
    readonly result: "i32";
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Configures a pin: `mode` 0 disabled, 1 input, 2 output, 3 open-drain output; `pull` 0 none, 1 up, 2 down. Output on an input-only pin, a pull on a pin without pulls, or a pin the board lacks is a firmware fault.";
}, {
    readonly module: "sail";
    readonly name: "gpio_write";
    readonly params: readonly [{
        readonly name: "pin";
        readonly type: "i32";
    }, {
        readonly name: "level";
        readonly type: "i32";
    }];
    readonly result: "i32";
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Sets the output latch of `pin` to 0 or 1; it drives the pad while the pin is an output.";
}, {
    readonly module: "sail";
    readonly name: "gpio_read";
    readonly params: readonly [{
        readonly name: "pin";
        readonly type: "i32";
    }];
    readonly result: "i32";
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Returns the level on the pad (0 or 1), whatever drives it.";
}, {
    readonly module: "sail";
    readonly name: "gpio_watch";
    readonly params: readonly [{
        readonly name: "pin";
        readonly type: "i32";
    }, {
        readonly name: "edges";
        readonly type: "i32";
    }, {
        readonly name: "id";
        readonly type: "i32";
    }];
    readonly result: "i32";
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Delivers event GPIO_EDGE with `id` on every rising (1), falling (2) or any (3) edge of `pin`; 0 stops watching.";
}, {
    readonly module: "sail";
    readonly name: "pwm_setup";
    readonly params: readonly [{
        readonly name: "pin";
        readonly type: "i32";
    }, {
        readonly name: "freq_hz";
        readonly type: "i32";
    }, {
        readonly name: "bits";
        readonly type: "i32";
    }];
    readonly result: "i32";
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Attaches a free LEDC channel to `pin` at `freq_hz` with a `bits`-bit duty resolution; returns the channel (>= 0) or ERR_INVALID_ARG (freq x 2^bits outside the clock's range) or ERR_NOT_FOUND (no free channel). Duty starts at 0.";
}, {
    readonly module: "sail";
    readonly name: "pwm_set_duty";
    readonly params: readonly [{
        readonly name: "channel";
        readonly type: "i32";
    }, {
        readonly name: "duty";
        readonly type: "i32";
    }];
    readonly result: "i32";
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Sets the duty of `channel`, 0..2^bits. Returns ERR_INVALID_ARG when out of range.";
}, {
    readonly module: "sail";
    readonly name: "pwm_set_freq";
    readonly params: readonly [{
        readonly name: "channel";
        readonly type: "i32";
    }, {
        readonly name: "freq_hz";
        readonly type: "i32";
    }];
    readonly result: "i32";
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Changes the frequency of `channel`, keeping its resolution. Returns ERR_INVALID_ARG when the clock cannot make it.";
}, {
    readonly module: "sail";
    readonly name: "adc_setup";
    readonly params: readonly [{
        readonly name: "pin";
        readonly type: "i32";
    }, {
        readonly name: "atten";
        readonly type: "i32";
    }];
    readonly result: "i32";
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Makes `pin` an ADC input with attenuation 0 (0 dB), 1 (2.5 dB), 2 (6 dB) or 3 (12 dB). A pin without an ADC channel is a firmware fault.";
}, {
    readonly module: "sail";
    readonly name: "adc_read_raw";
    readonly params: readonly [{
        readonly name: "pin";
        readonly type: "i32";
    }];
    readonly result: "i32";
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "One 12-bit conversion, 0..4095, or ERR_INVALID_STATE if the pin was not set up.";
}, {
    readonly module: "sail";
    readonly name: "adc_read_mv";
    readonly params: readonly [{
        readonly name: "pin";
        readonly type: "i32";
    }];
    readonly result: "i32";
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "One conversion, calibrated to millivolts, or ERR_INVALID_STATE if the pin was not set up.";
}, {
    readonly module: "sail";
    readonly name: "random_u32";
    readonly params: readonly [];
    readonly result: "i32";
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "32 random bits from the board's seeded generator.";
}, {
    readonly module: "sail";
    readonly name: "restart";
    readonly params: readonly [];
    readonly result: null;
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Software reset (reason SW). Does not return.";
}, {
    readonly module: "sail";
    readonly name: "reset_reason";
    readonly params: readonly [];
    readonly result: "i32";
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Why the board last reset, as ESP-IDF `esp_reset_reason_t`: 1 POWERON, 3 SW, 4 PANIC, 6 TASK_WDT ...";
}, {
    readonly module: "sail";
    readonly name: "wdt_feed";
    readonly params: readonly [];
    readonly result: null;
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Feeds the task watchdog. After the first feed the firmware is subscribed and must feed at least once per watchdog timeout.";
}, {
    readonly module: "sail";
    readonly name: "miot_reply_int";
    readonly params: readonly [{
        readonly name: "value";
        readonly type: "i64";
    }];
    readonly result: null;
    readonly since: "1.1";
    readonly source: "sdk";
    readonly doc: "Answers the MIOT_GET being handled with a bool (0/1) or integer value; in MIOT_ACTION, appends the next `out` value; before miot_event, the next event argument.";
}, {
    readonly module: "sail";
    readonly name: "miot_reply_float";
    readonly params: readonly [{
        readonly name: "value";
        readonly type: "f64";
    }];
    readonly result: null;
    readonly since: "1.1";
    readonly source: "sdk";
    readonly doc: "As miot_reply_int, for a float value.";
}, {
    readonly module: "sail";
    readonly name: "miot_reply_str";
    readonly params: readonly [{
        readonly name: "ptr";
        readonly type: "i32";
    }, {
        readonly name: "len";
        readonly type: "i32";
    }];
    readonly result: null;
    readonly since: "1.1";
    readonly source: "sdk";
    readonly doc: "As miot_reply_int, for a string: UTF-8 at (ptr, len).";
}, {
    readonly module: "sail";
    readonly name: "miot_arg_int";
    readonly params: readonly [{
        readonly name: "index";
        readonly type: "i32";
    }];
    readonly result: "i64";
    readonly since: "1.1";
    readonly source: "sdk";
    readonly doc: "While handling MIOT_ACTION: input `index` as a bool (0/1) or integer.";
}, {
    readonly module: "sail";
    readonly name: "miot_arg_float";
    readonly params: readonly [{
        readonly name: "index";
        readonly type: "i32";
    }];
    readonly result: "f64";
    readonly since: "1.1";
    readonly source: "sdk";
    readonly doc: "While handling MIOT_ACTION: input `index` as a float.";
}, {
    readonly module: "sail";
    readonly name: "miot_arg_str";
    readonly params: readonly [{
        readonly name: "index";
        readonly type: "i32";
    }, {
        readonly name: "ptr";
        readonly type: "i32";
    }, {
        readonly name: "cap";
        readonly type: "i32";
    }];
    readonly result: "i32";
    readonly since: "1.1";
    readonly source: "sdk";
    readonly doc: "While handling MIOT_ACTION: copies input `index` as UTF-8 to (ptr, cap); returns its full length in bytes.";
}, {
    readonly module: "sail";
    readonly name: "miot_changed_int";
    readonly params: readonly [{
        readonly name: "siid";
        readonly type: "i32";
    }, {
        readonly name: "piid";
        readonly type: "i32";
    }, {
        readonly name: "value";
        readonly type: "i64";
    }];
    readonly result: "i32";
    readonly since: "1.1";
    readonly source: "sdk";
    readonly doc: "The firmware changed a bool or integer property: pushes properties_changed to subscribers. ERR_NOT_FOUND for a property the spec lacks, ERR_INVALID_ARG for a value it refuses.";
}, {
    readonly module: "sail";
    readonly name: "miot_changed_float";
    readonly params: readonly [{
        readonly name: "siid";
        readonly type: "i32";
    }, {
        readonly name: "piid";
        readonly type: "i32";
    }, {
        readonly name: "value";
        readonly type: "f64";
    }];
    readonly result: "i32";
    readonly since: "1.1";
    readonly source: "sdk";
    readonly doc: "As miot_changed_int, for a float property.";
}, {
    readonly module: "sail";
    readonly name: "miot_changed_str";
    readonly params: readonly [{
        readonly name: "siid";
        readonly type: "i32";
    }, {
        readonly name: "piid";
        readonly type: "i32";
    }, {
        readonly name: "ptr";
        readonly type: "i32";
    }, {
        readonly name: "len";
        readonly type: "i32";
    }];
    readonly result: "i32";
    readonly since: "1.1";
    readonly source: "sdk";
    readonly doc: "As miot_changed_int, for a string property: UTF-8 at (ptr, len).";
}, {
    readonly module: "sail";
    readonly name: "miot_event";
    readonly params: readonly [{
        readonly name: "siid";
        readonly type: "i32";
    }, {
        readonly name: "eiid";
        readonly type: "i32";
    }];
    readonly result: "i32";
    readonly since: "1.1";
    readonly source: "sdk";
    readonly doc: "Raises event_occured to subscribers, its arguments the values given by miot_reply_* just before, in the spec's order.";
}, {
    readonly module: "sail";
    readonly name: "meter_exhausted";
    readonly params: readonly [];
    readonly result: null;
    readonly since: "1.0";
    readonly source: "meter";
    readonly doc: "Inserted by the build's metering pass; called when the instruction budget the board granted (global `sail_fuel`) runs out. The board refills it or resets the firmware by its watchdog.";
}, {
    readonly module: "env";
    readonly name: "abort";
    readonly params: readonly [{
        readonly name: "message";
        readonly type: "i32";
    }, {
        readonly name: "file";
        readonly type: "i32";
    }, {
        readonly name: "line";
        readonly type: "i32";
    }, {
        readonly name: "column";
        readonly type: "i32";
    }];
    readonly result: null;
    readonly since: "1.0";
    readonly source: "asc";
    readonly doc: "AssemblyScript's `abort` (a throw or failed assertion): a panic with its message, file, line and column. Strings are AssemblyScript UTF-16 with the byte length at ptr - 4.";
}, {
    readonly module: "env";
    readonly name: "trace";
    readonly params: readonly [{
        readonly name: "message";
        readonly type: "i32";
    }, {
        readonly name: "n";
        readonly type: "i32";
    }, {
        readonly name: "a0";
        readonly type: "f64";
    }, {
        readonly name: "a1";
        readonly type: "f64";
    }, {
        readonly name: "a2";
        readonly type: "f64";
    }, {
        readonly name: "a3";
        readonly type: "f64";
    }, {
        readonly name: "a4";
        readonly type: "f64";
    }];
    readonly result: null;
    readonly since: "1.0";
    readonly source: "asc";
    readonly doc: "AssemblyScript's `trace`: a debug log line with up to five numbers.";
}, {
    readonly module: "env";
    readonly name: "seed";
    readonly params: readonly [];
    readonly result: "f64";
    readonly since: "1.0";
    readonly source: "asc";
    readonly doc: "Seed for AssemblyScript's `Math.random`, from the board's seeded generator.";
}];
/** Events the board delivers through `sail_event(kind, id, a, b)`. */
export interface AbiEvent {
    readonly kind: number;
    readonly name: string;
    readonly id: string;
    readonly a: string;
    readonly b: string;
    readonly since: string;
}
export declare const ABI_EVENTS: readonly [{
    readonly kind: 1;
    readonly name: "TIMER";
    readonly id: "timer id given to timer_start";
    readonly a: "the time it was due, µs";
    readonly b: "0";
    readonly since: "1.0";
}, {
    readonly kind: 2;
    readonly name: "GPIO_EDGE";
    readonly id: "watch id given to gpio_watch";
    readonly a: "new level, 0 or 1";
    readonly b: "time of the edge, µs";
    readonly since: "1.0";
}, {
    readonly kind: 3;
    readonly name: "MIOT_GET";
    readonly id: "siid << 16 | piid";
    readonly a: "0";
    readonly b: "0";
    readonly since: "1.1";
}, {
    readonly kind: 4;
    readonly name: "MIOT_SET";
    readonly id: "siid << 16 | piid";
    readonly a: "the value: bool/integer, float bits (f64), or string length in bytes (in sail_buffer)";
    readonly b: "value kind: 0 integer/bool, 1 float, 2 string";
    readonly since: "1.1";
}, {
    readonly kind: 5;
    readonly name: "MIOT_ACTION";
    readonly id: "siid << 16 | aiid";
    readonly a: "number of inputs (read with miot_arg_*)";
    readonly b: "0";
    readonly since: "1.1";
}];
export type EventName = (typeof ABI_EVENTS)[number]["name"];
export declare const EVENT_KIND: {
    readonly [N in EventName]: number;
};
/** What the firmware exports. */
export interface AbiExport {
    readonly name: string;
    readonly kind: "function" | "global" | "memory";
    readonly params: readonly AbiParam[];
    readonly result: WasmType | null;
    readonly required: boolean;
    readonly doc: string;
    readonly since: string;
    readonly source: "sdk" | "asc" | "meter";
}
export declare const ABI_EXPORTS: readonly [{
    readonly name: "_start";
    readonly kind: "function";
    readonly params: readonly [];
    readonly result: null;
    readonly required: true;
    readonly since: "1.0";
    readonly source: "asc";
    readonly doc: "Module initialisation (built with `--exportStart _start`); the board calls it first, so nothing runs at instantiation.";
}, {
    readonly name: "sail_setup";
    readonly kind: "function";
    readonly params: readonly [];
    readonly result: null;
    readonly required: true;
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "The firmware's setup, called once per boot after `_start`.";
}, {
    readonly name: "sail_event";
    readonly kind: "function";
    readonly params: readonly [{
        readonly name: "kind";
        readonly type: "i32";
    }, {
        readonly name: "id";
        readonly type: "i32";
    }, {
        readonly name: "a";
        readonly type: "i64";
    }, {
        readonly name: "b";
        readonly type: "i64";
    }];
    readonly result: "i32";
    readonly required: true;
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Every event after setup. Returns 0, or ERR_NOT_FOUND when no handler has that id.";
}, {
    readonly name: "sail_abi_version";
    readonly kind: "global";
    readonly params: readonly [];
    readonly result: "i32";
    readonly required: true;
    readonly since: "1.0";
    readonly source: "sdk";
    readonly doc: "Immutable global: the ABI version built for, `major << 16 | minor`.";
}, {
    readonly name: "memory";
    readonly kind: "memory";
    readonly params: readonly [];
    readonly result: null;
    readonly required: false;
    readonly since: "1.0";
    readonly source: "asc";
    readonly doc: "Linear memory; needed by any import that takes (ptr, len).";
}, {
    readonly name: "__collect";
    readonly kind: "function";
    readonly params: readonly [];
    readonly result: null;
    readonly required: false;
    readonly since: "1.0";
    readonly source: "asc";
    readonly doc: "AssemblyScript's collector (`--runtime minimal --exportRuntime`); the board calls it between events.";
}, {
    readonly name: "sail_buffer";
    readonly kind: "function";
    readonly params: readonly [];
    readonly result: "i32";
    readonly required: false;
    readonly since: "1.1";
    readonly source: "sdk";
    readonly doc: "Address of the firmware's exchange buffer, where the board writes bytes for the firmware (a string MIOT_SET).";
}, {
    readonly name: "sail_buffer_size";
    readonly kind: "function";
    readonly params: readonly [];
    readonly result: "i32";
    readonly required: false;
    readonly since: "1.1";
    readonly source: "sdk";
    readonly doc: "Size of the exchange buffer in bytes.";
}, {
    readonly name: "sail_fuel";
    readonly kind: "global";
    readonly params: readonly [];
    readonly result: "i32";
    readonly required: false;
    readonly since: "1.0";
    readonly source: "meter";
    readonly doc: "Mutable global added by the metering pass: instructions left before `meter_exhausted` is called.";
}];
/** Status codes: 0 is OK; negatives mirror ESP-IDF `esp_err_t` names and values. */
export declare const ABI_STATUS: readonly [{
    readonly name: "OK";
    readonly value: 0;
    readonly doc: "success";
}, {
    readonly name: "ERR_FAIL";
    readonly value: -1;
    readonly doc: "generic failure (ESP_FAIL)";
}, {
    readonly name: "ERR_NO_MEM";
    readonly value: -257;
    readonly doc: "out of memory (ESP_ERR_NO_MEM)";
}, {
    readonly name: "ERR_INVALID_ARG";
    readonly value: -258;
    readonly doc: "an argument is out of range (ESP_ERR_INVALID_ARG)";
}, {
    readonly name: "ERR_INVALID_STATE";
    readonly value: -259;
    readonly doc: "not set up, or already in that state (ESP_ERR_INVALID_STATE)";
}, {
    readonly name: "ERR_INVALID_SIZE";
    readonly value: -260;
    readonly doc: "a size is wrong (ESP_ERR_INVALID_SIZE)";
}, {
    readonly name: "ERR_NOT_FOUND";
    readonly value: -261;
    readonly doc: "no such item, or none free (ESP_ERR_NOT_FOUND)";
}, {
    readonly name: "ERR_NOT_SUPPORTED";
    readonly value: -262;
    readonly doc: "the board cannot do this (ESP_ERR_NOT_SUPPORTED)";
}, {
    readonly name: "ERR_TIMEOUT";
    readonly value: -263;
    readonly doc: "timed out (ESP_ERR_TIMEOUT)";
}];
export type StatusName = (typeof ABI_STATUS)[number]["name"];
export declare const STATUS: {
    readonly [N in StatusName]: number;
};
/** Named constants shared by firmware and board (modes, pulls, edges, levels). */
export declare const ABI_CONSTANTS: readonly [{
    readonly group: "GPIO_MODE";
    readonly name: "DISABLED";
    readonly value: 0;
}, {
    readonly group: "GPIO_MODE";
    readonly name: "INPUT";
    readonly value: 1;
}, {
    readonly group: "GPIO_MODE";
    readonly name: "OUTPUT";
    readonly value: 2;
}, {
    readonly group: "GPIO_MODE";
    readonly name: "OUTPUT_OD";
    readonly value: 3;
}, {
    readonly group: "GPIO_PULL";
    readonly name: "NONE";
    readonly value: 0;
}, {
    readonly group: "GPIO_PULL";
    readonly name: "UP";
    readonly value: 1;
}, {
    readonly group: "GPIO_PULL";
    readonly name: "DOWN";
    readonly value: 2;
}, {
    readonly group: "GPIO_EDGE";
    readonly name: "NONE";
    readonly value: 0;
}, {
    readonly group: "GPIO_EDGE";
    readonly name: "RISING";
    readonly value: 1;
}, {
    readonly group: "GPIO_EDGE";
    readonly name: "FALLING";
    readonly value: 2;
}, {
    readonly group: "GPIO_EDGE";
    readonly name: "ANY";
    readonly value: 3;
}, {
    readonly group: "LOG";
    readonly name: "ERROR";
    readonly value: 1;
}, {
    readonly group: "LOG";
    readonly name: "WARN";
    readonly value: 2;
}, {
    readonly group: "LOG";
    readonly name: "INFO";
    readonly value: 3;
}, {
    readonly group: "LOG";
    readonly name: "DEBUG";
    readonly value: 4;
}, {
    readonly group: "LOG";
    readonly name: "VERBOSE";
    readonly value: 5;
}, {
    readonly group: "ADC_ATTEN";
    readonly name: "DB_0";
    readonly value: 0;
}, {
    readonly group: "ADC_ATTEN";
    readonly name: "DB_2_5";
    readonly value: 1;
}, {
    readonly group: "ADC_ATTEN";
    readonly name: "DB_6";
    readonly value: 2;
}, {
    readonly group: "ADC_ATTEN";
    readonly name: "DB_12";
    readonly value: 3;
}, {
    readonly group: "RESET";
    readonly name: "UNKNOWN";
    readonly value: 0;
}, {
    readonly group: "RESET";
    readonly name: "POWERON";
    readonly value: 1;
}, {
    readonly group: "RESET";
    readonly name: "EXT";
    readonly value: 2;
}, {
    readonly group: "RESET";
    readonly name: "SW";
    readonly value: 3;
}, {
    readonly group: "RESET";
    readonly name: "PANIC";
    readonly value: 4;
}, {
    readonly group: "RESET";
    readonly name: "INT_WDT";
    readonly value: 5;
}, {
    readonly group: "RESET";
    readonly name: "TASK_WDT";
    readonly value: 6;
}, {
    readonly group: "RESET";
    readonly name: "WDT";
    readonly value: 7;
}, {
    readonly group: "RESET";
    readonly name: "DEEPSLEEP";
    readonly value: 8;
}, {
    readonly group: "RESET";
    readonly name: "BROWNOUT";
    readonly value: 9;
}, {
    readonly group: "MIOT_VALUE";
    readonly name: "INT";
    readonly value: 0;
}, {
    readonly group: "MIOT_VALUE";
    readonly name: "FLOAT";
    readonly value: 1;
}, {
    readonly group: "MIOT_VALUE";
    readonly name: "STRING";
    readonly value: 2;
}, {
    readonly group: "MIOT_CODE";
    readonly name: "OK";
    readonly value: 0;
}, {
    readonly group: "MIOT_CODE";
    readonly name: "ACCEPTED";
    readonly value: 1;
}, {
    readonly group: "MIOT_CODE";
    readonly name: "NOT_READABLE";
    readonly value: -4001;
}, {
    readonly group: "MIOT_CODE";
    readonly name: "NOT_WRITABLE";
    readonly value: -4002;
}, {
    readonly group: "MIOT_CODE";
    readonly name: "NOT_FOUND";
    readonly value: -4003;
}, {
    readonly group: "MIOT_CODE";
    readonly name: "INTERNAL";
    readonly value: -4004;
}, {
    readonly group: "MIOT_CODE";
    readonly name: "VALUE_ERROR";
    readonly value: -4005;
}, {
    readonly group: "MIOT_CODE";
    readonly name: "ACTION_IN_ERROR";
    readonly value: -4006;
}];
/** Number of timer ids a firmware may use. */
export declare const MAX_TIMERS = 32;
export declare function abiVersionNumber(v: AbiVersion): number;
export declare function formatAbiVersion(n: number): string;
export declare function signatureOf(params: readonly AbiParam[], result: WasmType | null): string;
type JsOf<T extends WasmType> = T extends "i64" ? bigint : number;
type JsParams<P extends readonly AbiParam[]> = {
    -readonly [K in keyof P]: P[K] extends AbiParam ? JsOf<P[K]["type"]> : never;
};
type JsResult<R> = R extends WasmType ? JsOf<R> : void;
type ImportEntry = (typeof ABI_IMPORTS)[number];
/** The host implementation of every import, typed from the table. */
export type HostImports = {
    readonly [E in ImportEntry as E["name"]]: (...args: JsParams<E["params"]>) => JsResult<E["result"]>;
};
export {};
