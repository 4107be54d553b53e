/* Checked access to linear memory for the imports (sail_memory.h). */
#include <stdio.h>

#include "sail_memory.h"

static uint8_t *range(sail_app_t *app, const char *call, const char *what, int64_t ptr, int64_t len)
{
    uint32_t size = 0;
    uint8_t *base = sail_engine_memory(app->engine, &size);
    char message[SAIL_STOP_MESSAGE_MAX];
    bool text = what[0] == 't';
    if (base == NULL) {
        snprintf(message, sizeof message, "%s: passes %s but the firmware exports no memory", call,
                 text ? "text" : "a buffer");
    } else if (len < 0) {
        snprintf(message, sizeof message, "%s: length %lld is negative", call, (long long)len);
    } else if (ptr < 0 || ptr + len > (int64_t)size) {
        snprintf(message, sizeof message, "%s: %s at %lld..%lld lies outside linear memory (%lu bytes)", call, what,
                 (long long)ptr, (long long)(ptr + len), (unsigned long)size);
    } else {
        return base + ptr;
    }
    sail_app_stop(app, SAIL_RESET_PANIC, message);
    return NULL;
}

uint8_t *sail_mem_buffer(sail_app_t *app, const char *call, int32_t ptr, int32_t len)
{
    return range(app, call, "buffer", ptr, len);
}

const char *sail_mem_text(sail_app_t *app, const char *call, int32_t ptr, int32_t len)
{
    return (const char *)range(app, call, "text", (uint32_t)ptr, (uint32_t)len);
}

const uint8_t *sail_mem_as_string(sail_app_t *app, int32_t ptr, uint32_t *len)
{
    uint32_t size = 0;
    uint8_t *base = sail_engine_memory(app->engine, &size);
    *len = 0;
    uint32_t at = (uint32_t)ptr;
    if (base == NULL || at < 4 || at > size) {
        return NULL;
    }
    uint32_t n = (uint32_t)base[at - 4] | (uint32_t)base[at - 3] << 8 | (uint32_t)base[at - 2] << 16 |
                 (uint32_t)base[at - 1] << 24;
    if ((uint64_t)at + n > size || n % 2 != 0) {
        return NULL;
    }
    *len = n;
    return base + at;
}
