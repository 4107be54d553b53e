/* Loads one image file with the core's loader for a board given on the
 * command line, as the test suite compares it with the emulator:
 *   sail_check_image <image> <name-in-messages> <board-id> <partition> <partition-bytes> <ram-bytes>
 * prints "ok <name> <version> abi <a.b>" and "signature <key id> <signed bytes>"
 * (or "signature none"), or "refused <STATUS>" and the message on the next
 * line; exit 0 when loaded, 1 when refused, 2 on bad usage. */
#include <stdio.h>
#include <stdlib.h>

#include "sail_image.h"
#include "sail_signature.h"

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: %s <image> <name> <board-id> <partition> <partition-bytes> <ram-bytes>\n", argv[0]);
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
    sail_board_t board = {argv[3], argv[4], (uint32_t)strtoul(argv[5], NULL, 10), (uint32_t)strtoul(argv[6], NULL, 10)};
    static sail_image_t image;
    char message[SAIL_IMAGE_MESSAGE_MAX];
    sail_err_t err = sail_image_load(bytes, size, &board, argv[2], &image, message, sizeof message);
    sail_signature_t signature;
    if (err == SAIL_OK) {
        err = sail_signature_read(&image, size, argv[2], &signature, message, sizeof message);
    }
    if (err != SAIL_OK) {
        free(bytes);
        printf("refused %s\n%s\n", sail_err_name(err), message);
        return 1;
    }
    printf("ok %s %s abi %s\n", image.has_manifest ? image.manifest.name : "-",
           image.has_manifest ? image.manifest.version : "-", image.has_manifest ? image.manifest.abi : "-");
    if (!signature.present) {
        free(bytes);
        printf("signature none\n");
        return 0;
    }
    printf("signature ");
    for (int i = 0; i < SAIL_SIGNATURE_KEY_ID_BYTES; i++) {
        printf("%02x", signature.key_id[i]);
    }
    printf(" %u\n", (unsigned)signature.signed_length);
    free(bytes); /* the signature points into it */
    return 0;
}
