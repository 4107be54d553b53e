/* A small JSON reader (RFC 8259) for the manifest: no allocation, nothing
 * copied until asked. A value is validated in one pass with a fixed stack of
 * SAIL_JSON_MAX_DEPTH open containers; deeper nesting is refused, not
 * recursed into. Strings are decoded into the caller's fixed buffers. */
#ifndef SAIL_JSON_H
#define SAIL_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "sail_err.h"

/* Containers open at once; a manifest needs 2 (its object and "boards"). */
#define SAIL_JSON_MAX_DEPTH 16

typedef enum {
    SAIL_JSON_STRING,
    SAIL_JSON_NUMBER,
    SAIL_JSON_OBJECT,
    SAIL_JSON_ARRAY,
    SAIL_JSON_TRUE,
    SAIL_JSON_FALSE,
    SAIL_JSON_NULL,
} sail_json_type_t;

/* Where one value lies in the text: bytes [start, end). */
typedef struct {
    sail_json_type_t type;
    size_t start;
    size_t end;
} sail_json_span_t;

typedef struct {
    const char *text;
    size_t len;
    size_t pos;
    /* Why the text was refused ("unexpected 'x' at byte 12"), NUL-terminated. */
    char error[80];
} sail_json_t;

void sail_json_init(sail_json_t *json, const char *text, size_t len);

/* Reads the whole text as one value with nothing but whitespace after it. */
sail_err_t sail_json_document(sail_json_t *json, sail_json_span_t *value);

/* Object members of a validated object span, in order: *pos starts at 0 and
 * the call returns false after the last member. */
bool sail_json_member(const sail_json_t *json, sail_json_span_t object, size_t *pos, sail_json_span_t *key,
                      sail_json_span_t *value);

/* Elements of a validated array span, likewise. */
bool sail_json_element(const sail_json_t *json, sail_json_span_t array, size_t *pos, sail_json_span_t *value);

/* Decodes a validated string span into out[cap] (NUL-terminated) and returns
 * its length in bytes, or SAIL_ERR_INVALID_SIZE when it does not fit. A lone
 * UTF-16 surrogate escape becomes U+FFFD. */
sail_err_t sail_json_string(const sail_json_t *json, sail_json_span_t string, char *out, size_t cap, size_t *length);

#endif /* SAIL_JSON_H */
