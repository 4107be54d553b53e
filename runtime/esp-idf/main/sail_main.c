/* The runtime's program on the chip: start the port, confirm a runtime on
 * trial, choose the Sail image as the bootloader rules say (sail_0/sail_1,
 * sail_otadata), check it as the emulator does, and run it on wasm3 in a
 * task whose stack the board profile sizes. With no bootable image it says
 * so and waits for one (sail flash over serial, or an OTA update). The core
 * and engine calls follow runtime/port/host/sail_host_main.c. */
#include <stdint.h>
#include <stdlib.h>

#include "esp_log.h"
#include "esp_task_wdt.h"
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "sdkconfig.h"

#include "sail_app.h"
#include "sail_esp.h"
#include "sail_image.h"

static const char *TAG = "sail";

static void wait_for_an_image(const char *why)
{
    ESP_LOGW(TAG, "%s: no image to run; flash one (sail flash <image> --port <serial>) or send an OTA update", why);
    for (;;) {
        esp_task_wdt_reset();
        vTaskDelay(pdMS_TO_TICKS(1000));
    }
}

static void sail_task(void *arg)
{
    (void)arg;
    sail_err_t st = sail_esp_port_start();
    if (st != SAIL_OK) {
        ESP_LOGE(TAG, "the port did not start: %s", sail_err_name(st));
        abort();
    }
    sail_esp_runtime_confirm();
    const char *last = "";
    uint32_t crashes = sail_esp_boot_begin(&last);
    if (crashes >= CONFIG_SAIL_BOOT_LOOP_RESETS) {
        ESP_LOGE(TAG, "boot loop: %u crash resets in a row, each within %d ms of boot. Last: %s", (unsigned)crashes,
                 CONFIG_SAIL_STABLE_AFTER_MS, last);
        wait_for_an_image("the image is boot-looping");
    }
    if (CONFIG_SAIL_WIFI_SSID[0] != '\0' &&
        sail_esp_wifi_connect(CONFIG_SAIL_WIFI_SSID, CONFIG_SAIL_WIFI_PASSWORD, 15000) != SAIL_OK) {
        ESP_LOGW(TAG, "Wi-Fi %s: no address yet; the image runs offline", CONFIG_SAIL_WIFI_SSID);
    }
    uint32_t len = 0;
    int32_t slot = sail_esp_image_select(&len);
    if (slot < 0) {
        wait_for_an_image("sail_0 and sail_1 hold no valid image");
    }
    uint8_t *image = malloc(len);
    if (image == NULL || sail_esp_image_read(slot, 0, image, len) != SAIL_OK) {
        wait_for_an_image("the image does not fit in RAM or cannot be read");
    }
    const sail_board_t board = {
        .id = CONFIG_SAIL_BOARD,
        .partition_name = slot == 0 ? "sail_0" : "sail_1",
        .partition_size = CONFIG_SAIL_SLOT_BYTES,
        .ram_bytes = CONFIG_SAIL_RAM_BYTES,
    };
    static char message[256];
    static sail_image_t checked;
    if (sail_image_load(image, len, &board, board.partition_name, &checked, message, sizeof message) != SAIL_OK) {
        wait_for_an_image(message);
    }
    static sail_app_t app;
    app.board.watchdog_us = (int64_t)CONFIG_SAIL_WATCHDOG_MS * 1000;
    app.board.cycles_per_instruction = CONFIG_SAIL_CYCLES_PER_INSTRUCTION_MILLI / 1000.0;
    app.board.cpu_mhz = CONFIG_SAIL_CPU_MHZ;
    app.board.ram_bytes = CONFIG_SAIL_RAM_BYTES;
    if (sail_engine_open(&app.engine, image, len, &app, message, sizeof message) != SAIL_OK) {
        wait_for_an_image(message);
    }
    ESP_LOGI(TAG, "running %s from %s", checked.has_manifest ? checked.manifest.name : "a bare image",
             board.partition_name);
    sail_app_loop(&app);
}

void app_main(void)
{
    /* ESP-IDF's FreeRTOS takes the stack depth in bytes. */
    xTaskCreate(sail_task, "sail", CONFIG_SAIL_TASK_STACK_BYTES, NULL, 5, NULL);
}
