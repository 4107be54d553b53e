/* The image loader's own parts, shared by its three files: the reader of
 * wasm's encodings (sail_wasm_read.c), the section walk
 * (sail_image_sections.c) and the board's checks (sail_image.c). Not for use
 * outside the loader. */
#ifndef SAIL_LOADER_H
#define SAIL_LOADER_H

#include <stdbool.h>
#include <stdint.h>

#include "sail_image.h"
#include "sail_imports.h"
#include "sail_text.h"

/* Known section ids are 1..12; a module has one of each at most. */
#define SECTION_IDS 13

/* Export and import kinds by their byte. */
extern const char *const SAIL_KIND_NAMES[5];

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

/* Starts the refusal: "<file>: " then the problem; the loader stops at the first. Returns false. */
bool sail_loader_refuse(loader_t *l, sail_err_t status);

/* A malformed binary, in the words of host/wasm/binary.ts. */
#define FORMAT_ERROR(l, ...)                                                                                           \
    (sail_loader_refuse((l), SAIL_ERR_INVALID_ARG), sail_text_add((l)->message, __VA_ARGS__), false)

/* Readers of wasm's encodings; each refuses (FORMAT_ERROR) what it cannot read. */
bool sail_rd_byte(loader_t *l, reader_t *r, uint8_t *out);
/* An unsigned LEB128 of at most 5 bytes and 32 bits (core spec 5.2.2). */
bool sail_rd_u32(loader_t *l, reader_t *r, uint32_t *out);
bool sail_rd_sleb(loader_t *l, reader_t *r, int64_t *out);
bool sail_rd_take(loader_t *l, reader_t *r, uint32_t n);
bool sail_rd_name(loader_t *l, reader_t *r, sail_bytes_t *out);
const char *sail_rd_val_type_name(uint8_t b);
bool sail_rd_val_type(loader_t *l, reader_t *r, uint8_t *out);
bool sail_rd_limits(loader_t *l, reader_t *r, uint32_t *min, bool *has_max, uint32_t *max);
bool sail_rd_const_expr(loader_t *l, reader_t *r, bool *has_value, int64_t *value);
bool sail_rd_name_is(sail_bytes_t name, const char *text);

/* Type `index` printed as the emulator does, "(i32, i64) -> i32"; its result count. */
bool sail_rd_type_signature(loader_t *l, uint32_t index, sail_text_t *out, uint32_t *result_count);
/* One import entry: names, kind and, for a function, its type index. */
bool sail_rd_import(loader_t *l, reader_t *r, sail_bytes_t *module, sail_bytes_t *name, uint8_t *kind,
                    uint32_t *type_index);
/* The type index of function `index` (imports first). */
bool sail_rd_function_type(loader_t *l, uint32_t index, uint32_t *type_index);

/* Walks every section in file order, reading each as far as the board needs. */
bool sail_loader_read_sections(loader_t *l, sail_image_t *image);

#endif /* SAIL_LOADER_H */
