#include "sail_miio_codec.h"

#include <string.h>

#include "sail_crypto.h"

#define MAGIC 0x2131
#define CHECKSUM_AT 16

const char *sail_miio_drop_name(sail_miio_drop_t reason)
{
    static const char *const names[SAIL_MIIO_DROP_REASONS] = {
        "accepted",    "too-long", "bad-magic",   "bad-length",  "not-block-aligned", "bad-checksum",
        "bad-padding", "bad-json", "foreign-did", "stale-stamp", "not-a-request",     "hello-flood",
    };
    return (unsigned)reason < SAIL_MIIO_DROP_REASONS ? names[reason] : "unknown";
}

sail_err_t sail_miio_keys_init(sail_miio_keys_t *keys, const uint8_t token[SAIL_MIIO_TOKEN_SIZE])
{
    memcpy(keys->token, token, SAIL_MIIO_TOKEN_SIZE);
    sail_crypto_part_t token_part = {keys->token, SAIL_MIIO_TOKEN_SIZE};
    sail_err_t err = sail_crypto_md5(&token_part, 1, keys->key);
    if (err != SAIL_OK) {
        return err;
    }
    sail_crypto_part_t key_token[2] = {{keys->key, sizeof keys->key}, token_part};
    return sail_crypto_md5(key_token, 2, keys->iv);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

sail_err_t sail_miio_parse_token(const char *hex, uint8_t token[SAIL_MIIO_TOKEN_SIZE])
{
    if (strlen(hex) != 2 * SAIL_MIIO_TOKEN_SIZE) {
        return SAIL_ERR_INVALID_ARG;
    }
    for (size_t i = 0; i < SAIL_MIIO_TOKEN_SIZE; i++) {
        int high = hex_digit(hex[2 * i]);
        int low = hex_digit(hex[2 * i + 1]);
        if (high < 0 || low < 0) {
            return SAIL_ERR_INVALID_ARG;
        }
        token[i] = (uint8_t)(high << 4 | low);
    }
    return SAIL_OK;
}

static unsigned read_u16(const uint8_t *bytes)
{
    return (unsigned)bytes[0] << 8 | bytes[1];
}

static uint32_t read_u32(const uint8_t *bytes)
{
    return (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 | bytes[3];
}

static void write_u32(uint8_t *out, uint32_t value)
{
    out[0] = (uint8_t)(value >> 24);
    out[1] = (uint8_t)(value >> 16);
    out[2] = (uint8_t)(value >> 8);
    out[3] = (uint8_t)value;
}

static bool all_ff(const uint8_t *bytes, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (bytes[i] != 0xff) {
            return false;
        }
    }
    return true;
}

bool sail_miio_is_hello(const uint8_t *bytes, size_t size)
{
    if (size != SAIL_MIIO_HEADER_SIZE || read_u16(bytes) != MAGIC || read_u16(bytes + 2) != SAIL_MIIO_HEADER_SIZE) {
        return false;
    }
    if (all_ff(bytes, 4, SAIL_MIIO_HEADER_SIZE)) {
        return true;
    }
    /* Bytes 20..31 of XHA's probe are the client's random id and padding: not checked. */
    return all_ff(bytes, 4, CHECKSUM_AT) && memcmp(bytes + CHECKSUM_AT, "MDID", 4) == 0;
}

/* Magic, length, 4 zero bytes (XHA reads 4..11 as one 64-bit did), did, stamp. */
static void write_header(uint8_t *out, size_t length, uint32_t did, uint32_t stamp)
{
    out[0] = MAGIC >> 8;
    out[1] = MAGIC & 0xff;
    out[2] = (uint8_t)(length >> 8);
    out[3] = (uint8_t)length;
    write_u32(out + 4, 0);
    write_u32(out + 8, did);
    write_u32(out + 12, stamp);
}

void sail_miio_hello_reply(uint32_t did, uint32_t stamp, uint8_t out[SAIL_MIIO_HEADER_SIZE])
{
    write_header(out, SAIL_MIIO_HEADER_SIZE, did, stamp);
    memset(out + CHECKSUM_AT, 0xff, SAIL_MIIO_HEADER_SIZE - CHECKSUM_AT);
}

/* MD5 of the packet with the token in the checksum's place (§2), without copying it. */
static sail_err_t checksum_of(const sail_miio_keys_t *keys, const uint8_t *packet, size_t size, uint8_t out[16])
{
    sail_crypto_part_t parts[3] = {
        {packet, CHECKSUM_AT},
        {keys->token, SAIL_MIIO_TOKEN_SIZE},
        {packet + SAIL_MIIO_HEADER_SIZE, size - SAIL_MIIO_HEADER_SIZE},
    };
    return sail_crypto_md5(parts, 3, out);
}

sail_err_t sail_miio_encode(const sail_miio_keys_t *keys, uint32_t did, uint32_t stamp, const uint8_t *payload,
                            size_t payload_size, uint8_t *out, size_t cap, size_t *out_size)
{
    if (payload_size > SAIL_MIIO_MAX_PAYLOAD) {
        return SAIL_ERR_INVALID_SIZE;
    }
    size_t padded = (payload_size / 16 + 1) * 16;
    size_t size = SAIL_MIIO_HEADER_SIZE + padded;
    if (cap < size) {
        return SAIL_ERR_INVALID_SIZE;
    }
    uint8_t *body = out + SAIL_MIIO_HEADER_SIZE;
    memmove(body, payload, payload_size);
    memset(body + payload_size, (int)(padded - payload_size), padded - payload_size);
    sail_err_t err = sail_crypto_aes128_cbc_encrypt(keys->key, keys->iv, body, body, padded);
    if (err != SAIL_OK) {
        return err;
    }
    write_header(out, size, did, stamp);
    err = checksum_of(keys, out, size, out + CHECKSUM_AT);
    *out_size = size;
    return err;
}

/* Compares all 16 bytes whatever differs first, as timingSafeEqual does. */
static bool same_checksum(const uint8_t *a, const uint8_t *b)
{
    unsigned diff = 0;
    for (int i = 0; i < 16; i++) {
        diff |= (unsigned)(a[i] ^ b[i]);
    }
    return diff == 0;
}

sail_miio_drop_t sail_miio_decode(const sail_miio_keys_t *keys, const uint8_t *bytes, size_t size,
                                  sail_miio_packet_t *packet)
{
    if (size > SAIL_MIIO_MAX_DATAGRAM) {
        return SAIL_MIIO_DROP_TOO_LONG;
    }
    if (size < 2 || read_u16(bytes) != MAGIC) {
        return SAIL_MIIO_DROP_BAD_MAGIC;
    }
    /* The signed length field is what stops data being appended to a packet (§8 weakness 3). */
    if (size < SAIL_MIIO_HEADER_SIZE || read_u16(bytes + 2) != size) {
        return SAIL_MIIO_DROP_BAD_LENGTH;
    }
    size_t body_size = size - SAIL_MIIO_HEADER_SIZE;
    if (body_size % 16 != 0) {
        return SAIL_MIIO_DROP_NOT_BLOCK_ALIGNED;
    }
    uint8_t expected[16];
    if (checksum_of(keys, bytes, size, expected) != SAIL_OK || !same_checksum(expected, bytes + CHECKSUM_AT)) {
        return SAIL_MIIO_DROP_BAD_CHECKSUM;
    }
    if (body_size == 0 || sail_crypto_aes128_cbc_decrypt(keys->key, keys->iv, bytes + SAIL_MIIO_HEADER_SIZE,
                                                         packet->payload, body_size) != SAIL_OK) {
        return SAIL_MIIO_DROP_BAD_PADDING;
    }
    unsigned pad = packet->payload[body_size - 1];
    if (pad < 1 || pad > 16) {
        return SAIL_MIIO_DROP_BAD_PADDING;
    }
    for (size_t i = body_size - pad; i < body_size; i++) {
        if (packet->payload[i] != pad) {
            return SAIL_MIIO_DROP_BAD_PADDING;
        }
    }
    size_t end = body_size - pad;
    /* python-miio appends one NUL before encrypting, and devices often send one (§2). */
    while (end > 0 && packet->payload[end - 1] == 0) {
        end--;
    }
    packet->payload_size = end;
    packet->did = read_u32(bytes + 8);
    packet->stamp = read_u32(bytes + 12);
    memcpy(packet->checksum, bytes + CHECKSUM_AT, 16);
    return SAIL_MIIO_ACCEPTED;
}
