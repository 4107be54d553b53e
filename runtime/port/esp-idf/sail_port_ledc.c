/* PWM on ESP-IDF's LEDC driver, low-speed mode: a channel per pin, sharing a
 * timer among channels of the same frequency and resolution. */
#include <stdint.h>

#include "driver/ledc.h"
#include "esp_err.h"

#include "sail_abi.h"
#include "sail_esp.h"

typedef struct {
    int32_t freq_hz;
    int32_t bits;
    int32_t users;
} ledc_timer_use_t;

static ledc_timer_use_t timer_use[LEDC_TIMER_MAX];
static int32_t channel_timer[LEDC_CHANNEL_MAX];
static int32_t channels_used;

static int32_t timer_for(int32_t freq_hz, int32_t bits)
{
    for (int32_t t = 0; t < LEDC_TIMER_MAX; t++) {
        if (timer_use[t].users > 0 && timer_use[t].freq_hz == freq_hz && timer_use[t].bits == bits) {
            return t;
        }
    }
    for (int32_t t = 0; t < LEDC_TIMER_MAX; t++) {
        if (timer_use[t].users == 0) {
            const ledc_timer_config_t config = {
                .speed_mode = LEDC_LOW_SPEED_MODE,
                .duty_resolution = (ledc_timer_bit_t)bits,
                .timer_num = (ledc_timer_t)t,
                .freq_hz = (uint32_t)freq_hz,
                .clk_cfg = LEDC_AUTO_CLK,
            };
            esp_err_t err = ledc_timer_config(&config);
            if (err != ESP_OK) {
                return -err;
            }
            timer_use[t].freq_hz = freq_hz;
            timer_use[t].bits = bits;
            return t;
        }
    }
    return SAIL_ERR_NOT_FOUND;
}

int32_t sail_port_ledc_setup(int32_t pin, int32_t freq_hz, int32_t bits)
{
    if (channels_used >= LEDC_CHANNEL_MAX) {
        return SAIL_ERR_NOT_FOUND;
    }
    int32_t timer = timer_for(freq_hz, bits);
    if (timer < 0) {
        return timer;
    }
    int32_t channel = channels_used;
    const ledc_channel_config_t config = {
        .gpio_num = pin,
        .speed_mode = LEDC_LOW_SPEED_MODE,
        .channel = (ledc_channel_t)channel,
        .intr_type = LEDC_INTR_DISABLE,
        .timer_sel = (ledc_timer_t)timer,
        .duty = 0,
        .hpoint = 0,
    };
    esp_err_t err = ledc_channel_config(&config);
    if (err != ESP_OK) {
        return -err;
    }
    timer_use[timer].users++;
    channel_timer[channel] = timer;
    channels_used++;
    return channel;
}

sail_err_t sail_port_ledc_set_duty(int32_t channel, int32_t duty)
{
    if (channel < 0 || channel >= channels_used) {
        return SAIL_ERR_INVALID_ARG;
    }
    esp_err_t err = ledc_set_duty(LEDC_LOW_SPEED_MODE, (ledc_channel_t)channel, (uint32_t)duty);
    return err != ESP_OK ? -err : -ledc_update_duty(LEDC_LOW_SPEED_MODE, (ledc_channel_t)channel);
}

sail_err_t sail_port_ledc_set_freq(int32_t channel, int32_t freq_hz)
{
    if (channel < 0 || channel >= channels_used) {
        return SAIL_ERR_INVALID_ARG;
    }
    int32_t timer = channel_timer[channel];
    esp_err_t err = ledc_set_freq(LEDC_LOW_SPEED_MODE, (ledc_timer_t)timer, (uint32_t)freq_hz);
    if (err == ESP_OK) {
        timer_use[timer].freq_hz = freq_hz;
    }
    return -err;
}
