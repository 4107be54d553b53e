/* A seeded mutation fuzzer for the image loader (what runs before the
 * engine): byte flips, truncations, inserted bytes, section sizes that lie and
 * mutated manifest JSON, applied to the images given, each case copied into a
 * heap block of its exact size so a read past the end is a sanitizer report.
 * An image the loader accepts has its signature section read too.
 *   fuzz_loader <seed> <cases> <image>...
 * prints the outcome counts; the same seed gives the same cases. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sail_image.h"
#include "sail_signature.h"

#define MAX_IMAGE (1u << 20)
#define MAX_SEEDS 16

static uint64_t rng_state;

/* splitmix64: small, seedable, the same everywhere. */
static uint64_t next_random(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static size_t below(size_t n)
{
    return n == 0 ? 0 : (size_t)(next_random() % n);
}

typedef struct {
    uint8_t *bytes;
    size_t size;
} buffer_t;

static size_t put_leb(uint8_t *out, uint32_t value)
{
    size_t n = 0;
    do {
        uint8_t b = value & 0x7f;
        value >>= 7;
        out[n++] = (uint8_t)(b | (value != 0 ? 0x80 : 0));
    } while (value != 0);
    return n;
}

static uint32_t get_leb(const uint8_t *p, size_t avail, size_t *used)
{
    uint32_t value = 0;
    size_t n = 0;
    while (n < avail && n < 5) {
        value |= (uint32_t)(p[n] & 0x7f) << (7 * n);
        if ((p[n++] & 0x80) == 0) {
            break;
        }
    }
    *used = n;
    return value;
}

/* Replaces bytes [at, at + removed) of b with the given bytes. */
static void splice(buffer_t *b, size_t at, size_t removed, const uint8_t *with, size_t added)
{
    if (b->size - removed + added > MAX_IMAGE) {
        return;
    }
    memmove(b->bytes + at + added, b->bytes + at + removed, b->size - at - removed);
    memcpy(b->bytes + at, with, added);
    b->size = b->size - removed + added;
}

/* Section starts of a (possibly already mutated) image, up to max. */
static size_t sections(const buffer_t *b, size_t *starts, size_t max)
{
    size_t n = 0;
    size_t pos = 8;
    while (pos < b->size && n < max) {
        size_t used;
        uint32_t size = get_leb(b->bytes + pos + 1, b->size - pos - 1, &used);
        starts[n++] = pos;
        if ((uint64_t)pos + 1 + used + size > b->size) {
            break;
        }
        pos += 1 + used + size;
    }
    return n;
}

static void lie_about_a_size(buffer_t *b)
{
    size_t starts[64];
    size_t n = sections(b, starts, 64);
    if (n == 0) {
        return;
    }
    size_t at = starts[below(n)] + 1;
    size_t used;
    uint32_t size = get_leb(b->bytes + at, b->size - at, &used);
    uint8_t leb[8];
    size_t len;
    switch (below(4)) {
        case 0:
            len = put_leb(leb, size + 1 + (uint32_t)below(16));
            break;
        case 1:
            len = put_leb(leb, size > 0 ? size - 1 - (uint32_t)below(size) : 0);
            break;
        case 2:
            len = put_leb(leb, (uint32_t)next_random());
            break;
        default:
            /* An over-long encoding: continuation bits past the fifth byte. */
            len = 5 + below(3);
            for (size_t i = 0; i < len; i++) {
                leb[i] = (uint8_t)(0x80 | below(128));
            }
            leb[len - 1] &= 0x7f;
            break;
    }
    splice(b, at, used, leb, len);
}

/* Finds the sail.manifest payload: [*start, *end). */
static int find_manifest(const buffer_t *b, size_t *section, size_t *start, size_t *end)
{
    size_t starts[64];
    size_t n = sections(b, starts, 64);
    for (size_t i = 0; i < n; i++) {
        size_t pos = starts[i];
        size_t used;
        if (b->bytes[pos] != 0) {
            continue;
        }
        uint32_t size = get_leb(b->bytes + pos + 1, b->size - pos - 1, &used);
        size_t body = pos + 1 + used;
        if (body + size > b->size || size < 14 || b->bytes[body] != 13 ||
            memcmp(b->bytes + body + 1, "sail.manifest", 13) != 0) {
            continue;
        }
        *section = pos;
        *start = body + 14;
        *end = body + size;
        return 1;
    }
    return 0;
}

static void mutate_manifest(buffer_t *b)
{
    static const char TOKENS[] = "{}[]\",:\\0123456789-+.eEtrufalsn \t\n";
    static const char *const PIECES[] = {"\"boards\":[\"esp32\"],",
                                         "\"abi\":\"2.0\",",
                                         "\"version\":\"x\",",
                                         "\"name\":null,",
                                         "\"abi\":1.2,",
                                         "\"boards\":{},",
                                         "\\u0000",
                                         "\\ud800",
                                         "\xff",
                                         "[[[[[[[[[[[[[[[[[[[[",
                                         "\"\"",
                                         "1e999"};
    size_t section;
    size_t start;
    size_t end;
    if (!find_manifest(b, &section, &start, &end)) {
        return;
    }
    uint8_t json[4096];
    size_t len = end - start < sizeof json - 64 ? end - start : sizeof json - 64;
    memcpy(json, b->bytes + start, len);
    size_t at = below(len + 1);
    switch (below(4)) {
        case 0:
            if (len > 0) {
                json[below(len)] = (uint8_t)TOKENS[below(sizeof TOKENS - 1)];
            }
            break;
        case 1: {
            size_t cut = below(len - at + 1);
            memmove(json + at, json + at + cut, len - at - cut);
            len -= cut;
            break;
        }
        case 2: {
            const char *piece = PIECES[below(sizeof PIECES / sizeof PIECES[0])];
            size_t plen = strlen(piece);
            memmove(json + at + plen, json + at, len - at);
            memcpy(json + at, piece, plen);
            len += plen;
            break;
        }
        default:
            if (len > 0) {
                json[below(len)] = (uint8_t)next_random();
            }
            break;
    }
    /* The section again, its size telling the truth. */
    uint8_t head[24];
    size_t hlen = 0;
    head[hlen++] = 0;
    hlen += put_leb(head + hlen, (uint32_t)(14 + len));
    head[hlen++] = 13;
    memcpy(head + hlen, "sail.manifest", 13);
    hlen += 13;
    uint8_t section_bytes[4096 + 24];
    memcpy(section_bytes, head, hlen);
    memcpy(section_bytes + hlen, json, len);
    splice(b, section, end - section, section_bytes, hlen + len);
}

static void mutate(buffer_t *b)
{
    int rounds = 1 + (int)below(3);
    for (int r = 0; r < rounds; r++) {
        switch (below(5)) {
            case 0:
                for (size_t n = 1 + below(8); n > 0 && b->size > 0; n--) {
                    b->bytes[below(b->size)] ^= (uint8_t)(1 + below(255));
                }
                break;
            case 1:
                b->size = below(b->size + 1);
                break;
            case 2:
                lie_about_a_size(b);
                break;
            case 3:
                mutate_manifest(b);
                break;
            default: {
                uint8_t junk[8];
                size_t n = 1 + below(sizeof junk);
                for (size_t i = 0; i < n; i++) {
                    junk[i] = (uint8_t)next_random();
                }
                splice(b, below(b->size + 1), 0, junk, n);
                break;
            }
        }
    }
}

static int read_file(const char *path, buffer_t *out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return 0;
    }
    out->bytes = malloc(MAX_IMAGE);
    out->size = out->bytes == NULL ? 0 : fread(out->bytes, 1, MAX_IMAGE, f);
    fclose(f);
    return out->bytes != NULL;
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc - 3 > MAX_SEEDS) {
        fprintf(stderr, "usage: %s <seed> <cases> <image>... (at most %d images)\n", argv[0], MAX_SEEDS);
        return 2;
    }
    rng_state = strtoull(argv[1], NULL, 10);
    unsigned long cases = strtoul(argv[2], NULL, 10);
    buffer_t seeds[MAX_SEEDS];
    int seed_count = argc - 3;
    for (int i = 0; i < seed_count; i++) {
        if (!read_file(argv[3 + i], &seeds[i])) {
            while (i-- > 0) {
                free(seeds[i].bytes);
            }
            return 2;
        }
    }
    const sail_board_t board = {"esp32-devkitc", "ota_0", 1572864, 131072};
    buffer_t work = {malloc(MAX_IMAGE), 0};
    static sail_image_t image;
    char message[SAIL_IMAGE_MESSAGE_MAX];
    /* Cases by status, and those whose refusal came from the manifest. */
    sail_err_t statuses[16];
    unsigned long counts[16] = {0};
    int distinct = 0;
    unsigned long manifest = 0;
    for (unsigned long c = 0; c < cases; c++) {
        const buffer_t *seed = &seeds[below((size_t)seed_count)];
        memcpy(work.bytes, seed->bytes, seed->size);
        work.size = seed->size;
        mutate(&work);
        /* Exactly the case's bytes on the heap: one byte past is a sanitizer report. */
        uint8_t *exact = malloc(work.size > 0 ? work.size : 1);
        memcpy(exact, work.bytes, work.size);
        sail_err_t err = sail_image_load(exact, work.size, &board, "fuzz.wasm", &image, message, sizeof message);
        if (err == SAIL_OK) {
            sail_signature_t signature;
            err = sail_signature_read(&image, work.size, "fuzz.wasm", &signature, message, sizeof message);
        }
        free(exact);
        int k = 0;
        while (k < distinct && statuses[k] != err) {
            k++;
        }
        if (k == distinct && distinct < 16) {
            statuses[distinct++] = err;
        }
        counts[k < 16 ? k : 15]++;
        if (strstr(message, "sail.manifest") != NULL) {
            manifest++;
        }
        if (err != SAIL_OK && strncmp(message, "fuzz.wasm", 9) != 0) {
            printf("case %lu: a refusal that does not name the file: %s\n", c, message);
            return 1;
        }
    }
    printf("%lu cases:", cases);
    for (int k = 0; k < distinct; k++) {
        printf(" %s %lu", sail_err_name(statuses[k]), counts[k]);
    }
    printf(" (the manifest refused %lu)\n", manifest);
    free(work.bytes);
    for (int i = 0; i < seed_count; i++) {
        free(seeds[i].bytes);
    }
    return 0;
}
