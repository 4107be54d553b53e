/* Generated from host/abi/table.ts by `sail abi --runtime`; do not edit. */
/* Import definitions for an image translated by wabt 1.0.32's
 * `wasm2c -n sail_app`, which names an import Z_<module>Z_<name> and passes
 * the instance of its module first. Each module's instance holds the
 * running app; an import that ends the handler unwinds with wasm_rt_trap. */
#include "wasm-rt.h"

#include "sail_imports.h"

/* The instance of import module "sail" the translated image is given. */
struct Z_sail_instance_t {
    sail_app_t *app;
};

/* The instance of import module "env" the translated image is given. */
struct Z_env_instance_t {
    sail_app_t *app;
};

void Z_sailZ_log_write(struct Z_sail_instance_t *instance, uint32_t level, uint32_t ptr, uint32_t len)
{
    sail_import_sail_log_write(instance->app, level, ptr, len);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
}

uint64_t Z_sailZ_time_us(struct Z_sail_instance_t *instance)
{
    uint64_t sail_result = sail_import_sail_time_us(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

void Z_sailZ_delay_us(struct Z_sail_instance_t *instance, uint64_t us)
{
    sail_import_sail_delay_us(instance->app, us);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
}

uint32_t Z_sailZ_timer_start(struct Z_sail_instance_t *instance, uint32_t id, uint64_t delay_us, uint64_t period_us)
{
    uint32_t sail_result = sail_import_sail_timer_start(instance->app, id, delay_us, period_us);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_timer_stop(struct Z_sail_instance_t *instance, uint32_t id)
{
    uint32_t sail_result = sail_import_sail_timer_stop(instance->app, id);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_gpio_mode(struct Z_sail_instance_t *instance, uint32_t pin, uint32_t mode, uint32_t pull)
{
    uint32_t sail_result = sail_import_sail_gpio_mode(instance->app, pin, mode, pull);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_gpio_write(struct Z_sail_instance_t *instance, uint32_t pin, uint32_t level)
{
    uint32_t sail_result = sail_import_sail_gpio_write(instance->app, pin, level);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_gpio_read(struct Z_sail_instance_t *instance, uint32_t pin)
{
    uint32_t sail_result = sail_import_sail_gpio_read(instance->app, pin);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_gpio_watch(struct Z_sail_instance_t *instance, uint32_t pin, uint32_t edges, uint32_t id)
{
    uint32_t sail_result = sail_import_sail_gpio_watch(instance->app, pin, edges, id);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_pwm_setup(struct Z_sail_instance_t *instance, uint32_t pin, uint32_t freq_hz, uint32_t bits)
{
    uint32_t sail_result = sail_import_sail_pwm_setup(instance->app, pin, freq_hz, bits);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_pwm_set_duty(struct Z_sail_instance_t *instance, uint32_t channel, uint32_t duty)
{
    uint32_t sail_result = sail_import_sail_pwm_set_duty(instance->app, channel, duty);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_pwm_set_freq(struct Z_sail_instance_t *instance, uint32_t channel, uint32_t freq_hz)
{
    uint32_t sail_result = sail_import_sail_pwm_set_freq(instance->app, channel, freq_hz);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_adc_setup(struct Z_sail_instance_t *instance, uint32_t pin, uint32_t atten)
{
    uint32_t sail_result = sail_import_sail_adc_setup(instance->app, pin, atten);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_adc_read_raw(struct Z_sail_instance_t *instance, uint32_t pin)
{
    uint32_t sail_result = sail_import_sail_adc_read_raw(instance->app, pin);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_adc_read_mv(struct Z_sail_instance_t *instance, uint32_t pin)
{
    uint32_t sail_result = sail_import_sail_adc_read_mv(instance->app, pin);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_random_u32(struct Z_sail_instance_t *instance)
{
    uint32_t sail_result = sail_import_sail_random_u32(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

void Z_sailZ_restart(struct Z_sail_instance_t *instance)
{
    sail_import_sail_restart(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
}

uint32_t Z_sailZ_reset_reason(struct Z_sail_instance_t *instance)
{
    uint32_t sail_result = sail_import_sail_reset_reason(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

void Z_sailZ_wdt_feed(struct Z_sail_instance_t *instance)
{
    sail_import_sail_wdt_feed(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
}

void Z_sailZ_miot_reply_int(struct Z_sail_instance_t *instance, uint64_t value)
{
    sail_import_sail_miot_reply_int(instance->app, value);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
}

void Z_sailZ_miot_reply_float(struct Z_sail_instance_t *instance, double value)
{
    sail_import_sail_miot_reply_float(instance->app, value);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
}

void Z_sailZ_miot_reply_str(struct Z_sail_instance_t *instance, uint32_t ptr, uint32_t len)
{
    sail_import_sail_miot_reply_str(instance->app, ptr, len);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
}

uint64_t Z_sailZ_miot_arg_int(struct Z_sail_instance_t *instance, uint32_t index)
{
    uint64_t sail_result = sail_import_sail_miot_arg_int(instance->app, index);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

double Z_sailZ_miot_arg_float(struct Z_sail_instance_t *instance, uint32_t index)
{
    double sail_result = sail_import_sail_miot_arg_float(instance->app, index);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_miot_arg_str(struct Z_sail_instance_t *instance, uint32_t index, uint32_t ptr, uint32_t cap)
{
    uint32_t sail_result = sail_import_sail_miot_arg_str(instance->app, index, ptr, cap);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_miot_changed_int(struct Z_sail_instance_t *instance, uint32_t siid, uint32_t piid, uint64_t value)
{
    uint32_t sail_result = sail_import_sail_miot_changed_int(instance->app, siid, piid, value);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_miot_changed_float(struct Z_sail_instance_t *instance, uint32_t siid, uint32_t piid, double value)
{
    uint32_t sail_result = sail_import_sail_miot_changed_float(instance->app, siid, piid, value);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_miot_changed_str(struct Z_sail_instance_t *instance, uint32_t siid, uint32_t piid, uint32_t ptr,
                                  uint32_t len)
{
    uint32_t sail_result = sail_import_sail_miot_changed_str(instance->app, siid, piid, ptr, len);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_miot_event(struct Z_sail_instance_t *instance, uint32_t siid, uint32_t eiid)
{
    uint32_t sail_result = sail_import_sail_miot_event(instance->app, siid, eiid);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_i2c_setup(struct Z_sail_instance_t *instance, uint32_t port, uint32_t sda, uint32_t scl,
                           uint32_t freq_hz)
{
    uint32_t sail_result = sail_import_sail_i2c_setup(instance->app, port, sda, scl, freq_hz);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_i2c_write(struct Z_sail_instance_t *instance, uint32_t port, uint32_t addr, uint32_t ptr, uint32_t len,
                           uint32_t timeout_us)
{
    uint32_t sail_result = sail_import_sail_i2c_write(instance->app, port, addr, ptr, len, timeout_us);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_i2c_read(struct Z_sail_instance_t *instance, uint32_t port, uint32_t addr, uint32_t ptr, uint32_t len,
                          uint32_t timeout_us)
{
    uint32_t sail_result = sail_import_sail_i2c_read(instance->app, port, addr, ptr, len, timeout_us);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_i2c_write_read(struct Z_sail_instance_t *instance, uint32_t port, uint32_t addr, uint32_t wptr,
                                uint32_t wlen, uint32_t rptr, uint32_t rlen, uint32_t timeout_us)
{
    uint32_t sail_result =
        sail_import_sail_i2c_write_read(instance->app, port, addr, wptr, wlen, rptr, rlen, timeout_us);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_uart_setup(struct Z_sail_instance_t *instance, uint32_t port, uint32_t tx, uint32_t rx, uint32_t baud)
{
    uint32_t sail_result = sail_import_sail_uart_setup(instance->app, port, tx, rx, baud);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_uart_write(struct Z_sail_instance_t *instance, uint32_t port, uint32_t ptr, uint32_t len)
{
    uint32_t sail_result = sail_import_sail_uart_write(instance->app, port, ptr, len);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_uart_read(struct Z_sail_instance_t *instance, uint32_t port, uint32_t ptr, uint32_t cap)
{
    uint32_t sail_result = sail_import_sail_uart_read(instance->app, port, ptr, cap);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_uart_watch(struct Z_sail_instance_t *instance, uint32_t port, uint32_t id)
{
    uint32_t sail_result = sail_import_sail_uart_watch(instance->app, port, id);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_spi_bus_setup(struct Z_sail_instance_t *instance, uint32_t port, uint32_t sclk, uint32_t mosi,
                               uint32_t miso)
{
    uint32_t sail_result = sail_import_sail_spi_bus_setup(instance->app, port, sclk, mosi, miso);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_spi_device_add(struct Z_sail_instance_t *instance, uint32_t port, uint32_t cs, uint32_t mode,
                                uint32_t clock_hz, uint32_t flags)
{
    uint32_t sail_result = sail_import_sail_spi_device_add(instance->app, port, cs, mode, clock_hz, flags);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_spi_transfer(struct Z_sail_instance_t *instance, uint32_t device, uint32_t tx_ptr, uint32_t rx_ptr,
                              uint32_t len)
{
    uint32_t sail_result = sail_import_sail_spi_transfer(instance->app, device, tx_ptr, rx_ptr, len);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_spi_write_read(struct Z_sail_instance_t *instance, uint32_t device, uint32_t wptr, uint32_t wlen,
                                uint32_t rptr, uint32_t rlen)
{
    uint32_t sail_result = sail_import_sail_spi_write_read(instance->app, device, wptr, wlen, rptr, rlen);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_led_strip_write(struct Z_sail_instance_t *instance, uint32_t pin, uint32_t ptr, uint32_t len)
{
    uint32_t sail_result = sail_import_sail_led_strip_write(instance->app, pin, ptr, len);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_board_led(struct Z_sail_instance_t *instance)
{
    uint32_t sail_result = sail_import_sail_board_led(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint64_t Z_sailZ_wallclock_us(struct Z_sail_instance_t *instance)
{
    uint64_t sail_result = sail_import_sail_wallclock_us(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_kv_open(struct Z_sail_instance_t *instance, uint32_t ns_ptr, uint32_t ns_len)
{
    uint32_t sail_result = sail_import_sail_kv_open(instance->app, ns_ptr, ns_len);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_kv_set_int(struct Z_sail_instance_t *instance, uint32_t handle, uint32_t key_ptr, uint32_t key_len,
                            uint64_t value)
{
    uint32_t sail_result = sail_import_sail_kv_set_int(instance->app, handle, key_ptr, key_len, value);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_kv_get_int(struct Z_sail_instance_t *instance, uint32_t handle, uint32_t key_ptr, uint32_t key_len,
                            uint32_t out_ptr)
{
    uint32_t sail_result = sail_import_sail_kv_get_int(instance->app, handle, key_ptr, key_len, out_ptr);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_kv_set_str(struct Z_sail_instance_t *instance, uint32_t handle, uint32_t key_ptr, uint32_t key_len,
                            uint32_t ptr, uint32_t len)
{
    uint32_t sail_result = sail_import_sail_kv_set_str(instance->app, handle, key_ptr, key_len, ptr, len);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_kv_get_str(struct Z_sail_instance_t *instance, uint32_t handle, uint32_t key_ptr, uint32_t key_len,
                            uint32_t ptr, uint32_t cap)
{
    uint32_t sail_result = sail_import_sail_kv_get_str(instance->app, handle, key_ptr, key_len, ptr, cap);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_kv_set_blob(struct Z_sail_instance_t *instance, uint32_t handle, uint32_t key_ptr, uint32_t key_len,
                             uint32_t ptr, uint32_t len)
{
    uint32_t sail_result = sail_import_sail_kv_set_blob(instance->app, handle, key_ptr, key_len, ptr, len);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_kv_get_blob(struct Z_sail_instance_t *instance, uint32_t handle, uint32_t key_ptr, uint32_t key_len,
                             uint32_t ptr, uint32_t cap)
{
    uint32_t sail_result = sail_import_sail_kv_get_blob(instance->app, handle, key_ptr, key_len, ptr, cap);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_kv_erase(struct Z_sail_instance_t *instance, uint32_t handle, uint32_t key_ptr, uint32_t key_len)
{
    uint32_t sail_result = sail_import_sail_kv_erase(instance->app, handle, key_ptr, key_len);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_kv_commit(struct Z_sail_instance_t *instance, uint32_t handle)
{
    uint32_t sail_result = sail_import_sail_kv_commit(instance->app, handle);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_sleep_wake_timer(struct Z_sail_instance_t *instance, uint64_t us)
{
    uint32_t sail_result = sail_import_sail_sleep_wake_timer(instance->app, us);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_sleep_wake_pin(struct Z_sail_instance_t *instance, uint32_t pin, uint32_t level)
{
    uint32_t sail_result = sail_import_sail_sleep_wake_pin(instance->app, pin, level);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

void Z_sailZ_sleep_wake_clear(struct Z_sail_instance_t *instance)
{
    sail_import_sail_sleep_wake_clear(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
}

uint32_t Z_sailZ_sleep_light(struct Z_sail_instance_t *instance)
{
    uint32_t sail_result = sail_import_sail_sleep_light(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_sleep_deep(struct Z_sail_instance_t *instance)
{
    uint32_t sail_result = sail_import_sail_sleep_deep(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_wake_cause(struct Z_sail_instance_t *instance)
{
    uint32_t sail_result = sail_import_sail_wake_cause(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_rtc_mem_write(struct Z_sail_instance_t *instance, uint32_t offset, uint32_t ptr, uint32_t len)
{
    uint32_t sail_result = sail_import_sail_rtc_mem_write(instance->app, offset, ptr, len);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_rtc_mem_read(struct Z_sail_instance_t *instance, uint32_t offset, uint32_t ptr, uint32_t len)
{
    uint32_t sail_result = sail_import_sail_rtc_mem_read(instance->app, offset, ptr, len);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_ota_state(struct Z_sail_instance_t *instance)
{
    uint32_t sail_result = sail_import_sail_ota_state(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

uint32_t Z_sailZ_ota_confirm(struct Z_sail_instance_t *instance)
{
    uint32_t sail_result = sail_import_sail_ota_confirm(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}

void Z_sailZ_ota_reject(struct Z_sail_instance_t *instance)
{
    sail_import_sail_ota_reject(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
}

void Z_sailZ_meter_exhausted(struct Z_sail_instance_t *instance)
{
    sail_import_sail_meter_exhausted(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
}

void Z_envZ_abort(struct Z_env_instance_t *instance, uint32_t message, uint32_t file, uint32_t line, uint32_t column)
{
    sail_import_env_abort(instance->app, message, file, line, column);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
}

void Z_envZ_trace(struct Z_env_instance_t *instance, uint32_t message, uint32_t n, double a0, double a1, double a2,
                  double a3, double a4)
{
    sail_import_env_trace(instance->app, message, n, a0, a1, a2, a3, a4);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
}

double Z_envZ_seed(struct Z_env_instance_t *instance)
{
    double sail_result = sail_import_env_seed(instance->app);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return sail_result;
}
