/* The port on Linux, co-simulated: every port call is one request on the
 * pipe, served by the emulator's board models (host/runtime/port-server.ts);
 * nothing is modelled here. */
#include <stdint.h>
#include <string.h>

#include "sail_app.h"
#include "sail_host_pipe.h"
#include "sail_port.h"

/* A call with only numbers in and an i32 out. */
#define CALL_BEGIN                                                                                                     \
    sail_host_call_t *c = &the_call;                                                                                   \
    sail_host_begin(c)

static sail_host_call_t the_call;

static int32_t call_i32(uint16_t number)
{
    sail_host_send(&the_call, number);
    return sail_host_get_i32(&the_call);
}

int64_t sail_port_now_us(void)
{
    CALL_BEGIN;
    sail_host_send(c, SAIL_PORT_CALL_NOW);
    return sail_host_get_i64(c);
}

sail_err_t sail_port_wait(int64_t deadline_us, sail_port_event_t *event)
{
    CALL_BEGIN;
    sail_host_put_i64(c, deadline_us);
    sail_host_send(c, SAIL_PORT_CALL_WAIT);
    if (c->status != SAIL_OK) {
        return c->status;
    }
    event->kind = sail_host_get_i32(c);
    event->id = sail_host_get_i32(c);
    event->a = sail_host_get_i64(c);
    event->b = sail_host_get_i64(c);
    return SAIL_OK;
}

void sail_port_handler_end(int32_t status)
{
    CALL_BEGIN;
    sail_host_put_i32(c, status);
    sail_app_t *app = sail_app_current();
    uint32_t size = 0;
    if (app != NULL) {
        sail_engine_memory(app->engine, &size);
    }
    sail_host_put_i32(c, (int32_t)size);
    sail_host_send(c, SAIL_PORT_CALL_HANDLER_END);
    sail_host_clear_stop();
}

void sail_port_panic(int32_t reason, int32_t trap, const char *message)
{
    CALL_BEGIN;
    sail_host_put_i32(c, reason);
    sail_host_put_i32(c, trap);
    sail_host_put_bytes(c, message, strlen(message));
    sail_host_send(c, SAIL_PORT_CALL_PANIC);
}

void sail_port_log(int32_t level, const char *text, size_t len)
{
    CALL_BEGIN;
    sail_host_put_i32(c, level);
    sail_host_put_bytes(c, text, len);
    sail_host_send(c, SAIL_PORT_CALL_LOG);
}

uint32_t sail_port_random_u32(void)
{
    CALL_BEGIN;
    return (uint32_t)call_i32(SAIL_PORT_CALL_RANDOM);
}

void sail_port_delay_us(int64_t us)
{
    CALL_BEGIN;
    sail_host_put_i64(c, us);
    sail_host_send(c, SAIL_PORT_CALL_DELAY_US);
}

sail_err_t sail_port_timer_start(int32_t id, int64_t delay_us, int64_t period_us)
{
    CALL_BEGIN;
    sail_host_put_i32(c, id);
    sail_host_put_i64(c, delay_us);
    sail_host_put_i64(c, period_us);
    return call_i32(SAIL_PORT_CALL_TIMER_START);
}

sail_err_t sail_port_timer_stop(int32_t id)
{
    CALL_BEGIN;
    sail_host_put_i32(c, id);
    return call_i32(SAIL_PORT_CALL_TIMER_STOP);
}

void sail_port_restart(void)
{
    CALL_BEGIN;
    sail_host_send(c, SAIL_PORT_CALL_RESTART);
}

int32_t sail_port_reset_reason(void)
{
    CALL_BEGIN;
    return call_i32(SAIL_PORT_CALL_RESET_REASON);
}

void sail_port_wdt_feed(void)
{
    CALL_BEGIN;
    sail_host_send(c, SAIL_PORT_CALL_WDT_FEED);
}

/* Calls whose arguments are one to four i32s and whose result is an i32. */
static int32_t call_ints(uint16_t number, int n, int32_t a, int32_t b, int32_t d, int32_t e)
{
    CALL_BEGIN;
    int32_t args[4] = {a, b, d, e};
    for (int i = 0; i < n; i++) {
        sail_host_put_i32(c, args[i]);
    }
    return call_i32(number);
}

sail_err_t sail_port_gpio_config(int32_t pin, int32_t mode, int32_t pull)
{
    return call_ints(SAIL_PORT_CALL_GPIO_MODE, 3, pin, mode, pull, 0);
}

sail_err_t sail_port_gpio_set_level(int32_t pin, int32_t level)
{
    return call_ints(SAIL_PORT_CALL_GPIO_WRITE, 2, pin, level, 0, 0);
}

int32_t sail_port_gpio_get_level(int32_t pin)
{
    return call_ints(SAIL_PORT_CALL_GPIO_READ, 1, pin, 0, 0, 0);
}

sail_err_t sail_port_gpio_watch(int32_t pin, int32_t edges, int32_t id)
{
    return call_ints(SAIL_PORT_CALL_GPIO_WATCH, 3, pin, edges, id, 0);
}

int32_t sail_port_ledc_setup(int32_t pin, int32_t freq_hz, int32_t bits)
{
    return call_ints(SAIL_PORT_CALL_PWM_SETUP, 3, pin, freq_hz, bits, 0);
}

sail_err_t sail_port_ledc_set_duty(int32_t channel, int32_t duty)
{
    return call_ints(SAIL_PORT_CALL_PWM_SET_DUTY, 2, channel, duty, 0, 0);
}

sail_err_t sail_port_ledc_set_freq(int32_t channel, int32_t freq_hz)
{
    return call_ints(SAIL_PORT_CALL_PWM_SET_FREQ, 2, channel, freq_hz, 0, 0);
}

sail_err_t sail_port_adc_setup(int32_t pin, int32_t atten)
{
    return call_ints(SAIL_PORT_CALL_ADC_SETUP, 2, pin, atten, 0, 0);
}

int32_t sail_port_adc_read_raw(int32_t pin)
{
    return call_ints(SAIL_PORT_CALL_ADC_READ_RAW, 1, pin, 0, 0, 0);
}

int32_t sail_port_adc_read_mv(int32_t pin)
{
    return call_ints(SAIL_PORT_CALL_ADC_READ_MV, 1, pin, 0, 0, 0);
}

sail_err_t sail_port_i2c_setup(int32_t port, int32_t sda, int32_t scl, int32_t freq_hz)
{
    return call_ints(SAIL_PORT_CALL_I2C_SETUP, 4, port, sda, scl, freq_hz);
}

sail_err_t sail_port_uart_setup(int32_t port, int32_t tx, int32_t rx, int32_t baud)
{
    return call_ints(SAIL_PORT_CALL_UART_SETUP, 4, port, tx, rx, baud);
}

sail_err_t sail_port_uart_watch(int32_t port, int32_t id)
{
    return call_ints(SAIL_PORT_CALL_UART_WATCH, 2, port, id, 0, 0);
}

sail_err_t sail_port_kv_commit(int32_t handle)
{
    return call_ints(SAIL_PORT_CALL_KV_COMMIT, 1, handle, 0, 0, 0);
}

sail_err_t sail_port_sleep_wake_pin(int32_t pin, int32_t level)
{
    return call_ints(SAIL_PORT_CALL_SLEEP_WAKE_PIN, 2, pin, level, 0, 0);
}

sail_err_t sail_port_sleep_light(void)
{
    return call_ints(SAIL_PORT_CALL_SLEEP_LIGHT, 0, 0, 0, 0, 0);
}

sail_err_t sail_port_sleep_deep(void)
{
    return call_ints(SAIL_PORT_CALL_SLEEP_DEEP, 0, 0, 0, 0, 0);
}

int32_t sail_port_wake_cause(void)
{
    return call_ints(SAIL_PORT_CALL_WAKE_CAUSE, 0, 0, 0, 0, 0);
}

int32_t sail_port_ota_state(void)
{
    return call_ints(SAIL_PORT_CALL_OTA_STATE, 0, 0, 0, 0, 0);
}

sail_err_t sail_port_ota_confirm(void)
{
    return call_ints(SAIL_PORT_CALL_OTA_CONFIRM, 0, 0, 0, 0, 0);
}

sail_err_t sail_port_miot_event(int32_t siid, int32_t eiid)
{
    return call_ints(SAIL_PORT_CALL_MIOT_EVENT, 2, siid, eiid, 0, 0);
}

void sail_port_sleep_wake_clear(void)
{
    CALL_BEGIN;
    sail_host_send(c, SAIL_PORT_CALL_SLEEP_WAKE_CLEAR);
}

void sail_port_ota_reject(void)
{
    CALL_BEGIN;
    sail_host_send(c, SAIL_PORT_CALL_OTA_REJECT);
}

sail_err_t sail_port_sleep_wake_timer(int64_t us)
{
    CALL_BEGIN;
    sail_host_put_i64(c, us);
    return call_i32(SAIL_PORT_CALL_SLEEP_WAKE_TIMER);
}
