/* Generated from host/abi/table.ts by `sail abi --runtime`; do not edit. */
/* wasm3 (v0.5.0) raw functions for every ABI import, and sail_wasm3_link(),
 * which links those the module imports with m3_LinkRawFunction and the
 * SAIL_M3_SIG_* strings. The runtime's sail_app_t is the wasm3 runtime's
 * user data (m3_NewRuntime's last argument). An import that ends the
 * handler unwinds wasm3 with m3Err_trapExit. */
#include "wasm3.h"

#include "sail_imports.h"

M3Result sail_wasm3_link(IM3Module module);

static m3ApiRawFunction(sail_m3_sail_log_write)
{
    m3ApiGetArg(int32_t, level);
    m3ApiGetArg(int32_t, ptr);
    m3ApiGetArg(int32_t, len);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    sail_import_sail_log_write(app, level, ptr, len);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiSuccess();
}

static m3ApiRawFunction(sail_m3_sail_time_us)
{
    m3ApiReturnType(int64_t);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int64_t sail_result = sail_import_sail_time_us(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_delay_us)
{
    m3ApiGetArg(int64_t, us);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    sail_import_sail_delay_us(app, us);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiSuccess();
}

static m3ApiRawFunction(sail_m3_sail_timer_start)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, id);
    m3ApiGetArg(int64_t, delay_us);
    m3ApiGetArg(int64_t, period_us);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_timer_start(app, id, delay_us, period_us);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_timer_stop)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, id);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_timer_stop(app, id);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_gpio_mode)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, pin);
    m3ApiGetArg(int32_t, mode);
    m3ApiGetArg(int32_t, pull);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_gpio_mode(app, pin, mode, pull);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_gpio_write)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, pin);
    m3ApiGetArg(int32_t, level);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_gpio_write(app, pin, level);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_gpio_read)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, pin);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_gpio_read(app, pin);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_gpio_watch)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, pin);
    m3ApiGetArg(int32_t, edges);
    m3ApiGetArg(int32_t, id);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_gpio_watch(app, pin, edges, id);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_pwm_setup)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, pin);
    m3ApiGetArg(int32_t, freq_hz);
    m3ApiGetArg(int32_t, bits);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_pwm_setup(app, pin, freq_hz, bits);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_pwm_set_duty)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, channel);
    m3ApiGetArg(int32_t, duty);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_pwm_set_duty(app, channel, duty);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_pwm_set_freq)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, channel);
    m3ApiGetArg(int32_t, freq_hz);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_pwm_set_freq(app, channel, freq_hz);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_adc_setup)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, pin);
    m3ApiGetArg(int32_t, atten);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_adc_setup(app, pin, atten);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_adc_read_raw)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, pin);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_adc_read_raw(app, pin);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_adc_read_mv)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, pin);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_adc_read_mv(app, pin);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_random_u32)
{
    m3ApiReturnType(int32_t);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_random_u32(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_restart)
{
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    sail_import_sail_restart(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiSuccess();
}

static m3ApiRawFunction(sail_m3_sail_reset_reason)
{
    m3ApiReturnType(int32_t);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_reset_reason(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_wdt_feed)
{
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    sail_import_sail_wdt_feed(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiSuccess();
}

static m3ApiRawFunction(sail_m3_sail_miot_reply_int)
{
    m3ApiGetArg(int64_t, value);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    sail_import_sail_miot_reply_int(app, value);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiSuccess();
}

static m3ApiRawFunction(sail_m3_sail_miot_reply_float)
{
    m3ApiGetArg(double, value);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    sail_import_sail_miot_reply_float(app, value);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiSuccess();
}

static m3ApiRawFunction(sail_m3_sail_miot_reply_str)
{
    m3ApiGetArg(int32_t, ptr);
    m3ApiGetArg(int32_t, len);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    sail_import_sail_miot_reply_str(app, ptr, len);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiSuccess();
}

static m3ApiRawFunction(sail_m3_sail_miot_arg_int)
{
    m3ApiReturnType(int64_t);
    m3ApiGetArg(int32_t, index);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int64_t sail_result = sail_import_sail_miot_arg_int(app, index);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_miot_arg_float)
{
    m3ApiReturnType(double);
    m3ApiGetArg(int32_t, index);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    double sail_result = sail_import_sail_miot_arg_float(app, index);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_miot_arg_str)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, index);
    m3ApiGetArg(int32_t, ptr);
    m3ApiGetArg(int32_t, cap);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_miot_arg_str(app, index, ptr, cap);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_miot_changed_int)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, siid);
    m3ApiGetArg(int32_t, piid);
    m3ApiGetArg(int64_t, value);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_miot_changed_int(app, siid, piid, value);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_miot_changed_float)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, siid);
    m3ApiGetArg(int32_t, piid);
    m3ApiGetArg(double, value);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_miot_changed_float(app, siid, piid, value);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_miot_changed_str)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, siid);
    m3ApiGetArg(int32_t, piid);
    m3ApiGetArg(int32_t, ptr);
    m3ApiGetArg(int32_t, len);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_miot_changed_str(app, siid, piid, ptr, len);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_miot_event)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, siid);
    m3ApiGetArg(int32_t, eiid);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_miot_event(app, siid, eiid);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_i2c_setup)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, port);
    m3ApiGetArg(int32_t, sda);
    m3ApiGetArg(int32_t, scl);
    m3ApiGetArg(int32_t, freq_hz);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_i2c_setup(app, port, sda, scl, freq_hz);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_i2c_write)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, port);
    m3ApiGetArg(int32_t, addr);
    m3ApiGetArg(int32_t, ptr);
    m3ApiGetArg(int32_t, len);
    m3ApiGetArg(int32_t, timeout_us);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_i2c_write(app, port, addr, ptr, len, timeout_us);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_i2c_read)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, port);
    m3ApiGetArg(int32_t, addr);
    m3ApiGetArg(int32_t, ptr);
    m3ApiGetArg(int32_t, len);
    m3ApiGetArg(int32_t, timeout_us);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_i2c_read(app, port, addr, ptr, len, timeout_us);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_i2c_write_read)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, port);
    m3ApiGetArg(int32_t, addr);
    m3ApiGetArg(int32_t, wptr);
    m3ApiGetArg(int32_t, wlen);
    m3ApiGetArg(int32_t, rptr);
    m3ApiGetArg(int32_t, rlen);
    m3ApiGetArg(int32_t, timeout_us);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_i2c_write_read(app, port, addr, wptr, wlen, rptr, rlen, timeout_us);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_uart_setup)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, port);
    m3ApiGetArg(int32_t, tx);
    m3ApiGetArg(int32_t, rx);
    m3ApiGetArg(int32_t, baud);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_uart_setup(app, port, tx, rx, baud);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_uart_write)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, port);
    m3ApiGetArg(int32_t, ptr);
    m3ApiGetArg(int32_t, len);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_uart_write(app, port, ptr, len);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_uart_read)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, port);
    m3ApiGetArg(int32_t, ptr);
    m3ApiGetArg(int32_t, cap);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_uart_read(app, port, ptr, cap);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_uart_watch)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, port);
    m3ApiGetArg(int32_t, id);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_uart_watch(app, port, id);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_spi_bus_setup)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, port);
    m3ApiGetArg(int32_t, sclk);
    m3ApiGetArg(int32_t, mosi);
    m3ApiGetArg(int32_t, miso);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_spi_bus_setup(app, port, sclk, mosi, miso);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_spi_device_add)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, port);
    m3ApiGetArg(int32_t, cs);
    m3ApiGetArg(int32_t, mode);
    m3ApiGetArg(int32_t, clock_hz);
    m3ApiGetArg(int32_t, flags);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_spi_device_add(app, port, cs, mode, clock_hz, flags);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_spi_transfer)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, device);
    m3ApiGetArg(int32_t, tx_ptr);
    m3ApiGetArg(int32_t, rx_ptr);
    m3ApiGetArg(int32_t, len);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_spi_transfer(app, device, tx_ptr, rx_ptr, len);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_spi_write_read)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, device);
    m3ApiGetArg(int32_t, wptr);
    m3ApiGetArg(int32_t, wlen);
    m3ApiGetArg(int32_t, rptr);
    m3ApiGetArg(int32_t, rlen);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_spi_write_read(app, device, wptr, wlen, rptr, rlen);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_led_strip_write)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, pin);
    m3ApiGetArg(int32_t, ptr);
    m3ApiGetArg(int32_t, len);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_led_strip_write(app, pin, ptr, len);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_board_led)
{
    m3ApiReturnType(int32_t);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_board_led(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_wallclock_us)
{
    m3ApiReturnType(int64_t);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int64_t sail_result = sail_import_sail_wallclock_us(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_kv_open)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, ns_ptr);
    m3ApiGetArg(int32_t, ns_len);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_kv_open(app, ns_ptr, ns_len);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_kv_set_int)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, handle);
    m3ApiGetArg(int32_t, key_ptr);
    m3ApiGetArg(int32_t, key_len);
    m3ApiGetArg(int64_t, value);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_kv_set_int(app, handle, key_ptr, key_len, value);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_kv_get_int)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, handle);
    m3ApiGetArg(int32_t, key_ptr);
    m3ApiGetArg(int32_t, key_len);
    m3ApiGetArg(int32_t, out_ptr);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_kv_get_int(app, handle, key_ptr, key_len, out_ptr);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_kv_set_str)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, handle);
    m3ApiGetArg(int32_t, key_ptr);
    m3ApiGetArg(int32_t, key_len);
    m3ApiGetArg(int32_t, ptr);
    m3ApiGetArg(int32_t, len);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_kv_set_str(app, handle, key_ptr, key_len, ptr, len);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_kv_get_str)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, handle);
    m3ApiGetArg(int32_t, key_ptr);
    m3ApiGetArg(int32_t, key_len);
    m3ApiGetArg(int32_t, ptr);
    m3ApiGetArg(int32_t, cap);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_kv_get_str(app, handle, key_ptr, key_len, ptr, cap);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_kv_set_blob)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, handle);
    m3ApiGetArg(int32_t, key_ptr);
    m3ApiGetArg(int32_t, key_len);
    m3ApiGetArg(int32_t, ptr);
    m3ApiGetArg(int32_t, len);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_kv_set_blob(app, handle, key_ptr, key_len, ptr, len);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_kv_get_blob)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, handle);
    m3ApiGetArg(int32_t, key_ptr);
    m3ApiGetArg(int32_t, key_len);
    m3ApiGetArg(int32_t, ptr);
    m3ApiGetArg(int32_t, cap);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_kv_get_blob(app, handle, key_ptr, key_len, ptr, cap);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_kv_erase)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, handle);
    m3ApiGetArg(int32_t, key_ptr);
    m3ApiGetArg(int32_t, key_len);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_kv_erase(app, handle, key_ptr, key_len);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_kv_commit)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, handle);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_kv_commit(app, handle);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_sleep_wake_timer)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int64_t, us);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_sleep_wake_timer(app, us);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_sleep_wake_pin)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, pin);
    m3ApiGetArg(int32_t, level);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_sleep_wake_pin(app, pin, level);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_sleep_wake_clear)
{
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    sail_import_sail_sleep_wake_clear(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiSuccess();
}

static m3ApiRawFunction(sail_m3_sail_sleep_light)
{
    m3ApiReturnType(int32_t);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_sleep_light(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_sleep_deep)
{
    m3ApiReturnType(int32_t);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_sleep_deep(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_wake_cause)
{
    m3ApiReturnType(int32_t);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_wake_cause(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_rtc_mem_write)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, offset);
    m3ApiGetArg(int32_t, ptr);
    m3ApiGetArg(int32_t, len);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_rtc_mem_write(app, offset, ptr, len);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_rtc_mem_read)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, offset);
    m3ApiGetArg(int32_t, ptr);
    m3ApiGetArg(int32_t, len);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_rtc_mem_read(app, offset, ptr, len);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_ota_state)
{
    m3ApiReturnType(int32_t);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_ota_state(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_ota_confirm)
{
    m3ApiReturnType(int32_t);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t sail_result = sail_import_sail_ota_confirm(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static m3ApiRawFunction(sail_m3_sail_ota_reject)
{
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    sail_import_sail_ota_reject(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiSuccess();
}

static m3ApiRawFunction(sail_m3_sail_meter_exhausted)
{
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    sail_import_sail_meter_exhausted(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiSuccess();
}

static m3ApiRawFunction(sail_m3_env_abort)
{
    m3ApiGetArg(int32_t, message);
    m3ApiGetArg(int32_t, file);
    m3ApiGetArg(int32_t, line);
    m3ApiGetArg(int32_t, column);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    sail_import_env_abort(app, message, file, line, column);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiSuccess();
}

static m3ApiRawFunction(sail_m3_env_trace)
{
    m3ApiGetArg(int32_t, message);
    m3ApiGetArg(int32_t, n);
    m3ApiGetArg(double, a0);
    m3ApiGetArg(double, a1);
    m3ApiGetArg(double, a2);
    m3ApiGetArg(double, a3);
    m3ApiGetArg(double, a4);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    sail_import_env_trace(app, message, n, a0, a1, a2, a3, a4);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiSuccess();
}

static m3ApiRawFunction(sail_m3_env_seed)
{
    m3ApiReturnType(double);
    (void)_ctx;
    (void)_sp;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    double sail_result = sail_import_env_seed(app);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(sail_result);
}

static const struct {
    const char *module;
    const char *name;
    const char *signature;
    M3RawCall function;
} sail_m3_imports[] = {
    {"sail", "log_write", SAIL_M3_SIG_SAIL_LOG_WRITE, sail_m3_sail_log_write},
    {"sail", "time_us", SAIL_M3_SIG_SAIL_TIME_US, sail_m3_sail_time_us},
    {"sail", "delay_us", SAIL_M3_SIG_SAIL_DELAY_US, sail_m3_sail_delay_us},
    {"sail", "timer_start", SAIL_M3_SIG_SAIL_TIMER_START, sail_m3_sail_timer_start},
    {"sail", "timer_stop", SAIL_M3_SIG_SAIL_TIMER_STOP, sail_m3_sail_timer_stop},
    {"sail", "gpio_mode", SAIL_M3_SIG_SAIL_GPIO_MODE, sail_m3_sail_gpio_mode},
    {"sail", "gpio_write", SAIL_M3_SIG_SAIL_GPIO_WRITE, sail_m3_sail_gpio_write},
    {"sail", "gpio_read", SAIL_M3_SIG_SAIL_GPIO_READ, sail_m3_sail_gpio_read},
    {"sail", "gpio_watch", SAIL_M3_SIG_SAIL_GPIO_WATCH, sail_m3_sail_gpio_watch},
    {"sail", "pwm_setup", SAIL_M3_SIG_SAIL_PWM_SETUP, sail_m3_sail_pwm_setup},
    {"sail", "pwm_set_duty", SAIL_M3_SIG_SAIL_PWM_SET_DUTY, sail_m3_sail_pwm_set_duty},
    {"sail", "pwm_set_freq", SAIL_M3_SIG_SAIL_PWM_SET_FREQ, sail_m3_sail_pwm_set_freq},
    {"sail", "adc_setup", SAIL_M3_SIG_SAIL_ADC_SETUP, sail_m3_sail_adc_setup},
    {"sail", "adc_read_raw", SAIL_M3_SIG_SAIL_ADC_READ_RAW, sail_m3_sail_adc_read_raw},
    {"sail", "adc_read_mv", SAIL_M3_SIG_SAIL_ADC_READ_MV, sail_m3_sail_adc_read_mv},
    {"sail", "random_u32", SAIL_M3_SIG_SAIL_RANDOM_U32, sail_m3_sail_random_u32},
    {"sail", "restart", SAIL_M3_SIG_SAIL_RESTART, sail_m3_sail_restart},
    {"sail", "reset_reason", SAIL_M3_SIG_SAIL_RESET_REASON, sail_m3_sail_reset_reason},
    {"sail", "wdt_feed", SAIL_M3_SIG_SAIL_WDT_FEED, sail_m3_sail_wdt_feed},
    {"sail", "miot_reply_int", SAIL_M3_SIG_SAIL_MIOT_REPLY_INT, sail_m3_sail_miot_reply_int},
    {"sail", "miot_reply_float", SAIL_M3_SIG_SAIL_MIOT_REPLY_FLOAT, sail_m3_sail_miot_reply_float},
    {"sail", "miot_reply_str", SAIL_M3_SIG_SAIL_MIOT_REPLY_STR, sail_m3_sail_miot_reply_str},
    {"sail", "miot_arg_int", SAIL_M3_SIG_SAIL_MIOT_ARG_INT, sail_m3_sail_miot_arg_int},
    {"sail", "miot_arg_float", SAIL_M3_SIG_SAIL_MIOT_ARG_FLOAT, sail_m3_sail_miot_arg_float},
    {"sail", "miot_arg_str", SAIL_M3_SIG_SAIL_MIOT_ARG_STR, sail_m3_sail_miot_arg_str},
    {"sail", "miot_changed_int", SAIL_M3_SIG_SAIL_MIOT_CHANGED_INT, sail_m3_sail_miot_changed_int},
    {"sail", "miot_changed_float", SAIL_M3_SIG_SAIL_MIOT_CHANGED_FLOAT, sail_m3_sail_miot_changed_float},
    {"sail", "miot_changed_str", SAIL_M3_SIG_SAIL_MIOT_CHANGED_STR, sail_m3_sail_miot_changed_str},
    {"sail", "miot_event", SAIL_M3_SIG_SAIL_MIOT_EVENT, sail_m3_sail_miot_event},
    {"sail", "i2c_setup", SAIL_M3_SIG_SAIL_I2C_SETUP, sail_m3_sail_i2c_setup},
    {"sail", "i2c_write", SAIL_M3_SIG_SAIL_I2C_WRITE, sail_m3_sail_i2c_write},
    {"sail", "i2c_read", SAIL_M3_SIG_SAIL_I2C_READ, sail_m3_sail_i2c_read},
    {"sail", "i2c_write_read", SAIL_M3_SIG_SAIL_I2C_WRITE_READ, sail_m3_sail_i2c_write_read},
    {"sail", "uart_setup", SAIL_M3_SIG_SAIL_UART_SETUP, sail_m3_sail_uart_setup},
    {"sail", "uart_write", SAIL_M3_SIG_SAIL_UART_WRITE, sail_m3_sail_uart_write},
    {"sail", "uart_read", SAIL_M3_SIG_SAIL_UART_READ, sail_m3_sail_uart_read},
    {"sail", "uart_watch", SAIL_M3_SIG_SAIL_UART_WATCH, sail_m3_sail_uart_watch},
    {"sail", "spi_bus_setup", SAIL_M3_SIG_SAIL_SPI_BUS_SETUP, sail_m3_sail_spi_bus_setup},
    {"sail", "spi_device_add", SAIL_M3_SIG_SAIL_SPI_DEVICE_ADD, sail_m3_sail_spi_device_add},
    {"sail", "spi_transfer", SAIL_M3_SIG_SAIL_SPI_TRANSFER, sail_m3_sail_spi_transfer},
    {"sail", "spi_write_read", SAIL_M3_SIG_SAIL_SPI_WRITE_READ, sail_m3_sail_spi_write_read},
    {"sail", "led_strip_write", SAIL_M3_SIG_SAIL_LED_STRIP_WRITE, sail_m3_sail_led_strip_write},
    {"sail", "board_led", SAIL_M3_SIG_SAIL_BOARD_LED, sail_m3_sail_board_led},
    {"sail", "wallclock_us", SAIL_M3_SIG_SAIL_WALLCLOCK_US, sail_m3_sail_wallclock_us},
    {"sail", "kv_open", SAIL_M3_SIG_SAIL_KV_OPEN, sail_m3_sail_kv_open},
    {"sail", "kv_set_int", SAIL_M3_SIG_SAIL_KV_SET_INT, sail_m3_sail_kv_set_int},
    {"sail", "kv_get_int", SAIL_M3_SIG_SAIL_KV_GET_INT, sail_m3_sail_kv_get_int},
    {"sail", "kv_set_str", SAIL_M3_SIG_SAIL_KV_SET_STR, sail_m3_sail_kv_set_str},
    {"sail", "kv_get_str", SAIL_M3_SIG_SAIL_KV_GET_STR, sail_m3_sail_kv_get_str},
    {"sail", "kv_set_blob", SAIL_M3_SIG_SAIL_KV_SET_BLOB, sail_m3_sail_kv_set_blob},
    {"sail", "kv_get_blob", SAIL_M3_SIG_SAIL_KV_GET_BLOB, sail_m3_sail_kv_get_blob},
    {"sail", "kv_erase", SAIL_M3_SIG_SAIL_KV_ERASE, sail_m3_sail_kv_erase},
    {"sail", "kv_commit", SAIL_M3_SIG_SAIL_KV_COMMIT, sail_m3_sail_kv_commit},
    {"sail", "sleep_wake_timer", SAIL_M3_SIG_SAIL_SLEEP_WAKE_TIMER, sail_m3_sail_sleep_wake_timer},
    {"sail", "sleep_wake_pin", SAIL_M3_SIG_SAIL_SLEEP_WAKE_PIN, sail_m3_sail_sleep_wake_pin},
    {"sail", "sleep_wake_clear", SAIL_M3_SIG_SAIL_SLEEP_WAKE_CLEAR, sail_m3_sail_sleep_wake_clear},
    {"sail", "sleep_light", SAIL_M3_SIG_SAIL_SLEEP_LIGHT, sail_m3_sail_sleep_light},
    {"sail", "sleep_deep", SAIL_M3_SIG_SAIL_SLEEP_DEEP, sail_m3_sail_sleep_deep},
    {"sail", "wake_cause", SAIL_M3_SIG_SAIL_WAKE_CAUSE, sail_m3_sail_wake_cause},
    {"sail", "rtc_mem_write", SAIL_M3_SIG_SAIL_RTC_MEM_WRITE, sail_m3_sail_rtc_mem_write},
    {"sail", "rtc_mem_read", SAIL_M3_SIG_SAIL_RTC_MEM_READ, sail_m3_sail_rtc_mem_read},
    {"sail", "ota_state", SAIL_M3_SIG_SAIL_OTA_STATE, sail_m3_sail_ota_state},
    {"sail", "ota_confirm", SAIL_M3_SIG_SAIL_OTA_CONFIRM, sail_m3_sail_ota_confirm},
    {"sail", "ota_reject", SAIL_M3_SIG_SAIL_OTA_REJECT, sail_m3_sail_ota_reject},
    {"sail", "meter_exhausted", SAIL_M3_SIG_SAIL_METER_EXHAUSTED, sail_m3_sail_meter_exhausted},
    {"env", "abort", SAIL_M3_SIG_ENV_ABORT, sail_m3_env_abort},
    {"env", "trace", SAIL_M3_SIG_ENV_TRACE, sail_m3_env_trace},
    {"env", "seed", SAIL_M3_SIG_ENV_SEED, sail_m3_env_seed},
};

/* Links every ABI import the module has; one it does not import is skipped. */
M3Result sail_wasm3_link(IM3Module module)
{
    for (size_t i = 0; i < sizeof sail_m3_imports / sizeof sail_m3_imports[0]; i++) {
        M3Result result = m3_LinkRawFunction(module, sail_m3_imports[i].module, sail_m3_imports[i].name,
                                             sail_m3_imports[i].signature, sail_m3_imports[i].function);
        if (result != m3Err_none && result != m3Err_functionLookupFailed) {
            return result;
        }
    }
    return m3Err_none;
}
