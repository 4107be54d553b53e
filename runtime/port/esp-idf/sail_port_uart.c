/* UART on ESP-IDF's uart driver: install with an RX buffer and an event
 * queue; a watched port has a small task that turns UART_DATA events into
 * UART_RX events for sail_port_wait. */
#include <stdint.h>

#include "driver/uart.h"
#include "esp_err.h"
#include "freertos/FreeRTOS.h"
#include "freertos/queue.h"
#include "freertos/task.h"

#include "sail_abi.h"
#include "sail_esp.h"

#define SAIL_ESP_UART_RX_BYTES 1024

static QueueHandle_t uart_events[UART_NUM_MAX];
static int32_t watch_ids[UART_NUM_MAX];
static TaskHandle_t watchers[UART_NUM_MAX];

sail_err_t sail_port_uart_setup(int32_t port, int32_t tx, int32_t rx, int32_t baud)
{
    if (port < 0 || port >= UART_NUM_MAX) {
        return SAIL_ERR_INVALID_ARG;
    }
    const uart_config_t config = {
        .baud_rate = baud,
        .data_bits = UART_DATA_8_BITS,
        .parity = UART_PARITY_DISABLE,
        .stop_bits = UART_STOP_BITS_1,
        .flow_ctrl = UART_HW_FLOWCTRL_DISABLE,
        .source_clk = UART_SCLK_DEFAULT,
    };
    esp_err_t err = uart_driver_install(port, SAIL_ESP_UART_RX_BYTES, 0, 16, &uart_events[port], 0);
    if (err == ESP_OK) {
        err = uart_param_config(port, &config);
    }
    if (err == ESP_OK) {
        err = uart_set_pin(port, tx, rx, UART_PIN_NO_CHANGE, UART_PIN_NO_CHANGE);
    }
    return -err;
}

int32_t sail_port_uart_write(int32_t port, const uint8_t *data, size_t len)
{
    int n = uart_write_bytes(port, data, len);
    return n < 0 ? SAIL_ERR_INVALID_ARG : n;
}

int32_t sail_port_uart_read(int32_t port, uint8_t *data, size_t cap)
{
    int n = uart_read_bytes(port, data, (uint32_t)cap, 0);
    return n < 0 ? SAIL_ERR_INVALID_ARG : n;
}

static void watch_task(void *arg)
{
    int32_t port = (int32_t)(intptr_t)arg;
    uart_event_t event;
    for (;;) {
        if (xQueueReceive(uart_events[port], &event, portMAX_DELAY) == pdTRUE && event.type == UART_DATA) {
            sail_port_event_t e = {
                .kind = SAIL_EVENT_UART_RX, .id = watch_ids[port], .a = port, .b = (int64_t)event.size};
            sail_esp_event_push(&e, false);
        }
    }
}

sail_err_t sail_port_uart_watch(int32_t port, int32_t id)
{
    if (port < 0 || port >= UART_NUM_MAX || uart_events[port] == NULL) {
        return SAIL_ERR_INVALID_STATE;
    }
    watch_ids[port] = id;
    if (watchers[port] == NULL &&
        xTaskCreate(watch_task, "sail_uart", 2048, (void *)(intptr_t)port, 5, &watchers[port]) != pdPASS) {
        return SAIL_ERR_NO_MEM;
    }
    return SAIL_OK;
}
