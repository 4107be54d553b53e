/* Checks one update image with the core's update check, as the test suite
 * compares it with the emulator's (host/ota/checks.ts):
 *   sail_check_update <image> <name-in-messages> <key-hex|-> <board|-> <abi major.minor> <running|-> [sha256-hex]
 * prints "accepted <name> <version> key <key id>", or "refused <reason>" and
 * the message on the next line; exit 0 accepted, 1 refused, 2 on bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sail_update.h"

/* 2n hex digits into n bytes; false when it is anything else. */
static bool from_hex(const char *hex, uint8_t *out, size_t n)
{
    if (strlen(hex) != 2 * n) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned byte;
        if (sscanf(hex + 2 * i, "%2x", &byte) != 1) {
            return false;
        }
        out[i] = (uint8_t)byte;
    }
    return true;
}

int main(int argc, char **argv)
{
    if (argc != 7 && argc != 8) {
        fprintf(stderr, "usage: %s <image> <name> <key-hex|-> <board|-> <abi> <running|-> [sha256-hex]\n", argv[0]);
        return 2;
    }
    uint8_t key[SAIL_UPDATE_KEY_BYTES];
    uint8_t sha[SAIL_UPDATE_SHA256_BYTES];
    unsigned major, minor;
    bool has_key = strcmp(argv[3], "-") != 0;
    if ((has_key && !from_hex(argv[3], key, sizeof key)) || sscanf(argv[5], "%u.%u", &major, &minor) != 2 ||
        (argc == 8 && !from_hex(argv[7], sha, sizeof sha))) {
        fprintf(stderr, "%s: a key or SHA-256 that is not hex, or an ABI that is not major.minor\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    size_t cap = 1 << 20;
    unsigned char *bytes = malloc(cap);
    size_t size = bytes == NULL ? 0 : fread(bytes, 1, cap, f);
    int too_big = bytes != NULL && fgetc(f) != EOF;
    fclose(f);
    if (bytes == NULL || too_big) {
        fprintf(stderr, "%s: not read (over %zu bytes)\n", argv[1], cap);
        free(bytes);
        return 2;
    }
    const sail_update_policy_t policy = {
        .trusted_key = has_key ? key : NULL,
        .board = strcmp(argv[4], "-") == 0 ? NULL : argv[4],
        .abi_major = major,
        .abi_minor = minor,
        .running = strcmp(argv[6], "-") == 0 ? NULL : argv[6],
        .sha256 = argc == 8 ? sha : NULL,
    };
    static sail_update_verdict_t verdict;
    char message[SAIL_IMAGE_MESSAGE_MAX];
    sail_err_t err = sail_update_check(bytes, size, argv[2], &policy, &verdict, message, sizeof message);
    free(bytes);
    if (err != SAIL_OK) {
        fprintf(stderr, "%s\n", message);
        return 2;
    }
    if (verdict.reason != SAIL_UPDATE_ACCEPTED) {
        printf("refused %s\n%s\n", sail_update_reason_name(verdict.reason), message);
        return 1;
    }
    printf("accepted %s %s key %s\n", verdict.image.manifest.name, verdict.image.manifest.version, verdict.key_id);
    return 0;
}
