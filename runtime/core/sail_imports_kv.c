/* Key-value store imports (NVS): keys and values checked in linear memory,
 * then one port call each. */
#include "sail_app.h"
#include "sail_memory.h"
#include "sail_port.h"

int32_t sail_import_sail_kv_open(sail_app_t *app, int32_t ns_ptr, int32_t ns_len)
{
    app->host_calls++;
    const char *ns = sail_mem_text(app, "kv_open", ns_ptr, ns_len);
    return ns == NULL ? 0 : sail_port_kv_open(ns, (uint32_t)ns_len);
}

int32_t sail_import_sail_kv_set_int(sail_app_t *app, int32_t handle, int32_t key_ptr, int32_t key_len, int64_t value)
{
    app->host_calls++;
    const char *key = sail_mem_text(app, "kv_set_int", key_ptr, key_len);
    return key == NULL ? 0 : sail_port_kv_set_i64(handle, key, (uint32_t)key_len, value);
}

int32_t sail_import_sail_kv_get_int(sail_app_t *app, int32_t handle, int32_t key_ptr, int32_t key_len, int32_t out_ptr)
{
    app->host_calls++;
    const char *key = sail_mem_text(app, "kv_get_int", key_ptr, key_len);
    uint8_t *out = key == NULL ? NULL : sail_mem_buffer(app, "kv_get_int", out_ptr, 8);
    if (out == NULL) {
        return 0;
    }
    int64_t value = 0;
    int32_t status = sail_port_kv_get_i64(handle, key, (uint32_t)key_len, &value);
    if (status == SAIL_OK) {
        for (int i = 0; i < 8; i++) {
            out[i] = (uint8_t)((uint64_t)value >> (8 * i));
        }
    }
    return status;
}

int32_t sail_import_sail_kv_set_str(sail_app_t *app, int32_t handle, int32_t key_ptr, int32_t key_len, int32_t ptr,
                                    int32_t len)
{
    app->host_calls++;
    const char *key = sail_mem_text(app, "kv_set_str", key_ptr, key_len);
    const char *value = key == NULL ? NULL : sail_mem_text(app, "kv_set_str", ptr, len);
    return value == NULL ? 0 : sail_port_kv_set_str(handle, key, (uint32_t)key_len, value, (uint32_t)len);
}

int32_t sail_import_sail_kv_get_str(sail_app_t *app, int32_t handle, int32_t key_ptr, int32_t key_len, int32_t ptr,
                                    int32_t cap)
{
    app->host_calls++;
    const char *key = sail_mem_text(app, "kv_get_str", key_ptr, key_len);
    char *value = key == NULL ? NULL : (char *)sail_mem_buffer(app, "kv_get_str", ptr, cap);
    return value == NULL ? 0 : sail_port_kv_get_str(handle, key, (uint32_t)key_len, value, (uint32_t)cap);
}

int32_t sail_import_sail_kv_set_blob(sail_app_t *app, int32_t handle, int32_t key_ptr, int32_t key_len, int32_t ptr,
                                     int32_t len)
{
    app->host_calls++;
    const char *key = sail_mem_text(app, "kv_set_blob", key_ptr, key_len);
    const uint8_t *value = key == NULL ? NULL : sail_mem_buffer(app, "kv_set_blob", ptr, len);
    return value == NULL ? 0 : sail_port_kv_set_blob(handle, key, (uint32_t)key_len, value, (uint32_t)len);
}

int32_t sail_import_sail_kv_get_blob(sail_app_t *app, int32_t handle, int32_t key_ptr, int32_t key_len, int32_t ptr,
                                     int32_t cap)
{
    app->host_calls++;
    const char *key = sail_mem_text(app, "kv_get_blob", key_ptr, key_len);
    uint8_t *value = key == NULL ? NULL : sail_mem_buffer(app, "kv_get_blob", ptr, cap);
    return value == NULL ? 0 : sail_port_kv_get_blob(handle, key, (uint32_t)key_len, value, (uint32_t)cap);
}

int32_t sail_import_sail_kv_erase(sail_app_t *app, int32_t handle, int32_t key_ptr, int32_t key_len)
{
    app->host_calls++;
    const char *key = sail_mem_text(app, "kv_erase", key_ptr, key_len);
    return key == NULL ? 0 : sail_port_kv_erase(handle, key, (uint32_t)key_len);
}

int32_t sail_import_sail_kv_commit(sail_app_t *app, int32_t handle)
{
    app->host_calls++;
    return sail_port_kv_commit(handle);
}
