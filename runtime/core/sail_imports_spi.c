/* SPI master imports (ABI 1.3): buffers checked in linear memory in the
 * emulator's order (transmit, then receive), then one port call each. A
 * full-duplex transfer's receive buffer is written only when the transfer
 * succeeded, so a refused one leaves it as it was. */
#include "sail_app.h"
#include "sail_memory.h"
#include "sail_port.h"

int32_t sail_import_sail_spi_bus_setup(sail_app_t *app, int32_t port, int32_t sclk, int32_t mosi, int32_t miso)
{
    app->host_calls++;
    return sail_port_spi_bus_init(port, sclk, mosi, miso);
}

int32_t sail_import_sail_spi_device_add(sail_app_t *app, int32_t port, int32_t cs, int32_t mode, int32_t clock_hz,
                                        int32_t flags)
{
    app->host_calls++;
    return sail_port_spi_bus_add_device(port, cs, mode, clock_hz, flags);
}

int32_t sail_import_sail_spi_transfer(sail_app_t *app, int32_t device, int32_t tx_ptr, int32_t rx_ptr, int32_t len)
{
    app->host_calls++;
    const uint8_t *tx = sail_mem_buffer(app, "spi_transfer", tx_ptr, len);
    uint8_t *rx = tx == NULL ? NULL : sail_mem_buffer(app, "spi_transfer", rx_ptr, len);
    if (rx == NULL) {
        return 0;
    }
    return sail_port_spi_device_transfer(device, tx, rx, (size_t)len);
}

int32_t sail_import_sail_spi_write_read(sail_app_t *app, int32_t device, int32_t wptr, int32_t wlen, int32_t rptr,
                                        int32_t rlen)
{
    app->host_calls++;
    const uint8_t *wdata = sail_mem_buffer(app, "spi_write_read", wptr, wlen);
    uint8_t *rdata = wdata == NULL ? NULL : sail_mem_buffer(app, "spi_write_read", rptr, rlen);
    if (rdata == NULL) {
        return 0;
    }
    return sail_port_spi_device_write_read(device, wdata, (size_t)wlen, rdata, (size_t)rlen);
}
