/* A seeded mutation fuzzer for the miIO decoder and session: requests of
 * every method are mutated as JSON (then sealed with the right token, so the
 * mutations reach the JSON layer and the methods) or as packets (flipped,
 * cut, lengthened, lying length fields), each case in a heap block of its
 * exact size, fed to one session whose clock moves on. Run under ASan and
 * UBSan by test/runtime-miio.test.ts:
 *
 *   fuzz_miio <seed> <cases>   ->   "<cases> cases: <answered> answered, <reason>=<n> ..." */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "miio_device.h"
#include "sail_miio_session.h"

static const char SPEC[] =
    "{\"services\":[{\"iid\":2,\"properties\":["
    "{\"iid\":1,\"format\":\"bool\",\"access\":[\"read\",\"write\",\"notify\"]},"
    "{\"iid\":2,\"format\":\"uint8\",\"access\":[\"read\",\"write\"],\"value-range\":[0,100,1]},"
    "{\"iid\":3,\"format\":\"float\",\"access\":[\"read\",\"write\"],\"value-range\":[-40,125,0.1]},"
    "{\"iid\":4,\"format\":\"int64\",\"access\":[\"read\",\"write\"]},"
    "{\"iid\":5,\"format\":\"string\",\"access\":[\"read\",\"write\"]},"
    "{\"iid\":6,\"format\":\"int8\",\"access\":[\"read\",\"write\"],\"value-list\":[{\"value\":-1},{\"value\":3}]}],"
    "\"actions\":[{\"iid\":1,\"in\":[2,5],\"out\":[1,3]}]}]}";

static const char *const REQUESTS[] = {
    "{\"id\":1,\"method\":\"get_properties\",\"params\":[{\"did\":\"77\",\"siid\":2,\"piid\":1},{\"siid\":2,"
    "\"piid\":2},{\"siid\":2,\"piid\":3},{\"siid\":2,\"piid\":4},{\"siid\":2,\"piid\":5},{\"siid\":2,\"piid\":6}]}",
    "{\"id\":2,\"method\":\"set_properties\",\"params\":[{\"did\":\"77\",\"siid\":2,\"piid\":1,\"value\":true},"
    "{\"siid\":2,\"piid\":2,\"value\":42},{\"siid\":2,\"piid\":3,\"value\":-1.5e1},{\"siid\":2,\"piid\":4,"
    "\"value\":-9223372036854775808},{\"siid\":2,\"piid\":5,\"value\":\"a\\u00e9\\ud83d\\ude00\"},{\"siid\":2,"
    "\"piid\":6,\"value\":3}]}",
    "{\"id\":3,\"method\":\"action\",\"params\":{\"did\":\"77\",\"siid\":2,\"aiid\":1,\"in\":[7,{\"piid\":5,"
    "\"value\":\"x\"}]}}",
    "{\"id\":18446744073709551615,\"method\":\"miIO.info\",\"params\":{}}",
    "{\"id\":5,\"method\":\"miIO.sub\",\"params\":{\"version\":\"2.0\",\"did\":\"77\",\"update_ts\":0,"
    "\"sub_method\":\".\"}}",
    "{\"id\":6,\"method\":\"miIO.unsub\",\"params\":[]}",
    "{\"id\":7,\"method\":\"miIO.ota\",\"params\":{\"app_url\":\"http://127.0.0.1/a.wasm\",\"file_sha256\":"
    "\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"}}",
    "{\"id\":8,\"result\":[\"ok\"]}",
};

static const char *const PIECES[] = {"{",     "}",
                                     "[",     "]",
                                     ",",     ":",
                                     "\"",    "\\",
                                     "\\u",   "null",
                                     "true",  "-",
                                     "1e999", "9007199254740993",
                                     "0.1",   "\xff",
                                     "\xc3",  "{\"a\":[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]}"};

static uint64_t state;

static uint32_t next(void)
{
    /* xorshift64*: the same cases for the same seed. */
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return (uint32_t)((state * 2685821657736338717ULL) >> 32);
}

static int32_t ota(void *ctx, const char *url, const char *sha, char *message, size_t size)
{
    (void)ctx;
    (void)sha;
    snprintf(message, size, "busy with %.40s", url);
    return next() % 2 == 0 ? 0 : -4004;
}

static int32_t ota_progress(void *ctx)
{
    (void)ctx;
    return 50;
}

static const char *ota_state(void *ctx)
{
    (void)ctx;
    return "idle";
}

/* Mutates text[len] (cap bytes) in place; returns the new length. */
static size_t mutate_json(char *text, size_t len, size_t cap)
{
    int edits = 1 + (int)(next() % 2);
    for (int e = 0; e < edits; e++) {
        uint32_t kind = next() % 4;
        size_t at = len == 0 ? 0 : next() % len;
        if (kind == 0 && len > 0) {
            text[at] = (char)next();
        } else if (kind == 1 && len > 0) {
            size_t cut = 1 + next() % 8;
            cut = cut > len - at ? len - at : cut;
            memmove(text + at, text + at + cut, len - at - cut);
            len -= cut;
        } else {
            const char *piece = PIECES[next() % (sizeof PIECES / sizeof PIECES[0])];
            size_t n = strlen(piece);
            if (len + n <= cap) {
                memmove(text + at + n, text + at, len - at);
                memcpy(text + at, piece, n);
                len += n;
            }
        }
    }
    return len;
}

static size_t mutate_packet(uint8_t *packet, size_t size, size_t cap)
{
    uint32_t kind = next() % 5;
    if (kind == 0) {
        packet[next() % size] ^= (uint8_t)(1u << (next() % 8));
    } else if (kind == 1) {
        size = next() % size;
    } else if (kind == 2 && size + 16 <= cap) {
        for (int i = 0; i < 16; i++) {
            packet[size++] = (uint8_t)next();
        }
    } else if (kind == 3) {
        packet[2] = (uint8_t)next();
        packet[3] = (uint8_t)next();
    } else {
        packet[next() % size] = (uint8_t)next();
    }
    return size;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: fuzz_miio <seed> <cases>\n");
        return 2;
    }
    state = strtoull(argv[1], NULL, 10) * 0x9E3779B97F4A7C15ULL + 1;
    long cases = strtol(argv[2], NULL, 10);
    static sail_miio_spec_t spec;
    static sail_miio_session_t session;
    static miio_table_t table;
    char message[160];
    if (sail_miio_spec_parse(&spec, SPEC, strlen(SPEC), message, sizeof message) != SAIL_OK) {
        fprintf(stderr, "%s\n", message);
        return 2;
    }
    sail_miio_device_t device = miio_table_init(&table, &spec);
    device.ota = ota;
    device.ota_progress = ota_progress;
    device.ota_state = ota_state;
    const uint8_t token[16] = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6};
    if (sail_miio_session_init(&session, 77, token, &spec, &device) != SAIL_OK) {
        return 2;
    }
    uint64_t answered = 0;
    int64_t now = 1000000;
    static char json[SAIL_MIIO_MAX_PAYLOAD + 64];
    static uint8_t packet[SAIL_MIIO_MAX_DATAGRAM + 64];
    static uint8_t reply[SAIL_MIIO_MAX_DATAGRAM];
    for (long c = 0; c < cases; c++) {
        now += next() % 3000000;
        const char *request = REQUESTS[next() % (sizeof REQUESTS / sizeof REQUESTS[0])];
        size_t len = strlen(request);
        memcpy(json, request, len);
        /* Half mutated as JSON only, a quarter as packets only, a quarter both. */
        uint32_t how = next() % 4;
        if (how != 1) {
            len = mutate_json(json, len, SAIL_MIIO_MAX_PAYLOAD);
        }
        size_t size = 0;
        uint32_t stamp = sail_miio_session_stamp(now) + (next() % 8 == 0 ? next() % 1000 : 0);
        if (sail_miio_encode(&session.keys, 77, stamp, (const uint8_t *)json, len, packet, sizeof packet, &size) !=
            SAIL_OK) {
            continue;
        }
        if (how == 1 || how == 3) {
            size = mutate_packet(packet, size, sizeof packet);
        }
        if (next() % 16 == 0) {
            memset(packet, 0xff, 32); /* a hello, or something near one */
            packet[0] = 0x21;
            packet[1] = 0x31;
            packet[2] = 0;
            packet[3] = 32;
            size = next() % 2 == 0 ? 32 : size;
        }
        /* The case in a block of exactly its size, so reading past it is a report. */
        uint8_t *exact = malloc(size == 0 ? 1 : size);
        memcpy(exact, packet, size);
        sail_miio_peer_t peer = {0x7f000001 + next() % 4, (uint16_t)(40000 + next() % 4)};
        if (sail_miio_session_receive(&session, exact, size, peer, now, reply, sizeof reply) > 0) {
            answered++;
        }
        free(exact);
    }
    printf("%ld cases: %" PRIu64 " answered, executed=%" PRIu64, cases, answered, session.executed);
    for (int r = 1; r < SAIL_MIIO_DROP_REASONS; r++) {
        printf(" %s=%" PRIu64, sail_miio_drop_name((sail_miio_drop_t)r), session.drops[r]);
    }
    printf("\n");
    return 0;
}
