#include "sail_miio_json.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sail_miio_out_init(sail_miio_out_t *out, char *buf, size_t cap)
{
    out->buf = buf;
    out->cap = cap;
    out->len = 0;
    out->overflow = false;
}

void sail_miio_out_raw(sail_miio_out_t *out, const char *text, size_t len)
{
    if (out->overflow || len > out->cap - out->len) {
        out->overflow = true;
        return;
    }
    memcpy(out->buf + out->len, text, len);
    out->len += len;
}

void sail_miio_out_text(sail_miio_out_t *out, const char *text)
{
    sail_miio_out_raw(out, text, strlen(text));
}

void sail_miio_out_string(sail_miio_out_t *out, const char *text, size_t len)
{
    sail_miio_out_raw(out, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        char escape[8];
        const char *short_form = c == '"'    ? "\\\""
                                 : c == '\\' ? "\\\\"
                                 : c == '\b' ? "\\b"
                                 : c == '\f' ? "\\f"
                                 : c == '\n' ? "\\n"
                                 : c == '\r' ? "\\r"
                                 : c == '\t' ? "\\t"
                                             : NULL;
        if (short_form != NULL) {
            sail_miio_out_text(out, short_form);
        } else if (c < 0x20) {
            snprintf(escape, sizeof escape, "\\u%04x", c);
            sail_miio_out_text(out, escape);
        } else {
            sail_miio_out_raw(out, &text[i], 1);
        }
    }
    sail_miio_out_raw(out, "\"", 1);
}

void sail_miio_out_int(sail_miio_out_t *out, int64_t value)
{
    char text[24];
    snprintf(text, sizeof text, "%" PRId64, value);
    sail_miio_out_text(out, text);
}

/* ECMAScript's Number::toString: the shortest digits that read back as the
 * same double, placed as plain decimals from 1e-6 to below 1e21, else with an exponent. */
void sail_miio_out_double(sail_miio_out_t *out, double value)
{
    if (!isfinite(value)) {
        sail_miio_out_text(out, "null"); /* JSON.stringify's answer; never reached by checked values */
        return;
    }
    if (value == 0) {
        sail_miio_out_text(out, "0");
        return;
    }
    char text[40];
    int precision = 1;
    for (; precision < 17; precision++) {
        snprintf(text, sizeof text, "%.*e", precision - 1, value);
        if (strtod(text, NULL) == value) {
            break;
        }
    }
    snprintf(text, sizeof text, "%.*e", precision - 1, value);
    char digits[24];
    int k = 0;
    const char *p = text;
    bool negative = *p == '-';
    if (negative) {
        p++;
    }
    for (; *p != 'e'; p++) {
        if (*p != '.') {
            digits[k++] = *p;
        }
    }
    while (k > 1 && digits[k - 1] == '0') {
        k--;
    }
    int n = atoi(p + 1) + 1; /* the value is 0.digits × 10^n */
    char result[48];
    sail_miio_out_t r;
    sail_miio_out_init(&r, result, sizeof result);
    if (negative) {
        sail_miio_out_raw(&r, "-", 1);
    }
    if (k <= n && n <= 21) {
        sail_miio_out_raw(&r, digits, (size_t)k);
        for (int i = k; i < n; i++) {
            sail_miio_out_raw(&r, "0", 1);
        }
    } else if (0 < n && n <= 21) {
        sail_miio_out_raw(&r, digits, (size_t)n);
        sail_miio_out_raw(&r, ".", 1);
        sail_miio_out_raw(&r, digits + n, (size_t)(k - n));
    } else if (-6 < n && n <= 0) {
        sail_miio_out_raw(&r, "0.", 2);
        for (int i = n; i < 0; i++) {
            sail_miio_out_raw(&r, "0", 1);
        }
        sail_miio_out_raw(&r, digits, (size_t)k);
    } else {
        char exponent[16];
        sail_miio_out_raw(&r, digits, 1);
        if (k > 1) {
            sail_miio_out_raw(&r, ".", 1);
            sail_miio_out_raw(&r, digits + 1, (size_t)(k - 1));
        }
        snprintf(exponent, sizeof exponent, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
        sail_miio_out_text(&r, exponent);
    }
    sail_miio_out_raw(out, result, r.len);
}

void sail_miio_out_value(sail_miio_out_t *out, const sail_miio_value_t *value)
{
    switch (value->kind) {
        case SAIL_MIIO_VALUE_BOOL:
            sail_miio_out_text(out, value->b ? "true" : "false");
            break;
        case SAIL_MIIO_VALUE_INT:
            sail_miio_out_int(out, value->i);
            break;
        case SAIL_MIIO_VALUE_FLOAT:
            sail_miio_out_double(out, value->f);
            break;
        case SAIL_MIIO_VALUE_STRING:
            sail_miio_out_string(out, value->str, value->str_len);
            break;
    }
}

/* One number token as JSON.stringify writes what JSON.parse read: an integer
 * past 2^53 stays as written (host/miot reads it as an exact bigint), others
 * are written from their double. */
static void out_number(sail_miio_out_t *out, const char *text, size_t len)
{
    char copy[80];
    if (len >= sizeof copy) {
        sail_miio_out_raw(out, text, len);
        return;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    double value = strtod(copy, NULL);
    if (strpbrk(copy, ".eE") == NULL && !(value >= -9007199254740991.0 && value <= 9007199254740991.0)) {
        sail_miio_out_raw(out, text, len);
    } else {
        sail_miio_out_double(out, value);
    }
}

void sail_miio_out_span(sail_miio_out_t *out, const sail_json_t *json, sail_json_span_t span)
{
    size_t i = span.start;
    while (i < span.end) {
        char c = json->text[i];
        if (c == '"') {
            /* A string decoded and written again, so escapes read as JSON.stringify writes them. */
            size_t end = i + 1;
            while (json->text[end] != '"') {
                end += json->text[end] == '\\' ? 2 : 1;
            }
            char decoded[256];
            size_t len = 0;
            sail_json_span_t string = {SAIL_JSON_STRING, i, end + 1};
            if (sail_json_string(json, string, decoded, sizeof decoded, &len) == SAIL_OK) {
                sail_miio_out_string(out, decoded, len);
            } else {
                sail_miio_out_raw(out, json->text + i, end + 1 - i);
            }
            i = end + 1;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t end = i + 1;
            while (end < span.end && strchr("0123456789.eE+-", json->text[end]) != NULL) {
                end++;
            }
            out_number(out, json->text + i, end - i);
            i = end;
        } else {
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                sail_miio_out_raw(out, &c, 1);
            }
            i++;
        }
    }
}

bool sail_miio_read_number(const sail_json_t *json, sail_json_span_t span, sail_miio_number_t *number)
{
    /* Longer tokens are not read: no MIoT value or id needs 80 characters. */
    char text[80];
    size_t len = span.end - span.start;
    if (span.type != SAIL_JSON_NUMBER || len >= sizeof text) {
        return false;
    }
    memcpy(text, json->text + span.start, len);
    text[len] = '\0';
    number->integer_token = strpbrk(text, ".eE") == NULL;
    number->value = strtod(text, NULL);
    number->fits_int64 = false;
    if (number->integer_token) {
        errno = 0;
        long long exact = strtoll(text, NULL, 10);
        number->fits_int64 = errno != ERANGE;
        number->exact = (int64_t)exact;
    }
    return true;
}

bool sail_miio_member(const sail_json_t *json, sail_json_span_t object, const char *name, sail_json_span_t *value)
{
    size_t pos = 0;
    size_t name_len = strlen(name);
    bool found = false;
    sail_json_span_t key;
    sail_json_span_t member;
    while (sail_json_member(json, object, &pos, &key, &member)) {
        /* Keys compared by their text between the quotes: a key spelt with escapes is another key here. */
        if (key.end - key.start == name_len + 2 && memcmp(json->text + key.start + 1, name, name_len) == 0) {
            *value = member;
            found = true;
        }
    }
    return found;
}

bool sail_miio_utf8_valid(const uint8_t *bytes, size_t size)
{
    size_t i = 0;
    while (i < size) {
        uint8_t c = bytes[i];
        size_t extra;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xc2 && c <= 0xdf) {
            extra = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            extra = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (size - i <= extra) {
            return false;
        }
        for (size_t j = 1; j <= extra; j++) {
            if ((bytes[i + j] & 0xc0) != 0x80) {
                return false;
            }
            cp = cp << 6 | (bytes[i + j] & 0x3f);
        }
        static const uint32_t smallest[4] = {0, 0x80, 0x800, 0x10000};
        if (cp < smallest[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return false;
        }
        i += extra + 1;
    }
    return true;
}
