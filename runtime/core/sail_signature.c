#include "sail_signature.h"

#include <inttypes.h>

#include "sail_text.h"

#define SECTION "sail.signature"

sail_err_t sail_signature_read(const sail_image_t *image, size_t size, const char *file, sail_signature_t *signature,
                               char *message, size_t message_size)
{
    sail_text_t text;
    sail_text_init(&text, message, message_size);
    *signature = (sail_signature_t){false, NULL, NULL, 0};
    if (image->signature_count == 0) {
        return SAIL_OK;
    }
    sail_text_add(&text, "%s: ", file);
    if (image->signature_count > 1) {
        sail_text_add(
            &text, "has %" PRIu32 " " SECTION " sections; an image carries one, last (sign the unsigned build again)",
            image->signature_count);
        return SAIL_ERR_INVALID_ARG;
    }
    if (image->signature_end != size) {
        sail_text_add(&text,
                      SECTION " is not the last section (%zu bytes follow it); nothing may be added after signing: "
                              "sign the final image",
                      (size_t)(size - image->signature_end));
        return SAIL_ERR_INVALID_ARG;
    }
    if (image->signature.size != SAIL_SIGNATURE_PAYLOAD_BYTES) {
        sail_text_add(&text,
                      SECTION " holds %" PRIu32 " bytes; an Ed25519 signature section holds %d (algorithm, key id, "
                              "signature)",
                      image->signature.size, SAIL_SIGNATURE_PAYLOAD_BYTES);
        return SAIL_ERR_INVALID_SIZE;
    }
    if (image->signature.data[0] != SAIL_SIGNATURE_ED25519) {
        sail_text_add(&text, SECTION " uses algorithm %u; this board knows %d (Ed25519) only", image->signature.data[0],
                      SAIL_SIGNATURE_ED25519);
        return SAIL_ERR_NOT_SUPPORTED;
    }
    sail_text_init(&text, message, message_size);
    signature->present = true;
    signature->key_id = image->signature.data + 1;
    signature->signature = image->signature.data + 1 + SAIL_SIGNATURE_KEY_ID_BYTES;
    signature->signed_length = image->signature_start;
    return SAIL_OK;
}
