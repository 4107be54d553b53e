/* The system calls on ESP-IDF: the firmware's log through ESP_LOG, esp_random,
 * esp_restart, and how a handler ends: normally, by a port
 * call that stops it (restart, deep sleep), or by a panic, which logs the
 * reason and resets the chip. Light and deep sleep begin when the handler
 * that asked for them has returned (sail_port_sleep.c). */
#include <stdbool.h>
#include <stdint.h>

#include "esp_log.h"
#include "esp_random.h"
#include "esp_system.h"

#include "sail_abi.h"
#include "sail_esp.h"

static const char *TAG = "app";
static bool stopping;

/* Defined in sail_port_sleep.c: enters a sleep the handler asked for. */
void sail_esp_sleep_after_handler(void);

void sail_port_log(int32_t level, const char *text, size_t len)
{
    int n = len > 1024 ? 1024 : (int)len;
    switch (level) {
        case SAIL_LOG_ERROR:
            ESP_LOGE(TAG, "%.*s", n, text);
            break;
        case SAIL_LOG_WARN:
            ESP_LOGW(TAG, "%.*s", n, text);
            break;
        case SAIL_LOG_DEBUG:
            ESP_LOGD(TAG, "%.*s", n, text);
            break;
        case SAIL_LOG_VERBOSE:
            ESP_LOGV(TAG, "%.*s", n, text);
            break;
        default:
            ESP_LOGI(TAG, "%.*s", n, text);
            break;
    }
}

uint32_t sail_port_random_u32(void)
{
    return esp_random();
}

void sail_esp_stop_handler(void)
{
    stopping = true;
}

bool sail_port_stopping(void)
{
    return stopping;
}

void sail_port_restart(void)
{
    stopping = true;
    esp_restart();
}

void sail_port_handler_end(int32_t status)
{
    (void)status;
    stopping = false;
    sail_esp_sleep_after_handler();
}

void sail_port_panic(int32_t reason, int32_t trap, const char *message)
{
    ESP_LOGE("sail", "panic (reason %d, trap %d): %s", (int)reason, (int)trap, message != NULL ? message : "");
    /* The image stopped: the chip resets as ESP-IDF does after a panic, and
     * the next boot reports this reason and counts it toward a boot loop
     * (sail_esp_boot.c), since esp_restart alone reads as ESP_RST_SW. */
    sail_esp_boot_panic(reason, message);
    esp_restart();
}
