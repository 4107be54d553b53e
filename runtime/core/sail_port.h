/* The port: everything the core needs from the machine it runs on. The core
 * (event loop, imports, fuel, watchdog, traps) calls only these functions; a
 * port implements them once per platform: runtime/port/esp-idf/ on the chip,
 * runtime/port/host/ beside the emulator, where each call becomes one frame
 * of the co-simulation pipe served by the emulator's own board models
 * (docs/runtime.md, "The port interface").
 *
 * Conventions, as ESP-IDF's drivers have them:
 * - Statuses are sail_err_t: SAIL_OK or a SAIL_ERR_* value, which is an
 *   esp_err_t negated (a port returns -err for an ESP-IDF error).
 * - Numbers are the ABI's: pins are GPIO numbers, modes and pulls are
 *   SAIL_GPIO_MODE_* / SAIL_GPIO_PULL_*, levels 0 or 1, times µs.
 * - Calls that return "a count or a status" return a value >= 0 on success
 *   and a SAIL_ERR_* (< 0) otherwise, as the ABI's imports do.
 * - Buffers are the caller's; a port never keeps a pointer past the call.
 * - One thread calls the port (the task running the event loop); the port's
 *   interrupts and callbacks only queue events that sail_port_wait returns.
 * - A call the firmware made may end the running handler (a restart, deep
 *   sleep, a fault the board names): the port then returns and
 *   sail_port_stopping() answers true until the core has unwound. */
#ifndef SAIL_PORT_H
#define SAIL_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sail_err.h"

/* ---- Time and events ---------------------------------------------------- */

/* The board's time in µs since boot (esp_timer_get_time). On the host, the
 * emulator's virtual clock, charged with what the running handler executed. */
int64_t sail_port_now_us(void);

/* One event for the firmware: kind is a SAIL_EVENT_* value (TIMER, GPIO_EDGE,
 * MIOT_*, UART_RX, WAKE), id, a and b as the ABI documents them. */
typedef struct {
    int32_t kind;
    int32_t id;
    int64_t a;
    int64_t b;
} sail_port_event_t;

/* Blocks until an external event is due or deadline_us passes
 * (INT64_MAX: no deadline). SAIL_OK with *event filled, or SAIL_ERR_TIMEOUT.
 * Events that fell due while a handler ran are returned after it, in the
 * order they fell due; at equal times, in the order they were raised. */
sail_err_t sail_port_wait(int64_t deadline_us, sail_port_event_t *event);

/* Blocks the running handler for `us` (esp_rom_delay_us / vTaskDelay). */
void sail_port_delay_us(int64_t us);

/* esp_timer, one-shot (period 0) or periodic on its grid (the next expiry is
 * the previous due time plus the period); an expiry raises TIMER with the id. */
sail_err_t sail_port_timer_start(int32_t id, int64_t delay_us, int64_t period_us);
sail_err_t sail_port_timer_stop(int32_t id);

/* ---- System ------------------------------------------------------------- */

/* Writes one line of the firmware's log at a SAIL_LOG_* level (ESP_LOGx). */
void sail_port_log(int32_t level, const char *text, size_t len);
/* esp_random. */
uint32_t sail_port_random_u32(void);
/* esp_restart: the handler ends, the board resets with reason SW. */
void sail_port_restart(void);
/* esp_reset_reason as a SAIL_RESET_* value. */
int32_t sail_port_reset_reason(void);
/* esp_task_wdt_reset for the event loop's task. */
void sail_port_wdt_feed(void);
/* Whether a port call has ended the running handler (restart, deep sleep, a
 * fault the port names); the core unwinds the engine while it is true. */
bool sail_port_stopping(void);

/* The running handler (_start, sail_setup or one event) returned, with its
 * status; every handler ends here, after sail_port_panic if it stopped. */
void sail_port_handler_end(int32_t status);
/* The image stopped in a handler the core ran: a trap (trap is its canonical
 * kind, sail_trap_t; 0 for none), the task watchdog, a fault the core found.
 * reason is a SAIL_RESET_* value. The chip logs and resets; the host port
 * reports it to the emulator, whose board records the reset. */
void sail_port_panic(int32_t reason, int32_t trap, const char *message);

/* ---- GPIO, LEDC (PWM), ADC ---------------------------------------------- */

sail_err_t sail_port_gpio_config(int32_t pin, int32_t mode, int32_t pull);
sail_err_t sail_port_gpio_set_level(int32_t pin, int32_t level);
/* The level (0 or 1) or a status. */
int32_t sail_port_gpio_get_level(int32_t pin);
/* Edge interrupts (SAIL_GPIO_EDGE_* bits; 0 stops) raising GPIO_EDGE with id. */
sail_err_t sail_port_gpio_watch(int32_t pin, int32_t edges, int32_t id);

/* A LEDC channel on `pin`: the channel number, or a status. */
int32_t sail_port_ledc_setup(int32_t pin, int32_t freq_hz, int32_t bits);
sail_err_t sail_port_ledc_set_duty(int32_t channel, int32_t duty);
sail_err_t sail_port_ledc_set_freq(int32_t channel, int32_t freq_hz);

/* adc_oneshot with calibration: raw counts or millivolts, or a status. */
sail_err_t sail_port_adc_setup(int32_t pin, int32_t atten);
int32_t sail_port_adc_read_raw(int32_t pin);
int32_t sail_port_adc_read_mv(int32_t pin);

/* ---- Buses -------------------------------------------------------------- */

/* i2c_master: statuses. */
sail_err_t sail_port_i2c_setup(int32_t port, int32_t sda, int32_t scl, int32_t freq_hz);
sail_err_t sail_port_i2c_write(int32_t port, int32_t addr, const uint8_t *data, size_t len, int32_t timeout_us);
sail_err_t sail_port_i2c_read(int32_t port, int32_t addr, uint8_t *data, size_t len, int32_t timeout_us);
sail_err_t sail_port_i2c_write_read(int32_t port, int32_t addr, const uint8_t *wdata, size_t wlen, uint8_t *rdata,
                                    size_t rlen, int32_t timeout_us);

/* uart driver: write and read return bytes moved, or a status; a watched
 * port raises UART_RX with id when bytes arrive. */
sail_err_t sail_port_uart_setup(int32_t port, int32_t tx, int32_t rx, int32_t baud);
int32_t sail_port_uart_write(int32_t port, const uint8_t *data, size_t len);
int32_t sail_port_uart_read(int32_t port, uint8_t *data, size_t cap);
sail_err_t sail_port_uart_watch(int32_t port, int32_t id);

/* spi_master (ABI 1.3). spi_bus_initialize on SPI2_HOST + port (SPI3_HOST
 * where the chip has it) with DMA off; a pin of -1 is not wired. Setting a
 * bus up again removes its devices (spi_bus_remove_device, spi_bus_free). */
sail_err_t sail_port_spi_bus_init(int32_t port, int32_t sclk, int32_t mosi, int32_t miso);
/* spi_bus_add_device with spics_io_num = cs, mode 0..3 (CPOL << 1 | CPHA),
 * clock_speed_hz, flags SAIL_SPI_FLAG_LSB_FIRST (SPI_DEVICE_BIT_LSBFIRST):
 * a device handle >= 0, or a status (SAIL_ERR_NOT_FOUND: no CS left). */
int32_t sail_port_spi_bus_add_device(int32_t port, int32_t cs, int32_t mode, int32_t clock_hz, int32_t flags);
/* spi_device_transmit, full duplex, CS low throughout: sends tx[0..len)
 * while reading len bytes into rx (the same buffer or apart; rx is written
 * only on SAIL_OK); blocks for len x 8 clock periods. */
sail_err_t sail_port_spi_device_transfer(int32_t device, const uint8_t *tx, uint8_t *rx, size_t len);
/* spi_device_transmit, half duplex, CS low throughout: wlen bytes out, then
 * rlen bytes in while MOSI sends zeros. */
sail_err_t sail_port_spi_device_write_read(int32_t device, const uint8_t *wdata, size_t wlen, uint8_t *rdata,
                                           size_t rlen);

/* ---- Addressable LEDs (RMT, ABI 1.3) ------------------------------------ */

/* rmt_transmit of the G, R, B bytes (len a multiple of 3) on `pin` through
 * an rmt_bytes_encoder with WS2812 timing (led_strip's: T0H 0.3 µs, T1H
 * 0.9 µs, periods of 1.25 µs at the channel's resolution), then the line low
 * for the 50 µs reset; rmt_tx_wait_all_done before returning. The first
 * write on a pin takes a free TX channel (rmt_new_tx_channel): no channel
 * left is SAIL_ERR_NOT_FOUND. */
sail_err_t sail_port_led_strip_write(int32_t pin, const uint8_t *grb, size_t len);
/* The board's own LED as gpio | kind << 8 (SAIL_LED_KIND_*), from the board
 * profile the port was built for; SAIL_ERR_NOT_FOUND when it has none. */
int32_t sail_port_board_led(void);

/* ---- Wall-clock time and Wi-Fi (ABI 1.3) -------------------------------- */

/* gettimeofday in µs since 1970-01-01 UTC once esp_sntp has synchronised
 * since boot (its sync callback sets a flag), SAIL_ERR_INVALID_STATE before:
 * the core never guesses the time of day. */
int64_t sail_port_wallclock_us(void);
/* Wi-Fi has no call: the port's esp_event handler for WIFI_EVENT queues a
 * SAIL_EVENT_WIFI event that sail_port_wait returns: STA_CONNECTED as
 * CONNECTED with the RSSI (esp_wifi_sta_get_ap_info), STA_DISCONNECTED as
 * DISCONNECTED with wifi_event_sta_disconnected_t's reason, and
 * STA_BSS_RSSI_LOW as RSSI with the new RSSI, the threshold then re-armed
 * 5 dB either side (esp_wifi_set_rssi_threshold). */

/* ---- Key-value store (nvs) ---------------------------------------------- */

/* nvs_open(namespace, readwrite): a handle >= 0, or a status. Keys and
 * namespaces are the firmware's UTF-8 bytes, not NUL-terminated. */
int32_t sail_port_kv_open(const char *ns, size_t ns_len);
sail_err_t sail_port_kv_set_i64(int32_t handle, const char *key, size_t key_len, int64_t value);
sail_err_t sail_port_kv_get_i64(int32_t handle, const char *key, size_t key_len, int64_t *value);
sail_err_t sail_port_kv_set_str(int32_t handle, const char *key, size_t key_len, const char *value, size_t len);
/* The string's length in bytes (written up to cap), or a status. */
int32_t sail_port_kv_get_str(int32_t handle, const char *key, size_t key_len, char *value, size_t cap);
sail_err_t sail_port_kv_set_blob(int32_t handle, const char *key, size_t key_len, const uint8_t *value, size_t len);
/* The blob's length (written up to cap), or a status. */
int32_t sail_port_kv_get_blob(int32_t handle, const char *key, size_t key_len, uint8_t *value, size_t cap);
sail_err_t sail_port_kv_erase(int32_t handle, const char *key, size_t key_len);
sail_err_t sail_port_kv_commit(int32_t handle);

/* ---- Sleep (esp_sleep) and RTC memory ----------------------------------- */

sail_err_t sail_port_sleep_wake_timer(int64_t us);
sail_err_t sail_port_sleep_wake_pin(int32_t pin, int32_t level);
void sail_port_sleep_wake_clear(void);
/* Light sleep begins when the running handler returns; WAKE follows. */
sail_err_t sail_port_sleep_light(void);
/* Deep sleep: on success the handler ends and a wake source resets the board. */
sail_err_t sail_port_sleep_deep(void);
/* A SAIL_WAKE_CAUSE_* value. */
int32_t sail_port_wake_cause(void);
/* RTC slow memory kept across deep sleep: bytes moved, or a status. */
int32_t sail_port_rtc_mem_write(int32_t offset, const uint8_t *data, size_t len);
int32_t sail_port_rtc_mem_read(int32_t offset, uint8_t *data, size_t len);

/* ---- The Sail image's OTA trial (sail_otadata) -------------------------- */

/* A SAIL_OTA_STATE_* value. */
int32_t sail_port_ota_state(void);
sail_err_t sail_port_ota_confirm(void);
/* Rolls back: the handler ends and the board boots the previous image. */
void sail_port_ota_reject(void);

/* ---- MIoT request being handled ----------------------------------------- */
/* The request a MIOT_GET/SET/ACTION event stands for, held by the miIO
 * session (the emulator's on the host): its arguments, the handler's reply,
 * and property changes and events the firmware reports for pushing. */

int64_t sail_port_miot_arg_int(int32_t index);
double sail_port_miot_arg_float(int32_t index);
/* The argument's length in bytes (written up to cap), or a status. */
int32_t sail_port_miot_arg_str(int32_t index, char *value, size_t cap);
void sail_port_miot_reply_int(int64_t value);
void sail_port_miot_reply_float(double value);
void sail_port_miot_reply_str(const char *value, size_t len);
sail_err_t sail_port_miot_changed_int(int32_t siid, int32_t piid, int64_t value);
sail_err_t sail_port_miot_changed_float(int32_t siid, int32_t piid, double value);
sail_err_t sail_port_miot_changed_str(int32_t siid, int32_t piid, const char *value, size_t len);
sail_err_t sail_port_miot_event(int32_t siid, int32_t eiid);

/* ---- Flash partitions (esp_partition_*), datagrams, HTTP ---------------- */
/* For the image slots, the miIO session and OTA downloads. */

/* A data partition by label ("sail_0", "sail_1", "sail_otadata"). */
sail_err_t sail_port_partition_read(const char *label, uint32_t offset, uint8_t *data, size_t len);
sail_err_t sail_port_partition_write(const char *label, uint32_t offset, const uint8_t *data, size_t len);
sail_err_t sail_port_partition_erase(const char *label, uint32_t offset, size_t len);

/* A UDP socket bound to `port` on every interface: a handle >= 0 or a status.
 * Datagrams arriving raise a port event that sail_port_wait returns. */
int32_t sail_port_udp_open(uint16_t port);
/* addr: IPv4 in network order. Bytes sent, or a status. */
int32_t sail_port_udp_send(int32_t handle, uint32_t addr, uint16_t port, const uint8_t *data, size_t len);
/* The next datagram: its length (written up to cap) and sender, or a status
 * (SAIL_ERR_NOT_FOUND when none is waiting). */
int32_t sail_port_udp_recv(int32_t handle, uint8_t *data, size_t cap, uint32_t *addr, uint16_t *port);
sail_err_t sail_port_udp_close(int32_t handle);

/* Bytes [from, to) of `url` (an HTTP Range request): bytes written into
 * data (up to cap) in *got, with the resource's total size in *total. */
sail_err_t sail_port_http_get_range(const char *url, uint32_t from, uint32_t to, uint8_t *data, size_t cap, size_t *got,
                                    uint32_t *total);

#endif /* SAIL_PORT_H */
