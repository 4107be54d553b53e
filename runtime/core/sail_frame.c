#include "sail_frame.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void put_le(uint8_t *out, uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; i++) {
        out[i] = (uint8_t)(value >> (8 * i));
    }
}

static uint64_t get_le(const uint8_t *in, int bytes)
{
    uint64_t value = 0;
    for (int i = 0; i < bytes; i++) {
        value |= (uint64_t)in[i] << (8 * i);
    }
    return value;
}

sail_err_t sail_frame_encode(const sail_frame_t *frame, uint8_t *out, size_t cap, size_t *size)
{
    uint32_t head;
    if (frame->kind == SAIL_FRAME_REQUEST) {
        head = SAIL_FRAME_REQUEST_HEAD;
    } else if (frame->kind == SAIL_FRAME_REPLY) {
        head = SAIL_FRAME_REPLY_HEAD;
    } else {
        return SAIL_ERR_INVALID_ARG;
    }
    if (frame->payload_size > SAIL_FRAME_MAX - 4 - head) {
        return SAIL_ERR_INVALID_SIZE;
    }
    uint32_t length = head + frame->payload_size;
    if (cap < 4u + length) {
        return SAIL_ERR_INVALID_SIZE;
    }
    put_le(out, length, 4);
    out[4] = SAIL_FRAME_VERSION;
    out[5] = frame->kind;
    put_le(out + 6, frame->sequence, 4);
    if (frame->kind == SAIL_FRAME_REQUEST) {
        put_le(out + 10, frame->instructions, 8);
        put_le(out + 18, frame->call, 2);
    } else {
        put_le(out + 10, (uint32_t)frame->status, 4);
    }
    if (frame->payload_size > 0) {
        memcpy(out + 4 + head, frame->payload, frame->payload_size);
    }
    *size = 4u + length;
    return SAIL_OK;
}

sail_err_t sail_frame_decode(const uint8_t *in, size_t len, sail_frame_t *frame, size_t *consumed, char *error,
                             size_t error_size)
{
    *consumed = 0;
    if (error_size > 0) {
        error[0] = '\0';
    }
    if (len < 4) {
        return SAIL_OK;
    }
    uint32_t length = (uint32_t)get_le(in, 4);
    if (length > SAIL_FRAME_MAX - 4) {
        snprintf(error, error_size, "length: %" PRIu32 " is over the frame limit of %u bytes after the length", length,
                 SAIL_FRAME_MAX - 4);
        return SAIL_ERR_INVALID_SIZE;
    }
    if (length < 2) {
        snprintf(error, error_size, "length: %" PRIu32 " leaves no room for the version and the kind", length);
        return SAIL_ERR_INVALID_ARG;
    }
    if (len < 6) {
        return SAIL_OK;
    }
    if (in[4] != SAIL_FRAME_VERSION) {
        snprintf(error, error_size, "version: %u; this side speaks version %d", in[4], SAIL_FRAME_VERSION);
        return SAIL_ERR_NOT_SUPPORTED;
    }
    uint8_t kind = in[5];
    if (kind != SAIL_FRAME_REQUEST && kind != SAIL_FRAME_REPLY) {
        snprintf(error, error_size, "kind: %u is neither 1 (request) nor 2 (reply)", kind);
        return SAIL_ERR_INVALID_ARG;
    }
    uint32_t head = kind == SAIL_FRAME_REQUEST ? SAIL_FRAME_REQUEST_HEAD : SAIL_FRAME_REPLY_HEAD;
    if (length < head) {
        snprintf(error, error_size, "length: %" PRIu32 " is shorter than a %s's %" PRIu32 "-byte head", length,
                 kind == SAIL_FRAME_REQUEST ? "request" : "reply", head);
        return SAIL_ERR_INVALID_ARG;
    }
    if (len - 4 < length) {
        return SAIL_OK;
    }
    frame->kind = kind;
    frame->sequence = (uint32_t)get_le(in + 6, 4);
    frame->instructions = 0;
    frame->call = 0;
    frame->status = SAIL_OK;
    if (kind == SAIL_FRAME_REQUEST) {
        frame->instructions = get_le(in + 10, 8);
        frame->call = (uint16_t)get_le(in + 18, 2);
    } else {
        frame->status = (sail_err_t)(uint32_t)get_le(in + 10, 4);
    }
    frame->payload = in + 4 + head;
    frame->payload_size = length - head;
    *consumed = 4u + length;
    return SAIL_OK;
}
