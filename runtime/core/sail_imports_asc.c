/* AssemblyScript's env imports: abort (the image stops with PANIC and the
 * message the emulator gives), trace (a debug log line) and seed. They are
 * not SDK calls, so they count no host call. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sail_app.h"
#include "sail_memory.h"
#include "sail_port.h"

/* Appends the UTF-8 of an AssemblyScript string (UTF-16LE; a lone surrogate
 * becomes U+FFFD, as TextDecoder does) to out; returns the new length. */
static size_t utf16_to_utf8(const uint8_t *s, uint32_t len, char *out, size_t at, size_t cap)
{
    for (uint32_t i = 0; i + 1 < len && at + 4 < cap; i += 2) {
        uint32_t c = (uint32_t)s[i] | (uint32_t)s[i + 1] << 8;
        if (c >= 0xd800 && c < 0xdc00 && i + 3 < len) {
            uint32_t d = (uint32_t)s[i + 2] | (uint32_t)s[i + 3] << 8;
            if (d >= 0xdc00 && d < 0xe000) {
                c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
                i += 2;
            } else {
                c = 0xfffd;
            }
        } else if (c >= 0xd800 && c < 0xe000) {
            c = 0xfffd;
        }
        if (c < 0x80) {
            out[at++] = (char)c;
        } else if (c < 0x800) {
            out[at++] = (char)(0xc0 | c >> 6);
            out[at++] = (char)(0x80 | (c & 0x3f));
        } else if (c < 0x10000) {
            out[at++] = (char)(0xe0 | c >> 12);
            out[at++] = (char)(0x80 | (c >> 6 & 0x3f));
            out[at++] = (char)(0x80 | (c & 0x3f));
        } else {
            out[at++] = (char)(0xf0 | c >> 18);
            out[at++] = (char)(0x80 | (c >> 12 & 0x3f));
            out[at++] = (char)(0x80 | (c >> 6 & 0x3f));
            out[at++] = (char)(0x80 | (c & 0x3f));
        }
    }
    out[at] = '\0';
    return at;
}

static size_t as_string(sail_app_t *app, int32_t ptr, char *out, size_t at, size_t cap)
{
    uint32_t len = 0;
    const uint8_t *s = ptr == 0 ? NULL : sail_mem_as_string(app, ptr, &len);
    return s == NULL ? at : utf16_to_utf8(s, len, out, at, cap);
}

void sail_import_env_abort(sail_app_t *app, int32_t message, int32_t file, int32_t line, int32_t column)
{
    char text[SAIL_STOP_MESSAGE_MAX];
    size_t at = (size_t)snprintf(text, sizeof text, "abort: ");
    size_t start = at;
    at = as_string(app, message, text, at, sizeof text);
    if (at == start) {
        at = (size_t)snprintf(text + at, sizeof text - at, "abort") + at;
    }
    char where[SAIL_STOP_MESSAGE_MAX / 2];
    if (as_string(app, file, where, 0, sizeof where) > 0 && at < sizeof text) {
        char position[32];
        snprintf(position, sizeof position, ":%ld:%ld", (long)line, (long)column);
        at += (size_t)snprintf(text + at, sizeof text - at, " at ");
        at = at < sizeof text ? at + (size_t)snprintf(text + at, sizeof text - at, "%s", where) : at;
        if (at < sizeof text) {
            snprintf(text + at, sizeof text - at, "%s", position);
        }
    }
    sail_app_stop(app, SAIL_RESET_PANIC, text);
}

/* A number as JavaScript's String(x) writes it, for the values trace prints. */
static void js_number(double x, char *out, size_t cap)
{
    if (isnan(x)) {
        snprintf(out, cap, "NaN");
    } else if (isinf(x)) {
        snprintf(out, cap, x < 0 ? "-Infinity" : "Infinity");
    } else if (x == 0) {
        snprintf(out, cap, "0");
    } else if (x == trunc(x) && fabs(x) < 1e21) {
        snprintf(out, cap, "%.0f", x);
    } else {
        for (int digits = 1; digits <= 17; digits++) {
            snprintf(out, cap, "%.*g", digits, x);
            if (strtod(out, NULL) == x) {
                break;
            }
        }
        /* C writes 1e-07 where JavaScript writes 1e-7. */
        char *e = strchr(out, 'e');
        if (e != NULL) {
            char sign = e[1];
            char *digits = e + 2;
            while (*digits == '0' && digits[1] != '\0') {
                digits++;
            }
            memmove(e + 2, digits, strlen(digits) + 1);
            e[1] = sign;
        }
    }
}

void sail_import_env_trace(sail_app_t *app, int32_t message, int32_t n, double a0, double a1, double a2, double a3,
                           double a4)
{
    char text[SAIL_STOP_MESSAGE_MAX];
    size_t at = (size_t)snprintf(text, sizeof text, "trace: ");
    at = as_string(app, message, text, at, sizeof text);
    double args[5] = {a0, a1, a2, a3, a4};
    int count = n < 0 ? 0 : n > 5 ? 5 : n;
    for (int i = 0; i < count && at + 32 < sizeof text; i++) {
        text[at++] = i == 0 ? ' ' : ',';
        if (i > 0) {
            text[at++] = ' ';
        }
        js_number(args[i], text + at, sizeof text - at);
        at += strlen(text + at);
    }
    while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t' || text[at - 1] == '\n')) {
        text[--at] = '\0';
    }
    sail_port_log(SAIL_LOG_DEBUG, text, at);
}

double sail_import_env_seed(sail_app_t *app)
{
    (void)app;
    return (double)sail_port_random_u32();
}
