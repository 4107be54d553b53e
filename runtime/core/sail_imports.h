/* Generated from host/abi/table.ts by `sail abi --runtime`; do not edit. */
/* The imports the runtime implements: one C function per ABI import, the
 * import's numbers in and its result out. The engines' generated glue calls
 * them; after each call it asks sail_app_stopping() whether the import ended
 * the handler (a restart, a fault, an abort), and unwinds the engine if so. */
#ifndef SAIL_IMPORTS_H
#define SAIL_IMPORTS_H

#include <stdbool.h>
#include <stdint.h>

#include "sail_abi.h"

/* The running image as the imports see it; defined by the core. */
typedef struct sail_app sail_app_t;

/* True once an import has ended the running handler. */
bool sail_app_stopping(const sail_app_t *app);

/* One entry of the ABI table: what the loader checks an image's imports against. */
typedef struct {
    const char *module;
    const char *name;
    /* The signature as the emulator prints it: "(i32, i32) -> i32". */
    const char *signature;
} sail_abi_import_t;

/* One export the runtime calls or reads. */
typedef struct {
    const char *name;
    /* "function" or "global". */
    const char *kind;
    /* Functions: the signature as above; globals: the value type. */
    const char *signature;
    bool required;
    const char *doc;
} sail_abi_export_t;

#define SAIL_ABI_IMPORT_COUNT 68
#define SAIL_ABI_EXPORT_COUNT 9
extern const sail_abi_import_t sail_abi_imports[SAIL_ABI_IMPORT_COUNT];
extern const sail_abi_export_t sail_abi_exports[SAIL_ABI_EXPORT_COUNT];

/* sail.log_write (i32, i32, i32) -> () */
void sail_import_sail_log_write(sail_app_t *app, int32_t level, int32_t ptr, int32_t len);
/* sail.time_us () -> i64 */
int64_t sail_import_sail_time_us(sail_app_t *app);
/* sail.delay_us (i64) -> () */
void sail_import_sail_delay_us(sail_app_t *app, int64_t us);
/* sail.timer_start (i32, i64, i64) -> i32 */
int32_t sail_import_sail_timer_start(sail_app_t *app, int32_t id, int64_t delay_us, int64_t period_us);
/* sail.timer_stop (i32) -> i32 */
int32_t sail_import_sail_timer_stop(sail_app_t *app, int32_t id);
/* sail.gpio_mode (i32, i32, i32) -> i32 */
int32_t sail_import_sail_gpio_mode(sail_app_t *app, int32_t pin, int32_t mode, int32_t pull);
/* sail.gpio_write (i32, i32) -> i32 */
int32_t sail_import_sail_gpio_write(sail_app_t *app, int32_t pin, int32_t level);
/* sail.gpio_read (i32) -> i32 */
int32_t sail_import_sail_gpio_read(sail_app_t *app, int32_t pin);
/* sail.gpio_watch (i32, i32, i32) -> i32 */
int32_t sail_import_sail_gpio_watch(sail_app_t *app, int32_t pin, int32_t edges, int32_t id);
/* sail.pwm_setup (i32, i32, i32) -> i32 */
int32_t sail_import_sail_pwm_setup(sail_app_t *app, int32_t pin, int32_t freq_hz, int32_t bits);
/* sail.pwm_set_duty (i32, i32) -> i32 */
int32_t sail_import_sail_pwm_set_duty(sail_app_t *app, int32_t channel, int32_t duty);
/* sail.pwm_set_freq (i32, i32) -> i32 */
int32_t sail_import_sail_pwm_set_freq(sail_app_t *app, int32_t channel, int32_t freq_hz);
/* sail.adc_setup (i32, i32) -> i32 */
int32_t sail_import_sail_adc_setup(sail_app_t *app, int32_t pin, int32_t atten);
/* sail.adc_read_raw (i32) -> i32 */
int32_t sail_import_sail_adc_read_raw(sail_app_t *app, int32_t pin);
/* sail.adc_read_mv (i32) -> i32 */
int32_t sail_import_sail_adc_read_mv(sail_app_t *app, int32_t pin);
/* sail.random_u32 () -> i32 */
int32_t sail_import_sail_random_u32(sail_app_t *app);
/* sail.restart () -> () */
void sail_import_sail_restart(sail_app_t *app);
/* sail.reset_reason () -> i32 */
int32_t sail_import_sail_reset_reason(sail_app_t *app);
/* sail.wdt_feed () -> () */
void sail_import_sail_wdt_feed(sail_app_t *app);
/* sail.miot_reply_int (i64) -> () */
void sail_import_sail_miot_reply_int(sail_app_t *app, int64_t value);
/* sail.miot_reply_float (f64) -> () */
void sail_import_sail_miot_reply_float(sail_app_t *app, double value);
/* sail.miot_reply_str (i32, i32) -> () */
void sail_import_sail_miot_reply_str(sail_app_t *app, int32_t ptr, int32_t len);
/* sail.miot_arg_int (i32) -> i64 */
int64_t sail_import_sail_miot_arg_int(sail_app_t *app, int32_t index);
/* sail.miot_arg_float (i32) -> f64 */
double sail_import_sail_miot_arg_float(sail_app_t *app, int32_t index);
/* sail.miot_arg_str (i32, i32, i32) -> i32 */
int32_t sail_import_sail_miot_arg_str(sail_app_t *app, int32_t index, int32_t ptr, int32_t cap);
/* sail.miot_changed_int (i32, i32, i64) -> i32 */
int32_t sail_import_sail_miot_changed_int(sail_app_t *app, int32_t siid, int32_t piid, int64_t value);
/* sail.miot_changed_float (i32, i32, f64) -> i32 */
int32_t sail_import_sail_miot_changed_float(sail_app_t *app, int32_t siid, int32_t piid, double value);
/* sail.miot_changed_str (i32, i32, i32, i32) -> i32 */
int32_t sail_import_sail_miot_changed_str(sail_app_t *app, int32_t siid, int32_t piid, int32_t ptr, int32_t len);
/* sail.miot_event (i32, i32) -> i32 */
int32_t sail_import_sail_miot_event(sail_app_t *app, int32_t siid, int32_t eiid);
/* sail.i2c_setup (i32, i32, i32, i32) -> i32 */
int32_t sail_import_sail_i2c_setup(sail_app_t *app, int32_t port, int32_t sda, int32_t scl, int32_t freq_hz);
/* sail.i2c_write (i32, i32, i32, i32, i32) -> i32 */
int32_t sail_import_sail_i2c_write(sail_app_t *app, int32_t port, int32_t addr, int32_t ptr, int32_t len,
                                   int32_t timeout_us);
/* sail.i2c_read (i32, i32, i32, i32, i32) -> i32 */
int32_t sail_import_sail_i2c_read(sail_app_t *app, int32_t port, int32_t addr, int32_t ptr, int32_t len,
                                  int32_t timeout_us);
/* sail.i2c_write_read (i32, i32, i32, i32, i32, i32, i32) -> i32 */
int32_t sail_import_sail_i2c_write_read(sail_app_t *app, int32_t port, int32_t addr, int32_t wptr, int32_t wlen,
                                        int32_t rptr, int32_t rlen, int32_t timeout_us);
/* sail.uart_setup (i32, i32, i32, i32) -> i32 */
int32_t sail_import_sail_uart_setup(sail_app_t *app, int32_t port, int32_t tx, int32_t rx, int32_t baud);
/* sail.uart_write (i32, i32, i32) -> i32 */
int32_t sail_import_sail_uart_write(sail_app_t *app, int32_t port, int32_t ptr, int32_t len);
/* sail.uart_read (i32, i32, i32) -> i32 */
int32_t sail_import_sail_uart_read(sail_app_t *app, int32_t port, int32_t ptr, int32_t cap);
/* sail.uart_watch (i32, i32) -> i32 */
int32_t sail_import_sail_uart_watch(sail_app_t *app, int32_t port, int32_t id);
/* sail.spi_bus_setup (i32, i32, i32, i32) -> i32 */
int32_t sail_import_sail_spi_bus_setup(sail_app_t *app, int32_t port, int32_t sclk, int32_t mosi, int32_t miso);
/* sail.spi_device_add (i32, i32, i32, i32, i32) -> i32 */
int32_t sail_import_sail_spi_device_add(sail_app_t *app, int32_t port, int32_t cs, int32_t mode, int32_t clock_hz,
                                        int32_t flags);
/* sail.spi_transfer (i32, i32, i32, i32) -> i32 */
int32_t sail_import_sail_spi_transfer(sail_app_t *app, int32_t device, int32_t tx_ptr, int32_t rx_ptr, int32_t len);
/* sail.spi_write_read (i32, i32, i32, i32, i32) -> i32 */
int32_t sail_import_sail_spi_write_read(sail_app_t *app, int32_t device, int32_t wptr, int32_t wlen, int32_t rptr,
                                        int32_t rlen);
/* sail.led_strip_write (i32, i32, i32) -> i32 */
int32_t sail_import_sail_led_strip_write(sail_app_t *app, int32_t pin, int32_t ptr, int32_t len);
/* sail.board_led () -> i32 */
int32_t sail_import_sail_board_led(sail_app_t *app);
/* sail.wallclock_us () -> i64 */
int64_t sail_import_sail_wallclock_us(sail_app_t *app);
/* sail.kv_open (i32, i32) -> i32 */
int32_t sail_import_sail_kv_open(sail_app_t *app, int32_t ns_ptr, int32_t ns_len);
/* sail.kv_set_int (i32, i32, i32, i64) -> i32 */
int32_t sail_import_sail_kv_set_int(sail_app_t *app, int32_t handle, int32_t key_ptr, int32_t key_len, int64_t value);
/* sail.kv_get_int (i32, i32, i32, i32) -> i32 */
int32_t sail_import_sail_kv_get_int(sail_app_t *app, int32_t handle, int32_t key_ptr, int32_t key_len, int32_t out_ptr);
/* sail.kv_set_str (i32, i32, i32, i32, i32) -> i32 */
int32_t sail_import_sail_kv_set_str(sail_app_t *app, int32_t handle, int32_t key_ptr, int32_t key_len, int32_t ptr,
                                    int32_t len);
/* sail.kv_get_str (i32, i32, i32, i32, i32) -> i32 */
int32_t sail_import_sail_kv_get_str(sail_app_t *app, int32_t handle, int32_t key_ptr, int32_t key_len, int32_t ptr,
                                    int32_t cap);
/* sail.kv_set_blob (i32, i32, i32, i32, i32) -> i32 */
int32_t sail_import_sail_kv_set_blob(sail_app_t *app, int32_t handle, int32_t key_ptr, int32_t key_len, int32_t ptr,
                                     int32_t len);
/* sail.kv_get_blob (i32, i32, i32, i32, i32) -> i32 */
int32_t sail_import_sail_kv_get_blob(sail_app_t *app, int32_t handle, int32_t key_ptr, int32_t key_len, int32_t ptr,
                                     int32_t cap);
/* sail.kv_erase (i32, i32, i32) -> i32 */
int32_t sail_import_sail_kv_erase(sail_app_t *app, int32_t handle, int32_t key_ptr, int32_t key_len);
/* sail.kv_commit (i32) -> i32 */
int32_t sail_import_sail_kv_commit(sail_app_t *app, int32_t handle);
/* sail.sleep_wake_timer (i64) -> i32 */
int32_t sail_import_sail_sleep_wake_timer(sail_app_t *app, int64_t us);
/* sail.sleep_wake_pin (i32, i32) -> i32 */
int32_t sail_import_sail_sleep_wake_pin(sail_app_t *app, int32_t pin, int32_t level);
/* sail.sleep_wake_clear () -> () */
void sail_import_sail_sleep_wake_clear(sail_app_t *app);
/* sail.sleep_light () -> i32 */
int32_t sail_import_sail_sleep_light(sail_app_t *app);
/* sail.sleep_deep () -> i32 */
int32_t sail_import_sail_sleep_deep(sail_app_t *app);
/* sail.wake_cause () -> i32 */
int32_t sail_import_sail_wake_cause(sail_app_t *app);
/* sail.rtc_mem_write (i32, i32, i32) -> i32 */
int32_t sail_import_sail_rtc_mem_write(sail_app_t *app, int32_t offset, int32_t ptr, int32_t len);
/* sail.rtc_mem_read (i32, i32, i32) -> i32 */
int32_t sail_import_sail_rtc_mem_read(sail_app_t *app, int32_t offset, int32_t ptr, int32_t len);
/* sail.ota_state () -> i32 */
int32_t sail_import_sail_ota_state(sail_app_t *app);
/* sail.ota_confirm () -> i32 */
int32_t sail_import_sail_ota_confirm(sail_app_t *app);
/* sail.ota_reject () -> () */
void sail_import_sail_ota_reject(sail_app_t *app);
/* sail.meter_exhausted () -> () */
void sail_import_sail_meter_exhausted(sail_app_t *app);
/* env.abort (i32, i32, i32, i32) -> () */
void sail_import_env_abort(sail_app_t *app, int32_t message, int32_t file, int32_t line, int32_t column);
/* env.trace (i32, i32, f64, f64, f64, f64, f64) -> () */
void sail_import_env_trace(sail_app_t *app, int32_t message, int32_t n, double a0, double a1, double a2, double a3,
                           double a4);
/* env.seed () -> f64 */
double sail_import_env_seed(sail_app_t *app);

#endif /* SAIL_IMPORTS_H */
