/* The board's checks on a walked image, in the emulator's order and words. */
#include <inttypes.h>
#include <string.h>

#include "sail_loader.h"

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
    if (!sail_rd_u32(l, &r, &count) || index - l->imported_globals >= count) {
        return false;
    }
    for (uint32_t g = 0; g <= index - l->imported_globals; g++) {
        uint8_t type;
        uint8_t mutability;
        bool has_value;
        int64_t value;
        if (!sail_rd_val_type(l, &r, &type) || !sail_rd_byte(l, &r, &mutability) ||
            !sail_rd_const_expr(l, &r, &has_value, &value)) {
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
                sail_loader_refuse(l, SAIL_ERR_NOT_SUPPORTED);
                sail_text_add(l->message,
                              "does not export %s (%s); re-export the SDK's entry points: "
                              "export { sail_event, sail_abi_version } from \".../assembly/sail\"",
                              want->name, want->doc);
                return false;
            }
            continue;
        }
        const char *kind = SAIL_KIND_NAMES[l->export_kind[e]];
        if (strcmp(kind, want->kind) != 0) {
            sail_loader_refuse(l, SAIL_ERR_NOT_SUPPORTED);
            sail_text_add(l->message, "exports %s as a %s; the ABI needs a %s", want->name, kind, want->kind);
            return false;
        }
        if (strcmp(want->kind, "function") == 0) {
            char buf[256];
            sail_text_t got;
            sail_text_init(&got, buf, sizeof buf);
            uint32_t type_index;
            uint32_t results;
            bool known = sail_rd_function_type(l, l->export_index[e], &type_index) &&
                         sail_rd_type_signature(l, type_index, &got, &results);
            if (!known || strcmp(buf, want->signature) != 0) {
                sail_loader_refuse(l, SAIL_ERR_NOT_SUPPORTED);
                sail_text_add(l->message, "exports %s as %s; the ABI defines %s%s", want->name, known ? buf : "?",
                              want->name, want->signature);
                return false;
            }
        }
    }
    if (version_export < 0 || !l->export_found[version_export] ||
        !abi_version_global(l, l->export_index[version_export], &image->abi_version)) {
        sail_loader_refuse(l, SAIL_ERR_NOT_SUPPORTED);
        sail_text_add(l->message, "sail_abi_version must be an immutable i32 global with a constant value");
        return false;
    }
    if ((uint32_t)image->abi_version >> 16 != SAIL_ABI_VERSION_MAJOR) {
        sail_loader_refuse(l, SAIL_ERR_NOT_SUPPORTED);
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
    if (l->seen[2] && !sail_rd_u32(l, &r, &count)) {
        return false;
    }
    for (; count > 0; count--) {
        sail_bytes_t module;
        sail_bytes_t name;
        uint8_t kind;
        uint32_t type_index = 0;
        if (!sail_rd_import(l, &r, &module, &name, &kind, &type_index)) {
            return false;
        }
        if (kind != 0) {
            sail_loader_refuse(l, SAIL_ERR_NOT_SUPPORTED);
            sail_text_add(l->message, "imports %s ", SAIL_KIND_NAMES[kind]);
            add_key(l->message, module, name);
            sail_text_add(l->message, "; a Sail board gives firmware only functions "
                                      "(build without --importMemory / --importTable)");
            return false;
        }
        const sail_abi_import_t *entry = NULL;
        bool module_known = false;
        for (int i = 0; i < SAIL_ABI_IMPORT_COUNT && entry == NULL; i++) {
            if (sail_rd_name_is(module, sail_abi_imports[i].module)) {
                module_known = true;
                if (sail_rd_name_is(name, sail_abi_imports[i].name)) {
                    entry = &sail_abi_imports[i];
                }
            }
        }
        if (entry == NULL) {
            sail_loader_refuse(l, SAIL_ERR_NOT_SUPPORTED);
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
                if (sail_rd_name_is(module, sail_abi_imports[i].module)) {
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
        if (!sail_rd_type_signature(l, type_index, &got, &results)) {
            return false;
        }
        if (strcmp(buf, entry->signature) != 0 || results > 1) {
            sail_loader_refuse(l, SAIL_ERR_NOT_SUPPORTED);
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
        sail_loader_refuse(l, SAIL_ERR_INVALID_SIZE);
        sail_text_add(l->message,
                      "static data ends at byte %" PRIu64 ", past the %" PRIu64
                      " bytes of memory the image starts with",
                      image->static_data_end, initial);
        return false;
    }
    if (image->static_data_end > budget) {
        sail_loader_refuse(l, SAIL_ERR_INVALID_SIZE);
        sail_text_add(l->message, "static data ends at byte %" PRIu64 "; %s gives the app %" PRIu64 " bytes of RAM",
                      image->static_data_end, board->id, budget);
        return false;
    }
    /* Below one page the runtime clamps memory to the budget, as wasm3's memoryLimit does. */
    if (initial > (budget > SAIL_WASM_PAGE_BYTES ? budget : SAIL_WASM_PAGE_BYTES)) {
        sail_loader_refuse(l, SAIL_ERR_INVALID_SIZE);
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
        sail_loader_refuse(l, SAIL_ERR_INVALID_ARG);
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
        sail_loader_refuse(l, SAIL_ERR_NOT_SUPPORTED);
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

/* The start both entry points share: a loader over the bytes, the wasm32 size
 * limit, and the section walk. False (with l->status and the message) when
 * the image is refused there. */
static bool begin_loading(loader_t *l, const uint8_t *bytes, size_t size, const char *file, sail_text_t *text,
                          sail_image_t *image)
{
    static loader_t zero;
    *l = zero;
    l->bytes = bytes;
    l->size = size > UINT32_MAX ? UINT32_MAX : (uint32_t)size;
    l->file = file;
    l->message = text;
    l->status = SAIL_OK;
    if (size > UINT32_MAX) {
        sail_loader_refuse(l, SAIL_ERR_INVALID_SIZE);
        sail_text_add(text, "is %zu bytes; a wasm32 image is under 4 GiB", size);
        return false;
    }
    return sail_loader_read_sections(l, image);
}

sail_err_t sail_image_load(const uint8_t *bytes, size_t size, const sail_board_t *board, const char *file,
                           sail_image_t *image, char *message, size_t message_size)
{
    sail_text_t text;
    sail_text_init(&text, message, message_size);
    memset(image, 0, sizeof *image);
    loader_t l;
    /* In the emulator's order (host/flash/flash.ts): the binary, its size, the manifest,
     * the start function, the exports and the version, the manifest's ABI, the imports, memory. */
    if (!begin_loading(&l, bytes, size, file, &text, image)) {
        return l.status;
    }
    if (size > board->partition_size) {
        sail_loader_refuse(&l, SAIL_ERR_INVALID_SIZE);
        sail_text_add(&text, "is %zu bytes; the %s image partition of %s holds %" PRIu32 " bytes", size,
                      board->partition_name, board->id, board->partition_size);
        return l.status;
    }
    if (!check_manifest(&l, image, board)) {
        return l.status;
    }
    if (l.has_start) {
        sail_loader_refuse(&l, SAIL_ERR_NOT_SUPPORTED);
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
            sail_loader_refuse(&l, SAIL_ERR_NOT_SUPPORTED);
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

sail_err_t sail_image_walk(const uint8_t *bytes, size_t size, const char *file, sail_image_t *image,
                           sail_bytes_t *manifest, uint32_t *manifest_count, char *message, size_t message_size)
{
    sail_text_t text;
    sail_text_init(&text, message, message_size);
    memset(image, 0, sizeof *image);
    *manifest = (sail_bytes_t){NULL, 0};
    *manifest_count = 0;
    loader_t l;
    if (!begin_loading(&l, bytes, size, file, &text, image)) {
        return l.status;
    }
    *manifest = l.manifest;
    *manifest_count = l.manifest_count;
    return SAIL_OK;
}
