/* An in-memory device for the miIO tests and fuzzer: a property table
 * for the spec given, set writes it, get reads it, every action succeeds
 * and gives its outputs' current values. Header-only, for test programs. */
#ifndef MIIO_DEVICE_H
#define MIIO_DEVICE_H

#include <string.h>

#include "sail_miio_session.h"

typedef struct {
    const sail_miio_spec_t *spec;
    sail_miio_value_t values[SAIL_MIIO_SPEC_MAX_PROPERTIES];
    int actions;
} miio_table_t;

static sail_miio_value_t *miio_table_value(miio_table_t *t, uint32_t siid, uint32_t piid)
{
    const sail_miio_property_t *p = sail_miio_spec_property(t->spec, siid, piid);
    return p == NULL ? NULL : &t->values[p - t->spec->properties];
}

static void miio_table_info(void *ctx, sail_miio_info_t *i)
{
    (void)ctx;
    i->model = "sail.test.dev";
    i->fw_ver = "1.0.0";
    i->hw_ver = "ESP32";
    i->mac = "02:5A:00:00:00:02";
    i->life = 7;
}

static int32_t miio_table_get(void *ctx, uint32_t siid, uint32_t piid, sail_miio_value_t *value)
{
    *value = *miio_table_value(ctx, siid, piid);
    return SAIL_MIOT_CODE_OK;
}

static int32_t miio_table_set(void *ctx, uint32_t siid, uint32_t piid, const sail_miio_value_t *value)
{
    *miio_table_value(ctx, siid, piid) = *value;
    return SAIL_MIOT_CODE_OK;
}

static int32_t miio_table_action(void *ctx, uint32_t siid, uint32_t aiid, const sail_miio_value_t *in, size_t in_count,
                                 sail_miio_value_t *out, size_t *out_count)
{
    miio_table_t *t = ctx;
    (void)in;
    (void)in_count;
    t->actions++;
    const sail_miio_member_t *act = sail_miio_spec_action(t->spec, siid, aiid);
    for (size_t i = 0; i < act->out_count; i++) {
        out[i] = *miio_table_value(t, siid, t->spec->links[act->out_at + i]);
    }
    *out_count = act->out_count;
    return SAIL_MIOT_CODE_OK;
}

/* Every value starts as the format's zero: false, 0, 0.0, "". */
static sail_miio_device_t miio_table_init(miio_table_t *t, const sail_miio_spec_t *spec)
{
    memset(t, 0, sizeof *t);
    t->spec = spec;
    for (size_t i = 0; i < spec->property_count; i++) {
        sail_miio_format_t f = spec->properties[i].format;
        t->values[i].kind = f == SAIL_MIIO_FORMAT_BOOL                                  ? SAIL_MIIO_VALUE_BOOL
                            : f == SAIL_MIIO_FORMAT_FLOAT                               ? SAIL_MIIO_VALUE_FLOAT
                            : f == SAIL_MIIO_FORMAT_STRING || f == SAIL_MIIO_FORMAT_HEX ? SAIL_MIIO_VALUE_STRING
                                                                                        : SAIL_MIIO_VALUE_INT;
    }
    sail_miio_device_t device = {
        .ctx = t, .info = miio_table_info, .get = miio_table_get, .set = miio_table_set, .action = miio_table_action};
    return device;
}

#endif /* MIIO_DEVICE_H */
