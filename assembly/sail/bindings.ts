// Generated from host/abi/table.ts by `sail abi`; do not edit.
// The only place firmware declares what the board provides.

/** Writes one log line: `level` is 1 error, 2 warn, 3 info, 4 debug, 5 verbose (ESP-IDF `esp_log_level_t`); the text is UTF-8 at (ptr, len). (since ABI 1.0) */
@external("sail", "log_write")
export declare function log_write(level: i32, ptr: i32, len: i32): void;

/** Microseconds since boot on the board clock, including the time the running handler has used so far. (since ABI 1.0) */
@external("sail", "time_us")
export declare function time_us(): i64;

/** Blocks the firmware for `us` microseconds. Events that fall due meanwhile are delivered after the handler returns. (since ABI 1.0) */
@external("sail", "delay_us")
export declare function delay_us(us: i64): void;

/** Arms timer `id` (0..31) to fire after `delay_us`, then every `period_us` if that is above zero (one-shot otherwise). Re-arming a running id restarts it. Fires as event TIMER. (since ABI 1.0) */
@external("sail", "timer_start")
export declare function timer_start(id: i32, delay_us: i64, period_us: i64): i32;

/** Disarms timer `id`. Returns ERR_INVALID_STATE if it was not armed. (since ABI 1.0) */
@external("sail", "timer_stop")
export declare function timer_stop(id: i32): i32;

/** Configures a pin: `mode` 0 disabled, 1 input, 2 output, 3 open-drain output; `pull` 0 none, 1 up, 2 down. Output on an input-only pin, a pull on a pin without pulls, or a pin the board lacks is a firmware fault. (since ABI 1.0) */
@external("sail", "gpio_mode")
export declare function gpio_mode(pin: i32, mode: i32, pull: i32): i32;

/** Sets the output latch of `pin` to 0 or 1; it drives the pad while the pin is an output. (since ABI 1.0) */
@external("sail", "gpio_write")
export declare function gpio_write(pin: i32, level: i32): i32;

/** Returns the level on the pad (0 or 1), whatever drives it. (since ABI 1.0) */
@external("sail", "gpio_read")
export declare function gpio_read(pin: i32): i32;

/** Delivers event GPIO_EDGE with `id` on every rising (1), falling (2) or any (3) edge of `pin`; 0 stops watching. (since ABI 1.0) */
@external("sail", "gpio_watch")
export declare function gpio_watch(pin: i32, edges: i32, id: i32): i32;

/** Attaches a free LEDC channel to `pin` at `freq_hz` with a `bits`-bit duty resolution; returns the channel (>= 0) or ERR_INVALID_ARG (freq x 2^bits outside the clock's range) or ERR_NOT_FOUND (no free channel). Duty starts at 0. (since ABI 1.0) */
@external("sail", "pwm_setup")
export declare function pwm_setup(pin: i32, freq_hz: i32, bits: i32): i32;

/** Sets the duty of `channel`, 0..2^bits. Returns ERR_INVALID_ARG when out of range. (since ABI 1.0) */
@external("sail", "pwm_set_duty")
export declare function pwm_set_duty(channel: i32, duty: i32): i32;

/** Changes the frequency of `channel`, keeping its resolution. Returns ERR_INVALID_ARG when the clock cannot make it. (since ABI 1.0) */
@external("sail", "pwm_set_freq")
export declare function pwm_set_freq(channel: i32, freq_hz: i32): i32;

/** Makes `pin` an ADC input with attenuation 0 (0 dB), 1 (2.5 dB), 2 (6 dB) or 3 (12 dB). A pin without an ADC channel is a firmware fault. (since ABI 1.0) */
@external("sail", "adc_setup")
export declare function adc_setup(pin: i32, atten: i32): i32;

/** One 12-bit conversion, 0..4095, or ERR_INVALID_STATE if the pin was not set up. (since ABI 1.0) */
@external("sail", "adc_read_raw")
export declare function adc_read_raw(pin: i32): i32;

/** One conversion, calibrated to millivolts, or ERR_INVALID_STATE if the pin was not set up. (since ABI 1.0) */
@external("sail", "adc_read_mv")
export declare function adc_read_mv(pin: i32): i32;

/** 32 random bits from the board's seeded generator. (since ABI 1.0) */
@external("sail", "random_u32")
export declare function random_u32(): i32;

/** Software reset (reason SW). Does not return. (since ABI 1.0) */
@external("sail", "restart")
export declare function restart(): void;

/** Why the board last reset, as ESP-IDF `esp_reset_reason_t`: 1 POWERON, 3 SW, 4 PANIC, 6 TASK_WDT ... (since ABI 1.0) */
@external("sail", "reset_reason")
export declare function reset_reason(): i32;

/** Feeds the task watchdog. After the first feed the firmware is subscribed and must feed at least once per watchdog timeout. (since ABI 1.0) */
@external("sail", "wdt_feed")
export declare function wdt_feed(): void;

/** Answers the MIOT_GET being handled with a bool (0/1) or integer value; in MIOT_ACTION, appends the next `out` value; before miot_event, the next event argument. (since ABI 1.1) */
@external("sail", "miot_reply_int")
export declare function miot_reply_int(value: i64): void;

/** As miot_reply_int, for a float value. (since ABI 1.1) */
@external("sail", "miot_reply_float")
export declare function miot_reply_float(value: f64): void;

/** As miot_reply_int, for a string: UTF-8 at (ptr, len). (since ABI 1.1) */
@external("sail", "miot_reply_str")
export declare function miot_reply_str(ptr: i32, len: i32): void;

/** While handling MIOT_ACTION: input `index` as a bool (0/1) or integer. (since ABI 1.1) */
@external("sail", "miot_arg_int")
export declare function miot_arg_int(index: i32): i64;

/** While handling MIOT_ACTION: input `index` as a float. (since ABI 1.1) */
@external("sail", "miot_arg_float")
export declare function miot_arg_float(index: i32): f64;

/** While handling MIOT_ACTION: copies input `index` as UTF-8 to (ptr, cap); returns its full length in bytes. (since ABI 1.1) */
@external("sail", "miot_arg_str")
export declare function miot_arg_str(index: i32, ptr: i32, cap: i32): i32;

/** The firmware changed a bool or integer property: pushes properties_changed to subscribers. ERR_NOT_FOUND for a property the spec lacks, ERR_INVALID_ARG for a value it refuses. (since ABI 1.1) */
@external("sail", "miot_changed_int")
export declare function miot_changed_int(siid: i32, piid: i32, value: i64): i32;

/** As miot_changed_int, for a float property. (since ABI 1.1) */
@external("sail", "miot_changed_float")
export declare function miot_changed_float(siid: i32, piid: i32, value: f64): i32;

/** As miot_changed_int, for a string property: UTF-8 at (ptr, len). (since ABI 1.1) */
@external("sail", "miot_changed_str")
export declare function miot_changed_str(siid: i32, piid: i32, ptr: i32, len: i32): i32;

/** Raises event_occured to subscribers, its arguments the values given by miot_reply_* just before, in the spec's order. (since ABI 1.1) */
@external("sail", "miot_event")
export declare function miot_event(siid: i32, eiid: i32): i32;
