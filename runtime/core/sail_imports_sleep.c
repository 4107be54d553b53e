/* Sleep, RTC memory and OTA-trial imports: one port call each. */
#include "sail_app.h"
#include "sail_memory.h"
#include "sail_port.h"

int32_t sail_import_sail_sleep_wake_timer(sail_app_t *app, int64_t us)
{
    app->host_calls++;
    return sail_port_sleep_wake_timer(us);
}

int32_t sail_import_sail_sleep_wake_pin(sail_app_t *app, int32_t pin, int32_t level)
{
    app->host_calls++;
    return sail_port_sleep_wake_pin(pin, level);
}

void sail_import_sail_sleep_wake_clear(sail_app_t *app)
{
    app->host_calls++;
    sail_port_sleep_wake_clear();
}

int32_t sail_import_sail_sleep_light(sail_app_t *app)
{
    app->host_calls++;
    return sail_port_sleep_light();
}

int32_t sail_import_sail_sleep_deep(sail_app_t *app)
{
    app->host_calls++;
    return sail_port_sleep_deep();
}

int32_t sail_import_sail_wake_cause(sail_app_t *app)
{
    app->host_calls++;
    return sail_port_wake_cause();
}

int32_t sail_import_sail_rtc_mem_write(sail_app_t *app, int32_t offset, int32_t ptr, int32_t len)
{
    app->host_calls++;
    const uint8_t *data = sail_mem_buffer(app, "rtc_mem_write", ptr, len);
    return data == NULL ? 0 : sail_port_rtc_mem_write(offset, data, (uint32_t)len);
}

int32_t sail_import_sail_rtc_mem_read(sail_app_t *app, int32_t offset, int32_t ptr, int32_t len)
{
    app->host_calls++;
    uint8_t *data = sail_mem_buffer(app, "rtc_mem_read", ptr, len);
    return data == NULL ? 0 : sail_port_rtc_mem_read(offset, data, (uint32_t)len);
}

int32_t sail_import_sail_ota_state(sail_app_t *app)
{
    app->host_calls++;
    return sail_port_ota_state();
}

int32_t sail_import_sail_ota_confirm(sail_app_t *app)
{
    app->host_calls++;
    return sail_port_ota_confirm();
}

void sail_import_sail_ota_reject(sail_app_t *app)
{
    app->host_calls++;
    sail_port_ota_reject();
}
