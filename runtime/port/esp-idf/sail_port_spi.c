/* SPI master on ESP-IDF's spi_master driver (ABI 1.3): port 0 is SPI2_HOST
 * and port 1 SPI3_HOST where the chip has it; a device per chip select, each
 * transfer one polling transaction with CS low throughout (docs/hal.md). The
 * bus uses DMA (SPI_DMA_CH_AUTO), so a transfer is not limited to the 64
 * bytes of the peripheral's buffer; the driver copies buffers DMA cannot use. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "driver/spi_master.h"
#include "esp_err.h"
#include "soc/soc_caps.h"

#include "sail_abi.h"
#include "sail_esp.h"

/* SPI1 is the flash's: the ports Sail offers are the general-purpose hosts after it. */
#define SAIL_ESP_SPI_PORTS (SOC_SPI_PERIPH_NUM - 1)
#define SAIL_ESP_SPI_DEVICES 8

typedef struct {
    int32_t port;
    spi_device_handle_t dev;
} spi_device_t;

static bool bus_ready[SAIL_ESP_SPI_PORTS];
static spi_device_t devices[SAIL_ESP_SPI_DEVICES];

static spi_host_device_t host_of(int32_t port)
{
    return (spi_host_device_t)(SPI2_HOST + port);
}

sail_err_t sail_port_spi_bus_init(int32_t port, int32_t sclk, int32_t mosi, int32_t miso)
{
    if (port < 0 || port >= SAIL_ESP_SPI_PORTS || sclk < 0) {
        return SAIL_ERR_INVALID_ARG;
    }
    if (bus_ready[port]) {
        for (int i = 0; i < SAIL_ESP_SPI_DEVICES; i++) {
            if (devices[i].dev != NULL && devices[i].port == port) {
                spi_bus_remove_device(devices[i].dev);
                devices[i].dev = NULL;
            }
        }
        spi_bus_free(host_of(port));
        bus_ready[port] = false;
    }
    const spi_bus_config_t config = {
        .sclk_io_num = sclk,
        .mosi_io_num = mosi,
        .miso_io_num = miso,
        .quadwp_io_num = -1,
        .quadhd_io_num = -1,
        .max_transfer_sz = 4096,
    };
    esp_err_t err = spi_bus_initialize(host_of(port), &config, SPI_DMA_CH_AUTO);
    bus_ready[port] = err == ESP_OK;
    return -err;
}

int32_t sail_port_spi_bus_add_device(int32_t port, int32_t cs, int32_t mode, int32_t clock_hz, int32_t flags)
{
    if (port < 0 || port >= SAIL_ESP_SPI_PORTS || !bus_ready[port]) {
        return SAIL_ERR_INVALID_STATE;
    }
    if (mode < 0 || mode > 3 || clock_hz <= 0 || (flags & ~SAIL_SPI_FLAG_LSB_FIRST) != 0) {
        return SAIL_ERR_INVALID_ARG;
    }
    int slot = -1;
    for (int i = 0; i < SAIL_ESP_SPI_DEVICES && slot < 0; i++) {
        if (devices[i].dev == NULL) {
            slot = i;
        }
    }
    if (slot < 0) {
        return SAIL_ERR_NOT_FOUND;
    }
    const spi_device_interface_config_t config = {
        .mode = (uint8_t)mode,
        .clock_speed_hz = clock_hz,
        .spics_io_num = cs,
        .flags = (flags & SAIL_SPI_FLAG_LSB_FIRST) != 0 ? SPI_DEVICE_BIT_LSBFIRST : 0,
        .queue_size = 1,
    };
    esp_err_t err = spi_bus_add_device(host_of(port), &config, &devices[slot].dev);
    if (err != ESP_OK) {
        devices[slot].dev = NULL;
        return -err;
    }
    devices[slot].port = port;
    return slot;
}

static spi_device_handle_t device_of(int32_t device)
{
    return device < 0 || device >= SAIL_ESP_SPI_DEVICES ? NULL : devices[device].dev;
}

sail_err_t sail_port_spi_device_transfer(int32_t device, const uint8_t *tx, uint8_t *rx, size_t len)
{
    spi_device_handle_t dev = device_of(device);
    if (dev == NULL) {
        return SAIL_ERR_INVALID_STATE;
    }
    if (len == 0) {
        return SAIL_ERR_INVALID_ARG;
    }
    spi_transaction_t t = {.length = len * 8, .rxlength = len * 8, .tx_buffer = tx, .rx_buffer = rx};
    return -spi_device_polling_transmit(dev, &t);
}

sail_err_t sail_port_spi_device_write_read(int32_t device, const uint8_t *wdata, size_t wlen, uint8_t *rdata,
                                           size_t rlen)
{
    spi_device_handle_t dev = device_of(device);
    if (dev == NULL) {
        return SAIL_ERR_INVALID_STATE;
    }
    size_t total = wlen + rlen;
    if (total == 0) {
        return SAIL_ERR_INVALID_ARG;
    }
    /* One full-duplex transaction: wdata then zeros out, the last rlen bytes in. */
    uint8_t *buffer = calloc(2, total);
    if (buffer == NULL) {
        return SAIL_ERR_NO_MEM;
    }
    memcpy(buffer, wdata, wlen);
    spi_transaction_t t = {
        .length = total * 8, .rxlength = total * 8, .tx_buffer = buffer, .rx_buffer = buffer + total};
    esp_err_t err = spi_device_polling_transmit(dev, &t);
    if (err == ESP_OK) {
        memcpy(rdata, buffer + total + wlen, rlen);
    }
    free(buffer);
    return -err;
}
