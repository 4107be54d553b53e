/* Decoding a validated JSON string into a fixed buffer: escapes, surrogate
 * pairs, UTF-8 out. */
#include <string.h>

#include "sail_json.h"

static unsigned hex4(const char *p)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v = v * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

/* Appends code point cp as UTF-8; false when out[cap] has no room (one byte kept for the NUL). */
static bool put_utf8(char *out, size_t cap, size_t *n, unsigned cp)
{
    unsigned char bytes[4];
    size_t count;
    if (cp < 0x80) {
        bytes[0] = (unsigned char)cp;
        count = 1;
    } else if (cp < 0x800) {
        bytes[0] = (unsigned char)(0xc0 | (cp >> 6));
        bytes[1] = (unsigned char)(0x80 | (cp & 0x3f));
        count = 2;
    } else if (cp < 0x10000) {
        bytes[0] = (unsigned char)(0xe0 | (cp >> 12));
        bytes[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        bytes[2] = (unsigned char)(0x80 | (cp & 0x3f));
        count = 3;
    } else {
        bytes[0] = (unsigned char)(0xf0 | (cp >> 18));
        bytes[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
        bytes[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        bytes[3] = (unsigned char)(0x80 | (cp & 0x3f));
        count = 4;
    }
    if (cap == 0 || *n + count > cap - 1) {
        return false;
    }
    memcpy(out + *n, bytes, count);
    *n += count;
    return true;
}

sail_err_t sail_json_string(const sail_json_t *json, sail_json_span_t string, char *out, size_t cap, size_t *length)
{
    if (string.type != SAIL_JSON_STRING || string.end - string.start < 2) {
        return SAIL_ERR_INVALID_ARG;
    }
    const char *p = json->text + string.start + 1;
    const char *end = json->text + string.end - 1;
    size_t n = 0;
    while (p < end) {
        unsigned cp;
        if (*p != '\\') {
            if (cap == 0 || n + 1 > cap - 1) {
                return SAIL_ERR_INVALID_SIZE;
            }
            out[n++] = *p++;
            continue;
        }
        p++;
        switch (*p) {
            case 'b':
                cp = '\b';
                break;
            case 'f':
                cp = '\f';
                break;
            case 'n':
                cp = '\n';
                break;
            case 'r':
                cp = '\r';
                break;
            case 't':
                cp = '\t';
                break;
            case 'u':
                cp = hex4(p + 1);
                p += 4;
                if (cp >= 0xd800 && cp < 0xdc00 && end - p >= 7 && p[1] == '\\' && p[2] == 'u') {
                    unsigned low = hex4(p + 3);
                    if (low >= 0xdc00 && low < 0xe000) {
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                        p += 6;
                    }
                }
                if (cp >= 0xd800 && cp < 0xe000) {
                    cp = 0xfffd;
                }
                break;
            default:
                cp = (unsigned char)*p;
                break;
        }
        p++;
        if (!put_utf8(out, cap, &n, cp)) {
            return SAIL_ERR_INVALID_SIZE;
        }
    }
    if (cap > 0) {
        out[n] = '\0';
    }
    *length = n;
    return cap > 0 ? SAIL_OK : SAIL_ERR_INVALID_SIZE;
}
