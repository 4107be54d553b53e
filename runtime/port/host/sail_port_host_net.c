/* Partitions, datagrams and HTTP on the host port: not co-simulated yet
 * (no import uses them; the miIO session and the image slots will), so each
 * answers SAIL_ERR_NOT_SUPPORTED. */
#include "sail_port.h"

sail_err_t sail_port_partition_read(const char *label, uint32_t offset, uint8_t *data, size_t len)
{
    (void)label, (void)offset, (void)data, (void)len;
    return SAIL_ERR_NOT_SUPPORTED;
}

sail_err_t sail_port_partition_write(const char *label, uint32_t offset, const uint8_t *data, size_t len)
{
    (void)label, (void)offset, (void)data, (void)len;
    return SAIL_ERR_NOT_SUPPORTED;
}

sail_err_t sail_port_partition_erase(const char *label, uint32_t offset, size_t len)
{
    (void)label, (void)offset, (void)len;
    return SAIL_ERR_NOT_SUPPORTED;
}

int32_t sail_port_udp_open(uint16_t port)
{
    (void)port;
    return SAIL_ERR_NOT_SUPPORTED;
}

int32_t sail_port_udp_send(int32_t handle, uint32_t addr, uint16_t port, const uint8_t *data, size_t len)
{
    (void)handle, (void)addr, (void)port, (void)data, (void)len;
    return SAIL_ERR_NOT_SUPPORTED;
}

int32_t sail_port_udp_recv(int32_t handle, uint8_t *data, size_t cap, uint32_t *addr, uint16_t *port)
{
    (void)handle, (void)data, (void)cap, (void)addr, (void)port;
    return SAIL_ERR_NOT_SUPPORTED;
}

sail_err_t sail_port_udp_close(int32_t handle)
{
    (void)handle;
    return SAIL_ERR_NOT_SUPPORTED;
}

sail_err_t sail_port_http_get_range(const char *url, uint32_t from, uint32_t to, uint8_t *data, size_t cap, size_t *got,
                                    uint32_t *total)
{
    (void)url, (void)from, (void)to, (void)data, (void)cap;
    *got = 0;
    *total = 0;
    return SAIL_ERR_NOT_SUPPORTED;
}
