/* The value check behind -4005 (requests) and -4004 (the device's answers),
 * as host/miot/spec-check.ts's checkValue and board-device.ts's asFormat:
 * integers exact to 64 bits, floats finite and within the range, the step
 * enforced for integers only. */
#include <math.h>

#include "sail_miio_spec.h"

/* 2^63 as a double: the first value past int64. */
#define TWO_63 9223372036854775808.0

static bool within_format(sail_miio_format_t format, int64_t v)
{
    switch (format) {
        case SAIL_MIIO_FORMAT_UINT8:
            return v >= 0 && v <= 0xff;
        case SAIL_MIIO_FORMAT_UINT16:
            return v >= 0 && v <= 0xffff;
        case SAIL_MIIO_FORMAT_UINT32:
            return v >= 0 && v <= 0xffffffffLL;
        case SAIL_MIIO_FORMAT_INT8:
            return v >= -0x80 && v <= 0x7f;
        case SAIL_MIIO_FORMAT_INT16:
            return v >= -0x8000 && v <= 0x7fff;
        case SAIL_MIIO_FORMAT_INT32:
            return v >= -0x80000000LL && v <= 0x7fffffffLL;
        default:
            return true; /* int64: an int64_t is within it */
    }
}

static int64_t bound_of(double bound, bool lower)
{
    if (bound <= -TWO_63) {
        return INT64_MIN;
    }
    if (bound >= TWO_63) {
        return INT64_MAX;
    }
    return (int64_t)(lower ? ceil(bound) : floor(bound));
}

/* The value-list, else the value-range on its step grid counted from min. */
static bool integer_allowed(const sail_miio_spec_t *spec, const sail_miio_property_t *p, int64_t v)
{
    if (!within_format(p->format, v)) {
        return false;
    }
    if (p->list_count > 0) {
        for (size_t i = 0; i < p->list_count; i++) {
            if (spec->list[p->list_at + i] == v) {
                return true;
            }
        }
        return false;
    }
    if (!p->has_range) {
        return true;
    }
    int64_t min = bound_of(p->min, true);
    if (v < min || v > bound_of(p->max, false)) {
        return false;
    }
    /* v >= min, so the difference is exact in unsigned 64-bit arithmetic. */
    uint64_t offset = (uint64_t)v - (uint64_t)min;
    if (p->step == floor(p->step) && p->step < TWO_63) {
        return offset % (uint64_t)p->step == 0;
    }
    return fmod((double)offset, p->step) == 0;
}

static bool float_allowed(const sail_miio_property_t *p, double v)
{
    return isfinite(v) && (!p->has_range || (v >= p->min && v <= p->max));
}

/* True if the `len` bytes at `s` are all hexadecimal digits (none is true). */
static bool all_hex(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

bool sail_miio_spec_read_value(const sail_miio_spec_t *spec, const sail_miio_property_t *property,
                               const sail_json_t *json, sail_json_span_t span, sail_miio_value_t *value)
{
    sail_miio_number_t n;
    switch (property->format) {
        case SAIL_MIIO_FORMAT_BOOL:
            value->kind = SAIL_MIIO_VALUE_BOOL;
            value->b = span.type == SAIL_JSON_TRUE;
            return span.type == SAIL_JSON_TRUE || span.type == SAIL_JSON_FALSE;
        case SAIL_MIIO_FORMAT_STRING:
            value->kind = SAIL_MIIO_VALUE_STRING;
            return span.type == SAIL_JSON_STRING &&
                   sail_json_string(json, span, value->str, sizeof value->str, &value->str_len) == SAIL_OK;
        case SAIL_MIIO_FORMAT_HEX:
            value->kind = SAIL_MIIO_VALUE_STRING;
            return span.type == SAIL_JSON_STRING &&
                   sail_json_string(json, span, value->str, sizeof value->str, &value->str_len) == SAIL_OK &&
                   all_hex(value->str, value->str_len);
        case SAIL_MIIO_FORMAT_FLOAT:
            value->kind = SAIL_MIIO_VALUE_FLOAT;
            if (!sail_miio_read_number(json, span, &n)) {
                return false;
            }
            value->f = n.value;
            return float_allowed(property, n.value);
        default:
            break;
    }
    value->kind = SAIL_MIIO_VALUE_INT;
    if (!sail_miio_read_number(json, span, &n)) {
        return false;
    }
    if (n.integer_token) {
        /* Past int64 it is a bigint JSON.parse would not round: out of every format. */
        if (!n.fits_int64) {
            return false;
        }
        value->i = n.exact;
    } else {
        if (!isfinite(n.value) || floor(n.value) != n.value || n.value < -TWO_63 || n.value >= TWO_63) {
            return false;
        }
        value->i = (int64_t)n.value;
    }
    return integer_allowed(spec, property, value->i);
}

bool sail_miio_spec_take_value(const sail_miio_spec_t *spec, const sail_miio_property_t *property,
                               sail_miio_value_t *value)
{
    switch (property->format) {
        case SAIL_MIIO_FORMAT_BOOL:
            if (value->kind == SAIL_MIIO_VALUE_INT) {
                value->b = value->i != 0;
                value->kind = SAIL_MIIO_VALUE_BOOL;
            }
            return value->kind == SAIL_MIIO_VALUE_BOOL;
        case SAIL_MIIO_FORMAT_STRING:
        case SAIL_MIIO_FORMAT_HEX: /* the firmware's answer need only be a string, as in asFormat */
            return value->kind == SAIL_MIIO_VALUE_STRING && value->str_len <= SAIL_MIIO_MAX_STRING;
        case SAIL_MIIO_FORMAT_FLOAT: {
            /* Kept as the f64 the firmware gave, as host/miot/ does: 123456.789 arrives whole. */
            if (value->kind != SAIL_MIIO_VALUE_FLOAT || !isfinite(value->f)) {
                return false;
            }
            return float_allowed(property, value->f);
        }
        default:
            if (value->kind == SAIL_MIIO_VALUE_BOOL) {
                value->i = value->b ? 1 : 0;
                value->kind = SAIL_MIIO_VALUE_INT;
            }
            return value->kind == SAIL_MIIO_VALUE_INT && integer_allowed(spec, property, value->i);
    }
}
