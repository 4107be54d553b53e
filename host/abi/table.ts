// The ABI between firmware and board, described once. The AssemblyScript
// bindings, the host bindings, the flash-time import check, the C header for
// the on-board runtime and the README reference all derive from, or are tested
// against, this file.

export type WasmType = "i32" | "i64" | "f32" | "f64";

/** ABI version as major.minor; exported by firmware as `major << 16 | minor`. */
export interface AbiVersion {
  readonly major: number;
  readonly minor: number;
}

export const ABI_VERSION: AbiVersion = { major: 1, minor: 3 };

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

const i32 = <N extends string>(name: N) => ({ name, type: "i32" }) as const;
const i64 = <N extends string>(name: N) => ({ name, type: "i64" }) as const;
const f64 = <N extends string>(name: N) => ({ name, type: "f64" }) as const;

export const ABI_IMPORTS = [
  // Logging
  {
    module: "sail",
    name: "log_write",
    params: [i32("level"), i32("ptr"), i32("len")],
    result: null,
    since: "1.0",
    source: "sdk",
    doc:
      "Writes one log line: `level` is 1 error, 2 warn, 3 info, 4 debug, 5 " +
      "verbose (ESP-IDF `esp_log_level_t`); the text is UTF-8 at (ptr, len).",
  },
  // Time
  {
    module: "sail",
    name: "time_us",
    params: [],
    result: "i64",
    since: "1.0",
    source: "sdk",
    doc: "Microseconds since boot on the board clock, including the time the running handler has used so far.",
  },
  {
    module: "sail",
    name: "delay_us",
    params: [i64("us")],
    result: null,
    since: "1.0",
    source: "sdk",
    doc:
      "Blocks the firmware for `us` microseconds. Events that " +
      "fall due meanwhile are delivered after the handler returns.",
  },
  // Timers
  {
    module: "sail",
    name: "timer_start",
    params: [i32("id"), i64("delay_us"), i64("period_us")],
    result: "i32",
    since: "1.0",
    source: "sdk",
    doc:
      "Arms timer `id` (0..31) to fire after `delay_us`, then every `period_us` if that is above " +
      "zero (one-shot otherwise). Re-arming a running id restarts it. Fires as event TIMER.",
  },
  {
    module: "sail",
    name: "timer_stop",
    params: [i32("id")],
    result: "i32",
    since: "1.0",
    source: "sdk",
    doc: "Disarms timer `id`. Returns ERR_INVALID_STATE if it was not armed.",
  },
  // GPIO
  {
    module: "sail",
    name: "gpio_mode",
    params: [i32("pin"), i32("mode"), i32("pull")],
    result: "i32",
    since: "1.0",
    source: "sdk",
    doc:
      "Configures a pin: `mode` 0 disabled, 1 input, 2 output, 3 open-drain output; `pull` 0 none, 1 up, 2 down. " +
      "Output on an input-only pin, a pull on a pin without pulls, or a pin the board lacks is a firmware fault.",
  },
  {
    module: "sail",
    name: "gpio_write",
    params: [i32("pin"), i32("level")],
    result: "i32",
    since: "1.0",
    source: "sdk",
    doc: "Sets the output latch of `pin` to 0 or 1; it drives the pad while the pin is an output.",
  },
  {
    module: "sail",
    name: "gpio_read",
    params: [i32("pin")],
    result: "i32",
    since: "1.0",
    source: "sdk",
    doc: "Returns the level on the pad (0 or 1), whatever drives it.",
  },
  {
    module: "sail",
    name: "gpio_watch",
    params: [i32("pin"), i32("edges"), i32("id")],
    result: "i32",
    since: "1.0",
    source: "sdk",
    doc:
      "Delivers event GPIO_EDGE with `id` on every rising (1), falling (2) " +
      "or any (3) edge of `pin`; 0 stops watching.",
  },
  // PWM (LEDC)
  {
    module: "sail",
    name: "pwm_setup",
    params: [i32("pin"), i32("freq_hz"), i32("bits")],
    result: "i32",
    since: "1.0",
    source: "sdk",
    doc:
      "Attaches a free LEDC channel to `pin` at `freq_hz` with a `bits`-bit duty " +
      "resolution; returns the channel (>= 0) or ERR_INVALID_ARG (freq x 2^bits " +
      "outside the clock's range) or ERR_NOT_FOUND (no free channel). Duty starts at 0.",
  },
  {
    module: "sail",
    name: "pwm_set_duty",
    params: [i32("channel"), i32("duty")],
    result: "i32",
    since: "1.0",
    source: "sdk",
    doc: "Sets the duty of `channel`, 0..2^bits. Returns ERR_INVALID_ARG when out of range.",
  },
  {
    module: "sail",
    name: "pwm_set_freq",
    params: [i32("channel"), i32("freq_hz")],
    result: "i32",
    since: "1.0",
    source: "sdk",
    doc:
      "Changes the frequency of `channel`, keeping its resolution. " +
      "Returns ERR_INVALID_ARG when the clock cannot make it.",
  },
  // ADC
  {
    module: "sail",
    name: "adc_setup",
    params: [i32("pin"), i32("atten")],
    result: "i32",
    since: "1.0",
    source: "sdk",
    doc:
      "Makes `pin` an ADC input with attenuation 0 (0 dB), 1 (2.5 dB), 2 (6 " +
      "dB) or 3 (12 dB). A pin without an ADC channel is a firmware fault.",
  },
  {
    module: "sail",
    name: "adc_read_raw",
    params: [i32("pin")],
    result: "i32",
    since: "1.0",
    source: "sdk",
    doc: "One 12-bit conversion, 0..4095, or ERR_INVALID_STATE if the pin was not set up.",
  },
  {
    module: "sail",
    name: "adc_read_mv",
    params: [i32("pin")],
    result: "i32",
    since: "1.0",
    source: "sdk",
    doc: "One conversion, calibrated to millivolts, or ERR_INVALID_STATE if the pin was not set up.",
  },
  // System
  {
    module: "sail",
    name: "random_u32",
    params: [],
    result: "i32",
    since: "1.0",
    source: "sdk",
    doc: "32 random bits from the board's seeded generator.",
  },
  {
    module: "sail",
    name: "restart",
    params: [],
    result: null,
    since: "1.0",
    source: "sdk",
    doc: "Software reset (reason SW). Does not return.",
  },
  {
    module: "sail",
    name: "reset_reason",
    params: [],
    result: "i32",
    since: "1.0",
    source: "sdk",
    doc: "Why the board last reset, as ESP-IDF `esp_reset_reason_t`: 1 POWERON, 3 SW, 4 PANIC, 6 TASK_WDT ...",
  },
  {
    module: "sail",
    name: "wdt_feed",
    params: [],
    result: null,
    since: "1.0",
    source: "sdk",
    doc:
      "Feeds the task watchdog. After the first feed the firmware is " +
      "subscribed and must feed at least once per watchdog timeout.",
  },
  // MIoT (values answered while handling MIOT_GET / MIOT_ACTION; notifications out)
  {
    module: "sail",
    name: "miot_reply_int",
    params: [i64("value")],
    result: null,
    since: "1.1",
    source: "sdk",
    doc:
      "Answers the MIOT_GET being handled with a bool (0/1) or integer value; in " +
      "MIOT_ACTION, appends the next `out` value; before miot_event, the next event argument.",
  },
  {
    module: "sail",
    name: "miot_reply_float",
    params: [f64("value")],
    result: null,
    since: "1.1",
    source: "sdk",
    doc: "As miot_reply_int, for a float value.",
  },
  {
    module: "sail",
    name: "miot_reply_str",
    params: [i32("ptr"), i32("len")],
    result: null,
    since: "1.1",
    source: "sdk",
    doc: "As miot_reply_int, for a string: UTF-8 at (ptr, len).",
  },
  {
    module: "sail",
    name: "miot_arg_int",
    params: [i32("index")],
    result: "i64",
    since: "1.1",
    source: "sdk",
    doc: "While handling MIOT_ACTION: input `index` as a bool (0/1) or integer.",
  },
  {
    module: "sail",
    name: "miot_arg_float",
    params: [i32("index")],
    result: "f64",
    since: "1.1",
    source: "sdk",
    doc: "While handling MIOT_ACTION: input `index` as a float.",
  },
  {
    module: "sail",
    name: "miot_arg_str",
    params: [i32("index"), i32("ptr"), i32("cap")],
    result: "i32",
    since: "1.1",
    source: "sdk",
    doc: "While handling MIOT_ACTION: copies input `index` as UTF-8 to (ptr, cap); returns its full length in bytes.",
  },
  {
    module: "sail",
    name: "miot_changed_int",
    params: [i32("siid"), i32("piid"), i64("value")],
    result: "i32",
    since: "1.1",
    source: "sdk",
    doc:
      "The firmware changed a bool or integer property: pushes properties_changed to subscribers. " +
      "ERR_NOT_FOUND for a property the spec lacks, ERR_INVALID_ARG for a value it refuses.",
  },
  {
    module: "sail",
    name: "miot_changed_float",
    params: [i32("siid"), i32("piid"), f64("value")],
    result: "i32",
    since: "1.1",
    source: "sdk",
    doc: "As miot_changed_int, for a float property.",
  },
  {
    module: "sail",
    name: "miot_changed_str",
    params: [i32("siid"), i32("piid"), i32("ptr"), i32("len")],
    result: "i32",
    since: "1.1",
    source: "sdk",
    doc: "As miot_changed_int, for a string property: UTF-8 at (ptr, len).",
  },
  {
    module: "sail",
    name: "miot_event",
    params: [i32("siid"), i32("eiid")],
    result: "i32",
    since: "1.1",
    source: "sdk",
    doc:
      "Raises event_occured to subscribers, its arguments the values " +
      "given by miot_reply_* just before, in the spec's order.",
  },
  // I2C (master)
  {
    module: "sail",
    name: "i2c_setup",
    params: [i32("port"), i32("sda"), i32("scl"), i32("freq_hz")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Makes I2C `port` a master on pins `sda` and `scl` (open drain, pulled up) " +
      "at `freq_hz` (1..1,000,000). ERR_INVALID_ARG for a port the board lacks " +
      "or a frequency out of range; a pin that cannot drive is a firmware fault.",
  },
  {
    module: "sail",
    name: "i2c_write",
    params: [i32("port"), i32("addr"), i32("ptr"), i32("len"), i32("timeout_us")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "START, 7-bit `addr` + W, the bytes at (ptr, len), STOP; blocks for the bus time. ERR_NOT_FOUND " +
      "when no device ACKs the address, ERR_INVALID_RESPONSE when a data byte is NACKed, ERR_TIMEOUT when " +
      "the device stretches the clock past `timeout_us`, ERR_INVALID_STATE when the port is not set up.",
  },
  {
    module: "sail",
    name: "i2c_read",
    params: [i32("port"), i32("addr"), i32("ptr"), i32("len"), i32("timeout_us")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "START, `addr` + R, reads `len` bytes to (ptr, len) (ACK on each but the last), " +
      "STOP. Status as i2c_write; ERR_INVALID_ARG for `len` 0 or an address above 0x7f.",
  },
  {
    module: "sail",
    name: "i2c_write_read",
    params: [i32("port"), i32("addr"), i32("wptr"), i32("wlen"), i32("rptr"), i32("rlen"), i32("timeout_us")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Writes (wptr, wlen), then a repeated START and reads `rlen` bytes to rptr, then " +
      "STOP. Status as i2c_write; ERR_INVALID_ARG for `rlen` 0 or an address above 0x7f.",
  },
  // UART
  {
    module: "sail",
    name: "uart_setup",
    params: [i32("port"), i32("tx"), i32("rx"), i32("baud")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Sets up UART `port` (8N1) on pins `tx` and `rx` at `baud` (300..5,000,000). " +
      "ERR_INVALID_ARG for a port the board lacks (or the console's) or a rate out of range.",
  },
  {
    module: "sail",
    name: "uart_write",
    params: [i32("port"), i32("ptr"), i32("len")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Queues the bytes at (ptr, len) for sending; they leave at the baud rate. Returns " +
      "the number of bytes queued (the TX buffer holds 1024) or ERR_INVALID_STATE.",
  },
  {
    module: "sail",
    name: "uart_read",
    params: [i32("port"), i32("ptr"), i32("cap")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Moves up to `cap` received bytes to (ptr, cap) without waiting; returns how many (0 when none) " +
      "or ERR_INVALID_STATE. The RX buffer holds 1024 bytes; bytes beyond are dropped and counted.",
  },
  {
    module: "sail",
    name: "uart_watch",
    params: [i32("port"), i32("id")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Delivers event UART_RX with `id` when received bytes wait and the " +
      "line has been idle for 10 symbols (or 120 bytes wait); -1 stops.",
  },
  // SPI (master)
  {
    module: "sail",
    name: "spi_bus_setup",
    params: [i32("port"), i32("sclk"), i32("mosi"), i32("miso")],
    result: "i32",
    since: "1.3",
    source: "sdk",
    doc:
      "Makes SPI `port` (0 is SPI2, 1 is SPI3 where the chip has it) a master on `sclk`, `mosi` and `miso` " +
      "(-1 for a line not wired). ERR_INVALID_ARG for a port the board lacks, or no SCLK; a pin " +
      "that cannot serve is a firmware fault. Setting a port up again removes its devices.",
  },
  {
    module: "sail",
    name: "spi_device_add",
    params: [i32("port"), i32("cs"), i32("mode"), i32("clock_hz"), i32("flags")],
    result: "i32",
    since: "1.3",
    source: "sdk",
    doc:
      "Adds a device on chip-select pin `cs` (active low) with SPI `mode` 0..3 (CPOL << 1 | CPHA) at " +
      "`clock_hz` (1..the profile's maxHz), `flags` 1 for LSB first; returns its handle (>= 0). " +
      "ERR_INVALID_STATE when the port is not set up, ERR_INVALID_ARG for a mode, clock or flag " +
      "out of range, ERR_NOT_FOUND when the port's chip selects are all taken.",
  },
  {
    module: "sail",
    name: "spi_transfer",
    params: [i32("device"), i32("tx_ptr"), i32("rx_ptr"), i32("len")],
    result: "i32",
    since: "1.3",
    source: "sdk",
    doc:
      "Full duplex with CS low: clocks out the `len` bytes at tx_ptr while reading `len` bytes to rx_ptr " +
      "(they may be the same buffer); blocks for len x 8 clock periods. MISO reads 0xFF bytes where no " +
      "device drives it. ERR_INVALID_STATE for a handle spi_device_add did not return, ERR_INVALID_ARG for `len` 0.",
  },
  {
    module: "sail",
    name: "spi_write_read",
    params: [i32("device"), i32("wptr"), i32("wlen"), i32("rptr"), i32("rlen")],
    result: "i32",
    since: "1.3",
    source: "sdk",
    doc:
      "Half duplex with CS low throughout: writes (wptr, wlen), then reads `rlen` bytes to rptr while MOSI " +
      "sends zeros; blocks for (wlen + rlen) x 8 clock periods. Statuses as spi_transfer; ERR_INVALID_ARG " +
      "when both lengths are 0.",
  },
  // Addressable LEDs (RMT)
  {
    module: "sail",
    name: "led_strip_write",
    params: [i32("pin"), i32("ptr"), i32("len")],
    result: "i32",
    since: "1.3",
    source: "sdk",
    doc:
      "Sends the bytes at (ptr, len), 3 per LED in G, R, B order, MSB first, on `pin` with WS2812 timing " +
      "from an RMT TX channel (the first use of a pin takes a free one), then holds the line low for the reset " +
      "time; blocks until done. ERR_NOT_FOUND when every RMT TX channel is taken, ERR_INVALID_ARG for `len` 0 " +
      "or not a multiple of 3; a pin that cannot drive is a firmware fault.",
  },
  {
    module: "sail",
    name: "board_led",
    params: [],
    result: "i32",
    since: "1.3",
    source: "sdk",
    doc:
      "The board's on-board LED as `gpio | kind << 8`, kind from LED_KIND: 0 a plain LED lit by a high level, " +
      "1 one lit by a low level, 2 one WS2812 (drive it with led_strip_write). ERR_NOT_FOUND when the board has none.",
  },
  // Wall-clock time
  {
    module: "sail",
    name: "wallclock_us",
    params: [],
    result: "i64",
    since: "1.3",
    source: "sdk",
    doc:
      "Microseconds since 1970-01-01 00:00 UTC as the board learned it from the network's time server (SNTP), " +
      "or ERR_INVALID_STATE before the first sync since boot.",
  },
  // Key-value storage (NVS)
  {
    module: "sail",
    name: "kv_open",
    params: [i32("ns_ptr"), i32("ns_len")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Opens namespace (ns_ptr, ns_len) (1..15 ASCII characters), creating it: returns a " +
      "handle (>= 0), ERR_NVS_KEY_TOO_LONG, ERR_NVS_INVALID_NAME or ERR_NVS_NOT_ENOUGH_SPACE.",
  },
  {
    module: "sail",
    name: "kv_set_int",
    params: [i32("handle"), i32("key_ptr"), i32("key_len"), i64("value")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Stores an integer under the key (1..15 ASCII characters), replacing value and " +
      "type. Written to flash before it returns: after a power cut the key holds the " +
      "old or the new value. ERR_NVS_NOT_ENOUGH_SPACE when the store is full.",
  },
  {
    module: "sail",
    name: "kv_get_int",
    params: [i32("handle"), i32("key_ptr"), i32("key_len"), i32("out_ptr")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Writes the integer stored under the key as an i64 at out_ptr. " +
      "ERR_NVS_NOT_FOUND, or ERR_NVS_TYPE_MISMATCH when the key holds a string or blob.",
  },
  {
    module: "sail",
    name: "kv_set_str",
    params: [i32("handle"), i32("key_ptr"), i32("key_len"), i32("ptr"), i32("len")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Stores a UTF-8 string (at most 3999 bytes; NVS adds a NUL, and 4000 fill one " +
      "flash page) under the key. ERR_NVS_VALUE_TOO_LONG, ERR_NVS_NOT_ENOUGH_SPACE.",
  },
  {
    module: "sail",
    name: "kv_get_str",
    params: [i32("handle"), i32("key_ptr"), i32("key_len"), i32("ptr"), i32("cap")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Copies the string stored under the key to (ptr, cap); returns its length in bytes. ERR_NVS_INVALID_LENGTH " +
      "when it does not fit in `cap` (nothing copied), ERR_NVS_NOT_FOUND, ERR_NVS_TYPE_MISMATCH.",
  },
  {
    module: "sail",
    name: "kv_set_blob",
    params: [i32("handle"), i32("key_ptr"), i32("key_len"), i32("ptr"), i32("len")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Stores bytes (at most 4000, one flash page, as NVS strings) " +
      "under the key. ERR_NVS_VALUE_TOO_LONG, ERR_NVS_NOT_ENOUGH_SPACE.",
  },
  {
    module: "sail",
    name: "kv_get_blob",
    params: [i32("handle"), i32("key_ptr"), i32("key_len"), i32("ptr"), i32("cap")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc: "As kv_get_str, for a blob.",
  },
  {
    module: "sail",
    name: "kv_erase",
    params: [i32("handle"), i32("key_ptr"), i32("key_len")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc: "Deletes the key. ERR_NVS_NOT_FOUND when it is absent.",
  },
  {
    module: "sail",
    name: "kv_commit",
    params: [i32("handle")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Commits the namespace. Every set is already on flash when it returns (as ESP-IDF v5 " +
      "NVS does), so this only checks the handle; call it anyway, as portable NVS code does.",
  },
  // Sleep and power
  {
    module: "sail",
    name: "sleep_wake_timer",
    params: [i64("us")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc: "Makes the next sleep end after `us` microseconds (wake cause TIMER).",
  },
  {
    module: "sail",
    name: "sleep_wake_pin",
    params: [i32("pin"), i32("level")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Makes the next sleep end while `pin` is at `level` (0 or 1): wake cause EXT1 on ESP32, GPIO on ESP32-C3. " +
      "Any pin wakes from light sleep; deep sleep needs one of the board's RTC wake pins (checked by sleep_deep).",
  },
  {
    module: "sail",
    name: "sleep_wake_clear",
    params: [],
    result: null,
    since: "1.2",
    source: "sdk",
    doc: "Forgets every wake source set so far.",
  },
  {
    module: "sail",
    name: "sleep_light",
    params: [],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "When the running handler returns, the CPU light-sleeps (RAM and pins kept) until a wake source fires, " +
      "then event WAKE is delivered; other events wait until then. ERR_INVALID_STATE when no wake source is set.",
  },
  {
    module: "sail",
    name: "sleep_deep",
    params: [],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Enters deep sleep at once and does not return: RAM, pins and timers are lost, " +
      "RTC memory is kept; a wake source resets the board with reason DEEPSLEEP. " +
      "Returns ERR_INVALID_ARG only when a wake pin cannot wake from deep sleep.",
  },
  {
    module: "sail",
    name: "wake_cause",
    params: [],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Why the last sleep ended, as ESP-IDF `esp_sleep_source_t`: 0 " +
      "UNDEFINED (the last reset was not a wake), 3 EXT1, 4 TIMER, 7 GPIO.",
  },
  {
    module: "sail",
    name: "rtc_mem_write",
    params: [i32("offset"), i32("ptr"), i32("len")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Copies (ptr, len) into RTC memory at `offset`. RTC memory (the profile's size, 8 KiB on ESP32) survives " +
      "deep sleep and is zeroed by every other reset, like RTC_DATA_ATTR. ERR_INVALID_SIZE beyond its end.",
  },
  {
    module: "sail",
    name: "rtc_mem_read",
    params: [i32("offset"), i32("ptr"), i32("len")],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc: "Copies `len` bytes of RTC memory from `offset` to ptr. ERR_INVALID_SIZE beyond its end.",
  },
  // OTA
  {
    module: "sail",
    name: "ota_state",
    params: [],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "State of the running image as ESP-IDF `esp_ota_img_states_t`: 1 PENDING_VERIFY (booted " +
      "on trial after an update), 2 VALID, -1 UNDEFINED (flashed directly, not by OTA).",
  },
  {
    module: "sail",
    name: "ota_confirm",
    params: [],
    result: "i32",
    since: "1.2",
    source: "sdk",
    doc:
      "Marks the running image valid, cancelling rollback. An image on trial that is not " +
      "confirmed within the board's trial time, or that resets first, is rolled back.",
  },
  {
    module: "sail",
    name: "ota_reject",
    params: [],
    result: null,
    since: "1.2",
    source: "sdk",
    doc: "Marks the running image invalid and resets into the previous one. Does not return.",
  },
  {
    module: "sail",
    name: "meter_exhausted",
    params: [],
    result: null,
    since: "1.0",
    source: "meter",
    doc:
      "Inserted by the build's metering pass; called when the instruction budget the board granted " +
      "(global `sail_fuel`) runs out. The board refills it or resets the firmware by its watchdog.",
  },
  // AssemblyScript's own imports
  {
    module: "env",
    name: "abort",
    params: [i32("message"), i32("file"), i32("line"), i32("column")],
    result: null,
    since: "1.0",
    source: "asc",
    doc:
      "AssemblyScript's `abort` (a throw or failed assertion): a panic with its message, file, " +
      "line and column. Strings are AssemblyScript UTF-16 with the byte length at ptr - 4.",
  },
  {
    module: "env",
    name: "trace",
    params: [i32("message"), i32("n"), f64("a0"), f64("a1"), f64("a2"), f64("a3"), f64("a4")],
    result: null,
    since: "1.0",
    source: "asc",
    doc: "AssemblyScript's `trace`: a debug log line with up to five numbers.",
  },
  {
    module: "env",
    name: "seed",
    params: [],
    result: "f64",
    since: "1.0",
    source: "asc",
    doc: "Seed for AssemblyScript's `Math.random`, from the board's seeded generator.",
  },
] as const satisfies readonly AbiImport[];

/** Events the board delivers through `sail_event(kind, id, a, b)`. */
export interface AbiEvent {
  readonly kind: number;
  readonly name: string;
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly since: string;
}

export const ABI_EVENTS = [
  { kind: 1, name: "TIMER", id: "timer id given to timer_start", a: "the time it was due, µs", b: "0", since: "1.0" },
  {
    kind: 2,
    name: "GPIO_EDGE",
    id: "watch id given to gpio_watch",
    a: "new level, 0 or 1",
    b: "time of the edge, µs",
    since: "1.0",
  },
  { kind: 3, name: "MIOT_GET", id: "siid << 16 | piid", a: "0", b: "0", since: "1.1" },
  {
    kind: 4,
    name: "MIOT_SET",
    id: "siid << 16 | piid",
    a: "the value: bool/integer, float bits (f64), or string length in bytes (in sail_buffer)",
    b: "value kind: 0 integer/bool, 1 float, 2 string",
    since: "1.1",
  },
  {
    kind: 5,
    name: "MIOT_ACTION",
    id: "siid << 16 | aiid",
    a: "number of inputs (read with miot_arg_*)",
    b: "0",
    since: "1.1",
  },
  {
    kind: 6,
    name: "UART_RX",
    id: "watch id given to uart_watch",
    a: "bytes waiting in the RX buffer",
    b: "bytes dropped since the last UART_RX (RX buffer full)",
    since: "1.2",
  },
  { kind: 7, name: "WAKE", id: "0", a: "wake cause (WAKE_CAUSE)", b: "time asleep, µs", since: "1.2" },
  {
    kind: 8,
    name: "WIFI",
    id: "WIFI_EVENT: 1 CONNECTED, 2 DISCONNECTED, 3 RSSI (the signal changed by 5 dB or more)",
    a: "RSSI in dBm (CONNECTED, RSSI), or the reason (DISCONNECTED, WIFI_REASON)",
    b: "0",
    since: "1.3",
  },
] as const satisfies readonly AbiEvent[];

export type EventName = (typeof ABI_EVENTS)[number]["name"];
export const EVENT_KIND: { readonly [N in EventName]: number } = Object.fromEntries(
  ABI_EVENTS.map((e) => [e.name, e.kind]),
) as { readonly [N in EventName]: number };

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

export const ABI_EXPORTS = [
  {
    name: "_start",
    kind: "function",
    params: [],
    result: null,
    required: true,
    since: "1.0",
    source: "asc",
    doc:
      "Module initialisation (built with `--exportStart _start`); " +
      "the board calls it first, so nothing runs at instantiation.",
  },
  {
    name: "sail_setup",
    kind: "function",
    params: [],
    result: null,
    required: true,
    since: "1.0",
    source: "sdk",
    doc: "The firmware's setup, called once per boot after `_start`.",
  },
  {
    name: "sail_event",
    kind: "function",
    params: [i32("kind"), i32("id"), i64("a"), i64("b")],
    result: "i32",
    required: true,
    since: "1.0",
    source: "sdk",
    doc: "Every event after setup. Returns 0, or ERR_NOT_FOUND when no handler has that id.",
  },
  {
    name: "sail_abi_version",
    kind: "global",
    params: [],
    result: "i32",
    required: true,
    since: "1.0",
    source: "sdk",
    doc: "Immutable global: the ABI version built for, `major << 16 | minor`.",
  },
  {
    name: "memory",
    kind: "memory",
    params: [],
    result: null,
    required: false,
    since: "1.0",
    source: "asc",
    doc: "Linear memory; needed by any import that takes (ptr, len).",
  },
  {
    name: "__collect",
    kind: "function",
    params: [],
    result: null,
    required: false,
    since: "1.0",
    source: "asc",
    doc: "AssemblyScript's collector (`--runtime minimal --exportRuntime`); the board calls it between events.",
  },
  {
    name: "sail_buffer",
    kind: "function",
    params: [],
    result: "i32",
    required: false,
    since: "1.1",
    source: "sdk",
    doc:
      "Address of the firmware's exchange buffer, " +
      "where the board writes bytes for the firmware (a string MIOT_SET).",
  },
  {
    name: "sail_buffer_size",
    kind: "function",
    params: [],
    result: "i32",
    required: false,
    since: "1.1",
    source: "sdk",
    doc: "Size of the exchange buffer in bytes.",
  },
  {
    name: "sail_fuel",
    kind: "global",
    params: [],
    result: "i32",
    required: false,
    since: "1.0",
    source: "meter",
    doc: "Mutable global added by the metering pass: instructions left before `meter_exhausted` is called.",
  },
] as const satisfies readonly AbiExport[];

/** Status codes: 0 is OK; negatives mirror ESP-IDF `esp_err_t` names and values. */
export const ABI_STATUS = [
  { name: "OK", value: 0, doc: "success" },
  { name: "ERR_FAIL", value: -1, doc: "generic failure (ESP_FAIL)" },
  { name: "ERR_NO_MEM", value: -0x101, doc: "out of memory (ESP_ERR_NO_MEM)" },
  { name: "ERR_INVALID_ARG", value: -0x102, doc: "an argument is out of range (ESP_ERR_INVALID_ARG)" },
  { name: "ERR_INVALID_STATE", value: -0x103, doc: "not set up, or already in that state (ESP_ERR_INVALID_STATE)" },
  { name: "ERR_INVALID_SIZE", value: -0x104, doc: "a size is wrong (ESP_ERR_INVALID_SIZE)" },
  { name: "ERR_NOT_FOUND", value: -0x105, doc: "no such item, or none free (ESP_ERR_NOT_FOUND)" },
  { name: "ERR_NOT_SUPPORTED", value: -0x106, doc: "the board cannot do this (ESP_ERR_NOT_SUPPORTED)" },
  { name: "ERR_TIMEOUT", value: -0x107, doc: "timed out (ESP_ERR_TIMEOUT)" },
  {
    name: "ERR_INVALID_RESPONSE",
    value: -0x108,
    doc: "the other side answered wrongly, e.g. an I2C data NACK (ESP_ERR_INVALID_RESPONSE)",
  },
  { name: "ERR_NVS_NOT_FOUND", value: -0x1102, doc: "no such key (ESP_ERR_NVS_NOT_FOUND)" },
  { name: "ERR_NVS_TYPE_MISMATCH", value: -0x1103, doc: "the key holds another type (ESP_ERR_NVS_TYPE_MISMATCH)" },
  { name: "ERR_NVS_NOT_ENOUGH_SPACE", value: -0x1105, doc: "the store is full (ESP_ERR_NVS_NOT_ENOUGH_SPACE)" },
  {
    name: "ERR_NVS_INVALID_NAME",
    value: -0x1106,
    doc: "a key or namespace name is empty or not ASCII (ESP_ERR_NVS_INVALID_NAME)",
  },
  { name: "ERR_NVS_INVALID_HANDLE", value: -0x1107, doc: "not a handle kv_open returned (ESP_ERR_NVS_INVALID_HANDLE)" },
  {
    name: "ERR_NVS_KEY_TOO_LONG",
    value: -0x1109,
    doc: "a key or namespace name is over 15 characters (ESP_ERR_NVS_KEY_TOO_LONG)",
  },
  {
    name: "ERR_NVS_INVALID_LENGTH",
    value: -0x110c,
    doc: "the value does not fit the buffer given (ESP_ERR_NVS_INVALID_LENGTH)",
  },
  {
    name: "ERR_NVS_VALUE_TOO_LONG",
    value: -0x110e,
    doc: "a string or blob is over its limit (ESP_ERR_NVS_VALUE_TOO_LONG)",
  },
] as const;

export type StatusName = (typeof ABI_STATUS)[number]["name"];
export const STATUS: { readonly [N in StatusName]: number } = Object.fromEntries(
  ABI_STATUS.map((s) => [s.name, s.value]),
) as { readonly [N in StatusName]: number };

/** Named constants shared by firmware and board (modes, pulls, edges, levels). */
export const ABI_CONSTANTS = [
  { group: "GPIO_MODE", name: "DISABLED", value: 0 },
  { group: "GPIO_MODE", name: "INPUT", value: 1 },
  { group: "GPIO_MODE", name: "OUTPUT", value: 2 },
  { group: "GPIO_MODE", name: "OUTPUT_OD", value: 3 },
  { group: "GPIO_PULL", name: "NONE", value: 0 },
  { group: "GPIO_PULL", name: "UP", value: 1 },
  { group: "GPIO_PULL", name: "DOWN", value: 2 },
  { group: "GPIO_EDGE", name: "NONE", value: 0 },
  { group: "GPIO_EDGE", name: "RISING", value: 1 },
  { group: "GPIO_EDGE", name: "FALLING", value: 2 },
  { group: "GPIO_EDGE", name: "ANY", value: 3 },
  { group: "LOG", name: "ERROR", value: 1 },
  { group: "LOG", name: "WARN", value: 2 },
  { group: "LOG", name: "INFO", value: 3 },
  { group: "LOG", name: "DEBUG", value: 4 },
  { group: "LOG", name: "VERBOSE", value: 5 },
  { group: "ADC_ATTEN", name: "DB_0", value: 0 },
  { group: "ADC_ATTEN", name: "DB_2_5", value: 1 },
  { group: "ADC_ATTEN", name: "DB_6", value: 2 },
  { group: "ADC_ATTEN", name: "DB_12", value: 3 },
  { group: "RESET", name: "UNKNOWN", value: 0 },
  { group: "RESET", name: "POWERON", value: 1 },
  { group: "RESET", name: "EXT", value: 2 },
  { group: "RESET", name: "SW", value: 3 },
  { group: "RESET", name: "PANIC", value: 4 },
  { group: "RESET", name: "INT_WDT", value: 5 },
  { group: "RESET", name: "TASK_WDT", value: 6 },
  { group: "RESET", name: "WDT", value: 7 },
  { group: "RESET", name: "DEEPSLEEP", value: 8 },
  { group: "RESET", name: "BROWNOUT", value: 9 },
  { group: "WAKE_CAUSE", name: "UNDEFINED", value: 0 },
  { group: "WAKE_CAUSE", name: "EXT1", value: 3 },
  { group: "WAKE_CAUSE", name: "TIMER", value: 4 },
  { group: "WAKE_CAUSE", name: "GPIO", value: 7 },
  { group: "OTA_STATE", name: "UNDEFINED", value: -1 },
  { group: "OTA_STATE", name: "PENDING_VERIFY", value: 1 },
  { group: "OTA_STATE", name: "VALID", value: 2 },
  { group: "SPI_FLAG", name: "LSB_FIRST", value: 1 },
  { group: "LED_KIND", name: "GPIO_HIGH", value: 0 },
  { group: "LED_KIND", name: "GPIO_LOW", value: 1 },
  { group: "LED_KIND", name: "WS2812", value: 2 },
  { group: "WIFI_EVENT", name: "CONNECTED", value: 1 },
  { group: "WIFI_EVENT", name: "DISCONNECTED", value: 2 },
  { group: "WIFI_EVENT", name: "RSSI", value: 3 },
  { group: "WIFI_REASON", name: "ASSOC_LEAVE", value: 8 },
  { group: "WIFI_REASON", name: "BEACON_TIMEOUT", value: 200 },
  { group: "WIFI_REASON", name: "NO_AP_FOUND", value: 201 },
  { group: "WIFI_REASON", name: "AUTH_FAIL", value: 202 },
  { group: "MIOT_VALUE", name: "INT", value: 0 },
  { group: "MIOT_VALUE", name: "FLOAT", value: 1 },
  { group: "MIOT_VALUE", name: "STRING", value: 2 },
  { group: "MIOT_CODE", name: "OK", value: 0 },
  { group: "MIOT_CODE", name: "ACCEPTED", value: 1 },
  { group: "MIOT_CODE", name: "NOT_READABLE", value: -4001 },
  { group: "MIOT_CODE", name: "NOT_WRITABLE", value: -4002 },
  { group: "MIOT_CODE", name: "NOT_FOUND", value: -4003 },
  { group: "MIOT_CODE", name: "INTERNAL", value: -4004 },
  { group: "MIOT_CODE", name: "VALUE_ERROR", value: -4005 },
  { group: "MIOT_CODE", name: "ACTION_IN_ERROR", value: -4006 },
] as const;

type AbiConstant = (typeof ABI_CONSTANTS)[number];
export type ConstantGroupName = AbiConstant["group"];
/** One group of ABI_CONSTANTS as an object: `GPIO_MODE.OUTPUT === 2`. */
export type ConstantGroup<G extends ConstantGroupName> = {
  readonly [C in Extract<AbiConstant, { group: G }> as C["name"]]: C["value"];
};

function constantGroup<G extends ConstantGroupName>(group: G): ConstantGroup<G> {
  const entries = ABI_CONSTANTS.filter((c) => c.group === group).map((c) => [c.name, c.value]);
  return Object.freeze(Object.fromEntries(entries)) as ConstantGroup<G>;
}

// The host's names for the table's constants: every host file uses these, as
// the SDK and the C header use their generated copies.
export const GPIO_MODE = constantGroup("GPIO_MODE");
export const GPIO_PULL = constantGroup("GPIO_PULL");
export const GPIO_EDGE = constantGroup("GPIO_EDGE");
export const LOG_LEVEL = constantGroup("LOG");
export const ADC_ATTEN = constantGroup("ADC_ATTEN");
export const RESET_REASON = constantGroup("RESET");
export const WAKE_CAUSE = constantGroup("WAKE_CAUSE");
export const OTA_STATE = constantGroup("OTA_STATE");
export const MIOT_VALUE = constantGroup("MIOT_VALUE");
export const MIOT_CODE = constantGroup("MIOT_CODE");
export const SPI_FLAG = constantGroup("SPI_FLAG");
export const LED_KIND = constantGroup("LED_KIND");
export const WIFI_EVENT = constantGroup("WIFI_EVENT");
export const WIFI_REASON = constantGroup("WIFI_REASON");

/** Number of timer ids a firmware may use. */
export const MAX_TIMERS = 32;

export function abiVersionNumber(v: AbiVersion): number {
  return (v.major << 16) | v.minor;
}

export function formatAbiVersion(n: number): string {
  return `${n >>> 16}.${n & 0xffff}`;
}

export function signatureOf(params: readonly AbiParam[], result: WasmType | null): string {
  return `(${params.map((p) => p.type).join(", ")}) -> ${result ?? "()"}`;
}

// --- types derived from the table, so host bindings are checked by tsc ----

type JsOf<T extends WasmType> = T extends "i64" ? bigint : number;
type JsParams<P extends readonly AbiParam[]> = {
  -readonly [K in keyof P]: P[K] extends AbiParam ? JsOf<P[K]["type"]> : never;
};
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- only ever a function's return type (HostImports)
type JsResult<R> = R extends WasmType ? JsOf<R> : void;
type ImportEntry = (typeof ABI_IMPORTS)[number];

/** The host implementation of every import, typed from the table. */
export type HostImports = {
  readonly [E in ImportEntry as E["name"]]: (...args: JsParams<E["params"]>) => JsResult<E["result"]>;
};
