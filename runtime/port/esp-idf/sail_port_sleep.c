/* Sleep on esp_sleep: wake sources (timer; a pin through ext1 on the ESP32,
 * the GPIO deep-sleep wakeup on the ESP32-C3), light and deep sleep entered
 * when the handler that asked has returned, the wake cause, and RTC slow
 * memory kept across deep sleep (RTC_DATA_ATTR). */
#include <stdint.h>
#include <string.h>

#include "esp_attr.h"
#include "esp_err.h"
#include "esp_sleep.h"
#include "esp_timer.h"
#include "sdkconfig.h"
#include "soc/soc_caps.h"

#include "sail_abi.h"
#include "sail_esp.h"

static RTC_DATA_ATTR uint8_t rtc_mem[CONFIG_SAIL_RTC_MEM_BYTES];

typedef enum { SLEEP_NONE, SLEEP_LIGHT, SLEEP_DEEP } sleep_request_t;
static sleep_request_t requested;

sail_err_t sail_port_sleep_wake_timer(int64_t us)
{
    return us < 0 ? SAIL_ERR_INVALID_ARG : -esp_sleep_enable_timer_wakeup((uint64_t)us);
}

sail_err_t sail_port_sleep_wake_pin(int32_t pin, int32_t level)
{
    if (pin < 0 || pin >= 64) {
        return SAIL_ERR_INVALID_ARG;
    }
#if SOC_PM_SUPPORT_EXT1_WAKEUP
    return -esp_sleep_enable_ext1_wakeup_io(1ULL << pin,
                                            level != 0 ? ESP_EXT1_WAKEUP_ANY_HIGH : ESP_EXT1_WAKEUP_ALL_LOW);
#elif SOC_GPIO_SUPPORT_DEEPSLEEP_WAKEUP
    return -esp_deep_sleep_enable_gpio_wakeup(1ULL << pin,
                                              level != 0 ? ESP_GPIO_WAKEUP_GPIO_HIGH : ESP_GPIO_WAKEUP_GPIO_LOW);
#else
    (void)level;
    return SAIL_ERR_NOT_SUPPORTED;
#endif
}

void sail_port_sleep_wake_clear(void)
{
    esp_sleep_disable_wakeup_source(ESP_SLEEP_WAKEUP_ALL);
}

sail_err_t sail_port_sleep_light(void)
{
    requested = SLEEP_LIGHT;
    return SAIL_OK;
}

sail_err_t sail_port_sleep_deep(void)
{
    requested = SLEEP_DEEP;
    sail_esp_stop_handler();
    return SAIL_OK;
}

int32_t sail_port_wake_cause(void)
{
    switch (esp_sleep_get_wakeup_cause()) {
        case ESP_SLEEP_WAKEUP_EXT1:
            return SAIL_WAKE_CAUSE_EXT1;
        case ESP_SLEEP_WAKEUP_TIMER:
            return SAIL_WAKE_CAUSE_TIMER;
        case ESP_SLEEP_WAKEUP_GPIO:
            return SAIL_WAKE_CAUSE_GPIO;
        default:
            return SAIL_WAKE_CAUSE_UNDEFINED;
    }
}

/* Called when a handler returns (sail_port_handler_end). */
void sail_esp_sleep_after_handler(void);
void sail_esp_sleep_after_handler(void)
{
    sleep_request_t r = requested;
    requested = SLEEP_NONE;
    if (r == SLEEP_DEEP) {
        esp_deep_sleep_start(); /* does not return: a wake source resets the chip */
    }
    if (r == SLEEP_LIGHT && esp_light_sleep_start() == ESP_OK) {
        sail_port_event_t wake = {
            .kind = SAIL_EVENT_WAKE, .id = 0, .a = sail_port_wake_cause(), .b = esp_timer_get_time()};
        sail_esp_event_push(&wake, false);
    }
}

int32_t sail_port_rtc_mem_write(int32_t offset, const uint8_t *data, size_t len)
{
    if (offset < 0 || (size_t)offset > sizeof rtc_mem || len > sizeof rtc_mem - (size_t)offset) {
        return SAIL_ERR_INVALID_SIZE;
    }
    memcpy(rtc_mem + offset, data, len);
    return (int32_t)len;
}

int32_t sail_port_rtc_mem_read(int32_t offset, uint8_t *data, size_t len)
{
    if (offset < 0 || (size_t)offset > sizeof rtc_mem || len > sizeof rtc_mem - (size_t)offset) {
        return SAIL_ERR_INVALID_SIZE;
    }
    memcpy(data, rtc_mem + offset, len);
    return (int32_t)len;
}
