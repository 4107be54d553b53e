#include "sail_image.h"

#include <inttypes.h>
#include <string.h>

#include "sail_imports.h"
#include "sail_text.h"

#define SECTION_IDS 13

static const char *const KIND_NAMES[] = {"function", "table", "memory", "global", "tag"};

typedef struct {
    const uint8_t *bytes;
    uint32_t size;
    const char *file;
    sail_text_t *message;
    sail_err_t status;
    /* Body range of each known section (ids 1..12); a module has one of each at most. */
    bool seen[SECTION_IDS];
    uint32_t body[SECTION_IDS];
    uint32_t end[SECTION_IDS];
    uint32_t type_count;
    uint32_t imported_globals;
    uint32_t manifest_count;
    sail_bytes_t manifest;
    bool has_start;
    /* The first export of each ABI export's name: its kind and index. */
    bool export_found[SAIL_ABI_EXPORT_COUNT];
    uint8_t export_kind[SAIL_ABI_EXPORT_COUNT];
    uint32_t export_index[SAIL_ABI_EXPORT_COUNT];
} loader_t;

typedef struct {
    uint32_t pos;
    uint32_t end;
} reader_t;

/* Starts the refusal: "<file>: " then the problem; the loader stops at the first. */
static bool refuse(loader_t *l, sail_err_t status)
{
    l->status = status;
    sail_text_add(l->message, "%s: ", l->file);
    return false;
}

/* A malformed binary, in the words of host/wasm/binary.ts. */
#define FORMAT_ERROR(l, ...) (refuse((l), SAIL_ERR_INVALID_ARG), sail_text_add((l)->message, __VA_ARGS__), false)

static bool read_byte(loader_t *l, reader_t *r, uint8_t *out)
{
    if (r->pos >= r->end) {
        return FORMAT_ERROR(l, "unexpected end at byte %" PRIu32, r->pos);
    }
    *out = l->bytes[r->pos++];
    return true;
}

/* An unsigned LEB128 of at most 5 bytes and 32 bits (core spec 5.2.2). */
static bool read_u32(loader_t *l, reader_t *r, uint32_t *out)
{
    uint64_t result = 0;
    unsigned shift = 0;
    for (;;) {
        uint8_t b;
        if (!read_byte(l, r, &b)) {
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
static bool read_sleb(loader_t *l, reader_t *r, int64_t *out)
{
    uint64_t result = 0;
    unsigned shift = 0;
    uint8_t b;
    do {
        if (!read_byte(l, r, &b)) {
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

static bool take(loader_t *l, reader_t *r, uint32_t n)
{
    if ((uint64_t)r->pos + n > r->end) {
        return FORMAT_ERROR(l, "section overruns its length at byte %" PRIu32, r->pos);
    }
    r->pos += n;
    return true;
}

static bool read_name(loader_t *l, reader_t *r, sail_bytes_t *out)
{
    uint32_t at = r->pos;
    uint32_t len;
    if (!read_u32(l, r, &len)) {
        return false;
    }
    uint32_t start = r->pos;
    if (!take(l, r, len)) {
        return false;
    }
    if (!sail_is_utf8(l->bytes + start, len)) {
        return FORMAT_ERROR(l, "a name at byte %" PRIu32 " is not valid UTF-8 (the spec requires it)", at);
    }
    out->data = l->bytes + start;
    out->size = len;
    return true;
}

static const char *val_type_name(uint8_t b)
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

static bool read_val_type(loader_t *l, reader_t *r, uint8_t *out)
{
    if (!read_byte(l, r, out)) {
        return false;
    }
    if (val_type_name(*out) == NULL) {
        return FORMAT_ERROR(l, "value type 0x%x is not supported (GC or typed references)", *out);
    }
    return true;
}

static bool read_limits(loader_t *l, reader_t *r, uint32_t *min, bool *has_max, uint32_t *max)
{
    uint8_t flags;
    if (!read_byte(l, r, &flags) || !read_u32(l, r, min)) {
        return false;
    }
    *has_max = (flags & 1) != 0;
    *max = 0;
    return !*has_max || read_u32(l, r, max);
}

/* A constant expression; *has_value when it ends with a plain i32/i64.const. */
static bool read_const_expr(loader_t *l, reader_t *r, bool *has_value, int64_t *value)
{
    *has_value = false;
    for (;;) {
        uint8_t op;
        uint32_t skip;
        uint8_t skip_byte;
        if (!read_byte(l, r, &op)) {
            return false;
        }
        bool ok = true;
        if (op == 0x0b) {
            return true;
        } else if (op == 0x41 || op == 0x42) {
            ok = read_sleb(l, r, value);
            *has_value = true;
            continue;
        } else if (op == 0x23 || op == 0xd2) {
            ok = read_u32(l, r, &skip);
        } else if (op == 0x44) {
            ok = take(l, r, 8);
        } else if (op == 0x43) {
            ok = take(l, r, 4);
        } else if (op == 0xd0) {
            ok = read_byte(l, r, &skip_byte);
        }
        if (!ok) {
            return false;
        }
        *has_value = false;
    }
}

/* Prints type `index` as the emulator does: "(i32, i64) -> i32", a missing result "()". */
static bool type_signature(loader_t *l, uint32_t index, sail_text_t *out, uint32_t *result_count)
{
    reader_t r = {l->body[1], l->end[1]};
    uint32_t count;
    if (!l->seen[1] || !read_u32(l, &r, &count) || index >= count) {
        return false;
    }
    for (uint32_t t = 0; t <= index; t++) {
        uint8_t form;
        uint32_t n;
        uint8_t type;
        if (!read_byte(l, &r, &form) || !read_u32(l, &r, &n)) {
            return false;
        }
        if (t == index) {
            sail_text_add(out, "(");
        }
        for (uint32_t i = 0; i < n; i++) {
            if (!read_val_type(l, &r, &type)) {
                return false;
            }
            if (t == index) {
                sail_text_add(out, "%s%s", i > 0 ? ", " : "", val_type_name(type));
            }
        }
        if (!read_u32(l, &r, &n)) {
            return false;
        }
        for (uint32_t i = 0; i < n; i++) {
            if (!read_val_type(l, &r, &type)) {
                return false;
            }
            if (t == index && i == 0) {
                sail_text_add(out, ") -> %s", val_type_name(type));
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
static bool read_import(loader_t *l, reader_t *r, sail_bytes_t *module, sail_bytes_t *name, uint8_t *kind,
                        uint32_t *type_index)
{
    uint8_t b;
    uint32_t min;
    uint32_t max;
    bool has_max;
    if (!read_name(l, r, module) || !read_name(l, r, name) || !read_byte(l, r, kind)) {
        return false;
    }
    switch (*kind) {
        case 0:
            if (!read_u32(l, r, type_index)) {
                return false;
            }
            if (*type_index >= l->type_count) {
                return FORMAT_ERROR(l, "type index %" PRIu32 " out of range", *type_index);
            }
            return true;
        case 1:
            return read_val_type(l, r, &b) && read_limits(l, r, &min, &has_max, &max);
        case 2:
            return read_limits(l, r, &min, &has_max, &max);
        case 3:
            return read_val_type(l, r, &b) && read_byte(l, r, &b);
        case 4:
            return read_byte(l, r, &b) && read_u32(l, r, &min);
        default:
            return FORMAT_ERROR(l, "import kind %u unknown", *kind);
    }
}

/* The type index of function `index` (imports first), or false. */
static bool function_type(loader_t *l, uint32_t index, uint32_t *type_index)
{
    reader_t r = {l->body[2], l->end[2]};
    uint32_t count;
    uint32_t functions = 0;
    if (l->seen[2] && read_u32(l, &r, &count)) {
        for (uint32_t i = 0; i < count; i++) {
            sail_bytes_t module;
            sail_bytes_t name;
            uint8_t kind;
            uint32_t t = 0;
            if (!read_import(l, &r, &module, &name, &kind, &t)) {
                return false;
            }
            if (kind == 0 && functions++ == index) {
                *type_index = t;
                return true;
            }
        }
    }
    r = (reader_t){l->body[3], l->end[3]};
    if (!l->seen[3] || !read_u32(l, &r, &count)) {
        return false;
    }
    for (uint32_t i = 0; i < count; i++) {
        if (!read_u32(l, &r, type_index)) {
            return false;
        }
        if (functions + i == index) {
            return true;
        }
    }
    return false;
}

static bool name_is(sail_bytes_t name, const char *text)
{
    size_t n = strlen(text);
    return name.size == n && memcmp(name.data, text, n) == 0;
}

static bool read_custom(loader_t *l, reader_t *r, uint32_t start, sail_image_t *image)
{
    sail_bytes_t name;
    if (!read_name(l, r, &name)) {
        return false;
    }
    sail_bytes_t data = {l->bytes + r->pos, r->end - r->pos};
    if (name_is(name, "sail.manifest")) {
        if (l->manifest_count++ == 0) {
            l->manifest = data;
        }
    } else if (name_is(name, "sail.spec")) {
        if (image->spec.data == NULL) {
            image->spec = data;
        }
    } else if (name_is(name, "sail.signature")) {
        if (image->signature_count++ == 0) {
            image->signature = data;
            image->signature_start = start;
            image->signature_end = r->end;
        }
    }
    return true;
}

static bool read_types(loader_t *l, reader_t *r)
{
    uint32_t n;
    if (!read_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        uint8_t form;
        uint8_t type;
        uint32_t count;
        if (!read_byte(l, r, &form)) {
            return false;
        }
        if (form != 0x60) {
            return FORMAT_ERROR(l, "type form 0x%x is not supported (GC types)", form);
        }
        for (int list = 0; list < 2; list++) {
            if (!read_u32(l, r, &count)) {
                return false;
            }
            for (; count > 0; count--) {
                if (!read_val_type(l, r, &type)) {
                    return false;
                }
            }
        }
        l->type_count++;
    }
    return true;
}

static bool read_imports(loader_t *l, reader_t *r, sail_image_t *image)
{
    uint32_t n;
    if (!read_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        sail_bytes_t module;
        sail_bytes_t name;
        uint8_t kind;
        uint32_t type_index;
        uint32_t at = r->pos;
        if (!read_import(l, r, &module, &name, &kind, &type_index)) {
            return false;
        }
        if (kind == 0) {
            image->imported_functions++;
        } else if (kind == 2) {
            /* Read the limits again: the memory is imported. */
            reader_t again = {at, r->end};
            uint8_t b;
            if (!read_name(l, &again, &module) || !read_name(l, &again, &name) || !read_byte(l, &again, &b) ||
                !read_limits(l, &again, &image->memory_min_pages, &image->memory_has_max, &image->memory_max_pages)) {
                return false;
            }
            image->has_memory = true;
        } else if (kind == 3) {
            l->imported_globals++;
        }
    }
    return true;
}

static bool read_functions(loader_t *l, reader_t *r, sail_image_t *image)
{
    uint32_t n;
    uint32_t type_index;
    if (!read_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        if (!read_u32(l, r, &type_index)) {
            return false;
        }
        if (type_index >= l->type_count) {
            return FORMAT_ERROR(l, "type index %" PRIu32 " out of range", type_index);
        }
        image->defined_functions++;
    }
    return true;
}

static bool read_memories(loader_t *l, reader_t *r, sail_image_t *image)
{
    uint32_t n;
    if (!read_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        if (!read_limits(l, r, &image->memory_min_pages, &image->memory_has_max, &image->memory_max_pages)) {
            return false;
        }
        image->has_memory = true;
    }
    return true;
}

static bool read_globals(loader_t *l, reader_t *r)
{
    uint32_t n;
    if (!read_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        uint8_t type;
        uint8_t mutability;
        bool has_value;
        int64_t value;
        if (!read_val_type(l, r, &type) || !read_byte(l, r, &mutability) ||
            !read_const_expr(l, r, &has_value, &value)) {
            return false;
        }
    }
    return true;
}

static bool read_exports(loader_t *l, reader_t *r, sail_image_t *image)
{
    uint32_t n;
    if (!read_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        sail_bytes_t name;
        uint8_t kind;
        uint32_t index;
        if (!read_name(l, r, &name) || !read_byte(l, r, &kind)) {
            return false;
        }
        if (kind > 4) {
            refuse(l, SAIL_ERR_INVALID_ARG);
            sail_text_add(l->message, "export \"");
            sail_text_add_bytes(l->message, name.data, name.size);
            sail_text_add(l->message, "\" has an unknown kind");
            return false;
        }
        if (!read_u32(l, r, &index)) {
            return false;
        }
        if (name_is(name, "sail_fuel")) {
            image->metered = true;
        }
        for (int e = 0; e < SAIL_ABI_EXPORT_COUNT; e++) {
            if (!l->export_found[e] && name_is(name, sail_abi_exports[e].name)) {
                l->export_found[e] = true;
                l->export_kind[e] = kind;
                l->export_index[e] = index;
            }
        }
    }
    return true;
}

static bool read_code(loader_t *l, reader_t *r)
{
    uint32_t n;
    uint32_t len;
    if (!read_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        if (!read_u32(l, r, &len) || !take(l, r, len)) {
            return false;
        }
    }
    return true;
}

static bool read_data(loader_t *l, reader_t *r, sail_image_t *image)
{
    uint32_t n;
    if (!read_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        uint32_t flags;
        uint32_t memory;
        uint32_t len;
        bool has_offset = false;
        int64_t offset = 0;
        if (!read_u32(l, r, &flags)) {
            return false;
        }
        if (flags == 0 && !read_const_expr(l, r, &has_offset, &offset)) {
            return false;
        }
        if (flags == 2 && (!read_u32(l, r, &memory) || !read_const_expr(l, r, &has_offset, &offset))) {
            return false;
        }
        if (!read_u32(l, r, &len) || !take(l, r, len)) {
            return false;
        }
        /* An i32 address is unsigned. */
        uint64_t end = (uint64_t)(uint32_t)offset + len;
        if (has_offset && end > image->static_data_end) {
            image->static_data_end = end;
        }
    }
    return true;
}

/* The section walk: every section in file order, each read as far as the board needs it. */
static bool read_sections(loader_t *l, sail_image_t *image)
{
    static const uint8_t MAGIC[8] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    if (l->size < 8 || memcmp(l->bytes, MAGIC, 4) != 0) {
        return FORMAT_ERROR(l, "not a WebAssembly binary (bad magic number)");
    }
    if (memcmp(l->bytes + 4, MAGIC + 4, 4) != 0) {
        return FORMAT_ERROR(l, "unsupported WebAssembly binary version");
    }
    reader_t top = {8, l->size};
    while (top.pos < top.end) {
        uint32_t start = top.pos;
        uint8_t id;
        uint32_t size;
        if (!read_byte(l, &top, &id) || !read_u32(l, &top, &size)) {
            return false;
        }
        uint64_t end = (uint64_t)top.pos + size;
        if (end > l->size) {
            return FORMAT_ERROR(l, "section %u runs past the end of the file", id);
        }
        reader_t r = {top.pos, (uint32_t)end};
        if (id > 0 && id < SECTION_IDS) {
            if (l->seen[id]) {
                return FORMAT_ERROR(l, "section %u appears twice; a module has one at most", id);
            }
            l->seen[id] = true;
            l->body[id] = r.pos;
            l->end[id] = r.end;
        }
        bool ok = true;
        switch (id) {
            case 0:
                ok = read_custom(l, &r, start, image);
                break;
            case 1:
                ok = read_types(l, &r);
                break;
            case 2:
                ok = read_imports(l, &r, image);
                break;
            case 3:
                ok = read_functions(l, &r, image);
                break;
            case 5:
                ok = read_memories(l, &r, image);
                break;
            case 6:
                ok = read_globals(l, &r);
                break;
            case 7:
                ok = read_exports(l, &r, image);
                break;
            case 8:
                l->has_start = true;
                break;
            case 10:
                ok = read_code(l, &r);
                break;
            case 11:
                ok = read_data(l, &r, image);
                break;
            default:
                break;
        }
        if (!ok) {
            return false;
        }
        top.pos = (uint32_t)end;
    }
    return true;
}

static void add_abi_version(sail_text_t *text, int32_t version)
{
    sail_text_add(text, "%" PRIu32 ".%" PRIu32, (uint32_t)version >> 16, (uint32_t)version & 0xffffu);
}

/* The exported sail_abi_version's value, or false when it is not an immutable i32 constant. */
static bool abi_version_global(loader_t *l, uint32_t index, int32_t *version)
{
    if (index < l->imported_globals || !l->seen[6]) {
        return false;
    }
    reader_t r = {l->body[6], l->end[6]};
    uint32_t count;
    if (!read_u32(l, &r, &count) || index - l->imported_globals >= count) {
        return false;
    }
    for (uint32_t g = 0; g <= index - l->imported_globals; g++) {
        uint8_t type;
        uint8_t mutability;
        bool has_value;
        int64_t value;
        if (!read_val_type(l, &r, &type) || !read_byte(l, &r, &mutability) ||
            !read_const_expr(l, &r, &has_value, &value)) {
            return false;
        }
        if (g == index - l->imported_globals) {
            *version = (int32_t)(uint32_t)(uint64_t)value;
            return type == 0x7f && mutability != 1 && has_value;
        }
    }
    return false;
}

/* The ABI's exports: present, of the right kind and signature; then the version's major. */
static bool check_exports(loader_t *l, sail_image_t *image)
{
    int version_export = -1;
    for (int e = 0; e < SAIL_ABI_EXPORT_COUNT; e++) {
        const sail_abi_export_t *want = &sail_abi_exports[e];
        if (strcmp(want->name, "sail_abi_version") == 0) {
            version_export = e;
        }
        if (!l->export_found[e]) {
            if (want->required) {
                refuse(l, SAIL_ERR_NOT_SUPPORTED);
                sail_text_add(l->message,
                              "does not export %s (%s); re-export the SDK's entry points: "
                              "export { sail_event, sail_abi_version } from \".../assembly/sail\"",
                              want->name, want->doc);
                return false;
            }
            continue;
        }
        const char *kind = KIND_NAMES[l->export_kind[e]];
        if (strcmp(kind, want->kind) != 0) {
            refuse(l, SAIL_ERR_NOT_SUPPORTED);
            sail_text_add(l->message, "exports %s as a %s; the ABI needs a %s", want->name, kind, want->kind);
            return false;
        }
        if (strcmp(want->kind, "function") == 0) {
            char buf[256];
            sail_text_t got;
            sail_text_init(&got, buf, sizeof buf);
            uint32_t type_index;
            uint32_t results;
            bool known =
                function_type(l, l->export_index[e], &type_index) && type_signature(l, type_index, &got, &results);
            if (!known || strcmp(buf, want->signature) != 0) {
                refuse(l, SAIL_ERR_NOT_SUPPORTED);
                sail_text_add(l->message, "exports %s as %s; the ABI defines %s%s", want->name, known ? buf : "?",
                              want->name, want->signature);
                return false;
            }
        }
    }
    if (version_export < 0 || !l->export_found[version_export] ||
        !abi_version_global(l, l->export_index[version_export], &image->abi_version)) {
        refuse(l, SAIL_ERR_NOT_SUPPORTED);
        sail_text_add(l->message, "sail_abi_version must be an immutable i32 global with a constant value");
        return false;
    }
    if ((uint32_t)image->abi_version >> 16 != SAIL_ABI_VERSION_MAJOR) {
        refuse(l, SAIL_ERR_NOT_SUPPORTED);
        sail_text_add(l->message, "is built for ABI ");
        add_abi_version(l->message, image->abi_version);
        sail_text_add(l->message,
                      "; this board speaks ABI %d.%d (major versions must match): rebuild the firmware with this SDK",
                      SAIL_ABI_VERSION_MAJOR, SAIL_ABI_VERSION_MINOR);
        return false;
    }
    return true;
}

static void add_key(sail_text_t *text, sail_bytes_t module, sail_bytes_t name)
{
    sail_text_add_bytes(text, module.data, module.size);
    sail_text_add(text, ".");
    sail_text_add_bytes(text, name.data, name.size);
}

/* Every import is a function of the ABI table with the table's signature. */
static bool check_imports(loader_t *l, const sail_image_t *image)
{
    reader_t r = {l->body[2], l->end[2]};
    uint32_t count = 0;
    if (l->seen[2] && !read_u32(l, &r, &count)) {
        return false;
    }
    for (; count > 0; count--) {
        sail_bytes_t module;
        sail_bytes_t name;
        uint8_t kind;
        uint32_t type_index = 0;
        if (!read_import(l, &r, &module, &name, &kind, &type_index)) {
            return false;
        }
        if (kind != 0) {
            refuse(l, SAIL_ERR_NOT_SUPPORTED);
            sail_text_add(l->message, "imports %s ", KIND_NAMES[kind]);
            add_key(l->message, module, name);
            sail_text_add(l->message, "; a Sail board gives firmware only functions "
                                      "(build without --importMemory / --importTable)");
            return false;
        }
        const sail_abi_import_t *entry = NULL;
        bool module_known = false;
        for (int i = 0; i < SAIL_ABI_IMPORT_COUNT && entry == NULL; i++) {
            if (name_is(module, sail_abi_imports[i].module)) {
                module_known = true;
                if (name_is(name, sail_abi_imports[i].name)) {
                    entry = &sail_abi_imports[i];
                }
            }
        }
        if (entry == NULL) {
            refuse(l, SAIL_ERR_NOT_SUPPORTED);
            sail_text_add(l->message, "imports ");
            add_key(l->message, module, name);
            sail_text_add(l->message, ", which ABI ");
            add_abi_version(l->message, image->abi_version);
            sail_text_add(l->message, " on this board does not have");
            if (!module_known) {
                sail_text_add(l->message, "; imports come from module \"sail\" "
                                          "(and AssemblyScript's env.abort, env.trace, env.seed)");
                return false;
            }
            sail_text_add(l->message, "; ");
            sail_text_add_bytes(l->message, module.data, module.size);
            sail_text_add(l->message, " has: ");
            bool first = true;
            for (int i = 0; i < SAIL_ABI_IMPORT_COUNT; i++) {
                if (name_is(module, sail_abi_imports[i].module)) {
                    sail_text_add(l->message, "%s%s", first ? "" : ", ", sail_abi_imports[i].name);
                    first = false;
                }
            }
            return false;
        }
        char buf[256];
        sail_text_t got;
        sail_text_init(&got, buf, sizeof buf);
        uint32_t results = 0;
        if (!type_signature(l, type_index, &got, &results)) {
            return false;
        }
        if (strcmp(buf, entry->signature) != 0 || results > 1) {
            refuse(l, SAIL_ERR_NOT_SUPPORTED);
            sail_text_add(l->message, "imports ");
            add_key(l->message, module, name);
            sail_text_add(l->message, " as %s; the ABI defines ", buf);
            add_key(l->message, module, name);
            sail_text_add(l->message, "%s", entry->signature);
            return false;
        }
    }
    return true;
}

/* bytes / 1024 as JavaScript prints it: exact, without trailing zeros. */
static void add_kib(sail_text_t *text, uint64_t bytes)
{
    sail_text_add(text, "%" PRIu64, bytes / 1024);
    uint64_t rest = bytes % 1024;
    if (rest == 0) {
        return;
    }
    sail_text_add(text, ".");
    while (rest != 0) {
        rest *= 10;
        sail_text_add(text, "%" PRIu64, rest / 1024);
        rest %= 1024;
    }
}

/* Static data fits the memory the image starts with, and that memory fits the board's RAM budget. */
static bool check_memory(loader_t *l, const sail_image_t *image, const sail_board_t *board)
{
    uint64_t budget = board->ram_bytes;
    uint64_t initial = image->has_memory ? (uint64_t)image->memory_min_pages * SAIL_WASM_PAGE_BYTES : 0;
    if (image->static_data_end > initial) {
        refuse(l, SAIL_ERR_INVALID_SIZE);
        sail_text_add(l->message,
                      "static data ends at byte %" PRIu64 ", past the %" PRIu64
                      " bytes of memory the image starts with",
                      image->static_data_end, initial);
        return false;
    }
    if (image->static_data_end > budget) {
        refuse(l, SAIL_ERR_INVALID_SIZE);
        sail_text_add(l->message, "static data ends at byte %" PRIu64 "; %s gives the app %" PRIu64 " bytes of RAM",
                      image->static_data_end, board->id, budget);
        return false;
    }
    /* Below one page the runtime clamps memory to the budget, as wasm3's memoryLimit does. */
    if (initial > (budget > SAIL_WASM_PAGE_BYTES ? budget : SAIL_WASM_PAGE_BYTES)) {
        refuse(l, SAIL_ERR_INVALID_SIZE);
        sail_text_add(l->message, "starts with %" PRIu32 " pages (", image->memory_min_pages);
        add_kib(l->message, initial);
        sail_text_add(l->message, " KiB) of memory; %s gives the app ", board->id);
        add_kib(l->message, budget);
        sail_text_add(l->message, " KiB: lower --initialMemory or use a board with more RAM");
        return false;
    }
    return true;
}

/* The manifest: one at most, well-formed, and naming this board when it names any. */
static bool check_manifest(loader_t *l, sail_image_t *image, const sail_board_t *board)
{
    if (l->manifest_count == 0) {
        return true;
    }
    if (l->manifest_count > 1) {
        refuse(l, SAIL_ERR_INVALID_ARG);
        sail_text_add(l->message, "has %" PRIu32 " sail.manifest sections; an image carries one", l->manifest_count);
        return false;
    }
    sail_err_t err = sail_manifest_parse(l->manifest.data, l->manifest.size, l->file, &image->manifest, l->message);
    if (err != SAIL_OK) {
        l->status = err;
        return false;
    }
    image->has_manifest = true;
    if (!sail_manifest_allows(&image->manifest, board->id)) {
        refuse(l, SAIL_ERR_NOT_SUPPORTED);
        sail_text_add(l->message, "is built for ");
        for (size_t i = 0; i < image->manifest.board_count; i++) {
            sail_text_add(l->message, "%s", i > 0 ? ", " : "");
            sail_text_add_bytes(l->message, (const uint8_t *)image->manifest.boards[i],
                                image->manifest.board_lengths[i]);
        }
        sail_text_add(l->message, "; it cannot be flashed onto %s", board->id);
        return false;
    }
    return true;
}

sail_err_t sail_image_load(const uint8_t *bytes, size_t size, const sail_board_t *board, const char *file,
                           sail_image_t *image, char *message, size_t message_size)
{
    sail_text_t text;
    sail_text_init(&text, message, message_size);
    memset(image, 0, sizeof *image);
    static loader_t zero;
    loader_t l = zero;
    l.bytes = bytes;
    l.size = size > UINT32_MAX ? UINT32_MAX : (uint32_t)size;
    l.file = file;
    l.message = &text;
    l.status = SAIL_OK;
    if (size > UINT32_MAX) {
        refuse(&l, SAIL_ERR_INVALID_SIZE);
        sail_text_add(&text, "is %zu bytes; a wasm32 image is under 4 GiB", size);
        return l.status;
    }
    /* In the emulator's order (host/flash/flash.ts): the binary, its size, the manifest,
     * the start function, the exports and the version, the manifest's ABI, the imports, memory. */
    if (!read_sections(&l, image)) {
        return l.status;
    }
    if (size > board->partition_size) {
        refuse(&l, SAIL_ERR_INVALID_SIZE);
        sail_text_add(&text, "is %zu bytes; the %s app partition of %s holds %" PRIu32 " bytes", size,
                      board->partition_name, board->id, board->partition_size);
        return l.status;
    }
    if (!check_manifest(&l, image, board)) {
        return l.status;
    }
    if (l.has_start) {
        refuse(&l, SAIL_ERR_NOT_SUPPORTED);
        sail_text_add(&text, "has a wasm start function, which would run while the board instantiates it; "
                             "build with --exportStart _start (sail build does)");
        return l.status;
    }
    if (!check_exports(&l, image)) {
        return l.status;
    }
    if (image->has_manifest) {
        char exported[24];
        sail_text_t version;
        sail_text_init(&version, exported, sizeof exported);
        add_abi_version(&version, image->abi_version);
        if (strcmp(exported, image->manifest.abi) != 0) {
            refuse(&l, SAIL_ERR_NOT_SUPPORTED);
            sail_text_add(&text, "manifest says ABI %s but the code exports sail_abi_version %s", image->manifest.abi,
                          exported);
            return l.status;
        }
    }
    if (!check_imports(&l, image) || !check_memory(&l, image, board)) {
        return l.status;
    }
    return SAIL_OK;
}
