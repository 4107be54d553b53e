/* The `sail.signature` custom section's structure: algorithm 1 (Ed25519), an
 * 8-byte key id and a 64-byte signature over every byte before the section,
 * which must be the image's last. Only the structure is checked here, in the
 * emulator's words (host/ota/signature.ts); verifying the signature comes
 * with libsodium. */
#ifndef SAIL_SIGNATURE_H
#define SAIL_SIGNATURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sail_err.h"
#include "sail_image.h"

#define SAIL_SIGNATURE_ED25519 1
#define SAIL_SIGNATURE_KEY_ID_BYTES 8
#define SAIL_SIGNATURE_BYTES 64
#define SAIL_SIGNATURE_PAYLOAD_BYTES (1 + SAIL_SIGNATURE_KEY_ID_BYTES + SAIL_SIGNATURE_BYTES)

typedef struct {
    /* False when the image carries no signature (not a refusal). */
    bool present;
    const uint8_t *key_id;
    const uint8_t *signature;
    /* The signed bytes are the image's first signed_length bytes. */
    uint32_t signed_length;
} sail_signature_t;

/* Reads the signature of an image sail_image_load accepted; `size` is the image's size. */
sail_err_t sail_signature_read(const sail_image_t *image, size_t size, const char *file, sail_signature_t *signature,
                               char *message, size_t message_size);

#endif /* SAIL_SIGNATURE_H */
