/* Readers of wasm's binary encodings for the loader (WebAssembly core spec 5). */
#include <inttypes.h>
#include <string.h>

#include "sail_loader.h"

const char *const SAIL_KIND_NAMES[5] = {"function", "table", "memory", "global", "tag"};

bool sail_loader_refuse(loader_t *l, sail_err_t status)
{
    l->status = status;
    sail_text_add(l->message, "%s: ", l->file);
    return false;
}

bool sail_rd_byte(loader_t *l, reader_t *r, uint8_t *out)
{
    if (r->pos >= r->end) {
        return FORMAT_ERROR(l, "unexpected end at byte %" PRIu32, r->pos);
    }
    *out = l->bytes[r->pos++];
    return true;
}

/* An unsigned LEB128 of at most 5 bytes and 32 bits (core spec 5.2.2). */
bool sail_rd_u32(loader_t *l, reader_t *r, uint32_t *out)
{
    uint64_t result = 0;
    unsigned shift = 0;
    for (;;) {
        uint8_t b;
        if (!sail_rd_byte(l, r, &b)) {
            return false;
        }
        result |= (uint64_t)(b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
            break;
        }
        shift += 7;
        if (shift > 28) {
            return FORMAT_ERROR(l, "LEB128 too long at byte %" PRIu32, r->pos);
        }
    }
    if (result > 0xffffffffu) {
        return FORMAT_ERROR(l, "LEB128 value past 32 bits at byte %" PRIu32, r->pos);
    }
    *out = (uint32_t)result;
    return true;
}

/* A signed LEB128 (i32.const and i64.const operands); bits past 64 are dropped. */
bool sail_rd_sleb(loader_t *l, reader_t *r, int64_t *out)
{
    uint64_t result = 0;
    unsigned shift = 0;
    uint8_t b;
    do {
        if (!sail_rd_byte(l, r, &b)) {
            return false;
        }
        if (shift < 64) {
            result |= (uint64_t)(b & 0x7f) << shift;
        }
        shift += 7;
    } while (b & 0x80);
    if (shift < 64 && (b & 0x40)) {
        result |= ~(uint64_t)0 << shift;
    }
    *out = (int64_t)result;
    return true;
}

bool sail_rd_take(loader_t *l, reader_t *r, uint32_t n)
{
    if ((uint64_t)r->pos + n > r->end) {
        return FORMAT_ERROR(l, "section overruns its length at byte %" PRIu32, r->pos);
    }
    r->pos += n;
    return true;
}

bool sail_rd_name(loader_t *l, reader_t *r, sail_bytes_t *out)
{
    uint32_t at = r->pos;
    uint32_t len;
    if (!sail_rd_u32(l, r, &len)) {
        return false;
    }
    uint32_t start = r->pos;
    if (!sail_rd_take(l, r, len)) {
        return false;
    }
    if (!sail_is_utf8(l->bytes + start, len)) {
        return FORMAT_ERROR(l, "a name at byte %" PRIu32 " is not valid UTF-8 (the spec requires it)", at);
    }
    out->data = l->bytes + start;
    out->size = len;
    return true;
}

const char *sail_rd_val_type_name(uint8_t b)
{
    switch (b) {
        case 0x7f:
            return "i32";
        case 0x7e:
            return "i64";
        case 0x7d:
            return "f32";
        case 0x7c:
            return "f64";
        case 0x7b:
            return "v128";
        case 0x70:
            return "funcref";
        case 0x6f:
            return "externref";
        default:
            return NULL;
    }
}

bool sail_rd_val_type(loader_t *l, reader_t *r, uint8_t *out)
{
    if (!sail_rd_byte(l, r, out)) {
        return false;
    }
    if (sail_rd_val_type_name(*out) == NULL) {
        return FORMAT_ERROR(l, "value type 0x%x is not supported (GC or typed references)", *out);
    }
    return true;
}

bool sail_rd_limits(loader_t *l, reader_t *r, uint32_t *min, bool *has_max, uint32_t *max)
{
    uint8_t flags;
    if (!sail_rd_byte(l, r, &flags) || !sail_rd_u32(l, r, min)) {
        return false;
    }
    *has_max = (flags & 1) != 0;
    *max = 0;
    return !*has_max || sail_rd_u32(l, r, max);
}

/* A constant expression; *has_value when it ends with a plain i32/i64.const. */
bool sail_rd_const_expr(loader_t *l, reader_t *r, bool *has_value, int64_t *value)
{
    *has_value = false;
    for (;;) {
        uint8_t op;
        uint32_t skip;
        uint8_t skip_byte;
        if (!sail_rd_byte(l, r, &op)) {
            return false;
        }
        bool ok = true;
        if (op == 0x0b) {
            return true;
        } else if (op == 0x41 || op == 0x42) {
            ok = sail_rd_sleb(l, r, value);
            *has_value = true;
            continue;
        } else if (op == 0x23 || op == 0xd2) {
            ok = sail_rd_u32(l, r, &skip);
        } else if (op == 0x44) {
            ok = sail_rd_take(l, r, 8);
        } else if (op == 0x43) {
            ok = sail_rd_take(l, r, 4);
        } else if (op == 0xd0) {
            ok = sail_rd_byte(l, r, &skip_byte);
        }
        if (!ok) {
            return false;
        }
        *has_value = false;
    }
}

/* Prints type `index` as the emulator does: "(i32, i64) -> i32", a missing result "()". */
bool sail_rd_type_signature(loader_t *l, uint32_t index, sail_text_t *out, uint32_t *result_count)
{
    reader_t r = {l->body[1], l->end[1]};
    uint32_t count;
    if (!l->seen[1] || !sail_rd_u32(l, &r, &count) || index >= count) {
        return false;
    }
    for (uint32_t t = 0; t <= index; t++) {
        uint8_t form;
        uint32_t n;
        uint8_t type;
        if (!sail_rd_byte(l, &r, &form) || !sail_rd_u32(l, &r, &n)) {
            return false;
        }
        if (t == index) {
            sail_text_add(out, "(");
        }
        for (uint32_t i = 0; i < n; i++) {
            if (!sail_rd_val_type(l, &r, &type)) {
                return false;
            }
            if (t == index) {
                sail_text_add(out, "%s%s", i > 0 ? ", " : "", sail_rd_val_type_name(type));
            }
        }
        if (!sail_rd_u32(l, &r, &n)) {
            return false;
        }
        for (uint32_t i = 0; i < n; i++) {
            if (!sail_rd_val_type(l, &r, &type)) {
                return false;
            }
            if (t == index && i == 0) {
                sail_text_add(out, ") -> %s", sail_rd_val_type_name(type));
            }
        }
        if (t == index) {
            if (n == 0) {
                sail_text_add(out, ") -> ()");
            }
            *result_count = n;
        }
    }
    return true;
}

/* One import entry: names, kind and (for a function) its type index. */
bool sail_rd_import(loader_t *l, reader_t *r, sail_bytes_t *module, sail_bytes_t *name, uint8_t *kind,
                    uint32_t *type_index)
{
    uint8_t b;
    uint32_t min;
    uint32_t max;
    bool has_max;
    if (!sail_rd_name(l, r, module) || !sail_rd_name(l, r, name) || !sail_rd_byte(l, r, kind)) {
        return false;
    }
    switch (*kind) {
        case 0:
            if (!sail_rd_u32(l, r, type_index)) {
                return false;
            }
            if (*type_index >= l->type_count) {
                return FORMAT_ERROR(l, "type index %" PRIu32 " out of range", *type_index);
            }
            return true;
        case 1:
            return sail_rd_val_type(l, r, &b) && sail_rd_limits(l, r, &min, &has_max, &max);
        case 2:
            return sail_rd_limits(l, r, &min, &has_max, &max);
        case 3:
            return sail_rd_val_type(l, r, &b) && sail_rd_byte(l, r, &b);
        case 4:
            return sail_rd_byte(l, r, &b) && sail_rd_u32(l, r, &min);
        default:
            return FORMAT_ERROR(l, "import kind %u unknown", *kind);
    }
}

/* The type index of function `index` (imports first), or false. */
bool sail_rd_function_type(loader_t *l, uint32_t index, uint32_t *type_index)
{
    reader_t r = {l->body[2], l->end[2]};
    uint32_t count;
    uint32_t functions = 0;
    if (l->seen[2] && sail_rd_u32(l, &r, &count)) {
        for (uint32_t i = 0; i < count; i++) {
            sail_bytes_t module;
            sail_bytes_t name;
            uint8_t kind;
            uint32_t t = 0;
            if (!sail_rd_import(l, &r, &module, &name, &kind, &t)) {
                return false;
            }
            if (kind == 0 && functions++ == index) {
                *type_index = t;
                return true;
            }
        }
    }
    r = (reader_t){l->body[3], l->end[3]};
    if (!l->seen[3] || !sail_rd_u32(l, &r, &count)) {
        return false;
    }
    for (uint32_t i = 0; i < count; i++) {
        if (!sail_rd_u32(l, &r, type_index)) {
            return false;
        }
        if (functions + i == index) {
            return true;
        }
    }
    return false;
}

bool sail_rd_name_is(sail_bytes_t name, const char *text)
{
    size_t n = strlen(text);
    return name.size == n && memcmp(name.data, text, n) == 0;
}
