/* The co-simulation frame codec against the shared vectors
 * (runtime/test/frames.txt, also read by test/runtime-frame.test.ts):
 *   test_frame <frames.txt>
 * prints each failure, then "N passed, N failed". */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sail_frame.h"

static int passed;
static int failed;

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

/* Hex digits into bytes, spaces ignored; the count, or -1 on a bad digit. */
static long parse_hex(const char *text, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int high = -1;
    for (; *text != '\0'; text++) {
        if (*text == ' ') {
            continue;
        }
        int v = hex_value(*text);
        if (v < 0 || n == cap) {
            return -1;
        }
        if (high < 0) {
            high = v;
        } else {
            out[n++] = (uint8_t)(high * 16 + v);
            high = -1;
        }
    }
    return high < 0 ? (long)n : -1;
}

static void print_payload(char *out, size_t cap, const sail_frame_t *frame)
{
    if (frame->payload_size == 0) {
        snprintf(out, cap, "-");
        return;
    }
    size_t at = 0;
    for (uint32_t i = 0; i < frame->payload_size && at + 3 <= cap; i++) {
        at += (size_t)snprintf(out + at, cap - at, "%02x", frame->payload[i]);
    }
}

static void check_line(char *line, int number)
{
    char *bar = strchr(line, '|');
    if (bar == NULL) {
        return;
    }
    *bar = '\0';
    const char *want = bar + 2;
    static uint8_t bytes[SAIL_FRAME_MAX];
    long size = parse_hex(line, bytes, sizeof bytes);
    if (size < 0) {
        failed++;
        printf("FAIL line %d: bad hex\n", number);
        return;
    }
    sail_frame_t frame;
    size_t consumed;
    char error[160];
    char got[256];
    char payload[160];
    sail_err_t err = sail_frame_decode(bytes, (size_t)size, &frame, &consumed, error, sizeof error);
    if (err != SAIL_OK) {
        snprintf(got, sizeof got, "error %s %s", sail_err_name(err), error);
    } else if (consumed == 0) {
        snprintf(got, sizeof got, "incomplete");
    } else {
        print_payload(payload, sizeof payload, &frame);
        if (frame.kind == SAIL_FRAME_REQUEST) {
            snprintf(got, sizeof got, "request %" PRIu32 " %" PRIu64 " %u %s", frame.sequence, frame.instructions,
                     frame.call, payload);
        } else {
            snprintf(got, sizeof got, "reply %" PRIu32 " %" PRId32 " %s", frame.sequence, frame.status, payload);
        }
        /* Encoding what was read gives the same bytes. */
        static uint8_t again[SAIL_FRAME_MAX];
        size_t again_size;
        if (sail_frame_encode(&frame, again, sizeof again, &again_size) != SAIL_OK || again_size != consumed ||
            memcmp(again, bytes, consumed) != 0) {
            failed++;
            printf("FAIL line %d: encoding the frame read gives other bytes\n", number);
            return;
        }
    }
    if (strcmp(got, want) != 0) {
        failed++;
        printf("FAIL line %d:\n  got  %s\n  want %s\n", number, got, want);
        return;
    }
    passed++;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s <frames.txt>\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    char line[1024];
    int number = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        number++;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] != '#' && line[0] != '\0') {
            check_line(line, number);
        }
    }
    fclose(f);
    /* A frame too large for the caller's buffer, and an unknown kind, are not encoded. */
    uint8_t small[8];
    size_t size;
    sail_frame_t reply = {SAIL_FRAME_REPLY, 1, 0, 0, SAIL_OK, NULL, 0};
    sail_frame_t odd = {3, 1, 0, 0, SAIL_OK, NULL, 0};
    if (sail_frame_encode(&reply, small, sizeof small, &size) == SAIL_ERR_INVALID_SIZE &&
        sail_frame_encode(&odd, small, sizeof small, &size) == SAIL_ERR_INVALID_ARG) {
        passed++;
    } else {
        failed++;
        printf("FAIL: encoding into too small a buffer, or an unknown kind, was not refused\n");
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 && passed > 1 ? 0 : 1;
}
