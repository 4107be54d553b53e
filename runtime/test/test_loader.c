/* Unit tests of the image loader's parts: LEB128 limits and the section walk,
 * the JSON reader, the manifest's fields and limits, UTF-8, bounded messages.
 * Built with AddressSanitizer and UBSan by test/runtime-loader.test.ts; prints
 * each failure and then "N passed, N failed". */
#include <stdio.h>
#include <string.h>

#include "sail_image.h"
#include "sail_json.h"
#include "sail_manifest.h"
#include "sail_text.h"

static int passed;
static int failed;

#define CHECK(cond)                                                                                                    \
    do {                                                                                                               \
        if (cond) {                                                                                                    \
            passed++;                                                                                                  \
        } else {                                                                                                       \
            failed++;                                                                                                  \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                                                     \
        }                                                                                                              \
    } while (0)

#define CHECK_TEXT(got, want)                                                                                          \
    do {                                                                                                               \
        if (strcmp((got), (want)) == 0) {                                                                              \
            passed++;                                                                                                  \
        } else {                                                                                                       \
            failed++;                                                                                                  \
            printf("FAIL %s:%d:\n  got  %s\n  want %s\n", __FILE__, __LINE__, (got), (want));                          \
        }                                                                                                              \
    } while (0)

static const sail_board_t BOARD = {"esp32-devkitc", "ota_0", 1572864, 131072};

/* Loads bytes and returns the message ("" when loaded). */
static const char *load(const uint8_t *bytes, size_t size, sail_err_t *status)
{
    static sail_image_t image;
    static char message[SAIL_IMAGE_MESSAGE_MAX];
    message[0] = '\0';
    *status = sail_image_load(bytes, size, &BOARD, "t.wasm", &image, message, sizeof message);
    return message;
}

static void test_section_walk(void)
{
    sail_err_t status;
    const uint8_t empty[] = {0, 'a', 's', 'm', 1, 0, 0, 0};
    load(empty, sizeof empty, &status);
    /* A module with nothing in it is well-formed, then misses the ABI's exports. */
    CHECK(status == SAIL_ERR_NOT_SUPPORTED);
    CHECK(strstr(load(empty, sizeof empty, &status), "t.wasm: does not export _start") != NULL);

    const uint8_t magic[] = {0, 'a', 's', 'n', 1, 0, 0, 0};
    CHECK_TEXT(load(magic, sizeof magic, &status), "t.wasm: not a WebAssembly binary (bad magic number)");
    CHECK(status == SAIL_ERR_INVALID_ARG);
    CHECK_TEXT(load(magic, 3, &status), "t.wasm: not a WebAssembly binary (bad magic number)");
    const uint8_t version[] = {0, 'a', 's', 'm', 2, 0, 0, 0};
    CHECK_TEXT(load(version, sizeof version, &status), "t.wasm: unsupported WebAssembly binary version");

    /* A custom section whose size says more than the file holds. */
    const uint8_t past_end[] = {0, 'a', 's', 'm', 1, 0, 0, 0, 0, 9, 1, 'x'};
    CHECK_TEXT(load(past_end, sizeof past_end, &status), "t.wasm: section 0 runs past the end of the file");
    /* The size's LEB128 ends with the file. */
    const uint8_t cut[] = {0, 'a', 's', 'm', 1, 0, 0, 0, 0, 0x80};
    CHECK_TEXT(load(cut, sizeof cut, &status), "t.wasm: unexpected end at byte 10");
    /* Five bytes are a u32's most; a sixth is refused (core spec 5.2.2). */
    const uint8_t five[] = {0, 'a', 's', 'm', 1, 0, 0, 0, 0, 0x82, 0x80, 0x80, 0x80, 0x00, 1, 'x'};
    CHECK(strstr(load(five, sizeof five, &status), "does not export") != NULL);
    const uint8_t six[] = {0, 'a', 's', 'm', 1, 0, 0, 0, 0, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00};
    CHECK_TEXT(load(six, sizeof six, &status), "t.wasm: LEB128 too long at byte 14");
    const uint8_t wide[] = {0, 'a', 's', 'm', 1, 0, 0, 0, 0, 0x80, 0x80, 0x80, 0x80, 0x10};
    CHECK_TEXT(load(wide, sizeof wide, &status), "t.wasm: LEB128 value past 32 bits at byte 14");
    /* A custom section's name must be UTF-8. */
    const uint8_t bad_name[] = {0, 'a', 's', 'm', 1, 0, 0, 0, 0, 2, 1, 0xff};
    CHECK_TEXT(load(bad_name, sizeof bad_name, &status),
               "t.wasm: a name at byte 10 is not valid UTF-8 (the spec requires it)");
    /* A second type section. */
    const uint8_t twice[] = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 1, 0, 1, 1, 0};
    CHECK_TEXT(load(twice, sizeof twice, &status), "t.wasm: section 1 appears twice; a module has one at most");
    /* A function whose type does not exist. */
    const uint8_t type_range[] = {0, 'a', 's', 'm', 1, 0, 0, 0, 3, 2, 1, 5};
    CHECK_TEXT(load(type_range, sizeof type_range, &status), "t.wasm: type index 5 out of range");
    /* A start section. */
    const uint8_t start[] = {0, 'a', 's', 'm', 1, 0, 0, 0, 8, 1, 0};
    CHECK(strstr(load(start, sizeof start, &status), "has a wasm start function") != NULL);
}

static sail_err_t document(const char *text, sail_json_t *json, sail_json_span_t *span)
{
    sail_json_init(json, text, strlen(text));
    return sail_json_document(json, span);
}

static void test_json(void)
{
    sail_json_t json;
    sail_json_span_t span;
    CHECK(document(" {\"a\": [1, -2.5e+3, true, false, null, \"x\\u00e9\"], \"b\": {}} ", &json, &span) == SAIL_OK);
    CHECK(span.type == SAIL_JSON_OBJECT);
    const char *bad[] = {"",        "{",   "{\"a\" 1}", "[1,]",  "{\"a\":1,}", "01",    "1.",          "-",
                         "\"\\x\"", "\"a", "tru",       "[1] 2", "\"\x01\"",   "{1:2}", "\"\\u12G4\"", "nul"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (document(bad[i], &json, &span) == SAIL_OK) {
            failed++;
            printf("FAIL accepted bad JSON #%zu: %s\n", i, bad[i]);
        } else {
            passed++;
        }
    }
    char deep[64];
    memset(deep, '[', 16);
    memset(deep + 16, ']', 16);
    deep[32] = '\0';
    CHECK(document(deep, &json, &span) == SAIL_OK);
    memset(deep, '[', 17);
    memset(deep + 17, ']', 17);
    deep[34] = '\0';
    CHECK(document(deep, &json, &span) == SAIL_ERR_INVALID_ARG);
    CHECK(strstr(json.error, "nested deeper than 16") != NULL);

    /* Members and decoding. */
    CHECK(document("{\"k\": \"a\\\"b\\\\\\n\\ud83d\\ude00\\ud800\", \"n\": [ \"x\" , \"y\" ]}", &json, &span) ==
          SAIL_OK);
    size_t pos = 0;
    sail_json_span_t key;
    sail_json_span_t value;
    char out[32];
    size_t len;
    CHECK(sail_json_member(&json, span, &pos, &key, &value));
    CHECK(sail_json_string(&json, value, out, sizeof out, &len) == SAIL_OK);
    CHECK_TEXT(out, "a\"b\\\n\xf0\x9f\x98\x80\xef\xbf\xbd");
    CHECK(sail_json_string(&json, value, out, 5, &len) == SAIL_ERR_INVALID_SIZE);
    CHECK(sail_json_member(&json, span, &pos, &key, &value));
    CHECK(value.type == SAIL_JSON_ARRAY);
    size_t at = 0;
    int n = 0;
    while (sail_json_element(&json, value, &at, &key)) {
        n++;
    }
    CHECK(n == 2);
    CHECK(!sail_json_member(&json, span, &pos, &key, &value));
}

static const char *manifest(const char *json_text, sail_err_t *status, sail_manifest_t *m)
{
    static char buf[512];
    sail_text_t message;
    sail_text_init(&message, buf, sizeof buf);
    *status = sail_manifest_parse((const uint8_t *)json_text, strlen(json_text), "t.wasm", m, &message);
    return buf;
}

static void test_manifest(void)
{
    static sail_manifest_t m;
    sail_err_t status;
    manifest(
        "{\"name\":\"lamp\",\"version\":\"1.2.0-rc.1+b5\",\"model\":\"sail.light.v1\",\"boards\":[\"esp32-devkitc\"],"
        "\"abi\":\"1.2\",\"built\":\"2026-01-01T00:00:00Z\",\"metering\":\"fuel@1\"}",
        &status, &m);
    CHECK(status == SAIL_OK);
    CHECK_TEXT(m.name, "lamp");
    CHECK_TEXT(m.metering, "fuel@1");
    CHECK(m.board_count == 1 && sail_manifest_allows(&m, "esp32-devkitc") && !sail_manifest_allows(&m, "esp32"));
    CHECK_TEXT(manifest("[1]", &status, &m), "t.wasm (sail.manifest): (manifest): must be a JSON object");
    CHECK_TEXT(manifest("{\"version\": 7}", &status, &m),
               "t.wasm (sail.manifest): version: must be a non-empty string, got 7");
    CHECK_TEXT(manifest("{\"version\": \"1.2\"}", &status, &m),
               "t.wasm (sail.manifest): version: \"1.2\" is not a semantic version such as 1.2.0");
    CHECK_TEXT(manifest("{\"version\": \"1.2.0\", \"abi\": \"1\"}", &status, &m),
               "t.wasm (sail.manifest): abi: \"1\" must be \"major.minor\", e.g. \"1.0\"");
    CHECK_TEXT(manifest("{\"version\": \"1.2.0\", \"abi\": \"1.0\", \"boards\": [1]}", &status, &m),
               "t.wasm (sail.manifest): boards: must be an array of board ids");
    CHECK_TEXT(manifest("{\"version\": \"1.2.0\", \"abi\": \"1.0\", \"boards\": null, \"name\": { \"a\" : [ 1 ] }}",
                        &status, &m),
               "t.wasm (sail.manifest): name: must be a non-empty string, got {\"a\":[1]}");
    CHECK_TEXT(manifest("{\"version\": \"1.2.0\", \"abi\": \"1.0\", \"name\": \"x\", \"model\": \"\"}", &status, &m),
               "t.wasm (sail.manifest): model: must be a non-empty string, got \"\"");
    CHECK_TEXT(manifest("{\"version\": \"1.2.0\", \"abi\": \"1.0\", \"name\": \"x\", \"model\": \"m\"}", &status, &m),
               "t.wasm (sail.manifest): built: must be a non-empty string, got undefined");
    /* The last of duplicate keys counts, as with JSON.parse. */
    manifest("{\"version\":1,\"version\":\"1.0.0\",\"abi\":\"1.0\",\"name\":\"n\",\"model\":\"m\",\"built\":\"b\"}",
             &status, &m);
    CHECK(status == SAIL_OK);
    /* Past the fixed buffers: refused, never cut. */
    manifest("{\"version\":\"1.0.0\",\"abi\":\"1.0\",\"name\":\"0123456789012345678901234567890123456789012345678901"
             "234567890123\",\"model\":\"m\",\"built\":\"b\"}",
             &status, &m);
    CHECK(status == SAIL_ERR_INVALID_SIZE);
    CHECK(
        strstr(manifest("{\"version\":\"1.0.0\",\"abi\":\"1.0\",\"boards\":[\"a\",\"a\",\"a\",\"a\",\"a\",\"a\",\"a\","
                        "\"a\",\"a\",\"a\",\"a\",\"a\",\"a\",\"a\",\"a\",\"a\",\"a\"]}",
                        &status, &m),
               "more than the 16 boards") != NULL);
    CHECK(strstr(manifest("{\"a\":\"\xc0\xaf\"}", &status, &m), "is not valid UTF-8 JSON") != NULL);
    CHECK(strstr(manifest("{\"a\":", &status, &m), "t.wasm: sail.manifest is not valid UTF-8 JSON: ") != NULL);
}

static void test_words(void)
{
    const char *semver_ok[] = {"0.0.0", "1.2.3", "10.20.30-rc.1", "1.0.0-a-b+c.d", "1.0.0+x"};
    const char *semver_bad[] = {"1.2", "1.2.3-", "1.2.3+", "v1.2.3", "1.2.3 ", "1..3", "1.2.3-a+b+c", "1.2.x"};
    for (size_t i = 0; i < sizeof semver_ok / sizeof semver_ok[0]; i++) {
        CHECK(sail_is_semver(semver_ok[i], strlen(semver_ok[i])));
    }
    for (size_t i = 0; i < sizeof semver_bad / sizeof semver_bad[0]; i++) {
        CHECK(!sail_is_semver(semver_bad[i], strlen(semver_bad[i])));
    }
    CHECK(sail_is_abi_text("1.2", 3) && sail_is_abi_text("10.20", 5));
    CHECK(!sail_is_abi_text("1.", 2) && !sail_is_abi_text(".1", 2) && !sail_is_abi_text("1.2.3", 5));
    CHECK(sail_is_utf8((const uint8_t *)"h\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 10));
    CHECK(!sail_is_utf8((const uint8_t *)"\xc0\xaf", 2));         /* overlong */
    CHECK(!sail_is_utf8((const uint8_t *)"\xed\xa0\x80", 3));     /* surrogate */
    CHECK(!sail_is_utf8((const uint8_t *)"\xf4\x90\x80\x80", 4)); /* past U+10FFFF */
    CHECK(!sail_is_utf8((const uint8_t *)"\xe2\x82", 2));         /* cut short */

    char buf[8];
    sail_text_t text;
    sail_text_init(&text, buf, sizeof buf);
    sail_text_add(&text, "%s", "abc");
    CHECK_TEXT(buf, "abc");
    sail_text_add(&text, "%s", "defghij");
    CHECK_TEXT(buf, "abcd...");
    CHECK(text.truncated);
    sail_text_init(&text, buf, sizeof buf);
    sail_text_add_bytes(&text, (const uint8_t *)"0123456789", 10);
    CHECK_TEXT(buf, "0123...");
    CHECK_TEXT(sail_err_name(SAIL_ERR_NOT_SUPPORTED), "ERR_NOT_SUPPORTED");
    CHECK_TEXT(sail_err_name(12345), "unknown status");
}

int main(void)
{
    test_section_walk();
    test_json();
    test_manifest();
    test_words();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
