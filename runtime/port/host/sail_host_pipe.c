/* The pipe's frames over stdin and stdout, or over two named FIFOs
 * (sail_host_pipe.h). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sail_app.h"
#include "sail_frame.h"
#include "sail_host_pipe.h"
#include "sail_port.h"

static uint8_t out_frame[SAIL_FRAME_MAX];
static uint8_t in_frame[SAIL_FRAME_MAX];
static uint32_t sequence;
/* The pipe's ends: stdin and stdout unless sail_host_pipe_open named others. */
static int reply_fd = STDIN_FILENO;
static int request_fd = STDOUT_FILENO;
static bool stopped;
/* The instruction counter as a 64-bit total: the copy's i32 counter wraps. */
static uint64_t instructions;
static uint32_t last_count;

bool sail_port_stopping(void)
{
    return stopped;
}

void sail_host_clear_stop(void)
{
    stopped = false;
}

bool sail_host_pipe_open(const char *replies, const char *requests)
{
    /* The replies' end first: the emulator opens its ends in the same order. */
    int in = open(replies, O_RDONLY);
    if (in < 0) {
        return false;
    }
    int out = open(requests, O_WRONLY);
    if (out < 0) {
        close(in);
        return false;
    }
    reply_fd = in;
    request_fd = out;
    return true;
}

static void put(sail_host_call_t *call, uint64_t value, size_t bytes)
{
    if (call->size + bytes > sizeof call->payload) {
        fprintf(stderr, "sail runtime: a port call's arguments outgrow a frame\n");
        exit(2);
    }
    for (size_t i = 0; i < bytes; i++) {
        call->payload[call->size++] = (uint8_t)(value >> (8 * i));
    }
}

void sail_host_begin(sail_host_call_t *call)
{
    call->size = 0;
    call->at = 0;
    sail_app_t *app = sail_app_current();
    uint32_t *calls = app == NULL ? NULL : sail_engine_calls(app->engine);
    put(call, calls == NULL ? 0 : *calls, 4);
    put(call, app == NULL ? 0 : app->host_calls, 4);
}

void sail_host_put_i32(sail_host_call_t *call, int32_t value)
{
    put(call, (uint32_t)value, 4);
}

void sail_host_put_i64(sail_host_call_t *call, int64_t value)
{
    put(call, (uint64_t)value, 8);
}

void sail_host_put_f64(sail_host_call_t *call, double value)
{
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    put(call, bits, 8);
}

void sail_host_put_bytes(sail_host_call_t *call, const void *data, size_t len)
{
    put(call, (uint32_t)len, 4);
    if (call->size + len > sizeof call->payload) {
        fprintf(stderr, "sail runtime: a port call's bytes outgrow a frame\n");
        exit(2);
    }
    if (len > 0) {
        memcpy(call->payload + call->size, data, len);
    }
    call->size += len;
}

static void write_all(const uint8_t *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(request_fd, data, len);
        if (n <= 0) {
            exit(3);
        }
        data += n;
        len -= (size_t)n;
    }
}

static void read_exactly(uint8_t *data, size_t len)
{
    while (len > 0) {
        ssize_t n = read(reply_fd, data, len);
        if (n <= 0) {
            exit(3);
        }
        data += n;
        len -= (size_t)n;
    }
}

static uint64_t instructions_now(void)
{
    sail_app_t *app = sail_app_current();
    uint32_t *count = app == NULL ? NULL : sail_engine_instructions(app->engine);
    if (count != NULL) {
        instructions += (uint32_t)(*count - last_count);
        last_count = *count;
    }
    return instructions;
}

void sail_host_send(sail_host_call_t *call, uint16_t number)
{
    sail_frame_t request = {.kind = SAIL_FRAME_REQUEST,
                            .sequence = ++sequence,
                            .instructions = instructions_now(),
                            .call = number,
                            .payload = call->payload,
                            .payload_size = (uint32_t)call->size};
    size_t size = 0;
    if (sail_frame_encode(&request, out_frame, sizeof out_frame, &size) != SAIL_OK) {
        exit(2);
    }
    write_all(out_frame, size);
    read_exactly(in_frame, 4);
    uint32_t length =
        (uint32_t)in_frame[0] | (uint32_t)in_frame[1] << 8 | (uint32_t)in_frame[2] << 16 | (uint32_t)in_frame[3] << 24;
    if (length > SAIL_FRAME_MAX - 4) {
        exit(2);
    }
    read_exactly(in_frame + 4, length);
    sail_frame_t reply;
    size_t consumed = 0;
    char error[128];
    if (sail_frame_decode(in_frame, length + 4, &reply, &consumed, error, sizeof error) != SAIL_OK ||
        reply.kind != SAIL_FRAME_REPLY || reply.sequence != sequence) {
        fprintf(stderr, "sail runtime: bad reply frame: %s\n", error);
        exit(2);
    }
    call->status = reply.status;
    call->reply = reply.payload;
    call->reply_size = reply.payload_size;
    call->at = 0;
    if (reply.status == SAIL_PORT_STOPPED) {
        stopped = true;
    }
}

static uint64_t get(sail_host_call_t *call, size_t bytes)
{
    uint64_t value = 0;
    for (size_t i = 0; i < bytes && call->at < call->reply_size; i++) {
        value |= (uint64_t)call->reply[call->at++] << (8 * i);
    }
    return value;
}

int32_t sail_host_get_i32(sail_host_call_t *call)
{
    return (int32_t)(uint32_t)get(call, 4);
}

int64_t sail_host_get_i64(sail_host_call_t *call)
{
    return (int64_t)get(call, 8);
}

double sail_host_get_f64(sail_host_call_t *call)
{
    uint64_t bits = get(call, 8);
    double value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

size_t sail_host_get_bytes(sail_host_call_t *call, void *out, size_t cap)
{
    size_t len = (size_t)get(call, 4);
    size_t left = call->reply_size - call->at;
    size_t n = len < cap ? len : cap;
    n = n < left ? n : left;
    if (n > 0) {
        memcpy(out, call->reply + call->at, n);
    }
    call->at += len < left ? len : left;
    return len;
}
