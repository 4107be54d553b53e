/* The image loader: what runs before the engine. It walks a Sail image's
 * sections as the WebAssembly core spec lays them out (LEB128 sizes of at most
 * five bytes and 32 bits), reads the custom sections `sail.manifest`,
 * `sail.spec` and `sail.signature`, the imports, the exports and the
 * `sail_abi_version` global, and refuses an image the board cannot run with
 * the reasons and words of the emulator (host/flash/flash.ts). Nothing is
 * allocated or copied: the image keeps pointing into the caller's bytes. */
#ifndef SAIL_IMAGE_H
#define SAIL_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sail_err.h"
#include "sail_manifest.h"

/* Room for the longest refusal (an unknown import lists the ABI's names). */
#define SAIL_IMAGE_MESSAGE_MAX 2048

#define SAIL_WASM_PAGE_BYTES 65536u

/* What the loader needs of the board profile. */
typedef struct {
    /* The profile id, matched against the manifest's boards. */
    const char *id;
    /* The app partition an image is written to, and its size in bytes. */
    const char *partition_name;
    uint32_t partition_size;
    /* The app's RAM budget in bytes. */
    uint32_t ram_bytes;
} sail_board_t;

typedef struct {
    const uint8_t *data;
    uint32_t size;
} sail_bytes_t;

typedef struct {
    bool has_manifest;
    sail_manifest_t manifest;
    /* The sail.spec payload (MIoT spec JSON, not checked here), size 0 when absent. */
    sail_bytes_t spec;
    /* The sail.signature sections, and the first one's payload and section start. */
    uint32_t signature_count;
    sail_bytes_t signature;
    uint32_t signature_start;
    uint32_t signature_end;
    /* The exported sail_abi_version: major << 16 | minor. */
    int32_t abi_version;
    /* Linear memory, in 64 KiB pages. */
    bool has_memory;
    uint32_t memory_min_pages;
    bool memory_has_max;
    uint32_t memory_max_pages;
    /* The highest byte an active data segment writes. */
    uint64_t static_data_end;
    /* Whether it exports the metering global sail_fuel. */
    bool metered;
    uint32_t imported_functions;
    uint32_t defined_functions;
} sail_image_t;

/* Reads and checks an image for `board`. `file` names it in the message,
 * which on a refusal reads as the emulator's ImageError does:
 * "<file>: <problem>". */
sail_err_t sail_image_load(const uint8_t *bytes, size_t size, const sail_board_t *board, const char *file,
                           sail_image_t *image, char *message, size_t message_size);

/* Only the section walk, without the board's checks: what an update check
 * needs before it trusts anything else (sail_update.h). Hands back the
 * sail.manifest payload (the first one) and how many there are, unparsed. */
sail_err_t sail_image_walk(const uint8_t *bytes, size_t size, const char *file, sail_image_t *image,
                           sail_bytes_t *manifest, uint32_t *manifest_count, char *message, size_t message_size);

#endif /* SAIL_IMAGE_H */
