/* I2C and UART imports: buffers checked in linear memory, then one port
 * call each; the port writes what it reads into the firmware's buffer. */
#include "sail_app.h"
#include "sail_memory.h"
#include "sail_port.h"

int32_t sail_import_sail_i2c_setup(sail_app_t *app, int32_t port, int32_t sda, int32_t scl, int32_t freq_hz)
{
    app->host_calls++;
    return sail_port_i2c_setup(port, sda, scl, freq_hz);
}

int32_t sail_import_sail_i2c_write(sail_app_t *app, int32_t port, int32_t addr, int32_t ptr, int32_t len,
                                   int32_t timeout_us)
{
    app->host_calls++;
    const uint8_t *data = sail_mem_buffer(app, "i2c_write", ptr, len);
    return data == NULL ? 0 : sail_port_i2c_write(port, addr, data, (uint32_t)len, timeout_us);
}

int32_t sail_import_sail_i2c_read(sail_app_t *app, int32_t port, int32_t addr, int32_t ptr, int32_t len,
                                  int32_t timeout_us)
{
    app->host_calls++;
    uint8_t *data = sail_mem_buffer(app, "i2c_read", ptr, len);
    return data == NULL ? 0 : sail_port_i2c_read(port, addr, data, (uint32_t)len, timeout_us);
}

int32_t sail_import_sail_i2c_write_read(sail_app_t *app, int32_t port, int32_t addr, int32_t wptr, int32_t wlen,
                                        int32_t rptr, int32_t rlen, int32_t timeout_us)
{
    app->host_calls++;
    const uint8_t *wdata = sail_mem_buffer(app, "i2c_write_read", wptr, wlen);
    uint8_t *rdata = wdata == NULL ? NULL : sail_mem_buffer(app, "i2c_write_read", rptr, rlen);
    if (rdata == NULL) {
        return 0;
    }
    return sail_port_i2c_write_read(port, addr, wdata, (uint32_t)wlen, rdata, (uint32_t)rlen, timeout_us);
}

int32_t sail_import_sail_uart_setup(sail_app_t *app, int32_t port, int32_t tx, int32_t rx, int32_t baud)
{
    app->host_calls++;
    return sail_port_uart_setup(port, tx, rx, baud);
}

int32_t sail_import_sail_uart_write(sail_app_t *app, int32_t port, int32_t ptr, int32_t len)
{
    app->host_calls++;
    const uint8_t *data = sail_mem_buffer(app, "uart_write", ptr, len);
    return data == NULL ? 0 : sail_port_uart_write(port, data, (uint32_t)len);
}

int32_t sail_import_sail_uart_read(sail_app_t *app, int32_t port, int32_t ptr, int32_t cap)
{
    app->host_calls++;
    uint8_t *data = sail_mem_buffer(app, "uart_read", ptr, cap);
    return data == NULL ? 0 : sail_port_uart_read(port, data, (uint32_t)cap);
}

int32_t sail_import_sail_uart_watch(sail_app_t *app, int32_t port, int32_t id)
{
    app->host_calls++;
    return sail_port_uart_watch(port, id);
}
