/* Generated from host/abi/table.ts by `sail abi`; do not edit. */
/* Sail firmware ABI for the on-board runtime. Bind each import with
 * m3_LinkRawFunction(module, "sail", name, SAIL_M3_SIG_<name>, fn). */
#ifndef SAIL_ABI_H
#define SAIL_ABI_H

#include <stdint.h>

#define SAIL_ABI_VERSION_MAJOR 1
#define SAIL_ABI_VERSION_MINOR 3
#define SAIL_ABI_VERSION 0x00010003u
#define SAIL_MAX_TIMERS 32

/* Status codes (negated ESP-IDF esp_err_t values). */
/* success */
#define SAIL_OK (0)
/* generic failure (ESP_FAIL) */
#define SAIL_ERR_FAIL (-1)
/* out of memory (ESP_ERR_NO_MEM) */
#define SAIL_ERR_NO_MEM (-257)
/* an argument is out of range (ESP_ERR_INVALID_ARG) */
#define SAIL_ERR_INVALID_ARG (-258)
/* not set up, or already in that state (ESP_ERR_INVALID_STATE) */
#define SAIL_ERR_INVALID_STATE (-259)
/* a size is wrong (ESP_ERR_INVALID_SIZE) */
#define SAIL_ERR_INVALID_SIZE (-260)
/* no such item, or none free (ESP_ERR_NOT_FOUND) */
#define SAIL_ERR_NOT_FOUND (-261)
/* the board cannot do this (ESP_ERR_NOT_SUPPORTED) */
#define SAIL_ERR_NOT_SUPPORTED (-262)
/* timed out (ESP_ERR_TIMEOUT) */
#define SAIL_ERR_TIMEOUT (-263)
/* the other side answered wrongly, e.g. an I2C data NACK (ESP_ERR_INVALID_RESPONSE) */
#define SAIL_ERR_INVALID_RESPONSE (-264)
/* no such key (ESP_ERR_NVS_NOT_FOUND) */
#define SAIL_ERR_NVS_NOT_FOUND (-4354)
/* the key holds another type (ESP_ERR_NVS_TYPE_MISMATCH) */
#define SAIL_ERR_NVS_TYPE_MISMATCH (-4355)
/* the store is full (ESP_ERR_NVS_NOT_ENOUGH_SPACE) */
#define SAIL_ERR_NVS_NOT_ENOUGH_SPACE (-4357)
/* a key or namespace name is empty or not ASCII (ESP_ERR_NVS_INVALID_NAME) */
#define SAIL_ERR_NVS_INVALID_NAME (-4358)
/* not a handle kv_open returned (ESP_ERR_NVS_INVALID_HANDLE) */
#define SAIL_ERR_NVS_INVALID_HANDLE (-4359)
/* a key or namespace name is over 15 characters (ESP_ERR_NVS_KEY_TOO_LONG) */
#define SAIL_ERR_NVS_KEY_TOO_LONG (-4361)
/* the value does not fit the buffer given (ESP_ERR_NVS_INVALID_LENGTH) */
#define SAIL_ERR_NVS_INVALID_LENGTH (-4364)
/* a string or blob is over its limit (ESP_ERR_NVS_VALUE_TOO_LONG) */
#define SAIL_ERR_NVS_VALUE_TOO_LONG (-4366)

/* Event kinds for sail_event(kind, id, a, b). */
/* id: timer id given to timer_start; a: the time it was due, µs; b: 0 */
#define SAIL_EVENT_TIMER 1
/* id: watch id given to gpio_watch; a: new level, 0 or 1; b: time of the edge, µs */
#define SAIL_EVENT_GPIO_EDGE 2
/* id: siid << 16 | piid; a: 0; b: 0 */
#define SAIL_EVENT_MIOT_GET 3
/* id: siid << 16 | piid; a: the value: bool/integer, float bits (f64), or string length in bytes (in sail_buffer);
 * b: value kind: 0 integer/bool, 1 float, 2 string */
#define SAIL_EVENT_MIOT_SET 4
/* id: siid << 16 | aiid; a: number of inputs (read with miot_arg_*); b: 0 */
#define SAIL_EVENT_MIOT_ACTION 5
/* id: watch id given to uart_watch; a: bytes waiting in the RX buffer; b: bytes dropped since the last UART_RX (RX
 * buffer full) */
#define SAIL_EVENT_UART_RX 6
/* id: 0; a: wake cause (WAKE_CAUSE); b: time asleep, µs */
#define SAIL_EVENT_WAKE 7
/* id: WIFI_EVENT: 1 CONNECTED, 2 DISCONNECTED, 3 RSSI (the signal changed by 5 dB or more); a: RSSI in dBm
 * (CONNECTED, RSSI), or the reason (DISCONNECTED, WIFI_REASON); b: 0 */
#define SAIL_EVENT_WIFI 8

/* Constants. */
#define SAIL_GPIO_MODE_DISABLED 0
#define SAIL_GPIO_MODE_INPUT 1
#define SAIL_GPIO_MODE_OUTPUT 2
#define SAIL_GPIO_MODE_OUTPUT_OD 3
#define SAIL_GPIO_PULL_NONE 0
#define SAIL_GPIO_PULL_UP 1
#define SAIL_GPIO_PULL_DOWN 2
#define SAIL_GPIO_EDGE_NONE 0
#define SAIL_GPIO_EDGE_RISING 1
#define SAIL_GPIO_EDGE_FALLING 2
#define SAIL_GPIO_EDGE_ANY 3
#define SAIL_LOG_ERROR 1
#define SAIL_LOG_WARN 2
#define SAIL_LOG_INFO 3
#define SAIL_LOG_DEBUG 4
#define SAIL_LOG_VERBOSE 5
#define SAIL_ADC_ATTEN_DB_0 0
#define SAIL_ADC_ATTEN_DB_2_5 1
#define SAIL_ADC_ATTEN_DB_6 2
#define SAIL_ADC_ATTEN_DB_12 3
#define SAIL_RESET_UNKNOWN 0
#define SAIL_RESET_POWERON 1
#define SAIL_RESET_EXT 2
#define SAIL_RESET_SW 3
#define SAIL_RESET_PANIC 4
#define SAIL_RESET_INT_WDT 5
#define SAIL_RESET_TASK_WDT 6
#define SAIL_RESET_WDT 7
#define SAIL_RESET_DEEPSLEEP 8
#define SAIL_RESET_BROWNOUT 9
#define SAIL_WAKE_CAUSE_UNDEFINED 0
#define SAIL_WAKE_CAUSE_EXT1 3
#define SAIL_WAKE_CAUSE_TIMER 4
#define SAIL_WAKE_CAUSE_GPIO 7
#define SAIL_OTA_STATE_UNDEFINED -1
#define SAIL_OTA_STATE_PENDING_VERIFY 1
#define SAIL_OTA_STATE_VALID 2
#define SAIL_SPI_FLAG_LSB_FIRST 1
#define SAIL_LED_KIND_GPIO_HIGH 0
#define SAIL_LED_KIND_GPIO_LOW 1
#define SAIL_LED_KIND_WS2812 2
#define SAIL_WIFI_EVENT_CONNECTED 1
#define SAIL_WIFI_EVENT_DISCONNECTED 2
#define SAIL_WIFI_EVENT_RSSI 3
#define SAIL_WIFI_REASON_ASSOC_LEAVE 8
#define SAIL_WIFI_REASON_BEACON_TIMEOUT 200
#define SAIL_WIFI_REASON_NO_AP_FOUND 201
#define SAIL_WIFI_REASON_AUTH_FAIL 202
#define SAIL_MIOT_VALUE_INT 0
#define SAIL_MIOT_VALUE_FLOAT 1
#define SAIL_MIOT_VALUE_STRING 2
#define SAIL_MIOT_CODE_OK 0
#define SAIL_MIOT_CODE_ACCEPTED 1
#define SAIL_MIOT_CODE_NOT_READABLE -4001
#define SAIL_MIOT_CODE_NOT_WRITABLE -4002
#define SAIL_MIOT_CODE_NOT_FOUND -4003
#define SAIL_MIOT_CODE_INTERNAL -4004
#define SAIL_MIOT_CODE_VALUE_ERROR -4005
#define SAIL_MIOT_CODE_ACTION_IN_ERROR -4006

/* Imports: wasm3 signature strings and C prototypes of the host side. */
/* sail.log_write: Writes one log line: `level` is 1 error, 2 warn, 3 info, 4 debug, 5 verbose (ESP-IDF
 * `esp_log_level_t`); the text is UTF-8 at (ptr, len). */
#define SAIL_M3_SIG_SAIL_LOG_WRITE "v(iii)"
void sail_host_sail_log_write(int32_t level, int32_t ptr, int32_t len);
/* sail.time_us: Microseconds since boot on the board clock, including the time the running handler has used so far. */
#define SAIL_M3_SIG_SAIL_TIME_US "I()"
int64_t sail_host_sail_time_us(void);
/* sail.delay_us: Blocks the firmware for `us` microseconds. Events that fall due meanwhile are delivered after the
 * handler returns. */
#define SAIL_M3_SIG_SAIL_DELAY_US "v(I)"
void sail_host_sail_delay_us(int64_t us);
/* sail.timer_start: Arms timer `id` (0..31) to fire after `delay_us`, then every `period_us` if that is above zero
 * (one-shot otherwise). Re-arming a running id restarts it. Fires as event TIMER. */
#define SAIL_M3_SIG_SAIL_TIMER_START "i(iII)"
int32_t sail_host_sail_timer_start(int32_t id, int64_t delay_us, int64_t period_us);
/* sail.timer_stop: Disarms timer `id`. Returns ERR_INVALID_STATE if it was not armed. */
#define SAIL_M3_SIG_SAIL_TIMER_STOP "i(i)"
int32_t sail_host_sail_timer_stop(int32_t id);
/* sail.gpio_mode: Configures a pin: `mode` 0 disabled, 1 input, 2 output, 3 open-drain output; `pull` 0 none, 1 up,
 * 2 down. Output on an input-only pin, a pull on a pin without pulls, or a pin the board lacks is a firmware fault. */
#define SAIL_M3_SIG_SAIL_GPIO_MODE "i(iii)"
int32_t sail_host_sail_gpio_mode(int32_t pin, int32_t mode, int32_t pull);
/* sail.gpio_write: Sets the output latch of `pin` to 0 or 1; it drives the pad while the pin is an output. */
#define SAIL_M3_SIG_SAIL_GPIO_WRITE "i(ii)"
int32_t sail_host_sail_gpio_write(int32_t pin, int32_t level);
/* sail.gpio_read: Returns the level on the pad (0 or 1), whatever drives it. */
#define SAIL_M3_SIG_SAIL_GPIO_READ "i(i)"
int32_t sail_host_sail_gpio_read(int32_t pin);
/* sail.gpio_watch: Delivers event GPIO_EDGE with `id` on every rising (1), falling (2) or any (3) edge of `pin`; 0
 * stops watching. */
#define SAIL_M3_SIG_SAIL_GPIO_WATCH "i(iii)"
int32_t sail_host_sail_gpio_watch(int32_t pin, int32_t edges, int32_t id);
/* sail.pwm_setup: Attaches a free LEDC channel to `pin` at `freq_hz` with a `bits`-bit duty resolution; returns the
 * channel (>= 0) or ERR_INVALID_ARG (freq x 2^bits outside the clock's range) or ERR_NOT_FOUND (no free channel).
 * Duty starts at 0. */
#define SAIL_M3_SIG_SAIL_PWM_SETUP "i(iii)"
int32_t sail_host_sail_pwm_setup(int32_t pin, int32_t freq_hz, int32_t bits);
/* sail.pwm_set_duty: Sets the duty of `channel`, 0..2^bits. Returns ERR_INVALID_ARG when out of range. */
#define SAIL_M3_SIG_SAIL_PWM_SET_DUTY "i(ii)"
int32_t sail_host_sail_pwm_set_duty(int32_t channel, int32_t duty);
/* sail.pwm_set_freq: Changes the frequency of `channel`, keeping its resolution. Returns ERR_INVALID_ARG when the
 * clock cannot make it. */
#define SAIL_M3_SIG_SAIL_PWM_SET_FREQ "i(ii)"
int32_t sail_host_sail_pwm_set_freq(int32_t channel, int32_t freq_hz);
/* sail.adc_setup: Makes `pin` an ADC input with attenuation 0 (0 dB), 1 (2.5 dB), 2 (6 dB) or 3 (12 dB). A pin
 * without an ADC channel is a firmware fault. */
#define SAIL_M3_SIG_SAIL_ADC_SETUP "i(ii)"
int32_t sail_host_sail_adc_setup(int32_t pin, int32_t atten);
/* sail.adc_read_raw: One 12-bit conversion, 0..4095, or ERR_INVALID_STATE if the pin was not set up. */
#define SAIL_M3_SIG_SAIL_ADC_READ_RAW "i(i)"
int32_t sail_host_sail_adc_read_raw(int32_t pin);
/* sail.adc_read_mv: One conversion, calibrated to millivolts, or ERR_INVALID_STATE if the pin was not set up. */
#define SAIL_M3_SIG_SAIL_ADC_READ_MV "i(i)"
int32_t sail_host_sail_adc_read_mv(int32_t pin);
/* sail.random_u32: 32 random bits from the board's seeded generator. */
#define SAIL_M3_SIG_SAIL_RANDOM_U32 "i()"
int32_t sail_host_sail_random_u32(void);
/* sail.restart: Software reset (reason SW). Does not return. */
#define SAIL_M3_SIG_SAIL_RESTART "v()"
void sail_host_sail_restart(void);
/* sail.reset_reason: Why the board last reset, as ESP-IDF `esp_reset_reason_t`: 1 POWERON, 3 SW, 4 PANIC, 6
 * TASK_WDT ... */
#define SAIL_M3_SIG_SAIL_RESET_REASON "i()"
int32_t sail_host_sail_reset_reason(void);
/* sail.wdt_feed: Feeds the task watchdog. After the first feed the firmware is subscribed and must feed at least
 * once per watchdog timeout. */
#define SAIL_M3_SIG_SAIL_WDT_FEED "v()"
void sail_host_sail_wdt_feed(void);
/* sail.miot_reply_int: Answers the MIOT_GET being handled with a bool (0/1) or integer value; in MIOT_ACTION,
 * appends the next `out` value; before miot_event, the next event argument. */
#define SAIL_M3_SIG_SAIL_MIOT_REPLY_INT "v(I)"
void sail_host_sail_miot_reply_int(int64_t value);
/* sail.miot_reply_float: As miot_reply_int, for a float value. */
#define SAIL_M3_SIG_SAIL_MIOT_REPLY_FLOAT "v(F)"
void sail_host_sail_miot_reply_float(double value);
/* sail.miot_reply_str: As miot_reply_int, for a string: UTF-8 at (ptr, len). */
#define SAIL_M3_SIG_SAIL_MIOT_REPLY_STR "v(ii)"
void sail_host_sail_miot_reply_str(int32_t ptr, int32_t len);
/* sail.miot_arg_int: While handling MIOT_ACTION: input `index` as a bool (0/1) or integer. */
#define SAIL_M3_SIG_SAIL_MIOT_ARG_INT "I(i)"
int64_t sail_host_sail_miot_arg_int(int32_t index);
/* sail.miot_arg_float: While handling MIOT_ACTION: input `index` as a float. */
#define SAIL_M3_SIG_SAIL_MIOT_ARG_FLOAT "F(i)"
double sail_host_sail_miot_arg_float(int32_t index);
/* sail.miot_arg_str: While handling MIOT_ACTION: copies input `index` as UTF-8 to (ptr, cap); returns its full
 * length in bytes. */
#define SAIL_M3_SIG_SAIL_MIOT_ARG_STR "i(iii)"
int32_t sail_host_sail_miot_arg_str(int32_t index, int32_t ptr, int32_t cap);
/* sail.miot_changed_int: The firmware changed a bool or integer property: pushes properties_changed to subscribers.
 * ERR_NOT_FOUND for a property the spec lacks, ERR_INVALID_ARG for a value it refuses. */
#define SAIL_M3_SIG_SAIL_MIOT_CHANGED_INT "i(iiI)"
int32_t sail_host_sail_miot_changed_int(int32_t siid, int32_t piid, int64_t value);
/* sail.miot_changed_float: As miot_changed_int, for a float property. */
#define SAIL_M3_SIG_SAIL_MIOT_CHANGED_FLOAT "i(iiF)"
int32_t sail_host_sail_miot_changed_float(int32_t siid, int32_t piid, double value);
/* sail.miot_changed_str: As miot_changed_int, for a string property: UTF-8 at (ptr, len). */
#define SAIL_M3_SIG_SAIL_MIOT_CHANGED_STR "i(iiii)"
int32_t sail_host_sail_miot_changed_str(int32_t siid, int32_t piid, int32_t ptr, int32_t len);
/* sail.miot_event: Raises event_occured to subscribers, its arguments the values given by miot_reply_* just before,
 * in the spec's order. */
#define SAIL_M3_SIG_SAIL_MIOT_EVENT "i(ii)"
int32_t sail_host_sail_miot_event(int32_t siid, int32_t eiid);
/* sail.i2c_setup: Makes I2C `port` a master on pins `sda` and `scl` (open drain, pulled up) at `freq_hz`
 * (1..1,000,000). ERR_INVALID_ARG for a port the board lacks or a frequency out of range; a pin that cannot drive
 * is a firmware fault. */
#define SAIL_M3_SIG_SAIL_I2C_SETUP "i(iiii)"
int32_t sail_host_sail_i2c_setup(int32_t port, int32_t sda, int32_t scl, int32_t freq_hz);
/* sail.i2c_write: START, 7-bit `addr` + W, the bytes at (ptr, len), STOP; blocks for the bus time. ERR_NOT_FOUND
 * when no device ACKs the address, ERR_INVALID_RESPONSE when a data byte is NACKed, ERR_TIMEOUT when the device
 * stretches the clock past `timeout_us`, ERR_INVALID_STATE when the port is not set up. */
#define SAIL_M3_SIG_SAIL_I2C_WRITE "i(iiiii)"
int32_t sail_host_sail_i2c_write(int32_t port, int32_t addr, int32_t ptr, int32_t len, int32_t timeout_us);
/* sail.i2c_read: START, `addr` + R, reads `len` bytes to (ptr, len) (ACK on each but the last), STOP. Status as
 * i2c_write; ERR_INVALID_ARG for `len` 0 or an address above 0x7f. */
#define SAIL_M3_SIG_SAIL_I2C_READ "i(iiiii)"
int32_t sail_host_sail_i2c_read(int32_t port, int32_t addr, int32_t ptr, int32_t len, int32_t timeout_us);
/* sail.i2c_write_read: Writes (wptr, wlen), then a repeated START and reads `rlen` bytes to rptr, then STOP. Status
 * as i2c_write; ERR_INVALID_ARG for `rlen` 0 or an address above 0x7f. */
#define SAIL_M3_SIG_SAIL_I2C_WRITE_READ "i(iiiiiii)"
int32_t sail_host_sail_i2c_write_read(int32_t port, int32_t addr, int32_t wptr, int32_t wlen, int32_t rptr,
                                      int32_t rlen, int32_t timeout_us);
/* sail.uart_setup: Sets up UART `port` (8N1) on pins `tx` and `rx` at `baud` (300..5,000,000). ERR_INVALID_ARG for
 * a port the board lacks (or the console's) or a rate out of range. */
#define SAIL_M3_SIG_SAIL_UART_SETUP "i(iiii)"
int32_t sail_host_sail_uart_setup(int32_t port, int32_t tx, int32_t rx, int32_t baud);
/* sail.uart_write: Queues the bytes at (ptr, len) for sending; they leave at the baud rate. Returns the number of
 * bytes queued (the TX buffer holds 1024) or ERR_INVALID_STATE. */
#define SAIL_M3_SIG_SAIL_UART_WRITE "i(iii)"
int32_t sail_host_sail_uart_write(int32_t port, int32_t ptr, int32_t len);
/* sail.uart_read: Moves up to `cap` received bytes to (ptr, cap) without waiting; returns how many (0 when none) or
 * ERR_INVALID_STATE. The RX buffer holds 1024 bytes; bytes beyond are dropped and counted. */
#define SAIL_M3_SIG_SAIL_UART_READ "i(iii)"
int32_t sail_host_sail_uart_read(int32_t port, int32_t ptr, int32_t cap);
/* sail.uart_watch: Delivers event UART_RX with `id` when received bytes wait and the line has been idle for 10
 * symbols (or 120 bytes wait); -1 stops. */
#define SAIL_M3_SIG_SAIL_UART_WATCH "i(ii)"
int32_t sail_host_sail_uart_watch(int32_t port, int32_t id);
/* sail.spi_bus_setup: Makes SPI `port` (0 is SPI2, 1 is SPI3 where the chip has it) a master on `sclk`, `mosi` and
 * `miso` (-1 for a line not wired). ERR_INVALID_ARG for a port the board lacks, or no SCLK; a pin that cannot serve
 * is a firmware fault. Setting a port up again removes its devices. */
#define SAIL_M3_SIG_SAIL_SPI_BUS_SETUP "i(iiii)"
int32_t sail_host_sail_spi_bus_setup(int32_t port, int32_t sclk, int32_t mosi, int32_t miso);
/* sail.spi_device_add: Adds a device on chip-select pin `cs` (active low) with SPI `mode` 0..3 (CPOL << 1 | CPHA)
 * at `clock_hz` (1..the profile's maxHz), `flags` 1 for LSB first; returns its handle (>= 0). ERR_INVALID_STATE
 * when the port is not set up, ERR_INVALID_ARG for a mode, clock or flag out of range, ERR_NOT_FOUND when the
 * port's chip selects are all taken. */
#define SAIL_M3_SIG_SAIL_SPI_DEVICE_ADD "i(iiiii)"
int32_t sail_host_sail_spi_device_add(int32_t port, int32_t cs, int32_t mode, int32_t clock_hz, int32_t flags);
/* sail.spi_transfer: Full duplex with CS low: clocks out the `len` bytes at tx_ptr while reading `len` bytes to
 * rx_ptr (they may be the same buffer); blocks for len x 8 clock periods. MISO reads 0xFF bytes where no device
 * drives it. ERR_INVALID_STATE for a handle spi_device_add did not return, ERR_INVALID_ARG for `len` 0. */
#define SAIL_M3_SIG_SAIL_SPI_TRANSFER "i(iiii)"
int32_t sail_host_sail_spi_transfer(int32_t device, int32_t tx_ptr, int32_t rx_ptr, int32_t len);
/* sail.spi_write_read: Half duplex with CS low throughout: writes (wptr, wlen), then reads `rlen` bytes to rptr
 * while MOSI sends zeros; blocks for (wlen + rlen) x 8 clock periods. Statuses as spi_transfer; ERR_INVALID_ARG
 * when both lengths are 0. */
#define SAIL_M3_SIG_SAIL_SPI_WRITE_READ "i(iiiii)"
int32_t sail_host_sail_spi_write_read(int32_t device, int32_t wptr, int32_t wlen, int32_t rptr, int32_t rlen);
/* sail.led_strip_write: Sends the bytes at (ptr, len), 3 per LED in G, R, B order, MSB first, on `pin` with WS2812
 * timing from an RMT TX channel (the first use of a pin takes a free one), then holds the line low for the reset
 * time; blocks until done. ERR_NOT_FOUND when every RMT TX channel is taken, ERR_INVALID_ARG for `len` 0 or not a
 * multiple of 3; a pin that cannot drive is a firmware fault. */
#define SAIL_M3_SIG_SAIL_LED_STRIP_WRITE "i(iii)"
int32_t sail_host_sail_led_strip_write(int32_t pin, int32_t ptr, int32_t len);
/* sail.board_led: The board's on-board LED as `gpio | kind << 8`, kind from LED_KIND: 0 a plain LED lit by a high
 * level, 1 one lit by a low level, 2 one WS2812 (drive it with led_strip_write). ERR_NOT_FOUND when the board has
 * none. */
#define SAIL_M3_SIG_SAIL_BOARD_LED "i()"
int32_t sail_host_sail_board_led(void);
/* sail.wallclock_us: Microseconds since 1970-01-01 00:00 UTC as the board learned it from the network's time server
 * (SNTP), or ERR_INVALID_STATE before the first sync since boot. */
#define SAIL_M3_SIG_SAIL_WALLCLOCK_US "I()"
int64_t sail_host_sail_wallclock_us(void);
/* sail.kv_open: Opens namespace (ns_ptr, ns_len) (1..15 ASCII characters), creating it: returns a handle (>= 0),
 * ERR_NVS_KEY_TOO_LONG, ERR_NVS_INVALID_NAME or ERR_NVS_NOT_ENOUGH_SPACE. */
#define SAIL_M3_SIG_SAIL_KV_OPEN "i(ii)"
int32_t sail_host_sail_kv_open(int32_t ns_ptr, int32_t ns_len);
/* sail.kv_set_int: Stores an integer under the key (1..15 ASCII characters), replacing value and type. Written to
 * flash before it returns: after a power cut the key holds the old or the new value. ERR_NVS_NOT_ENOUGH_SPACE when
 * the store is full. */
#define SAIL_M3_SIG_SAIL_KV_SET_INT "i(iiiI)"
int32_t sail_host_sail_kv_set_int(int32_t handle, int32_t key_ptr, int32_t key_len, int64_t value);
/* sail.kv_get_int: Writes the integer stored under the key as an i64 at out_ptr. ERR_NVS_NOT_FOUND, or
 * ERR_NVS_TYPE_MISMATCH when the key holds a string or blob. */
#define SAIL_M3_SIG_SAIL_KV_GET_INT "i(iiii)"
int32_t sail_host_sail_kv_get_int(int32_t handle, int32_t key_ptr, int32_t key_len, int32_t out_ptr);
/* sail.kv_set_str: Stores a UTF-8 string (at most 3999 bytes; NVS adds a NUL, and 4000 fill one flash page) under
 * the key. ERR_NVS_VALUE_TOO_LONG, ERR_NVS_NOT_ENOUGH_SPACE. */
#define SAIL_M3_SIG_SAIL_KV_SET_STR "i(iiiii)"
int32_t sail_host_sail_kv_set_str(int32_t handle, int32_t key_ptr, int32_t key_len, int32_t ptr, int32_t len);
/* sail.kv_get_str: Copies the string stored under the key to (ptr, cap); returns its length in bytes.
 * ERR_NVS_INVALID_LENGTH when it does not fit in `cap` (nothing copied), ERR_NVS_NOT_FOUND, ERR_NVS_TYPE_MISMATCH. */
#define SAIL_M3_SIG_SAIL_KV_GET_STR "i(iiiii)"
int32_t sail_host_sail_kv_get_str(int32_t handle, int32_t key_ptr, int32_t key_len, int32_t ptr, int32_t cap);
/* sail.kv_set_blob: Stores bytes (at most 4000, one flash page, as NVS strings) under the key.
 * ERR_NVS_VALUE_TOO_LONG, ERR_NVS_NOT_ENOUGH_SPACE. */
#define SAIL_M3_SIG_SAIL_KV_SET_BLOB "i(iiiii)"
int32_t sail_host_sail_kv_set_blob(int32_t handle, int32_t key_ptr, int32_t key_len, int32_t ptr, int32_t len);
/* sail.kv_get_blob: As kv_get_str, for a blob. */
#define SAIL_M3_SIG_SAIL_KV_GET_BLOB "i(iiiii)"
int32_t sail_host_sail_kv_get_blob(int32_t handle, int32_t key_ptr, int32_t key_len, int32_t ptr, int32_t cap);
/* sail.kv_erase: Deletes the key. ERR_NVS_NOT_FOUND when it is absent. */
#define SAIL_M3_SIG_SAIL_KV_ERASE "i(iii)"
int32_t sail_host_sail_kv_erase(int32_t handle, int32_t key_ptr, int32_t key_len);
/* sail.kv_commit: Commits the namespace. Every set is already on flash when it returns (as ESP-IDF v5 NVS does), so
 * this only checks the handle; call it anyway, as portable NVS code does. */
#define SAIL_M3_SIG_SAIL_KV_COMMIT "i(i)"
int32_t sail_host_sail_kv_commit(int32_t handle);
/* sail.sleep_wake_timer: Makes the next sleep end after `us` microseconds (wake cause TIMER). */
#define SAIL_M3_SIG_SAIL_SLEEP_WAKE_TIMER "i(I)"
int32_t sail_host_sail_sleep_wake_timer(int64_t us);
/* sail.sleep_wake_pin: Makes the next sleep end while `pin` is at `level` (0 or 1): wake cause EXT1 on ESP32, GPIO
 * on ESP32-C3. Any pin wakes from light sleep; deep sleep needs one of the board's RTC wake pins (checked by
 * sleep_deep). */
#define SAIL_M3_SIG_SAIL_SLEEP_WAKE_PIN "i(ii)"
int32_t sail_host_sail_sleep_wake_pin(int32_t pin, int32_t level);
/* sail.sleep_wake_clear: Forgets every wake source set so far. */
#define SAIL_M3_SIG_SAIL_SLEEP_WAKE_CLEAR "v()"
void sail_host_sail_sleep_wake_clear(void);
/* sail.sleep_light: When the running handler returns, the CPU light-sleeps (RAM and pins kept) until a wake source
 * fires, then event WAKE is delivered; other events wait until then. ERR_INVALID_STATE when no wake source is set. */
#define SAIL_M3_SIG_SAIL_SLEEP_LIGHT "i()"
int32_t sail_host_sail_sleep_light(void);
/* sail.sleep_deep: Enters deep sleep at once and does not return: RAM, pins and timers are lost, RTC memory is
 * kept; a wake source resets the board with reason DEEPSLEEP. Returns ERR_INVALID_ARG only when a wake pin cannot
 * wake from deep sleep. */
#define SAIL_M3_SIG_SAIL_SLEEP_DEEP "i()"
int32_t sail_host_sail_sleep_deep(void);
/* sail.wake_cause: Why the last sleep ended, as ESP-IDF `esp_sleep_source_t`: 0 UNDEFINED (the last reset was not a
 * wake), 3 EXT1, 4 TIMER, 7 GPIO. */
#define SAIL_M3_SIG_SAIL_WAKE_CAUSE "i()"
int32_t sail_host_sail_wake_cause(void);
/* sail.rtc_mem_write: Copies (ptr, len) into RTC memory at `offset`. RTC memory (the profile's size, 8 KiB on
 * ESP32) survives deep sleep and is zeroed by every other reset, like RTC_DATA_ATTR. ERR_INVALID_SIZE beyond its
 * end. */
#define SAIL_M3_SIG_SAIL_RTC_MEM_WRITE "i(iii)"
int32_t sail_host_sail_rtc_mem_write(int32_t offset, int32_t ptr, int32_t len);
/* sail.rtc_mem_read: Copies `len` bytes of RTC memory from `offset` to ptr. ERR_INVALID_SIZE beyond its end. */
#define SAIL_M3_SIG_SAIL_RTC_MEM_READ "i(iii)"
int32_t sail_host_sail_rtc_mem_read(int32_t offset, int32_t ptr, int32_t len);
/* sail.ota_state: State of the running image as ESP-IDF `esp_ota_img_states_t`: 1 PENDING_VERIFY (booted on trial
 * after an update), 2 VALID, -1 UNDEFINED (flashed directly, not by OTA). */
#define SAIL_M3_SIG_SAIL_OTA_STATE "i()"
int32_t sail_host_sail_ota_state(void);
/* sail.ota_confirm: Marks the running image valid, cancelling rollback. An image on trial that is not confirmed
 * within the board's trial time, or that resets first, is rolled back. */
#define SAIL_M3_SIG_SAIL_OTA_CONFIRM "i()"
int32_t sail_host_sail_ota_confirm(void);
/* sail.ota_reject: Marks the running image invalid and resets into the previous one. Does not return. */
#define SAIL_M3_SIG_SAIL_OTA_REJECT "v()"
void sail_host_sail_ota_reject(void);
/* sail.meter_exhausted: Inserted by the build's metering pass; called when the instruction budget the board granted
 * (global `sail_fuel`) runs out. The board refills it or resets the firmware by its watchdog. */
#define SAIL_M3_SIG_SAIL_METER_EXHAUSTED "v()"
void sail_host_sail_meter_exhausted(void);
/* env.abort: AssemblyScript's `abort` (a throw or failed assertion): a panic with its message, file, line and
 * column. Strings are AssemblyScript UTF-16 with the byte length at ptr - 4. */
#define SAIL_M3_SIG_ENV_ABORT "v(iiii)"
void sail_host_env_abort(int32_t message, int32_t file, int32_t line, int32_t column);
/* env.trace: AssemblyScript's `trace`: a debug log line with up to five numbers. */
#define SAIL_M3_SIG_ENV_TRACE "v(iiFFFFF)"
void sail_host_env_trace(int32_t message, int32_t n, double a0, double a1, double a2, double a3, double a4);
/* env.seed: Seed for AssemblyScript's `Math.random`, from the board's seeded generator. */
#define SAIL_M3_SIG_ENV_SEED "F()"
double sail_host_env_seed(void);

/* Exports the runtime calls. */
/* function, required */
#define SAIL_EXPORT_START "_start"
/* function, required */
#define SAIL_EXPORT_SAIL_SETUP "sail_setup"
/* function, required */
#define SAIL_EXPORT_SAIL_EVENT "sail_event"
/* global, required */
#define SAIL_EXPORT_SAIL_ABI_VERSION "sail_abi_version"
/* memory */
#define SAIL_EXPORT_MEMORY "memory"
/* function */
#define SAIL_EXPORT_COLLECT "__collect"
/* function */
#define SAIL_EXPORT_SAIL_BUFFER "sail_buffer"
/* function */
#define SAIL_EXPORT_SAIL_BUFFER_SIZE "sail_buffer_size"
/* global */
#define SAIL_EXPORT_SAIL_FUEL "sail_fuel"

#endif /* SAIL_ABI_H */
