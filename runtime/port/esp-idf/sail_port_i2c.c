/* I2C on ESP-IDF's i2c_master driver: a bus per port, a device handle per
 * address met (added on first use), transfers with a timeout in ms. */
#include <stdint.h>

#include "driver/i2c_master.h"
#include "esp_err.h"
#include "soc/soc_caps.h"

#include "sail_abi.h"
#include "sail_esp.h"

#define SAIL_ESP_I2C_DEVICES 16

typedef struct {
    int32_t port;
    int32_t addr;
    int32_t freq_hz;
    i2c_master_dev_handle_t dev;
} i2c_device_t;

static i2c_master_bus_handle_t buses[SOC_I2C_NUM];
static int32_t bus_freq[SOC_I2C_NUM];
static i2c_device_t devices[SAIL_ESP_I2C_DEVICES];

sail_err_t sail_port_i2c_setup(int32_t port, int32_t sda, int32_t scl, int32_t freq_hz)
{
    if (port < 0 || port >= (int32_t)SOC_I2C_NUM || buses[port] != NULL) {
        return SAIL_ERR_INVALID_ARG;
    }
    const i2c_master_bus_config_t config = {
        .i2c_port = port,
        .sda_io_num = sda,
        .scl_io_num = scl,
        .clk_source = I2C_CLK_SRC_DEFAULT,
        .glitch_ignore_cnt = 7,
        .flags.enable_internal_pullup = true,
    };
    esp_err_t err = i2c_new_master_bus(&config, &buses[port]);
    if (err == ESP_OK) {
        bus_freq[port] = freq_hz;
    }
    return -err;
}

static esp_err_t device(int32_t port, int32_t addr, i2c_master_dev_handle_t *out)
{
    if (port < 0 || port >= (int32_t)SOC_I2C_NUM || buses[port] == NULL || addr < 0 || addr > 0x7f) {
        return ESP_ERR_INVALID_ARG;
    }
    int free_slot = -1;
    for (int i = 0; i < SAIL_ESP_I2C_DEVICES; i++) {
        if (devices[i].dev != NULL && devices[i].port == port && devices[i].addr == addr) {
            *out = devices[i].dev;
            return ESP_OK;
        }
        if (devices[i].dev == NULL && free_slot < 0) {
            free_slot = i;
        }
    }
    if (free_slot < 0) {
        return ESP_ERR_NO_MEM;
    }
    const i2c_device_config_t config = {
        .dev_addr_length = I2C_ADDR_BIT_LEN_7,
        .device_address = (uint16_t)addr,
        .scl_speed_hz = (uint32_t)bus_freq[port],
    };
    esp_err_t err = i2c_master_bus_add_device(buses[port], &config, &devices[free_slot].dev);
    if (err == ESP_OK) {
        devices[free_slot].port = port;
        devices[free_slot].addr = addr;
        *out = devices[free_slot].dev;
    }
    return err;
}

static int timeout_ms(int32_t timeout_us)
{
    return timeout_us < 0 ? -1 : (timeout_us + 999) / 1000;
}

sail_err_t sail_port_i2c_write(int32_t port, int32_t addr, const uint8_t *data, size_t len, int32_t timeout_us)
{
    i2c_master_dev_handle_t dev;
    esp_err_t err = device(port, addr, &dev);
    return err != ESP_OK ? -err : -i2c_master_transmit(dev, data, len, timeout_ms(timeout_us));
}

sail_err_t sail_port_i2c_read(int32_t port, int32_t addr, uint8_t *data, size_t len, int32_t timeout_us)
{
    i2c_master_dev_handle_t dev;
    esp_err_t err = device(port, addr, &dev);
    return err != ESP_OK ? -err : -i2c_master_receive(dev, data, len, timeout_ms(timeout_us));
}

sail_err_t sail_port_i2c_write_read(int32_t port, int32_t addr, const uint8_t *wdata, size_t wlen, uint8_t *rdata,
                                    size_t rlen, int32_t timeout_us)
{
    i2c_master_dev_handle_t dev;
    esp_err_t err = device(port, addr, &dev);
    return err != ESP_OK ? -err : -i2c_master_transmit_receive(dev, wdata, wlen, rdata, rlen, timeout_ms(timeout_us));
}
