/* Pushes to subscribers (docs/reference/miot-protocol.md §4): properties_changed
 * and event_occured, checked against the spec as host/miot/board-device.ts's
 * changed() and event() check them, sealed once for every subscriber. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sail_miio_session.h"

size_t sail_miio_session_push(sail_miio_session_t *s, const char *method, const char *params_json, int64_t now_us,
                              uint8_t *out, size_t cap)
{
    if (s->subscriber_count == 0) {
        return 0;
    }
    s->push_id = s->push_id % 9999 + 1;
    sail_miio_out_t json;
    sail_miio_out_init(&json, s->json, SAIL_MIIO_MAX_PAYLOAD);
    sail_miio_out_text(&json, "{\"id\":");
    sail_miio_out_int(&json, s->push_id);
    sail_miio_out_text(&json, ",\"method\":");
    sail_miio_out_string(&json, method, strlen(method));
    sail_miio_out_text(&json, ",\"params\":");
    sail_miio_out_text(&json, params_json);
    sail_miio_out_text(&json, "}");
    size_t size = 0;
    if (json.overflow || sail_miio_encode(&s->keys, s->did, sail_miio_session_stamp(now_us), (const uint8_t *)s->json,
                                          json.len, out, cap, &size) != SAIL_OK) {
        return 0;
    }
    return size;
}

static void did_field(const sail_miio_session_t *s, sail_miio_out_t *out)
{
    char did[16];
    snprintf(did, sizeof did, "%" PRIu32, s->did);
    sail_miio_out_text(out, "\"did\":");
    sail_miio_out_string(out, did, strlen(did));
}

sail_err_t sail_miio_push_property(sail_miio_session_t *s, uint32_t siid, uint32_t piid, const sail_miio_value_t *value,
                                   int64_t now_us, uint8_t *out, size_t cap, size_t *size)
{
    *size = 0;
    const sail_miio_property_t *prop = s->spec == NULL ? NULL : sail_miio_spec_property(s->spec, siid, piid);
    if (prop == NULL) {
        return SAIL_ERR_NOT_FOUND;
    }
    sail_miio_value_t *taken = &s->out[0];
    *taken = *value;
    if (!sail_miio_spec_take_value(s->spec, prop, taken)) {
        return SAIL_ERR_INVALID_ARG;
    }
    if (!(prop->access & SAIL_MIIO_ACCESS_NOTIFY)) {
        return SAIL_OK;
    }
    char params[SAIL_MIIO_MAX_STRING * 6 + 128];
    sail_miio_out_t p;
    sail_miio_out_init(&p, params, sizeof params - 1);
    sail_miio_out_text(&p, "[{");
    did_field(s, &p);
    sail_miio_out_text(&p, ",\"siid\":");
    sail_miio_out_int(&p, siid);
    sail_miio_out_text(&p, ",\"piid\":");
    sail_miio_out_int(&p, piid);
    sail_miio_out_text(&p, ",\"value\":");
    sail_miio_out_value(&p, taken);
    sail_miio_out_text(&p, "}]");
    params[p.len] = '\0';
    *size = sail_miio_session_push(s, "properties_changed", params, now_us, out, cap);
    return SAIL_OK;
}

sail_err_t sail_miio_push_event(sail_miio_session_t *s, uint32_t siid, uint32_t eiid,
                                const sail_miio_value_t *arguments, size_t count, int64_t now_us, uint8_t *out,
                                size_t cap, size_t *size)
{
    *size = 0;
    const sail_miio_member_t *ev = s->spec == NULL ? NULL : sail_miio_spec_event(s->spec, siid, eiid);
    if (ev == NULL) {
        return SAIL_ERR_NOT_FOUND;
    }
    if (count != ev->in_count) {
        return SAIL_ERR_INVALID_ARG;
    }
    for (size_t i = 0; i < count; i++) {
        const sail_miio_property_t *prop = sail_miio_spec_property(s->spec, siid, s->spec->links[ev->in_at + i]);
        s->out[i] = arguments[i];
        if (prop == NULL || !sail_miio_spec_take_value(s->spec, prop, &s->out[i])) {
            return SAIL_ERR_INVALID_ARG;
        }
    }
    char *params = s->outcome; /* free between requests */
    sail_miio_out_t p;
    sail_miio_out_init(&p, params, SAIL_MIIO_MAX_PAYLOAD);
    sail_miio_out_text(&p, "{");
    did_field(s, &p);
    sail_miio_out_text(&p, ",\"siid\":");
    sail_miio_out_int(&p, siid);
    sail_miio_out_text(&p, ",\"eiid\":");
    sail_miio_out_int(&p, eiid);
    sail_miio_out_text(&p, ",\"arguments\":[");
    for (size_t i = 0; i < count; i++) {
        sail_miio_out_text(&p, i == 0 ? "{\"piid\":" : ",{\"piid\":");
        sail_miio_out_int(&p, s->spec->links[ev->in_at + i]);
        sail_miio_out_text(&p, ",\"value\":");
        sail_miio_out_value(&p, &s->out[i]);
        sail_miio_out_text(&p, "}");
    }
    sail_miio_out_text(&p, "]}");
    if (p.overflow) {
        return SAIL_ERR_INVALID_SIZE;
    }
    params[p.len] = '\0';
    *size = sail_miio_session_push(s, "event_occured", params, now_us, out, cap);
    return SAIL_OK;
}
