/* Updating the runtime itself, an ESP-IDF app in ota_0/ota_1, through
 * esp_ota_ops with rollback (CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE): written
 * into the partition that is not running, checked by esp_ota_end, selected to
 * boot NEW, confirmed by the new runtime once it runs an image. */
#include <stddef.h>
#include <stdint.h>

#include "esp_err.h"
#include "esp_ota_ops.h"

#include "sail_abi.h"
#include "sail_esp.h"

static esp_ota_handle_t update;
static const esp_partition_t *target;

sail_err_t sail_esp_runtime_update_begin(size_t len)
{
    target = esp_ota_get_next_update_partition(NULL);
    if (target == NULL) {
        return SAIL_ERR_NOT_FOUND;
    }
    if (len > target->size) {
        return SAIL_ERR_INVALID_SIZE;
    }
    return -esp_ota_begin(target, len, &update);
}

sail_err_t sail_esp_runtime_update_write(const uint8_t *data, size_t len)
{
    return target == NULL ? SAIL_ERR_INVALID_STATE : -esp_ota_write(update, data, len);
}

sail_err_t sail_esp_runtime_update_end(void)
{
    if (target == NULL) {
        return SAIL_ERR_INVALID_STATE;
    }
    esp_err_t err = esp_ota_end(update);
    if (err == ESP_OK) {
        err = esp_ota_set_boot_partition(target);
    }
    target = NULL;
    return -err;
}

sail_err_t sail_esp_runtime_confirm(void)
{
    esp_ota_img_states_t state;
    const esp_partition_t *running = esp_ota_get_running_partition();
    if (esp_ota_get_state_partition(running, &state) == ESP_OK && state == ESP_OTA_IMG_PENDING_VERIFY) {
        return -esp_ota_mark_app_valid_cancel_rollback();
    }
    return SAIL_OK;
}
