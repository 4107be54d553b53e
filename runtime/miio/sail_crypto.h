/* The crypto the miIO codec needs, behind a port: MD5 and AES-128-CBC on
 * whole blocks. sail_crypto_mbedtls.c implements it with mbedtls (Debian's
 * libmbedtls-dev on the host, the mbedtls component on ESP-IDF); a port with
 * a hardware engine may give its own file. No call allocates. */
#ifndef SAIL_CRYPTO_H
#define SAIL_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "sail_err.h"

#define SAIL_CRYPTO_MD5_SIZE 16
#define SAIL_CRYPTO_AES_BLOCK 16

/* One piece of a message hashed in parts, so a packet need not be copied. */
typedef struct {
    const uint8_t *bytes;
    size_t size;
} sail_crypto_part_t;

/* MD5 of the parts one after the other. */
sail_err_t sail_crypto_md5(const sail_crypto_part_t *parts, size_t count, uint8_t out[SAIL_CRYPTO_MD5_SIZE]);

/* AES-128-CBC without padding: size must be a multiple of 16; out may be in. */
sail_err_t sail_crypto_aes128_cbc_encrypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *in, uint8_t *out,
                                          size_t size);
sail_err_t sail_crypto_aes128_cbc_decrypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *in, uint8_t *out,
                                          size_t size);

#endif /* SAIL_CRYPTO_H */
