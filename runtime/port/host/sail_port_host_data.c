/* The host port's calls that carry bytes: buses, key-value store, RTC
 * memory, MIoT values. A buffer the call writes travels with its current
 * bytes and comes back whole, so bytes the board leaves alone stay as they
 * were. */
#include <stdint.h>
#include <string.h>

#include "sail_host_pipe.h"
#include "sail_port.h"

static sail_host_call_t the_call;

static sail_host_call_t *begin(void)
{
    sail_host_begin(&the_call);
    return &the_call;
}

static int32_t finish(sail_host_call_t *c, uint16_t number, uint8_t *out, size_t cap)
{
    sail_host_send(c, number);
    int32_t result = sail_host_get_i32(c);
    if (out != NULL) {
        sail_host_get_bytes(c, out, cap);
    }
    return result;
}

sail_err_t sail_port_i2c_write(int32_t port, int32_t addr, const uint8_t *data, size_t len, int32_t timeout_us)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, port);
    sail_host_put_i32(c, addr);
    sail_host_put_bytes(c, data, len);
    sail_host_put_i32(c, timeout_us);
    return finish(c, SAIL_PORT_CALL_I2C_WRITE, NULL, 0);
}

sail_err_t sail_port_i2c_read(int32_t port, int32_t addr, uint8_t *data, size_t len, int32_t timeout_us)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, port);
    sail_host_put_i32(c, addr);
    sail_host_put_bytes(c, data, len);
    sail_host_put_i32(c, timeout_us);
    return finish(c, SAIL_PORT_CALL_I2C_READ, data, len);
}

sail_err_t sail_port_i2c_write_read(int32_t port, int32_t addr, const uint8_t *wdata, size_t wlen, uint8_t *rdata,
                                    size_t rlen, int32_t timeout_us)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, port);
    sail_host_put_i32(c, addr);
    sail_host_put_bytes(c, wdata, wlen);
    sail_host_put_bytes(c, rdata, rlen);
    sail_host_put_i32(c, timeout_us);
    return finish(c, SAIL_PORT_CALL_I2C_WRITE_READ, rdata, rlen);
}

int32_t sail_port_uart_write(int32_t port, const uint8_t *data, size_t len)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, port);
    sail_host_put_bytes(c, data, len);
    return finish(c, SAIL_PORT_CALL_UART_WRITE, NULL, 0);
}

int32_t sail_port_uart_read(int32_t port, uint8_t *data, size_t cap)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, port);
    sail_host_put_bytes(c, data, cap);
    return finish(c, SAIL_PORT_CALL_UART_READ, data, cap);
}

int32_t sail_port_kv_open(const char *ns, size_t ns_len)
{
    sail_host_call_t *c = begin();
    sail_host_put_bytes(c, ns, ns_len);
    return finish(c, SAIL_PORT_CALL_KV_OPEN, NULL, 0);
}

static sail_host_call_t *keyed(int32_t handle, const char *key, size_t key_len)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, handle);
    sail_host_put_bytes(c, key, key_len);
    return c;
}

sail_err_t sail_port_kv_set_i64(int32_t handle, const char *key, size_t key_len, int64_t value)
{
    sail_host_call_t *c = keyed(handle, key, key_len);
    sail_host_put_i64(c, value);
    return finish(c, SAIL_PORT_CALL_KV_SET_INT, NULL, 0);
}

sail_err_t sail_port_kv_get_i64(int32_t handle, const char *key, size_t key_len, int64_t *value)
{
    sail_host_call_t *c = keyed(handle, key, key_len);
    sail_host_send(c, SAIL_PORT_CALL_KV_GET_INT);
    int32_t status = sail_host_get_i32(c);
    *value = sail_host_get_i64(c);
    return status;
}

sail_err_t sail_port_kv_set_str(int32_t handle, const char *key, size_t key_len, const char *value, size_t len)
{
    sail_host_call_t *c = keyed(handle, key, key_len);
    sail_host_put_bytes(c, value, len);
    return finish(c, SAIL_PORT_CALL_KV_SET_STR, NULL, 0);
}

int32_t sail_port_kv_get_str(int32_t handle, const char *key, size_t key_len, char *value, size_t cap)
{
    sail_host_call_t *c = keyed(handle, key, key_len);
    sail_host_put_bytes(c, value, cap);
    return finish(c, SAIL_PORT_CALL_KV_GET_STR, (uint8_t *)value, cap);
}

sail_err_t sail_port_kv_set_blob(int32_t handle, const char *key, size_t key_len, const uint8_t *value, size_t len)
{
    sail_host_call_t *c = keyed(handle, key, key_len);
    sail_host_put_bytes(c, value, len);
    return finish(c, SAIL_PORT_CALL_KV_SET_BLOB, NULL, 0);
}

int32_t sail_port_kv_get_blob(int32_t handle, const char *key, size_t key_len, uint8_t *value, size_t cap)
{
    sail_host_call_t *c = keyed(handle, key, key_len);
    sail_host_put_bytes(c, value, cap);
    return finish(c, SAIL_PORT_CALL_KV_GET_BLOB, value, cap);
}

sail_err_t sail_port_kv_erase(int32_t handle, const char *key, size_t key_len)
{
    return finish(keyed(handle, key, key_len), SAIL_PORT_CALL_KV_ERASE, NULL, 0);
}

int32_t sail_port_rtc_mem_write(int32_t offset, const uint8_t *data, size_t len)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, offset);
    sail_host_put_bytes(c, data, len);
    return finish(c, SAIL_PORT_CALL_RTC_MEM_WRITE, NULL, 0);
}

int32_t sail_port_rtc_mem_read(int32_t offset, uint8_t *data, size_t len)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, offset);
    sail_host_put_bytes(c, data, len);
    return finish(c, SAIL_PORT_CALL_RTC_MEM_READ, data, len);
}

int64_t sail_port_miot_arg_int(int32_t index)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, index);
    sail_host_send(c, SAIL_PORT_CALL_MIOT_ARG_INT);
    return sail_host_get_i64(c);
}

double sail_port_miot_arg_float(int32_t index)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, index);
    sail_host_send(c, SAIL_PORT_CALL_MIOT_ARG_FLOAT);
    return sail_host_get_f64(c);
}

int32_t sail_port_miot_arg_str(int32_t index, char *value, size_t cap)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, index);
    sail_host_put_bytes(c, value, cap);
    return finish(c, SAIL_PORT_CALL_MIOT_ARG_STR, (uint8_t *)value, cap);
}

void sail_port_miot_reply_int(int64_t value)
{
    sail_host_call_t *c = begin();
    sail_host_put_i64(c, value);
    sail_host_send(c, SAIL_PORT_CALL_MIOT_REPLY_INT);
}

void sail_port_miot_reply_float(double value)
{
    sail_host_call_t *c = begin();
    sail_host_put_f64(c, value);
    sail_host_send(c, SAIL_PORT_CALL_MIOT_REPLY_FLOAT);
}

void sail_port_miot_reply_str(const char *value, size_t len)
{
    sail_host_call_t *c = begin();
    sail_host_put_bytes(c, value, len);
    sail_host_send(c, SAIL_PORT_CALL_MIOT_REPLY_STR);
}

sail_err_t sail_port_miot_changed_int(int32_t siid, int32_t piid, int64_t value)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, siid);
    sail_host_put_i32(c, piid);
    sail_host_put_i64(c, value);
    return finish(c, SAIL_PORT_CALL_MIOT_CHANGED_INT, NULL, 0);
}

sail_err_t sail_port_miot_changed_float(int32_t siid, int32_t piid, double value)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, siid);
    sail_host_put_i32(c, piid);
    sail_host_put_f64(c, value);
    return finish(c, SAIL_PORT_CALL_MIOT_CHANGED_FLOAT, NULL, 0);
}

sail_err_t sail_port_miot_changed_str(int32_t siid, int32_t piid, const char *value, size_t len)
{
    sail_host_call_t *c = begin();
    sail_host_put_i32(c, siid);
    sail_host_put_i32(c, piid);
    sail_host_put_bytes(c, value, len);
    return finish(c, SAIL_PORT_CALL_MIOT_CHANGED_STR, NULL, 0);
}
