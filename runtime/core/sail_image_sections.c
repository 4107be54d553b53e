/* The loader's section walk: what each section holds that the board needs. */
#include <inttypes.h>
#include <string.h>

#include "sail_loader.h"

static bool read_custom(loader_t *l, reader_t *r, uint32_t start, sail_image_t *image)
{
    sail_bytes_t name;
    if (!sail_rd_name(l, r, &name)) {
        return false;
    }
    sail_bytes_t data = {l->bytes + r->pos, r->end - r->pos};
    if (sail_rd_name_is(name, "sail.manifest")) {
        if (l->manifest_count++ == 0) {
            l->manifest = data;
        }
    } else if (sail_rd_name_is(name, "sail.spec")) {
        if (image->spec.data == NULL) {
            image->spec = data;
        }
    } else if (sail_rd_name_is(name, "sail.signature")) {
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
    if (!sail_rd_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        uint8_t form;
        uint8_t type;
        uint32_t count;
        if (!sail_rd_byte(l, r, &form)) {
            return false;
        }
        if (form != 0x60) {
            return FORMAT_ERROR(l, "type form 0x%x is not supported (GC types)", form);
        }
        for (int list = 0; list < 2; list++) {
            if (!sail_rd_u32(l, r, &count)) {
                return false;
            }
            for (; count > 0; count--) {
                if (!sail_rd_val_type(l, r, &type)) {
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
    if (!sail_rd_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        sail_bytes_t module;
        sail_bytes_t name;
        uint8_t kind;
        uint32_t type_index;
        uint32_t at = r->pos;
        if (!sail_rd_import(l, r, &module, &name, &kind, &type_index)) {
            return false;
        }
        if (kind == 0) {
            image->imported_functions++;
        } else if (kind == 2) {
            /* Read the limits again: the memory is imported. */
            reader_t again = {at, r->end};
            uint8_t b;
            if (!sail_rd_name(l, &again, &module) || !sail_rd_name(l, &again, &name) || !sail_rd_byte(l, &again, &b) ||
                !sail_rd_limits(l, &again, &image->memory_min_pages, &image->memory_has_max,
                                &image->memory_max_pages)) {
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
    if (!sail_rd_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        if (!sail_rd_u32(l, r, &type_index)) {
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
    if (!sail_rd_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        if (!sail_rd_limits(l, r, &image->memory_min_pages, &image->memory_has_max, &image->memory_max_pages)) {
            return false;
        }
        image->has_memory = true;
    }
    return true;
}

static bool read_globals(loader_t *l, reader_t *r)
{
    uint32_t n;
    if (!sail_rd_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        uint8_t type;
        uint8_t mutability;
        bool has_value;
        int64_t value;
        if (!sail_rd_val_type(l, r, &type) || !sail_rd_byte(l, r, &mutability) ||
            !sail_rd_const_expr(l, r, &has_value, &value)) {
            return false;
        }
    }
    return true;
}

static bool read_exports(loader_t *l, reader_t *r, sail_image_t *image)
{
    uint32_t n;
    if (!sail_rd_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        sail_bytes_t name;
        uint8_t kind;
        uint32_t index;
        if (!sail_rd_name(l, r, &name) || !sail_rd_byte(l, r, &kind)) {
            return false;
        }
        if (kind > 4) {
            sail_loader_refuse(l, SAIL_ERR_INVALID_ARG);
            sail_text_add(l->message, "export \"");
            sail_text_add_bytes(l->message, name.data, name.size);
            sail_text_add(l->message, "\" has an unknown kind");
            return false;
        }
        if (!sail_rd_u32(l, r, &index)) {
            return false;
        }
        if (sail_rd_name_is(name, "sail_fuel")) {
            image->metered = true;
        }
        for (int e = 0; e < SAIL_ABI_EXPORT_COUNT; e++) {
            if (!l->export_found[e] && sail_rd_name_is(name, sail_abi_exports[e].name)) {
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
    if (!sail_rd_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        if (!sail_rd_u32(l, r, &len) || !sail_rd_take(l, r, len)) {
            return false;
        }
    }
    return true;
}

static bool read_data(loader_t *l, reader_t *r, sail_image_t *image)
{
    uint32_t n;
    if (!sail_rd_u32(l, r, &n)) {
        return false;
    }
    for (; n > 0; n--) {
        uint32_t flags;
        uint32_t memory;
        uint32_t len;
        bool has_offset = false;
        int64_t offset = 0;
        if (!sail_rd_u32(l, r, &flags)) {
            return false;
        }
        if (flags == 0 && !sail_rd_const_expr(l, r, &has_offset, &offset)) {
            return false;
        }
        if (flags == 2 && (!sail_rd_u32(l, r, &memory) || !sail_rd_const_expr(l, r, &has_offset, &offset))) {
            return false;
        }
        if (!sail_rd_u32(l, r, &len) || !sail_rd_take(l, r, len)) {
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
bool sail_loader_read_sections(loader_t *l, sail_image_t *image)
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
        if (!sail_rd_byte(l, &top, &id) || !sail_rd_u32(l, &top, &size)) {
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
