#include "sail_json.h"

#include <stdio.h>
#include <string.h>

void sail_json_init(sail_json_t *json, const char *text, size_t len)
{
    json->text = text;
    json->len = len;
    json->pos = 0;
    json->error[0] = '\0';
}

static sail_err_t fail(sail_json_t *json, const char *problem)
{
    if (json->pos >= json->len) {
        snprintf(json->error, sizeof json->error, "%s: unexpected end of JSON at byte %zu", problem, json->pos);
    } else {
        unsigned char c = (unsigned char)json->text[json->pos];
        if (c >= 0x20 && c < 0x7f) {
            snprintf(json->error, sizeof json->error, "%s: unexpected '%c' at byte %zu", problem, c, json->pos);
        } else {
            snprintf(json->error, sizeof json->error, "%s: unexpected byte 0x%02x at byte %zu", problem, c, json->pos);
        }
    }
    return SAIL_ERR_INVALID_ARG;
}

static void skip_space(sail_json_t *json)
{
    while (json->pos < json->len) {
        char c = json->text[json->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            return;
        }
        json->pos++;
    }
}

static bool peek_is(const sail_json_t *json, char c)
{
    return json->pos < json->len && json->text[json->pos] == c;
}

static bool is_digit(const sail_json_t *json)
{
    return json->pos < json->len && json->text[json->pos] >= '0' && json->text[json->pos] <= '9';
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static sail_err_t scan_string(sail_json_t *json)
{
    json->pos++; /* the opening quote */
    while (json->pos < json->len) {
        unsigned char c = (unsigned char)json->text[json->pos];
        if (c == '"') {
            json->pos++;
            return SAIL_OK;
        }
        if (c < 0x20) {
            return fail(json, "control character in a string");
        }
        if (c == '\\') {
            json->pos++;
            if (json->pos >= json->len) {
                break;
            }
            char e = json->text[json->pos];
            if (e == 'u') {
                for (int i = 1; i <= 4; i++) {
                    if (json->pos + (size_t)i >= json->len || !is_hex(json->text[json->pos + (size_t)i])) {
                        json->pos += (size_t)i;
                        return fail(json, "bad \\u escape");
                    }
                }
                json->pos += 4;
            } else if (strchr("\"\\/bfnrt", e) == NULL || e == '\0') {
                return fail(json, "bad escape");
            }
        }
        json->pos++;
    }
    return fail(json, "unterminated string");
}

static sail_err_t scan_number(sail_json_t *json)
{
    if (peek_is(json, '-')) {
        json->pos++;
    }
    if (peek_is(json, '0')) {
        json->pos++;
    } else if (is_digit(json)) {
        while (is_digit(json)) {
            json->pos++;
        }
    } else {
        return fail(json, "bad number");
    }
    if (peek_is(json, '.')) {
        json->pos++;
        if (!is_digit(json)) {
            return fail(json, "bad number");
        }
        while (is_digit(json)) {
            json->pos++;
        }
    }
    if (peek_is(json, 'e') || peek_is(json, 'E')) {
        json->pos++;
        if (peek_is(json, '+') || peek_is(json, '-')) {
            json->pos++;
        }
        if (!is_digit(json)) {
            return fail(json, "bad number");
        }
        while (is_digit(json)) {
            json->pos++;
        }
    }
    return SAIL_OK;
}

static sail_err_t scan_word(sail_json_t *json, const char *word)
{
    size_t n = strlen(word);
    if (json->len - json->pos < n || memcmp(json->text + json->pos, word, n) != 0) {
        return fail(json, "bad literal");
    }
    json->pos += n;
    return SAIL_OK;
}

/* An object key and its colon. */
static sail_err_t scan_key(sail_json_t *json)
{
    skip_space(json);
    if (!peek_is(json, '"')) {
        return fail(json, "expected a key");
    }
    sail_err_t err = scan_string(json);
    if (err != SAIL_OK) {
        return err;
    }
    skip_space(json);
    if (!peek_is(json, ':')) {
        return fail(json, "expected ':'");
    }
    json->pos++;
    return SAIL_OK;
}

/* One value at pos, of any depth up to the limit, without recursion. */
static sail_err_t scan_value(sail_json_t *json, sail_json_span_t *out)
{
    char open[SAIL_JSON_MAX_DEPTH];
    size_t depth = 0;
    skip_space(json);
    out->start = json->pos;
    bool first = true;
    for (;;) {
        /* A value is expected here. */
        skip_space(json);
        if (json->pos >= json->len) {
            return fail(json, "expected a value");
        }
        char c = json->text[json->pos];
        sail_json_type_t type;
        sail_err_t err = SAIL_OK;
        bool opened = false;
        if (c == '{' || c == '[') {
            if (depth == SAIL_JSON_MAX_DEPTH) {
                return fail(json, "nested deeper than 16");
            }
            type = c == '{' ? SAIL_JSON_OBJECT : SAIL_JSON_ARRAY;
            open[depth++] = c;
            json->pos++;
            skip_space(json);
            if (peek_is(json, c == '{' ? '}' : ']')) {
                json->pos++;
                depth--;
            } else if (c == '{') {
                err = scan_key(json);
                opened = true;
            } else {
                opened = true;
            }
        } else if (c == '"') {
            type = SAIL_JSON_STRING;
            err = scan_string(json);
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            type = SAIL_JSON_NUMBER;
            err = scan_number(json);
        } else if (c == 't') {
            type = SAIL_JSON_TRUE;
            err = scan_word(json, "true");
        } else if (c == 'f') {
            type = SAIL_JSON_FALSE;
            err = scan_word(json, "false");
        } else if (c == 'n') {
            type = SAIL_JSON_NULL;
            err = scan_word(json, "null");
        } else {
            return fail(json, "expected a value");
        }
        if (err != SAIL_OK) {
            return err;
        }
        if (first) {
            out->type = type;
            first = false;
        }
        if (opened) {
            continue;
        }
        /* After a value: close containers, or move to the next member. */
        for (;;) {
            if (depth == 0) {
                out->end = json->pos;
                return SAIL_OK;
            }
            skip_space(json);
            char close = open[depth - 1] == '{' ? '}' : ']';
            if (peek_is(json, ',')) {
                json->pos++;
                if (open[depth - 1] == '{') {
                    err = scan_key(json);
                    if (err != SAIL_OK) {
                        return err;
                    }
                }
                break;
            }
            if (!peek_is(json, close)) {
                return fail(json, open[depth - 1] == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
            }
            json->pos++;
            depth--;
        }
    }
}

sail_err_t sail_json_document(sail_json_t *json, sail_json_span_t *value)
{
    json->pos = 0;
    sail_err_t err = scan_value(json, value);
    if (err != SAIL_OK) {
        return err;
    }
    skip_space(json);
    if (json->pos != json->len) {
        return fail(json, "text after the value");
    }
    return SAIL_OK;
}

/* Rescans a value inside an already validated text (cannot fail there). */
static sail_json_span_t rescan(const sail_json_t *json, size_t *pos)
{
    sail_json_t copy = *json;
    copy.pos = *pos;
    sail_json_span_t span = {SAIL_JSON_NULL, *pos, *pos};
    if (scan_value(&copy, &span) != SAIL_OK) {
        span.end = json->len;
    }
    skip_space(&copy);
    if (peek_is(&copy, ',')) {
        copy.pos++;
    }
    *pos = copy.pos;
    return span;
}

bool sail_json_member(const sail_json_t *json, sail_json_span_t object, size_t *pos, sail_json_span_t *key,
                      sail_json_span_t *value)
{
    if (object.type != SAIL_JSON_OBJECT) {
        return false;
    }
    if (*pos == 0) {
        *pos = object.start + 1;
    }
    sail_json_t copy = *json;
    copy.pos = *pos;
    skip_space(&copy);
    if (copy.pos >= object.end - 1) {
        return false;
    }
    *key = rescan(json, &copy.pos);
    skip_space(&copy);
    copy.pos++; /* the colon */
    *value = rescan(json, &copy.pos);
    *pos = copy.pos;
    return true;
}

bool sail_json_element(const sail_json_t *json, sail_json_span_t array, size_t *pos, sail_json_span_t *value)
{
    if (array.type != SAIL_JSON_ARRAY) {
        return false;
    }
    if (*pos == 0) {
        *pos = array.start + 1;
    }
    sail_json_t copy = *json;
    copy.pos = *pos;
    skip_space(&copy);
    if (copy.pos >= array.end - 1) {
        return false;
    }
    *value = rescan(json, &copy.pos);
    *pos = copy.pos;
    return true;
}
