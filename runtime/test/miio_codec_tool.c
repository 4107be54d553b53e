/* The C codec on vectors made by the TS codec, and back: one command a line
 * on stdin, one answer a line on stdout (test/runtime-miio.test.ts).
 *
 *   encode <token hex> <did> <stamp> <payload hex>  ->  <packet hex>
 *   decode <token hex> <packet hex>                 ->  ok <did> <stamp> <payload hex> | drop <reason>
 *   hello <packet hex>                              ->  hello | no */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sail_miio_codec.h"

static uint8_t bytes[SAIL_MIIO_MAX_DATAGRAM * 2];
static uint8_t out[SAIL_MIIO_MAX_DATAGRAM];
static char line[8 * SAIL_MIIO_MAX_DATAGRAM];

/* Hex into bytes (at most cap); the count, or -1 for odd or bad digits. */
static long unhex(const char *hex, uint8_t *into, size_t cap)
{
    size_t n = strlen(hex);
    if (n % 2 != 0 || n / 2 > cap) {
        return -1;
    }
    for (size_t i = 0; i < n / 2; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) {
            return -1;
        }
        into[i] = (uint8_t)v;
    }
    return (long)(n / 2);
}

static void print_hex(const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        printf("%02x", b[i]);
    }
}

static bool keys_of(const char *hex, sail_miio_keys_t *keys)
{
    uint8_t token[16];
    return sail_miio_parse_token(hex, token) == SAIL_OK && sail_miio_keys_init(keys, token) == SAIL_OK;
}

int main(void)
{
    static sail_miio_packet_t packet;
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        char *verb = strtok(line, " ");
        char *a = strtok(NULL, " ");
        char *b = strtok(NULL, " ");
        char *c = strtok(NULL, " ");
        char *d = strtok(NULL, " ");
        sail_miio_keys_t keys;
        long n;
        if (verb != NULL && strcmp(verb, "encode") == 0 && c != NULL && keys_of(a, &keys) &&
            (n = unhex(d == NULL ? "" : d, bytes, sizeof bytes)) >= 0) {
            size_t size = 0;
            if (sail_miio_encode(&keys, (uint32_t)strtoul(b, NULL, 10), (uint32_t)strtoul(c, NULL, 10), bytes,
                                 (size_t)n, out, sizeof out, &size) == SAIL_OK) {
                print_hex(out, size);
                printf("\n");
            } else {
                printf("too-large\n");
            }
        } else if (verb != NULL && strcmp(verb, "decode") == 0 && a != NULL && keys_of(a, &keys) &&
                   (n = unhex(b == NULL ? "" : b, bytes, sizeof bytes)) >= 0) {
            sail_miio_drop_t reason = sail_miio_decode(&keys, bytes, (size_t)n, &packet);
            if (reason == SAIL_MIIO_ACCEPTED) {
                printf("ok %" PRIu32 " %" PRIu32 " ", packet.did, packet.stamp);
                print_hex(packet.payload, packet.payload_size);
                printf("\n");
            } else {
                printf("drop %s\n", sail_miio_drop_name(reason));
            }
        } else if (verb != NULL && strcmp(verb, "hello") == 0 &&
                   (n = unhex(a == NULL ? "" : a, bytes, sizeof bytes)) >= 0) {
            printf(sail_miio_is_hello(bytes, (size_t)n) ? "hello\n" : "no\n");
        } else {
            printf("bad command\n");
        }
    }
    return 0;
}
