/* A message built into a caller's fixed buffer: appends never overrun it, a
 * message that does not fit ends in "..." and stays NUL-terminated. */
#ifndef SAIL_TEXT_H
#define SAIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *buf;
    size_t cap;
    size_t len;
    bool truncated;
} sail_text_t;

/* Starts an empty message in buf[cap]; cap may be 0 (everything is dropped). */
void sail_text_init(sail_text_t *text, char *buf, size_t cap);

/* Appends printf-style text. */
void sail_text_add(sail_text_t *text, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Appends n bytes as they are (a name read from the image, already checked as UTF-8). */
void sail_text_add_bytes(sail_text_t *text, const uint8_t *bytes, size_t n);

#endif /* SAIL_TEXT_H */
