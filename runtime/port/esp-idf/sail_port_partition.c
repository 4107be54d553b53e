/* The Sail partitions (sail_0, sail_1, sail_otadata) through esp_partition_*,
 * found by label: they are data partitions of Sail's own subtypes
 * (docs/decisions.md D120), so the label is what identifies them. */
#include <stdint.h>
#include <string.h>

#include "esp_err.h"
#include "esp_partition.h"

#include "sail_abi.h"
#include "sail_esp.h"

static const esp_partition_t *find(const char *label)
{
    return esp_partition_find_first(ESP_PARTITION_TYPE_DATA, ESP_PARTITION_SUBTYPE_ANY, label);
}

sail_err_t sail_port_partition_read(const char *label, uint32_t offset, uint8_t *data, size_t len)
{
    const esp_partition_t *p = find(label);
    return p == NULL ? SAIL_ERR_NOT_FOUND : -esp_partition_read(p, offset, data, len);
}

sail_err_t sail_port_partition_write(const char *label, uint32_t offset, const uint8_t *data, size_t len)
{
    const esp_partition_t *p = find(label);
    return p == NULL ? SAIL_ERR_NOT_FOUND : -esp_partition_write(p, offset, data, len);
}

sail_err_t sail_port_partition_erase(const char *label, uint32_t offset, size_t len)
{
    const esp_partition_t *p = find(label);
    return p == NULL ? SAIL_ERR_NOT_FOUND : -esp_partition_erase_range(p, offset, len);
}
