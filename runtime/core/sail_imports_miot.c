/* MIoT imports: the request being handled and what the firmware reports,
 * handed to the miIO session through the port. */
#include "sail_app.h"
#include "sail_memory.h"
#include "sail_port.h"

void sail_import_sail_miot_reply_int(sail_app_t *app, int64_t value)
{
    app->host_calls++;
    sail_port_miot_reply_int(value);
}

void sail_import_sail_miot_reply_float(sail_app_t *app, double value)
{
    app->host_calls++;
    sail_port_miot_reply_float(value);
}

void sail_import_sail_miot_reply_str(sail_app_t *app, int32_t ptr, int32_t len)
{
    app->host_calls++;
    const char *text = sail_mem_text(app, "miot_reply_str", ptr, len);
    if (text != NULL) {
        sail_port_miot_reply_str(text, (uint32_t)len);
    }
}

int64_t sail_import_sail_miot_arg_int(sail_app_t *app, int32_t index)
{
    app->host_calls++;
    return sail_port_miot_arg_int(index);
}

double sail_import_sail_miot_arg_float(sail_app_t *app, int32_t index)
{
    app->host_calls++;
    return sail_port_miot_arg_float(index);
}

int32_t sail_import_sail_miot_arg_str(sail_app_t *app, int32_t index, int32_t ptr, int32_t cap)
{
    app->host_calls++;
    char *value = (char *)sail_mem_buffer(app, "miot_arg_str", ptr, cap);
    return value == NULL ? 0 : sail_port_miot_arg_str(index, value, (uint32_t)cap);
}

int32_t sail_import_sail_miot_changed_int(sail_app_t *app, int32_t siid, int32_t piid, int64_t value)
{
    app->host_calls++;
    return sail_port_miot_changed_int(siid, piid, value);
}

int32_t sail_import_sail_miot_changed_float(sail_app_t *app, int32_t siid, int32_t piid, double value)
{
    app->host_calls++;
    return sail_port_miot_changed_float(siid, piid, value);
}

int32_t sail_import_sail_miot_changed_str(sail_app_t *app, int32_t siid, int32_t piid, int32_t ptr, int32_t len)
{
    app->host_calls++;
    const char *text = sail_mem_text(app, "miot_changed_str", ptr, len);
    return text == NULL ? 0 : sail_port_miot_changed_str(siid, piid, text, (uint32_t)len);
}

int32_t sail_import_sail_miot_event(sail_app_t *app, int32_t siid, int32_t eiid)
{
    app->host_calls++;
    return sail_port_miot_event(siid, eiid);
}
