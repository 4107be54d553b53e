/* The system imports: log, time, delay, timers, random, restart, reset
 * reason, watchdog feed, and the metering's meter_exhausted. Each SDK
 * import counts one host call (the cost model charges it) and makes one
 * port call. */
#include <stdio.h>

#include "sail_app.h"
#include "sail_memory.h"
#include "sail_port.h"

void sail_import_sail_log_write(sail_app_t *app, int32_t level, int32_t ptr, int32_t len)
{
    app->host_calls++;
    const char *text = sail_mem_text(app, "log_write", ptr, len);
    if (text != NULL) {
        sail_port_log(level, text, (uint32_t)len);
    }
}

int64_t sail_import_sail_time_us(sail_app_t *app)
{
    app->host_calls++;
    return sail_port_now_us();
}

void sail_import_sail_delay_us(sail_app_t *app, int64_t us)
{
    app->host_calls++;
    if (us < 0) {
        char message[SAIL_STOP_MESSAGE_MAX];
        snprintf(message, sizeof message, "delay_us: negative delay %lld", (long long)us);
        sail_app_stop(app, SAIL_RESET_PANIC, message);
        return;
    }
    sail_port_delay_us(us);
}

int32_t sail_import_sail_timer_start(sail_app_t *app, int32_t id, int64_t delay_us, int64_t period_us)
{
    app->host_calls++;
    return sail_port_timer_start(id, delay_us, period_us);
}

int32_t sail_import_sail_timer_stop(sail_app_t *app, int32_t id)
{
    app->host_calls++;
    return sail_port_timer_stop(id);
}

int32_t sail_import_sail_random_u32(sail_app_t *app)
{
    app->host_calls++;
    return (int32_t)sail_port_random_u32();
}

void sail_import_sail_restart(sail_app_t *app)
{
    app->host_calls++;
    sail_port_restart();
}

int32_t sail_import_sail_reset_reason(sail_app_t *app)
{
    app->host_calls++;
    return sail_port_reset_reason();
}

void sail_import_sail_wdt_feed(sail_app_t *app)
{
    app->host_calls++;
    sail_port_wdt_feed();
}

void sail_import_sail_meter_exhausted(sail_app_t *app)
{
    sail_app_meter_exhausted(app);
}
