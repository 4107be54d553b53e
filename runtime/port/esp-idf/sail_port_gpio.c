/* GPIO on ESP-IDF's gpio driver: configuration, levels, and edge interrupts
 * whose ISR queues GPIO_EDGE events for sail_port_wait. */
#include <stdint.h>

#include "driver/gpio.h"
#include "esp_attr.h"
#include "esp_err.h"
#include "esp_timer.h"

#include "sail_abi.h"
#include "sail_esp.h"

static int32_t watch_ids[GPIO_NUM_MAX];
static bool isr_service;

sail_err_t sail_port_gpio_config(int32_t pin, int32_t mode, int32_t pull)
{
    if (!GPIO_IS_VALID_GPIO(pin)) {
        return SAIL_ERR_INVALID_ARG;
    }
    gpio_mode_t m = GPIO_MODE_DISABLE;
    if (mode == SAIL_GPIO_MODE_INPUT) {
        m = GPIO_MODE_INPUT;
    } else if (mode == SAIL_GPIO_MODE_OUTPUT) {
        m = GPIO_MODE_INPUT_OUTPUT;
    } else if (mode == SAIL_GPIO_MODE_OUTPUT_OD) {
        m = GPIO_MODE_INPUT_OUTPUT_OD;
    }
    const gpio_config_t config = {
        .pin_bit_mask = 1ULL << pin,
        .mode = m,
        .pull_up_en = pull == SAIL_GPIO_PULL_UP ? GPIO_PULLUP_ENABLE : GPIO_PULLUP_DISABLE,
        .pull_down_en = pull == SAIL_GPIO_PULL_DOWN ? GPIO_PULLDOWN_ENABLE : GPIO_PULLDOWN_DISABLE,
        .intr_type = GPIO_INTR_DISABLE,
    };
    return -gpio_config(&config);
}

sail_err_t sail_port_gpio_set_level(int32_t pin, int32_t level)
{
    return -gpio_set_level((gpio_num_t)pin, level != 0 ? 1U : 0U);
}

int32_t sail_port_gpio_get_level(int32_t pin)
{
    if (!GPIO_IS_VALID_GPIO(pin)) {
        return SAIL_ERR_INVALID_ARG;
    }
    return gpio_get_level((gpio_num_t)pin);
}

static void IRAM_ATTR edge_isr(void *arg)
{
    int32_t pin = (int32_t)(intptr_t)arg;
    sail_port_event_t event = {
        .kind = SAIL_EVENT_GPIO_EDGE,
        .id = watch_ids[pin],
        .a = gpio_get_level((gpio_num_t)pin),
        .b = esp_timer_get_time(),
    };
    sail_esp_event_push(&event, true);
}

sail_err_t sail_port_gpio_watch(int32_t pin, int32_t edges, int32_t id)
{
    if (!GPIO_IS_VALID_GPIO(pin)) {
        return SAIL_ERR_INVALID_ARG;
    }
    if (!isr_service) {
        esp_err_t err = gpio_install_isr_service(0);
        if (err != ESP_OK && err != ESP_ERR_INVALID_STATE) {
            return -err;
        }
        isr_service = true;
    }
    gpio_isr_handler_remove((gpio_num_t)pin);
    if (edges == SAIL_GPIO_EDGE_NONE) {
        return -gpio_set_intr_type((gpio_num_t)pin, GPIO_INTR_DISABLE);
    }
    gpio_int_type_t type = edges == SAIL_GPIO_EDGE_RISING    ? GPIO_INTR_POSEDGE
                           : edges == SAIL_GPIO_EDGE_FALLING ? GPIO_INTR_NEGEDGE
                                                             : GPIO_INTR_ANYEDGE;
    watch_ids[pin] = id;
    esp_err_t err = gpio_set_intr_type((gpio_num_t)pin, type);
    if (err == ESP_OK) {
        err = gpio_isr_handler_add((gpio_num_t)pin, edge_isr, (void *)(intptr_t)pin);
    }
    return -err;
}
