/* The host port's end of the co-simulation pipe: one request frame per port
 * call on stdout, one reply on stdin (the frames of sail_frame.h), or on two
 * named FIFOs instead (the rv32 build under QEMU opens them through
 * semihosting, whose own stdin does not carry binary data). Each
 * request's payload starts with the counting copy's call counter and the
 * host calls made so far, after which come the call's arguments; the
 * instruction counter is the frame's own field (docs/runtime.md). */
#ifndef SAIL_HOST_PIPE_H
#define SAIL_HOST_PIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sail_err.h"
#include "sail_port_calls.h"

/* A request being built, then its reply being read. */
typedef struct {
    uint8_t payload[SAIL_FRAME_PAYLOAD_MAX];
    size_t size;
    /* The reply: its status and payload, read from `at`. */
    sail_err_t status;
    const uint8_t *reply;
    size_t reply_size;
    size_t at;
} sail_host_call_t;

/* Takes the pipe's ends from two FIFOs the emulator made: replies are read
 * from the first, requests written to the second. False if one cannot be
 * opened. Without it the pipe is stdin and stdout. */
bool sail_host_pipe_open(const char *replies, const char *requests);

void sail_host_begin(sail_host_call_t *call);
void sail_host_put_i32(sail_host_call_t *call, int32_t value);
void sail_host_put_i64(sail_host_call_t *call, int64_t value);
void sail_host_put_f64(sail_host_call_t *call, double value);
void sail_host_put_bytes(sail_host_call_t *call, const void *data, size_t len);

/* Sends the request and reads its reply; a broken pipe ends the process
 * (the emulator went away). A reply with status SAIL_PORT_STOPPED means the
 * call ended the handler: sail_port_stopping() is true until it ends. */
void sail_host_send(sail_host_call_t *call, uint16_t number);

int32_t sail_host_get_i32(sail_host_call_t *call);
int64_t sail_host_get_i64(sail_host_call_t *call);
double sail_host_get_f64(sail_host_call_t *call);
/* Copies a byte string of the reply into out (at most cap bytes); returns its length. */
size_t sail_host_get_bytes(sail_host_call_t *call, void *out, size_t cap);

/* Clears the stop a reply announced (the handler has ended). */
void sail_host_clear_stop(void);

#endif /* SAIL_HOST_PIPE_H */
