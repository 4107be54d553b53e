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

/** Makes I2C `port` a master on pins `sda` and `scl` (open drain, pulled up) at `freq_hz` (1..1,000,000). ERR_INVALID_ARG for a port the board lacks or a frequency out of range; a pin that cannot drive is a firmware fault. (since ABI 1.2) */
@external("sail", "i2c_setup")
export declare function i2c_setup(port: i32, sda: i32, scl: i32, freq_hz: i32): i32;

/** START, 7-bit `addr` + W, the bytes at (ptr, len), STOP; blocks for the bus time. ERR_NOT_FOUND when no device ACKs the address, ERR_INVALID_RESPONSE when a data byte is NACKed, ERR_TIMEOUT when the device stretches the clock past `timeout_us`, ERR_INVALID_STATE when the port is not set up. (since ABI 1.2) */
@external("sail", "i2c_write")
export declare function i2c_write(port: i32, addr: i32, ptr: i32, len: i32, timeout_us: i32): i32;

/** START, `addr` + R, reads `len` bytes to (ptr, len) (ACK on each but the last), STOP. Status as i2c_write; ERR_INVALID_ARG for `len` 0 or an address above 0x7f. (since ABI 1.2) */
@external("sail", "i2c_read")
export declare function i2c_read(port: i32, addr: i32, ptr: i32, len: i32, timeout_us: i32): i32;

/** Writes (wptr, wlen), then a repeated START and reads `rlen` bytes to rptr, then STOP. Status as i2c_write; ERR_INVALID_ARG for `rlen` 0 or an address above 0x7f. (since ABI 1.2) */
@external("sail", "i2c_write_read")
export declare function i2c_write_read(port: i32, addr: i32, wptr: i32, wlen: i32, rptr: i32, rlen: i32, timeout_us: i32): i32;

/** Sets up UART `port` (8N1) on pins `tx` and `rx` at `baud` (300..5,000,000). ERR_INVALID_ARG for a port the board lacks (or the console's) or a rate out of range. (since ABI 1.2) */
@external("sail", "uart_setup")
export declare function uart_setup(port: i32, tx: i32, rx: i32, baud: i32): i32;

/** Queues the bytes at (ptr, len) for sending; they leave at the baud rate. Returns the number of bytes queued (the TX buffer holds 1024) or ERR_INVALID_STATE. (since ABI 1.2) */
@external("sail", "uart_write")
export declare function uart_write(port: i32, ptr: i32, len: i32): i32;

/** Moves up to `cap` received bytes to (ptr, cap) without waiting; returns how many (0 when none) or ERR_INVALID_STATE. The RX buffer holds 1024 bytes; bytes beyond are dropped and counted. (since ABI 1.2) */
@external("sail", "uart_read")
export declare function uart_read(port: i32, ptr: i32, cap: i32): i32;

/** Delivers event UART_RX with `id` when received bytes wait and the line has been idle for 10 symbols (or 120 bytes wait); -1 stops. (since ABI 1.2) */
@external("sail", "uart_watch")
export declare function uart_watch(port: i32, id: i32): i32;

/** Makes SPI `port` (0 is SPI2, 1 is SPI3 where the chip has it) a master on `sclk`, `mosi` and `miso` (-1 for a line not wired). ERR_INVALID_ARG for a port the board lacks, or no SCLK; a pin that cannot serve is a firmware fault. Setting a port up again removes its devices. (since ABI 1.3) */
@external("sail", "spi_bus_setup")
export declare function spi_bus_setup(port: i32, sclk: i32, mosi: i32, miso: i32): i32;

/** Adds a device on chip-select pin `cs` (active low) with SPI `mode` 0..3 (CPOL << 1 | CPHA) at `clock_hz` (1..the profile's maxHz), `flags` 1 for LSB first; returns its handle (>= 0). ERR_INVALID_STATE when the port is not set up, ERR_INVALID_ARG for a mode, clock or flag out of range, ERR_NOT_FOUND when the port's chip selects are all taken. (since ABI 1.3) */
@external("sail", "spi_device_add")
export declare function spi_device_add(port: i32, cs: i32, mode: i32, clock_hz: i32, flags: i32): i32;

/** Full duplex with CS low: clocks out the `len` bytes at tx_ptr while reading `len` bytes to rx_ptr (they may be the same buffer); blocks for len x 8 clock periods. MISO reads 0xFF bytes where no device drives it. ERR_INVALID_STATE for a handle spi_device_add did not return, ERR_INVALID_ARG for `len` 0. (since ABI 1.3) */
@external("sail", "spi_transfer")
export declare function spi_transfer(device: i32, tx_ptr: i32, rx_ptr: i32, len: i32): i32;

/** Half duplex with CS low throughout: writes (wptr, wlen), then reads `rlen` bytes to rptr while MOSI sends zeros; blocks for (wlen + rlen) x 8 clock periods. Statuses as spi_transfer; ERR_INVALID_ARG when both lengths are 0. (since ABI 1.3) */
@external("sail", "spi_write_read")
export declare function spi_write_read(device: i32, wptr: i32, wlen: i32, rptr: i32, rlen: i32): i32;

/** Sends the bytes at (ptr, len), 3 per LED in G, R, B order, MSB first, on `pin` with WS2812 timing from an RMT TX channel (the first use of a pin takes a free one), then holds the line low for the reset time; blocks until done. ERR_NOT_FOUND when every RMT TX channel is taken, ERR_INVALID_ARG for `len` 0 or not a multiple of 3; a pin that cannot drive is a firmware fault. (since ABI 1.3) */
@external("sail", "led_strip_write")
export declare function led_strip_write(pin: i32, ptr: i32, len: i32): i32;

/** The board's on-board LED as `gpio | kind << 8`, kind from LED_KIND: 0 a plain LED lit by a high level, 1 one lit by a low level, 2 one WS2812 (drive it with led_strip_write). ERR_NOT_FOUND when the board has none. (since ABI 1.3) */
@external("sail", "board_led")
export declare function board_led(): i32;

/** Microseconds since 1970-01-01 00:00 UTC as the board learned it from the network's time server (SNTP), or ERR_INVALID_STATE before the first sync since boot. (since ABI 1.3) */
@external("sail", "wallclock_us")
export declare function wallclock_us(): i64;

/** Opens namespace (ns_ptr, ns_len) (1..15 ASCII characters), creating it: returns a handle (>= 0), ERR_NVS_KEY_TOO_LONG, ERR_NVS_INVALID_NAME or ERR_NVS_NOT_ENOUGH_SPACE. (since ABI 1.2) */
@external("sail", "kv_open")
export declare function kv_open(ns_ptr: i32, ns_len: i32): i32;

/** Stores an integer under the key (1..15 ASCII characters), replacing value and type. Written to flash before it returns: after a power cut the key holds the old or the new value. ERR_NVS_NOT_ENOUGH_SPACE when the store is full. (since ABI 1.2) */
@external("sail", "kv_set_int")
export declare function kv_set_int(handle: i32, key_ptr: i32, key_len: i32, value: i64): i32;

/** Writes the integer stored under the key as an i64 at out_ptr. ERR_NVS_NOT_FOUND, or ERR_NVS_TYPE_MISMATCH when the key holds a string or blob. (since ABI 1.2) */
@external("sail", "kv_get_int")
export declare function kv_get_int(handle: i32, key_ptr: i32, key_len: i32, out_ptr: i32): i32;

/** Stores a UTF-8 string (at most 3999 bytes; NVS adds a NUL, and 4000 fill one flash page) under the key. ERR_NVS_VALUE_TOO_LONG, ERR_NVS_NOT_ENOUGH_SPACE. (since ABI 1.2) */
@external("sail", "kv_set_str")
export declare function kv_set_str(handle: i32, key_ptr: i32, key_len: i32, ptr: i32, len: i32): i32;

/** Copies the string stored under the key to (ptr, cap); returns its length in bytes. ERR_NVS_INVALID_LENGTH when it does not fit in `cap` (nothing copied), ERR_NVS_NOT_FOUND, ERR_NVS_TYPE_MISMATCH. (since ABI 1.2) */
@external("sail", "kv_get_str")
export declare function kv_get_str(handle: i32, key_ptr: i32, key_len: i32, ptr: i32, cap: i32): i32;

/** Stores bytes (at most 4000, one flash page, as NVS strings) under the key. ERR_NVS_VALUE_TOO_LONG, ERR_NVS_NOT_ENOUGH_SPACE. (since ABI 1.2) */
@external("sail", "kv_set_blob")
export declare function kv_set_blob(handle: i32, key_ptr: i32, key_len: i32, ptr: i32, len: i32): i32;

/** As kv_get_str, for a blob. (since ABI 1.2) */
@external("sail", "kv_get_blob")
export declare function kv_get_blob(handle: i32, key_ptr: i32, key_len: i32, ptr: i32, cap: i32): i32;

/** Deletes the key. ERR_NVS_NOT_FOUND when it is absent. (since ABI 1.2) */
@external("sail", "kv_erase")
export declare function kv_erase(handle: i32, key_ptr: i32, key_len: i32): i32;

/** Commits the namespace. Every set is already on flash when it returns (as ESP-IDF v5 NVS does), so this only checks the handle; call it anyway, as portable NVS code does. (since ABI 1.2) */
@external("sail", "kv_commit")
export declare function kv_commit(handle: i32): i32;

/** Makes the next sleep end after `us` microseconds (wake cause TIMER). (since ABI 1.2) */
@external("sail", "sleep_wake_timer")
export declare function sleep_wake_timer(us: i64): i32;

/** Makes the next sleep end while `pin` is at `level` (0 or 1): wake cause EXT1 on ESP32, GPIO on ESP32-C3. Any pin wakes from light sleep; deep sleep needs one of the board's RTC wake pins (checked by sleep_deep). (since ABI 1.2) */
@external("sail", "sleep_wake_pin")
export declare function sleep_wake_pin(pin: i32, level: i32): i32;

/** Forgets every wake source set so far. (since ABI 1.2) */
@external("sail", "sleep_wake_clear")
export declare function sleep_wake_clear(): void;

/** When the running handler returns, the CPU light-sleeps (RAM and pins kept) until a wake source fires, then event WAKE is delivered; other events wait until then. ERR_INVALID_STATE when no wake source is set. (since ABI 1.2) */
@external("sail", "sleep_light")
export declare function sleep_light(): i32;

/** Enters deep sleep at once and does not return: RAM, pins and timers are lost, RTC memory is kept; a wake source resets the board with reason DEEPSLEEP. Returns ERR_INVALID_ARG only when a wake pin cannot wake from deep sleep. (since ABI 1.2) */
@external("sail", "sleep_deep")
export declare function sleep_deep(): i32;

/** Why the last sleep ended, as ESP-IDF `esp_sleep_source_t`: 0 UNDEFINED (the last reset was not a wake), 3 EXT1, 4 TIMER, 7 GPIO. (since ABI 1.2) */
@external("sail", "wake_cause")
export declare function wake_cause(): i32;

/** Copies (ptr, len) into RTC memory at `offset`. RTC memory (the profile's size, 8 KiB on ESP32) survives deep sleep and is zeroed by every other reset, like RTC_DATA_ATTR. ERR_INVALID_SIZE beyond its end. (since ABI 1.2) */
@external("sail", "rtc_mem_write")
export declare function rtc_mem_write(offset: i32, ptr: i32, len: i32): i32;

/** Copies `len` bytes of RTC memory from `offset` to ptr. ERR_INVALID_SIZE beyond its end. (since ABI 1.2) */
@external("sail", "rtc_mem_read")
export declare function rtc_mem_read(offset: i32, ptr: i32, len: i32): i32;

/** State of the running image as ESP-IDF `esp_ota_img_states_t`: 1 PENDING_VERIFY (booted on trial after an update), 2 VALID, -1 UNDEFINED (flashed directly, not by OTA). (since ABI 1.2) */
@external("sail", "ota_state")
export declare function ota_state(): i32;

/** Marks the running image valid, cancelling rollback. An image on trial that is not confirmed within the board's trial time, or that resets first, is rolled back. (since ABI 1.2) */
@external("sail", "ota_confirm")
export declare function ota_confirm(): i32;

/** Marks the running image invalid and resets into the previous one. Does not return. (since ABI 1.2) */
@external("sail", "ota_reject")
export declare function ota_reject(): void;
