#include "sail_miio_spec.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* What a parse carries: the text, where a refusal is written. */
typedef struct {
    sail_miio_spec_t *spec;
    const sail_json_t *json;
    char *message;
    size_t message_size;
} parse_t;

static sail_err_t refuse(parse_t *p, sail_err_t status, const char *path, const char *problem)
{
    snprintf(p->message, p->message_size, "sail.spec: %s %s", path, problem);
    return status;
}

static bool span_is(const sail_json_t *json, sail_json_span_t span, const char *text)
{
    size_t len = strlen(text);
    return span.type == SAIL_JSON_STRING && span.end - span.start == len + 2 &&
           memcmp(json->text + span.start + 1, text, len) == 0;
}

/* A positive whole number up to 2^32 - 1 (an iid). */
static bool read_iid(const sail_json_t *json, sail_json_span_t span, uint32_t *iid)
{
    sail_miio_number_t n;
    if (!sail_miio_read_number(json, span, &n) || !(n.value >= 1 && n.value <= 4294967295.0) ||
        floor(n.value) != n.value) {
        return false;
    }
    *iid = (uint32_t)n.value;
    return true;
}

static sail_err_t member_iid(parse_t *p, sail_json_span_t object, const char *path, uint32_t *iid)
{
    sail_json_span_t v;
    if (object.type != SAIL_JSON_OBJECT) {
        return refuse(p, SAIL_ERR_INVALID_ARG, path, "must be an object");
    }
    if (!sail_miio_member(p->json, object, "iid", &v) || !read_iid(p->json, v, iid)) {
        return refuse(p, SAIL_ERR_INVALID_ARG, path, "needs an iid, a whole number from 1 to 4294967295");
    }
    return SAIL_OK;
}

static const char *const FORMAT_NAMES[] = {"bool",  "uint8", "uint16", "uint32", "int8", "int16",
                                           "int32", "int64", "float",  "string", "hex"};

static sail_err_t read_property(parse_t *p, uint32_t siid, sail_json_span_t object, const char *path)
{
    sail_miio_spec_t *spec = p->spec;
    uint32_t piid;
    sail_err_t err = member_iid(p, object, path, &piid);
    if (err != SAIL_OK) {
        return err;
    }
    if (spec->property_count == SAIL_MIIO_SPEC_MAX_PROPERTIES) {
        return refuse(p, SAIL_ERR_INVALID_SIZE, path, "is one property too many: the runtime holds 128");
    }
    sail_miio_property_t *prop = &spec->properties[spec->property_count];
    memset(prop, 0, sizeof *prop);
    prop->siid = siid;
    prop->piid = piid;
    sail_json_span_t v;
    bool known = false;
    if (sail_miio_member(p->json, object, "format", &v)) {
        for (size_t f = 0; f < sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0] && !known; f++) {
            if (span_is(p->json, v, FORMAT_NAMES[f])) {
                prop->format = (sail_miio_format_t)f;
                known = true;
            }
        }
    }
    if (!known) {
        return refuse(p, SAIL_ERR_INVALID_ARG, path, "needs a format: bool, uint8 ... int64, float, string or hex");
    }
    if (!sail_miio_member(p->json, object, "access", &v) || v.type != SAIL_JSON_ARRAY) {
        return refuse(p, SAIL_ERR_INVALID_ARG, path, "needs access, an array of read, write, notify");
    }
    size_t pos = 0;
    sail_json_span_t right;
    while (sail_json_element(p->json, v, &pos, &right)) {
        prop->access |= span_is(p->json, right, "read")     ? SAIL_MIIO_ACCESS_READ
                        : span_is(p->json, right, "write")  ? SAIL_MIIO_ACCESS_WRITE
                        : span_is(p->json, right, "notify") ? SAIL_MIIO_ACCESS_NOTIFY
                                                            : 0;
    }
    if (sail_miio_member(p->json, object, "value-range", &v) && v.type != SAIL_JSON_NULL) {
        double bound[3];
        size_t n = 0;
        sail_json_span_t item;
        sail_miio_number_t number;
        pos = 0;
        while (sail_json_element(p->json, v, &pos, &item)) {
            if (n == 3 || !sail_miio_read_number(p->json, item, &number) || !isfinite(number.value)) {
                return refuse(p, SAIL_ERR_INVALID_ARG, path, "value-range must be [min, max, step]");
            }
            bound[n++] = number.value;
        }
        if (v.type != SAIL_JSON_ARRAY || n != 3 || !(bound[2] > 0) || bound[0] > bound[1]) {
            return refuse(p, SAIL_ERR_INVALID_ARG, path, "value-range must be [min, max, step], min <= max, step > 0");
        }
        prop->has_range = true;
        prop->min = bound[0];
        prop->max = bound[1];
        prop->step = bound[2];
    }
    if (sail_miio_member(p->json, object, "value-list", &v) && v.type != SAIL_JSON_NULL) {
        prop->list_at = (uint16_t)spec->list_count;
        sail_json_span_t entry;
        sail_json_span_t value;
        sail_miio_number_t number;
        pos = 0;
        while (v.type == SAIL_JSON_ARRAY && sail_json_element(p->json, v, &pos, &entry)) {
            if (entry.type != SAIL_JSON_OBJECT || !sail_miio_member(p->json, entry, "value", &value) ||
                !sail_miio_read_number(p->json, value, &number) || !number.integer_token || !number.fits_int64) {
                return refuse(p, SAIL_ERR_INVALID_ARG, path, "value-list must be [{\"value\": <integer>, ...}, ...]");
            }
            if (spec->list_count == SAIL_MIIO_SPEC_MAX_LIST) {
                return refuse(p, SAIL_ERR_INVALID_SIZE, path,
                              "has one value-list entry too many: the runtime holds 256");
            }
            spec->list[spec->list_count++] = number.exact;
        }
        if (v.type != SAIL_JSON_ARRAY) {
            return refuse(p, SAIL_ERR_INVALID_ARG, path, "value-list must be an array");
        }
        prop->list_count = (uint16_t)(spec->list_count - prop->list_at);
    }
    spec->property_count++;
    return SAIL_OK;
}

/* An array of piids ("in", "out", "arguments") into the links table; absent is empty. */
static sail_err_t read_links(parse_t *p, sail_json_span_t object, const char *name, const char *path, uint16_t *at,
                             uint16_t *count)
{
    sail_miio_spec_t *spec = p->spec;
    *at = (uint16_t)spec->link_count;
    *count = 0;
    sail_json_span_t list;
    if (!sail_miio_member(p->json, object, name, &list)) {
        return SAIL_OK;
    }
    if (list.type != SAIL_JSON_ARRAY) {
        return refuse(p, SAIL_ERR_INVALID_ARG, path, "lists piids in an array");
    }
    size_t pos = 0;
    sail_json_span_t item;
    while (sail_json_element(p->json, list, &pos, &item)) {
        uint32_t piid;
        if (!read_iid(p->json, item, &piid)) {
            return refuse(p, SAIL_ERR_INVALID_ARG, path, "lists piids, whole numbers from 1");
        }
        if (*count == SAIL_MIIO_MAX_ARGS || spec->link_count == SAIL_MIIO_SPEC_MAX_LINKS) {
            return refuse(p, SAIL_ERR_INVALID_SIZE, path, "names too many piids: 8 each, 256 in all");
        }
        spec->links[spec->link_count++] = piid;
        (*count)++;
    }
    return SAIL_OK;
}

static sail_err_t read_member(parse_t *p, uint32_t siid, sail_json_span_t object, const char *path, bool event)
{
    sail_miio_spec_t *spec = p->spec;
    size_t *count = event ? &spec->event_count : &spec->action_count;
    size_t limit = event ? SAIL_MIIO_SPEC_MAX_EVENTS : SAIL_MIIO_SPEC_MAX_ACTIONS;
    uint32_t iid;
    sail_err_t err = member_iid(p, object, path, &iid);
    if (err != SAIL_OK) {
        return err;
    }
    if (*count == limit) {
        return refuse(p, SAIL_ERR_INVALID_SIZE, path, "is one too many: the runtime holds 32 actions and 32 events");
    }
    sail_miio_member_t *m = event ? &spec->events[*count] : &spec->actions[*count];
    memset(m, 0, sizeof *m);
    m->siid = siid;
    m->iid = iid;
    err = read_links(p, object, event ? "arguments" : "in", path, &m->in_at, &m->in_count);
    if (err == SAIL_OK && !event) {
        err = read_links(p, object, "out", path, &m->out_at, &m->out_count);
    }
    if (err == SAIL_OK) {
        (*count)++;
    }
    return err;
}

static sail_err_t read_service(parse_t *p, sail_json_span_t object, size_t index)
{
    char path[96];
    snprintf(path, sizeof path, "services[%zu]", index);
    uint32_t siid;
    sail_err_t err = member_iid(p, object, path, &siid);
    static const char *const lists[] = {"properties", "actions", "events"};
    for (size_t l = 0; l < 3 && err == SAIL_OK; l++) {
        sail_json_span_t array;
        if (!sail_miio_member(p->json, object, lists[l], &array)) {
            continue;
        }
        if (array.type != SAIL_JSON_ARRAY) {
            snprintf(path, sizeof path, "services[%zu].%s", index, lists[l]);
            return refuse(p, SAIL_ERR_INVALID_ARG, path, "must be an array");
        }
        size_t pos = 0;
        size_t i = 0;
        sail_json_span_t item;
        while (err == SAIL_OK && sail_json_element(p->json, array, &pos, &item)) {
            snprintf(path, sizeof path, "services[%zu].%s[%zu]", index, lists[l], i++);
            err = l == 0 ? read_property(p, siid, item, path) : read_member(p, siid, item, path, l == 2);
        }
    }
    return err;
}

sail_err_t sail_miio_spec_parse(sail_miio_spec_t *spec, const char *text, size_t len, char *message,
                                size_t message_size)
{
    memset(spec, 0, sizeof *spec);
    sail_json_t json;
    sail_json_init(&json, text, len);
    parse_t p = {spec, &json, message, message_size};
    sail_json_span_t root;
    if (!sail_miio_utf8_valid((const uint8_t *)text, len)) {
        return refuse(&p, SAIL_ERR_INVALID_ARG, "(section)", "is not valid UTF-8");
    }
    if (sail_json_document(&json, &root) != SAIL_OK) {
        return refuse(&p, SAIL_ERR_INVALID_ARG, "(section)", json.error);
    }
    sail_json_span_t services;
    if (root.type != SAIL_JSON_OBJECT || !sail_miio_member(&json, root, "services", &services) ||
        services.type != SAIL_JSON_ARRAY) {
        return refuse(&p, SAIL_ERR_INVALID_ARG, "services", "must be an array of services");
    }
    size_t pos = 0;
    size_t index = 0;
    sail_json_span_t service;
    while (sail_json_element(&json, services, &pos, &service)) {
        sail_err_t err = read_service(&p, service, index++);
        if (err != SAIL_OK) {
            return err;
        }
    }
    return SAIL_OK;
}

const sail_miio_property_t *sail_miio_spec_property(const sail_miio_spec_t *spec, uint32_t siid, uint32_t piid)
{
    for (size_t i = 0; i < spec->property_count; i++) {
        if (spec->properties[i].siid == siid && spec->properties[i].piid == piid) {
            return &spec->properties[i];
        }
    }
    return NULL;
}

static const sail_miio_member_t *find_member(const sail_miio_member_t *list, size_t count, uint32_t siid, uint32_t iid)
{
    for (size_t i = 0; i < count; i++) {
        if (list[i].siid == siid && list[i].iid == iid) {
            return &list[i];
        }
    }
    return NULL;
}

const sail_miio_member_t *sail_miio_spec_action(const sail_miio_spec_t *spec, uint32_t siid, uint32_t aiid)
{
    return find_member(spec->actions, spec->action_count, siid, aiid);
}

const sail_miio_member_t *sail_miio_spec_event(const sail_miio_spec_t *spec, uint32_t siid, uint32_t eiid)
{
    return find_member(spec->events, spec->event_count, siid, eiid);
}
