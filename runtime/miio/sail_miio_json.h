/* What the miIO JSON layer shares: typed MIoT values, a JSON writer into a
 * fixed buffer that writes numbers and strings as JSON.stringify does, and
 * the number reading behind exact ids and int64 values (docs/decisions.md D46). */
#ifndef SAIL_MIIO_JSON_H
#define SAIL_MIIO_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sail_json.h"

/* Longest string value, in bytes, a property, action input or output may carry. */
#define SAIL_MIIO_MAX_STRING 255

typedef enum {
    SAIL_MIIO_VALUE_BOOL,
    SAIL_MIIO_VALUE_INT,
    SAIL_MIIO_VALUE_FLOAT,
    SAIL_MIIO_VALUE_STRING,
} sail_miio_value_kind_t;

/* One property value. A string is UTF-8, NUL-terminated, str_len bytes long. */
typedef struct {
    sail_miio_value_kind_t kind;
    bool b;
    int64_t i;
    double f;
    size_t str_len;
    char str[SAIL_MIIO_MAX_STRING + 1];
} sail_miio_value_t;

/* A JSON text being written into buf[cap]; overflow is sticky and nothing past cap is written. */
typedef struct {
    char *buf;
    size_t cap;
    size_t len;
    bool overflow;
} sail_miio_out_t;

void sail_miio_out_init(sail_miio_out_t *out, char *buf, size_t cap);
void sail_miio_out_raw(sail_miio_out_t *out, const char *text, size_t len);
void sail_miio_out_text(sail_miio_out_t *out, const char *text);
/* A string as JSON.stringify writes it (", \ and control characters escaped). */
void sail_miio_out_string(sail_miio_out_t *out, const char *text, size_t len);
void sail_miio_out_int(sail_miio_out_t *out, int64_t value);
/* A double as JavaScript's Number#toString writes it (shortest round trip, "1e+21"). */
void sail_miio_out_double(sail_miio_out_t *out, double value);
void sail_miio_out_value(sail_miio_out_t *out, const sail_miio_value_t *value);
/* A value of the request echoed as JSON.stringify would write it again: without
 * whitespace, numbers and strings rewritten (strings up to 255 bytes decoded). */
void sail_miio_out_span(sail_miio_out_t *out, const sail_json_t *json, sail_json_span_t span);

/* A JSON number token read both ways: exactly as an integer when it is one,
 * and as the double JSON.parse would give. */
typedef struct {
    /* No fraction and no exponent. */
    bool integer_token;
    /* integer_token and within int64: `exact` holds it. */
    bool fits_int64;
    int64_t exact;
    double value;
} sail_miio_number_t;

bool sail_miio_read_number(const sail_json_t *json, sail_json_span_t span, sail_miio_number_t *number);

/* The last member named `name` of an object span (JSON.parse keeps the last); false when absent. */
bool sail_miio_member(const sail_json_t *json, sail_json_span_t object, const char *name, sail_json_span_t *value);

/* Whether bytes[size] is well-formed UTF-8 (TextDecoder's fatal mode). */
bool sail_miio_utf8_valid(const uint8_t *bytes, size_t size);

#endif /* SAIL_MIIO_JSON_H */
