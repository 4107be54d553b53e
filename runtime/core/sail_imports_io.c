/* GPIO, PWM (LEDC) and ADC imports: one port call each. */
#include "sail_app.h"
#include "sail_port.h"

int32_t sail_import_sail_gpio_mode(sail_app_t *app, int32_t pin, int32_t mode, int32_t pull)
{
    app->host_calls++;
    return sail_port_gpio_config(pin, mode, pull);
}

int32_t sail_import_sail_gpio_write(sail_app_t *app, int32_t pin, int32_t level)
{
    app->host_calls++;
    return sail_port_gpio_set_level(pin, level);
}

int32_t sail_import_sail_gpio_read(sail_app_t *app, int32_t pin)
{
    app->host_calls++;
    return sail_port_gpio_get_level(pin);
}

int32_t sail_import_sail_gpio_watch(sail_app_t *app, int32_t pin, int32_t edges, int32_t id)
{
    app->host_calls++;
    return sail_port_gpio_watch(pin, edges, id);
}

int32_t sail_import_sail_pwm_setup(sail_app_t *app, int32_t pin, int32_t freq_hz, int32_t bits)
{
    app->host_calls++;
    return sail_port_ledc_setup(pin, freq_hz, bits);
}

int32_t sail_import_sail_pwm_set_duty(sail_app_t *app, int32_t channel, int32_t duty)
{
    app->host_calls++;
    return sail_port_ledc_set_duty(channel, duty);
}

int32_t sail_import_sail_pwm_set_freq(sail_app_t *app, int32_t channel, int32_t freq_hz)
{
    app->host_calls++;
    return sail_port_ledc_set_freq(channel, freq_hz);
}

int32_t sail_import_sail_adc_setup(sail_app_t *app, int32_t pin, int32_t atten)
{
    app->host_calls++;
    return sail_port_adc_setup(pin, atten);
}

int32_t sail_import_sail_adc_read_raw(sail_app_t *app, int32_t pin)
{
    app->host_calls++;
    return sail_port_adc_read_raw(pin);
}

int32_t sail_import_sail_adc_read_mv(sail_app_t *app, int32_t pin)
{
    app->host_calls++;
    return sail_port_adc_read_mv(pin);
}
