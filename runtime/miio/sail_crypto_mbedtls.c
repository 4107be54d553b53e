/* sail_crypto.h on mbedtls: 2.28 (Debian's libmbedtls-dev) names the MD5
 * calls *_ret, 3.x (ESP-IDF v5.4) drops the suffix; both keep every context
 * on the stack, so nothing is allocated. */
#include "sail_crypto.h"

#include <string.h>

#include "mbedtls/aes.h"
#include "mbedtls/md5.h"
#include "mbedtls/version.h"

#if MBEDTLS_VERSION_MAJOR < 3
#define SAIL_MD5_STARTS mbedtls_md5_starts_ret
#define SAIL_MD5_UPDATE mbedtls_md5_update_ret
#define SAIL_MD5_FINISH mbedtls_md5_finish_ret
#else
#define SAIL_MD5_STARTS mbedtls_md5_starts
#define SAIL_MD5_UPDATE mbedtls_md5_update
#define SAIL_MD5_FINISH mbedtls_md5_finish
#endif

sail_err_t sail_crypto_md5(const sail_crypto_part_t *parts, size_t count, uint8_t out[SAIL_CRYPTO_MD5_SIZE])
{
    mbedtls_md5_context md5;
    mbedtls_md5_init(&md5);
    int failed = SAIL_MD5_STARTS(&md5);
    for (size_t i = 0; i < count && failed == 0; i++) {
        failed = SAIL_MD5_UPDATE(&md5, parts[i].bytes, parts[i].size);
    }
    if (failed == 0) {
        failed = SAIL_MD5_FINISH(&md5, out);
    }
    mbedtls_md5_free(&md5);
    return failed == 0 ? SAIL_OK : SAIL_ERR_INVALID_STATE;
}

static sail_err_t cbc(int mode, const uint8_t key[16], const uint8_t iv[16], const uint8_t *in, uint8_t *out,
                      size_t size)
{
    if (size % SAIL_CRYPTO_AES_BLOCK != 0) {
        return SAIL_ERR_INVALID_SIZE;
    }
    mbedtls_aes_context aes;
    mbedtls_aes_init(&aes);
    unsigned char chain[16];
    memcpy(chain, iv, sizeof chain); /* mbedtls advances the IV it is given */
    int failed =
        mode == MBEDTLS_AES_ENCRYPT ? mbedtls_aes_setkey_enc(&aes, key, 128) : mbedtls_aes_setkey_dec(&aes, key, 128);
    if (failed == 0 && size > 0) {
        failed = mbedtls_aes_crypt_cbc(&aes, mode, size, chain, in, out);
    }
    mbedtls_aes_free(&aes);
    return failed == 0 ? SAIL_OK : SAIL_ERR_INVALID_STATE;
}

sail_err_t sail_crypto_aes128_cbc_encrypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *in, uint8_t *out,
                                          size_t size)
{
    return cbc(MBEDTLS_AES_ENCRYPT, key, iv, in, out, size);
}

sail_err_t sail_crypto_aes128_cbc_decrypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *in, uint8_t *out,
                                          size_t size)
{
    return cbc(MBEDTLS_AES_DECRYPT, key, iv, in, out, size);
}
