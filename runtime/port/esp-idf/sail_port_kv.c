/* The key-value store on nvs_flash: namespaces and keys arrive as the
 * firmware's bytes (not NUL-terminated) and are copied into ESP-IDF's
 * 15-character names; handles index a small table of nvs_handle_t. */
#include <stdint.h>
#include <string.h>

#include "esp_err.h"
#include "nvs.h"

#include "sail_abi.h"
#include "sail_esp.h"

#define SAIL_ESP_KV_HANDLES 8
#define SAIL_ESP_KV_STR_MAX 4000

static nvs_handle_t handles[SAIL_ESP_KV_HANDLES];
static bool open_handles[SAIL_ESP_KV_HANDLES];

/* Copies a name into a NUL-terminated buffer; false if it is too long. */
static bool name(char out[NVS_KEY_NAME_MAX_SIZE], const char *text, size_t len)
{
    if (len == 0 || len >= NVS_KEY_NAME_MAX_SIZE) {
        return false;
    }
    memcpy(out, text, len);
    out[len] = '\0';
    return true;
}

int32_t sail_port_kv_open(const char *ns, size_t ns_len)
{
    char n[NVS_KEY_NAME_MAX_SIZE];
    if (!name(n, ns, ns_len)) {
        return SAIL_ERR_NVS_KEY_TOO_LONG;
    }
    for (int32_t i = 0; i < SAIL_ESP_KV_HANDLES; i++) {
        if (!open_handles[i]) {
            esp_err_t err = nvs_open(n, NVS_READWRITE, &handles[i]);
            if (err != ESP_OK) {
                return -err;
            }
            open_handles[i] = true;
            return i;
        }
    }
    return SAIL_ERR_NO_MEM;
}

/* The handle and key, or a status. */
static sail_err_t lookup(int32_t handle, const char *key, size_t key_len, nvs_handle_t *h,
                         char k[NVS_KEY_NAME_MAX_SIZE])
{
    if (handle < 0 || handle >= SAIL_ESP_KV_HANDLES || !open_handles[handle]) {
        return SAIL_ERR_NVS_INVALID_HANDLE;
    }
    if (!name(k, key, key_len)) {
        return SAIL_ERR_NVS_KEY_TOO_LONG;
    }
    *h = handles[handle];
    return SAIL_OK;
}

sail_err_t sail_port_kv_set_i64(int32_t handle, const char *key, size_t key_len, int64_t value)
{
    nvs_handle_t h;
    char k[NVS_KEY_NAME_MAX_SIZE];
    sail_err_t st = lookup(handle, key, key_len, &h, k);
    return st != SAIL_OK ? st : -nvs_set_i64(h, k, value);
}

sail_err_t sail_port_kv_get_i64(int32_t handle, const char *key, size_t key_len, int64_t *value)
{
    nvs_handle_t h;
    char k[NVS_KEY_NAME_MAX_SIZE];
    sail_err_t st = lookup(handle, key, key_len, &h, k);
    return st != SAIL_OK ? st : -nvs_get_i64(h, k, value);
}

sail_err_t sail_port_kv_set_str(int32_t handle, const char *key, size_t key_len, const char *value, size_t len)
{
    static char text[SAIL_ESP_KV_STR_MAX + 1];
    nvs_handle_t h;
    char k[NVS_KEY_NAME_MAX_SIZE];
    sail_err_t st = lookup(handle, key, key_len, &h, k);
    if (st != SAIL_OK) {
        return st;
    }
    if (len > SAIL_ESP_KV_STR_MAX || memchr(value, '\0', len) != NULL) {
        return SAIL_ERR_NVS_VALUE_TOO_LONG;
    }
    memcpy(text, value, len);
    text[len] = '\0';
    return -nvs_set_str(h, k, text);
}

int32_t sail_port_kv_get_str(int32_t handle, const char *key, size_t key_len, char *value, size_t cap)
{
    static char text[SAIL_ESP_KV_STR_MAX + 1];
    nvs_handle_t h;
    char k[NVS_KEY_NAME_MAX_SIZE];
    sail_err_t st = lookup(handle, key, key_len, &h, k);
    if (st != SAIL_OK) {
        return st;
    }
    size_t size = sizeof text;
    esp_err_t err = nvs_get_str(h, k, text, &size);
    if (err != ESP_OK) {
        return -err;
    }
    size_t len = size - 1; /* nvs counts the NUL */
    memcpy(value, text, len < cap ? len : cap);
    return (int32_t)len;
}

sail_err_t sail_port_kv_set_blob(int32_t handle, const char *key, size_t key_len, const uint8_t *value, size_t len)
{
    nvs_handle_t h;
    char k[NVS_KEY_NAME_MAX_SIZE];
    sail_err_t st = lookup(handle, key, key_len, &h, k);
    return st != SAIL_OK ? st : -nvs_set_blob(h, k, value, len);
}

int32_t sail_port_kv_get_blob(int32_t handle, const char *key, size_t key_len, uint8_t *value, size_t cap)
{
    nvs_handle_t h;
    char k[NVS_KEY_NAME_MAX_SIZE];
    sail_err_t st = lookup(handle, key, key_len, &h, k);
    if (st != SAIL_OK) {
        return st;
    }
    size_t size = 0;
    esp_err_t err = nvs_get_blob(h, k, NULL, &size);
    if (err == ESP_OK && size <= cap) {
        err = nvs_get_blob(h, k, value, &size);
    }
    return err != ESP_OK ? -err : (int32_t)size;
}

sail_err_t sail_port_kv_erase(int32_t handle, const char *key, size_t key_len)
{
    nvs_handle_t h;
    char k[NVS_KEY_NAME_MAX_SIZE];
    sail_err_t st = lookup(handle, key, key_len, &h, k);
    return st != SAIL_OK ? st : -nvs_erase_key(h, k);
}

sail_err_t sail_port_kv_commit(int32_t handle)
{
    if (handle < 0 || handle >= SAIL_ESP_KV_HANDLES || !open_handles[handle]) {
        return SAIL_ERR_NVS_INVALID_HANDLE;
    }
    return -nvs_commit(handles[handle]);
}
