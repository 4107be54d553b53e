#include "sail_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void sail_text_init(sail_text_t *text, char *buf, size_t cap)
{
    text->buf = buf;
    text->cap = cap;
    text->len = 0;
    text->truncated = false;
    if (cap > 0) {
        buf[0] = '\0';
    }
}

/* Marks the message cut short: its last bytes become "...". */
static void truncate_text(sail_text_t *text)
{
    text->truncated = true;
    text->len = text->cap - 1;
    text->buf[text->len] = '\0';
    for (size_t i = 1; i <= 3 && i <= text->len; i++) {
        text->buf[text->len - i] = '.';
    }
}

void sail_text_add(sail_text_t *text, const char *format, ...)
{
    if (text->cap == 0 || text->truncated) {
        return;
    }
    size_t room = text->cap - text->len;
    va_list args;
    va_start(args, format);
    int n = vsnprintf(text->buf + text->len, room, format, args);
    va_end(args);
    if (n < 0) {
        text->buf[text->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        truncate_text(text);
        return;
    }
    text->len += (size_t)n;
}

void sail_text_add_bytes(sail_text_t *text, const uint8_t *bytes, size_t n)
{
    if (text->cap == 0 || text->truncated) {
        return;
    }
    size_t room = text->cap - text->len - 1;
    if (n > room) {
        memcpy(text->buf + text->len, bytes, room);
        truncate_text(text);
        return;
    }
    memcpy(text->buf + text->len, bytes, n);
    text->len += n;
    text->buf[text->len] = '\0';
}
