#include "sail_manifest.h"

#include <string.h>

#include "sail_json.h"

#define SECTION "sail.manifest"

/* The fields the emulator reads, in the order it checks them (host/flash/manifest.ts). */
enum { F_VERSION, F_ABI, F_BOARDS, F_NAME, F_MODEL, F_BUILT, F_METERING, F_COUNT };
static const char *const FIELD_NAMES[F_COUNT] = {"version", "abi", "boards", "name", "model", "built", "metering"};

bool sail_is_utf8(const uint8_t *b, size_t size)
{
    size_t i = 0;
    while (i < size) {
        uint8_t c = b[i];
        size_t n;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
            cp = c & 0x1fu;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            cp = c & 0x0fu;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            cp = c & 0x07u;
        } else {
            return false;
        }
        if (size - i - 1 < n) {
            return false;
        }
        for (size_t k = 1; k <= n; k++) {
            if ((b[i + k] & 0xc0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (b[i + k] & 0x3fu);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp < 0xe000)) {
            return false;
        }
        i += n + 1;
    }
    return true;
}

static size_t digits(const char *s, size_t len, size_t at)
{
    size_t n = 0;
    while (at + n < len && s[at + n] >= '0' && s[at + n] <= '9') {
        n++;
    }
    return n;
}

static bool ident_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-';
}

bool sail_is_semver(const char *s, size_t len)
{
    /* ^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$ */
    size_t at = 0;
    for (int part = 0; part < 3; part++) {
        size_t n = digits(s, len, at);
        if (n == 0) {
            return false;
        }
        at += n;
        if (part < 2) {
            if (at >= len || s[at] != '.') {
                return false;
            }
            at++;
        }
    }
    /* The pre-release's characters include '-', so it runs until a '+'. */
    for (int tail = 0; tail < 2; tail++) {
        char lead = tail == 0 ? '-' : '+';
        if (at < len && s[at] == lead) {
            size_t start = ++at;
            while (at < len && ident_char(s[at])) {
                at++;
            }
            if (at == start) {
                return false;
            }
        }
    }
    return at == len;
}

bool sail_is_abi_text(const char *s, size_t len)
{
    size_t major = digits(s, len, 0);
    if (major == 0 || major >= len || s[major] != '.') {
        return false;
    }
    size_t minor = digits(s, len, major + 1);
    return minor > 0 && major + 1 + minor == len;
}

bool sail_manifest_allows(const sail_manifest_t *manifest, const char *board)
{
    if (manifest->board_count == 0) {
        return true;
    }
    size_t len = strlen(board);
    for (size_t i = 0; i < manifest->board_count; i++) {
        if (manifest->board_lengths[i] == len && memcmp(manifest->boards[i], board, len) == 0) {
            return true;
        }
    }
    return false;
}

/* A value as the emulator quotes it (JSON.stringify): its text without the whitespace between tokens. */
static void add_compact(sail_text_t *message, const sail_json_t *json, sail_json_span_t span)
{
    bool in_string = false;
    for (size_t i = span.start; i < span.end; i++) {
        char c = json->text[i];
        if (in_string) {
            if (c == '\\' && i + 1 < span.end) {
                sail_text_add_bytes(message, (const uint8_t *)json->text + i, 2);
                i++;
                continue;
            }
            in_string = c != '"';
        } else if (c == '"') {
            in_string = true;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            continue;
        }
        sail_text_add_bytes(message, (const uint8_t *)&c, 1);
    }
}

typedef struct {
    const char *file;
    const sail_json_t *json;
    sail_text_t *message;
} reader_t;

static sail_err_t field_error(const reader_t *r, const char *field, sail_err_t status)
{
    sail_text_add(r->message, "%s (" SECTION "): %s: ", r->file, field);
    return status;
}

/* A non-empty string field into out[SAIL_MANIFEST_FIELD_MAX]. */
static sail_err_t read_text(const reader_t *r, int field, const sail_json_span_t *spans, const bool *present, char *out,
                            size_t *len)
{
    const char *name = FIELD_NAMES[field];
    if (!present[field] || spans[field].type != SAIL_JSON_STRING || spans[field].end - spans[field].start == 2) {
        sail_err_t err = field_error(r, name, SAIL_ERR_INVALID_ARG);
        sail_text_add(r->message, "must be a non-empty string, got ");
        if (present[field]) {
            add_compact(r->message, r->json, spans[field]);
        } else {
            sail_text_add(r->message, "undefined");
        }
        return err;
    }
    if (sail_json_string(r->json, spans[field], out, SAIL_MANIFEST_FIELD_MAX, len) != SAIL_OK) {
        sail_err_t err = field_error(r, name, SAIL_ERR_INVALID_SIZE);
        sail_text_add(r->message, "longer than the %d bytes the on-board runtime keeps", SAIL_MANIFEST_FIELD_MAX - 1);
        return err;
    }
    return SAIL_OK;
}

static sail_err_t read_boards(const reader_t *r, sail_json_span_t boards, sail_manifest_t *manifest)
{
    if (boards.type == SAIL_JSON_NULL) {
        return SAIL_OK; /* the emulator reads `boards ?? []` */
    }
    bool all_strings = boards.type == SAIL_JSON_ARRAY;
    size_t pos = 0;
    sail_json_span_t item;
    while (all_strings && sail_json_element(r->json, boards, &pos, &item)) {
        all_strings = item.type == SAIL_JSON_STRING;
    }
    if (!all_strings) {
        sail_err_t err = field_error(r, "boards", SAIL_ERR_INVALID_ARG);
        sail_text_add(r->message, "must be an array of board ids");
        return err;
    }
    pos = 0;
    while (sail_json_element(r->json, boards, &pos, &item)) {
        size_t n = manifest->board_count;
        if (n == SAIL_MANIFEST_BOARDS_MAX) {
            sail_err_t err = field_error(r, "boards", SAIL_ERR_INVALID_SIZE);
            sail_text_add(r->message, "lists more than the %d boards the on-board runtime keeps",
                          SAIL_MANIFEST_BOARDS_MAX);
            return err;
        }
        if (sail_json_string(r->json, item, manifest->boards[n], SAIL_MANIFEST_BOARD_MAX,
                             &manifest->board_lengths[n]) != SAIL_OK) {
            sail_err_t err = field_error(r, "boards", SAIL_ERR_INVALID_SIZE);
            sail_text_add(r->message, "a board id is longer than the %d bytes the on-board runtime keeps",
                          SAIL_MANIFEST_BOARD_MAX - 1);
            return err;
        }
        manifest->board_count++;
    }
    return SAIL_OK;
}

sail_err_t sail_manifest_parse(const uint8_t *bytes, size_t size, const char *file, sail_manifest_t *manifest,
                               sail_text_t *message)
{
    memset(manifest, 0, sizeof *manifest);
    /* The emulator decodes with TextDecoder, which drops a leading byte order mark. */
    if (size >= 3 && bytes[0] == 0xef && bytes[1] == 0xbb && bytes[2] == 0xbf) {
        bytes += 3;
        size -= 3;
    }
    if (!sail_is_utf8(bytes, size)) {
        sail_text_add(message, "%s: " SECTION " is not valid UTF-8 JSON: not UTF-8", file);
        return SAIL_ERR_INVALID_ARG;
    }
    sail_json_t json;
    sail_json_init(&json, (const char *)bytes, size);
    sail_json_span_t root;
    if (sail_json_document(&json, &root) != SAIL_OK) {
        sail_text_add(message, "%s: " SECTION " is not valid UTF-8 JSON: %s", file, json.error);
        return SAIL_ERR_INVALID_ARG;
    }
    reader_t r = {file, &json, message};
    if (root.type != SAIL_JSON_OBJECT) {
        sail_err_t err = field_error(&r, "(manifest)", SAIL_ERR_INVALID_ARG);
        sail_text_add(message, "must be a JSON object");
        return err;
    }
    /* The last of duplicate keys counts, as with JSON.parse. */
    sail_json_span_t spans[F_COUNT];
    bool present[F_COUNT] = {false};
    size_t pos = 0;
    sail_json_span_t key;
    sail_json_span_t value;
    while (sail_json_member(&json, root, &pos, &key, &value)) {
        char name[16];
        size_t len;
        if (sail_json_string(&json, key, name, sizeof name, &len) != SAIL_OK) {
            continue;
        }
        for (int f = 0; f < F_COUNT; f++) {
            if (strlen(FIELD_NAMES[f]) == len && memcmp(FIELD_NAMES[f], name, len) == 0) {
                spans[f] = value;
                present[f] = true;
            }
        }
    }
    size_t len;
    sail_err_t err = read_text(&r, F_VERSION, spans, present, manifest->version, &len);
    if (err != SAIL_OK) {
        return err;
    }
    if (!sail_is_semver(manifest->version, len)) {
        err = field_error(&r, "version", SAIL_ERR_INVALID_ARG);
        sail_text_add(message, "\"%s\" is not a semantic version such as 1.2.0", manifest->version);
        return err;
    }
    err = read_text(&r, F_ABI, spans, present, manifest->abi, &len);
    if (err != SAIL_OK) {
        return err;
    }
    if (!sail_is_abi_text(manifest->abi, len)) {
        err = field_error(&r, "abi", SAIL_ERR_INVALID_ARG);
        sail_text_add(message, "\"%s\" must be \"major.minor\", e.g. \"1.0\"", manifest->abi);
        return err;
    }
    if (present[F_BOARDS]) {
        err = read_boards(&r, spans[F_BOARDS], manifest);
        if (err != SAIL_OK) {
            return err;
        }
    }
    err = read_text(&r, F_NAME, spans, present, manifest->name, &len);
    if (err == SAIL_OK) {
        err = read_text(&r, F_MODEL, spans, present, manifest->model, &len);
    }
    if (err == SAIL_OK) {
        err = read_text(&r, F_BUILT, spans, present, manifest->built, &len);
    }
    if (err != SAIL_OK) {
        return err;
    }
    /* The metering name is kept when it is a string that fits; the emulator does not check it yet. */
    if (present[F_METERING] && spans[F_METERING].type == SAIL_JSON_STRING) {
        manifest->has_metering =
            sail_json_string(&json, spans[F_METERING], manifest->metering, SAIL_MANIFEST_FIELD_MAX, &len) == SAIL_OK;
    }
    return SAIL_OK;
}
