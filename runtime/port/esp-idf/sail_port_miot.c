/* The MIoT request being handled: the miIO session sets its arguments
 * before raising MIOT_GET/SET/ACTION and reads the reply after the handler
 * returns; property changes and events go to the session's push function.
 * Plain memory: no ESP-IDF driver is involved. */
#include <stdint.h>
#include <string.h>

#include "sail_abi.h"
#include "sail_esp.h"

static sail_esp_miot_args_t args;
static sail_esp_miot_reply_t reply = {.kind = -1};
static sail_esp_miot_push_fn push;

void sail_esp_miot_begin(const sail_esp_miot_args_t *request)
{
    args = *request;
    reply.kind = -1;
}

const sail_esp_miot_reply_t *sail_esp_miot_reply(void)
{
    return &reply;
}

void sail_esp_miot_on_push(sail_esp_miot_push_fn fn)
{
    push = fn;
}

static bool has(int32_t index)
{
    return index >= 0 && index < args.count && index < 8;
}

int64_t sail_port_miot_arg_int(int32_t index)
{
    return has(index) ? args.ints[index] : 0;
}

double sail_port_miot_arg_float(int32_t index)
{
    return has(index) ? args.floats[index] : 0.0;
}

int32_t sail_port_miot_arg_str(int32_t index, char *value, size_t cap)
{
    if (!has(index) || args.kind[index] != SAIL_MIOT_VALUE_STRING) {
        return SAIL_ERR_NOT_FOUND;
    }
    size_t len = args.str_lens[index];
    memcpy(value, args.strs[index], len < cap ? len : cap);
    return (int32_t)len;
}

void sail_port_miot_reply_int(int64_t value)
{
    reply.kind = SAIL_MIOT_VALUE_INT;
    reply.i = value;
}

void sail_port_miot_reply_float(double value)
{
    reply.kind = SAIL_MIOT_VALUE_FLOAT;
    reply.f = value;
}

void sail_port_miot_reply_str(const char *value, size_t len)
{
    reply.kind = SAIL_MIOT_VALUE_STRING;
    reply.s_len = len < sizeof reply.s ? len : sizeof reply.s;
    memcpy(reply.s, value, reply.s_len);
}

static sail_err_t pushed(int32_t siid, int32_t iid, int32_t kind, int64_t i, double f, const char *s, size_t len)
{
    if (push == NULL) {
        return SAIL_ERR_INVALID_STATE;
    }
    push(siid, iid, kind, i, f, s, len);
    return SAIL_OK;
}

sail_err_t sail_port_miot_changed_int(int32_t siid, int32_t piid, int64_t value)
{
    return pushed(siid, piid, SAIL_MIOT_VALUE_INT, value, 0.0, NULL, 0);
}

sail_err_t sail_port_miot_changed_float(int32_t siid, int32_t piid, double value)
{
    return pushed(siid, piid, SAIL_MIOT_VALUE_FLOAT, 0, value, NULL, 0);
}

sail_err_t sail_port_miot_changed_str(int32_t siid, int32_t piid, const char *value, size_t len)
{
    return pushed(siid, piid, SAIL_MIOT_VALUE_STRING, 0, 0.0, value, len);
}

sail_err_t sail_port_miot_event(int32_t siid, int32_t eiid)
{
    /* An event: iid is the eiid, kind -1 says it carries no value. */
    return pushed(siid, eiid, -1, 0, 0.0, NULL, 0);
}
