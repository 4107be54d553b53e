/* Frames of the co-simulation pipe between the host port and the emulator:
 * one request (C to emulator) and one reply per port call, each
 * length-prefixed, with a version byte; a request carries the instructions
 * executed so far, from which the emulator charges its clock. The layout is
 * specified in docs/runtime.md; host/runtime/frame.ts is the other side. No
 * allocation: frames are encoded into and decoded from the caller's bytes. */
#ifndef SAIL_FRAME_H
#define SAIL_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "sail_err.h"

#define SAIL_FRAME_VERSION 1
/* The largest frame, its length field included. */
#define SAIL_FRAME_MAX 65536u
#define SAIL_FRAME_REQUEST 1
#define SAIL_FRAME_REPLY 2
/* Bytes after the length field before the payload. */
#define SAIL_FRAME_REQUEST_HEAD 16u
#define SAIL_FRAME_REPLY_HEAD 10u

typedef struct {
    /* SAIL_FRAME_REQUEST or SAIL_FRAME_REPLY. */
    uint8_t kind;
    /* A reply repeats its request's. */
    uint32_t sequence;
    /* Requests: instructions executed so far, and the port call. */
    uint64_t instructions;
    uint16_t call;
    /* Replies: the call's status. */
    sail_err_t status;
    /* The call's arguments or results, as the call defines them. */
    const uint8_t *payload;
    uint32_t payload_size;
} sail_frame_t;

/* Writes the frame into out[cap]; *size is its length in bytes. */
sail_err_t sail_frame_encode(const sail_frame_t *frame, uint8_t *out, size_t cap, size_t *size);

/* Reads the first frame of in[len]. SAIL_OK with *consumed 0 means more bytes
 * are needed; otherwise *consumed is the frame's size and the payload points
 * into `in`. A frame that can never be read is refused with a message naming
 * the field. */
sail_err_t sail_frame_decode(const uint8_t *in, size_t len, sail_frame_t *frame, size_t *consumed, char *error,
                             size_t error_size);

#endif /* SAIL_FRAME_H */
