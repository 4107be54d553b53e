/* ADC on ESP-IDF's adc_oneshot driver with calibration: a unit is created on
 * first use, a channel configured per pin with its attenuation, and millivolts
 * come from the chip's calibration scheme (curve fitting on the ESP32-C3, line
 * fitting on the ESP32). */
#include <stdint.h>

#include "esp_adc/adc_cali.h"
#include "esp_adc/adc_cali_scheme.h"
#include "esp_adc/adc_oneshot.h"
#include "esp_err.h"
#include "soc/soc_caps.h"

#include "sail_abi.h"
#include "sail_esp.h"

#define SAIL_ESP_ADC_PINS 64

static adc_oneshot_unit_handle_t units[SOC_ADC_PERIPH_NUM];
static adc_cali_handle_t cali[SAIL_ESP_ADC_PINS];

static adc_atten_t atten_of(int32_t atten)
{
    switch (atten) {
        case SAIL_ADC_ATTEN_DB_0:
            return ADC_ATTEN_DB_0;
        case SAIL_ADC_ATTEN_DB_2_5:
            return ADC_ATTEN_DB_2_5;
        case SAIL_ADC_ATTEN_DB_6:
            return ADC_ATTEN_DB_6;
        default:
            return ADC_ATTEN_DB_12;
    }
}

static esp_err_t channel_of(int32_t pin, adc_unit_t *unit, adc_channel_t *channel)
{
    if (pin < 0 || pin >= SAIL_ESP_ADC_PINS) {
        return ESP_ERR_INVALID_ARG;
    }
    return adc_oneshot_io_to_channel(pin, unit, channel);
}

sail_err_t sail_port_adc_setup(int32_t pin, int32_t atten)
{
    adc_unit_t unit;
    adc_channel_t channel;
    esp_err_t err = channel_of(pin, &unit, &channel);
    if (err != ESP_OK) {
        return -err;
    }
    if (units[unit] == NULL) {
        const adc_oneshot_unit_init_cfg_t init = {.unit_id = unit, .ulp_mode = ADC_ULP_MODE_DISABLE};
        err = adc_oneshot_new_unit(&init, &units[unit]);
        if (err != ESP_OK) {
            return -err;
        }
    }
    const adc_oneshot_chan_cfg_t config = {.atten = atten_of(atten), .bitwidth = ADC_BITWIDTH_DEFAULT};
    err = adc_oneshot_config_channel(units[unit], channel, &config);
    if (err != ESP_OK) {
        return -err;
    }
#if ADC_CALI_SCHEME_CURVE_FITTING_SUPPORTED
    const adc_cali_curve_fitting_config_t cc = {
        .unit_id = unit, .chan = channel, .atten = config.atten, .bitwidth = ADC_BITWIDTH_DEFAULT};
    err = adc_cali_create_scheme_curve_fitting(&cc, &cali[pin]);
#elif ADC_CALI_SCHEME_LINE_FITTING_SUPPORTED
    const adc_cali_line_fitting_config_t lc = {
        .unit_id = unit, .atten = config.atten, .bitwidth = ADC_BITWIDTH_DEFAULT};
    err = adc_cali_create_scheme_line_fitting(&lc, &cali[pin]);
#else
    err = ESP_ERR_NOT_SUPPORTED;
#endif
    /* Without calibration eFuses, raw readings still work; millivolts do not. */
    if (err != ESP_OK) {
        cali[pin] = NULL;
    }
    return SAIL_OK;
}

int32_t sail_port_adc_read_raw(int32_t pin)
{
    adc_unit_t unit;
    adc_channel_t channel;
    esp_err_t err = channel_of(pin, &unit, &channel);
    if (err != ESP_OK || units[unit] == NULL) {
        return err != ESP_OK ? -err : SAIL_ERR_INVALID_STATE;
    }
    int raw = 0;
    err = adc_oneshot_read(units[unit], channel, &raw);
    return err != ESP_OK ? -err : raw;
}

int32_t sail_port_adc_read_mv(int32_t pin)
{
    int32_t raw = sail_port_adc_read_raw(pin);
    if (raw < 0) {
        return raw;
    }
    if (cali[pin] == NULL) {
        return SAIL_ERR_NOT_SUPPORTED;
    }
    int mv = 0;
    esp_err_t err = adc_cali_raw_to_voltage(cali[pin], raw, &mv);
    return err != ESP_OK ? -err : mv;
}
