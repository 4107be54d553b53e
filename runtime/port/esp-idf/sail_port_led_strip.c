/* Addressable LEDs on ESP-IDF's RMT TX driver (ABI 1.3), as the led_strip
 * component drives them: a TX channel per data pin (taken on first use, kept),
 * a bytes encoder with WS2812 timing at CONFIG_SAIL_RMT_RESOLUTION_HZ, MSB
 * first, the line low after the frame for the 50 µs reset (docs/hal.md and
 * docs/reference/hal-parts.md for the figures). And the board's own LED, from
 * the profile the project was generated for. */
#include <stdint.h>

#include "driver/rmt_encoder.h"
#include "driver/rmt_tx.h"
#include "esp_err.h"
#include "esp_rom_sys.h"
#include "sdkconfig.h"
#include "soc/soc_caps.h"

#include "sail_abi.h"
#include "sail_esp.h"

/* WS2812B: bit 0 is 400 ns high then 850 ns low, bit 1 800 ns high then 450 ns low; reset ≥ 50 µs low. */
#define WS2812_T0H_NS 400
#define WS2812_T0L_NS 850
#define WS2812_T1H_NS 800
#define WS2812_T1L_NS 450
#define WS2812_RESET_US 50

typedef struct {
    int32_t pin;
    rmt_channel_handle_t channel;
} led_channel_t;

static led_channel_t channels[SOC_RMT_TX_CANDIDATES_PER_GROUP];
static rmt_encoder_handle_t encoder;

static uint16_t ticks(uint32_t ns)
{
    uint64_t t = ((uint64_t)ns * CONFIG_SAIL_RMT_RESOLUTION_HZ + 500000000u) / 1000000000u;
    return (uint16_t)(t == 0 ? 1 : t);
}

static esp_err_t make_encoder(void)
{
    if (encoder != NULL) {
        return ESP_OK;
    }
    const rmt_bytes_encoder_config_t config = {
        .bit0 = {.level0 = 1, .duration0 = ticks(WS2812_T0H_NS), .level1 = 0, .duration1 = ticks(WS2812_T0L_NS)},
        .bit1 = {.level0 = 1, .duration0 = ticks(WS2812_T1H_NS), .level1 = 0, .duration1 = ticks(WS2812_T1L_NS)},
        .flags.msb_first = 1,
    };
    return rmt_new_bytes_encoder(&config, &encoder);
}

/* The channel `pin` took, taking a free one on first use; NULL with *err set when none is left. */
static rmt_channel_handle_t channel_of(int32_t pin, esp_err_t *err)
{
    int free_slot = -1;
    for (int i = 0; i < SOC_RMT_TX_CANDIDATES_PER_GROUP; i++) {
        if (channels[i].channel != NULL && channels[i].pin == pin) {
            return channels[i].channel;
        }
        if (channels[i].channel == NULL && free_slot < 0) {
            free_slot = i;
        }
    }
    if (free_slot < 0) {
        *err = ESP_ERR_NOT_FOUND;
        return NULL;
    }
    const rmt_tx_channel_config_t config = {
        .gpio_num = pin,
        .clk_src = RMT_CLK_SRC_DEFAULT,
        .resolution_hz = CONFIG_SAIL_RMT_RESOLUTION_HZ,
        .mem_block_symbols = SOC_RMT_MEM_WORDS_PER_CHANNEL,
        .trans_queue_depth = 1,
    };
    rmt_channel_handle_t channel = NULL;
    *err = rmt_new_tx_channel(&config, &channel);
    if (*err == ESP_OK) {
        *err = rmt_enable(channel);
    }
    if (*err != ESP_OK) {
        return NULL;
    }
    channels[free_slot].pin = pin;
    channels[free_slot].channel = channel;
    return channel;
}

sail_err_t sail_port_led_strip_write(int32_t pin, const uint8_t *grb, size_t len)
{
    if (len == 0 || len % 3 != 0) {
        return SAIL_ERR_INVALID_ARG;
    }
    esp_err_t err = make_encoder();
    rmt_channel_handle_t channel = err == ESP_OK ? channel_of(pin, &err) : NULL;
    if (channel == NULL) {
        return -err;
    }
    const rmt_transmit_config_t config = {.loop_count = 0, .flags.eot_level = 0};
    err = rmt_transmit(channel, encoder, grb, len, &config);
    if (err == ESP_OK) {
        err = rmt_tx_wait_all_done(channel, -1);
    }
    if (err == ESP_OK) {
        /* The line stays at the end-of-transmission level (low): the LEDs latch after the reset time. */
        esp_rom_delay_us(WS2812_RESET_US);
    }
    return -err;
}

int32_t sail_port_board_led(void)
{
    if (CONFIG_SAIL_BOARD_LED_GPIO < 0) {
        return SAIL_ERR_NOT_FOUND;
    }
    return CONFIG_SAIL_BOARD_LED_GPIO | (CONFIG_SAIL_BOARD_LED_KIND << 8);
}
