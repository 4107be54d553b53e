/* The host port's ABI 1.3 calls: SPI, addressable LEDs, the board's LED and
 * wall-clock time, each one request on the pipe served by the board's own
 * models (host/runtime/port-server.ts). A full-duplex transfer travels as one
 * buffer the board reads and overwrites in place (the "x" argument); its
 * bytes come back into rx only when the board's transfer succeeded. */
#include <stdint.h>
#include <string.h>

#include "sail_host_pipe.h"
#include "sail_port.h"

static sail_host_call_t the_call;

static sail_host_call_t *begin(void)
{
    sail_host_begin(&the_call);
    return &the_call;
}

sail_err_t sail_port_spi_bus_init(int32_t port, int32_t sclk, int32_t mosi, int32_t miso)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, port);
    sail_host_put_i32(c, sclk);
    sail_host_put_i32(c, mosi);
    sail_host_put_i32(c, miso);
    sail_host_send(c, SAIL_PORT_CALL_SPI_BUS_SETUP);
    return sail_host_get_i32(c);
}

int32_t sail_port_spi_bus_add_device(int32_t port, int32_t cs, int32_t mode, int32_t clock_hz, int32_t flags)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, port);
    sail_host_put_i32(c, cs);
    sail_host_put_i32(c, mode);
    sail_host_put_i32(c, clock_hz);
    sail_host_put_i32(c, flags);
    sail_host_send(c, SAIL_PORT_CALL_SPI_DEVICE_ADD);
    return sail_host_get_i32(c);
}

sail_err_t sail_port_spi_device_transfer(int32_t device, const uint8_t *tx, uint8_t *rx, size_t len)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, device);
    sail_host_put_bytes(c, tx, len);
    sail_host_send(c, SAIL_PORT_CALL_SPI_TRANSFER);
    int32_t status = sail_host_get_i32(c);
    if (status == SAIL_OK) {
        sail_host_get_bytes(c, rx, len);
    }
    return status;
}

sail_err_t sail_port_spi_device_write_read(int32_t device, const uint8_t *wdata, size_t wlen, uint8_t *rdata,
                                           size_t rlen)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, device);
    sail_host_put_bytes(c, wdata, wlen);
    sail_host_put_bytes(c, rdata, rlen);
    sail_host_send(c, SAIL_PORT_CALL_SPI_WRITE_READ);
    int32_t status = sail_host_get_i32(c);
    sail_host_get_bytes(c, rdata, rlen);
    return status;
}

sail_err_t sail_port_led_strip_write(int32_t pin, const uint8_t *grb, size_t len)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, pin);
    sail_host_put_bytes(c, grb, len);
    sail_host_send(c, SAIL_PORT_CALL_LED_STRIP_WRITE);
    return sail_host_get_i32(c);
}

int32_t sail_port_board_led(void)
{
    sail_host_call_t *c = begin();
    sail_host_send(c, SAIL_PORT_CALL_BOARD_LED);
    return sail_host_get_i32(c);
}

int64_t sail_port_wallclock_us(void)
{
    sail_host_call_t *c = begin();
    sail_host_send(c, SAIL_PORT_CALL_WALLCLOCK_US);
    return sail_host_get_i64(c);
}
