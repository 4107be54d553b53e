/* The `sail.manifest` custom section: name, semver version, model, the
 * boards the image may run on, the ABI "major.minor" it was built for, its
 * build time and, when present, its metering. Read into fixed buffers; a
 * field longer than its buffer is refused, never cut. */
#ifndef SAIL_MANIFEST_H
#define SAIL_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#include "sail_err.h"
#include "sail_text.h"

/* Bytes of a text field, its NUL included: 63 characters of ASCII. */
#define SAIL_MANIFEST_FIELD_MAX 64
/* Boards one image may list, and the bytes of one board id with its NUL. */
#define SAIL_MANIFEST_BOARDS_MAX 16
#define SAIL_MANIFEST_BOARD_MAX 48

typedef struct {
    char name[SAIL_MANIFEST_FIELD_MAX];
    char version[SAIL_MANIFEST_FIELD_MAX];
    char model[SAIL_MANIFEST_FIELD_MAX];
    char abi[SAIL_MANIFEST_FIELD_MAX];
    char built[SAIL_MANIFEST_FIELD_MAX];
    /* "<algorithm>@<version>" when the manifest names its metering as a string. */
    bool has_metering;
    char metering[SAIL_MANIFEST_FIELD_MAX];
    /* Empty means any board. */
    size_t board_count;
    char boards[SAIL_MANIFEST_BOARDS_MAX][SAIL_MANIFEST_BOARD_MAX];
    size_t board_lengths[SAIL_MANIFEST_BOARDS_MAX];
} sail_manifest_t;

/* Parses the section's payload. On a refusal the message (which starts with
 * `file`) names the field and what it must be, in the emulator's words. */
sail_err_t sail_manifest_parse(const uint8_t *bytes, size_t size, const char *file, sail_manifest_t *manifest,
                               sail_text_t *message);

/* True when `board` may run the image: it is listed, or nothing is. */
bool sail_manifest_allows(const sail_manifest_t *manifest, const char *board);

/* True for a semantic version such as 1.2.0, 1.2.0-rc.1 or 1.2.0+build.5. */
bool sail_is_semver(const char *text, size_t len);

/* True for "major.minor", two runs of ASCII digits. */
bool sail_is_abi_text(const char *text, size_t len);

/* True when bytes[0..size) is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF). */
bool sail_is_utf8(const uint8_t *bytes, size_t size);

#endif /* SAIL_MANIFEST_H */
