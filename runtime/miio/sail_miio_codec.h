/* The miIO LAN packet codec (docs/reference/miot-protocol.md §1, §2, §8):
 * the 32-byte header, hello, AES-128-CBC/PKCS#7 payload keyed by the token,
 * MD5 checksum. The C twin of host/miot/codec.ts: the same checks in the
 * same order, the same drop reasons. Fixed buffers, no allocation. */
#ifndef SAIL_MIIO_CODEC_H
#define SAIL_MIIO_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sail_err.h"

#define SAIL_MIIO_PORT 54321
/* Sail's datagram limit (§8): longer datagrams are dropped, replies never exceed it. */
#define SAIL_MIIO_MAX_DATAGRAM 1400
#define SAIL_MIIO_HEADER_SIZE 32
#define SAIL_MIIO_TOKEN_SIZE 16
/* Largest JSON whose PKCS#7 ciphertext still fits one datagram: 1359 bytes. */
#define SAIL_MIIO_MAX_PAYLOAD ((SAIL_MIIO_MAX_DATAGRAM - SAIL_MIIO_HEADER_SIZE) / 16 * 16 - 1)

/* Why a datagram was dropped, codec and session reasons together (docs/decisions.md D59). */
typedef enum {
    SAIL_MIIO_ACCEPTED = 0,
    SAIL_MIIO_DROP_TOO_LONG,
    SAIL_MIIO_DROP_BAD_MAGIC,
    SAIL_MIIO_DROP_BAD_LENGTH,
    SAIL_MIIO_DROP_NOT_BLOCK_ALIGNED,
    SAIL_MIIO_DROP_BAD_CHECKSUM,
    SAIL_MIIO_DROP_BAD_PADDING,
    SAIL_MIIO_DROP_BAD_JSON,
    SAIL_MIIO_DROP_FOREIGN_DID,
    SAIL_MIIO_DROP_STALE_STAMP,
    SAIL_MIIO_DROP_NOT_A_REQUEST,
    SAIL_MIIO_DROP_HELLO_FLOOD,
    SAIL_MIIO_DROP_REASONS,
} sail_miio_drop_t;

/* The reason as host/miot names it ("bad-checksum"). */
const char *sail_miio_drop_name(sail_miio_drop_t reason);

/* key = MD5(token), iv = MD5(key ‖ token) (§2): derived once per token. */
typedef struct {
    uint8_t token[SAIL_MIIO_TOKEN_SIZE];
    uint8_t key[16];
    uint8_t iv[16];
} sail_miio_keys_t;

sail_err_t sail_miio_keys_init(sail_miio_keys_t *keys, const uint8_t token[SAIL_MIIO_TOKEN_SIZE]);

/* 32 hex digits as 16 bytes; SAIL_ERR_INVALID_ARG otherwise. */
sail_err_t sail_miio_parse_token(const char *hex, uint8_t token[SAIL_MIIO_TOKEN_SIZE]);

/* A discovery hello: the classic one (4..31 all FF) or XHA's probe ("MDID" at 16). */
bool sail_miio_is_hello(const uint8_t *bytes, size_t size);

/* The hello reply: did, stamp and 16 × FF where the checksum goes, never the token. */
void sail_miio_hello_reply(uint32_t did, uint32_t stamp, uint8_t out[SAIL_MIIO_HEADER_SIZE]);

/* A whole packet into out[cap]: header, encrypted payload, checksum. A payload
 * over SAIL_MIIO_MAX_PAYLOAD, or a cap too small, is SAIL_ERR_INVALID_SIZE. */
sail_err_t sail_miio_encode(const sail_miio_keys_t *keys, uint32_t did, uint32_t stamp, const uint8_t *payload,
                            size_t payload_size, uint8_t *out, size_t cap, size_t *out_size);

/* A received packet, checked in host/miot's drop order and decrypted. */
typedef struct {
    uint32_t did;
    uint32_t stamp;
    uint8_t checksum[16];
    /* The plaintext without its padding and trailing NULs. */
    uint8_t payload[SAIL_MIIO_MAX_DATAGRAM];
    size_t payload_size;
} sail_miio_packet_t;

/* SAIL_MIIO_ACCEPTED with *packet filled, or the reason to drop the datagram. */
sail_miio_drop_t sail_miio_decode(const sail_miio_keys_t *keys, const uint8_t *bytes, size_t size,
                                  sail_miio_packet_t *packet);

#endif /* SAIL_MIIO_CODEC_H */
