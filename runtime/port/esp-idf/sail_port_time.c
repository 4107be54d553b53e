/* Time, waiting and events on ESP-IDF: esp_timer for the clock and the
 * image's timers, a FreeRTOS queue for the events that interrupts and
 * callbacks raise, the task watchdog for the event loop's task. */
#include <stdint.h>

#include "esp_err.h"
#include "esp_rom_sys.h"
#include "esp_task_wdt.h"
#include "esp_timer.h"
#include "freertos/FreeRTOS.h"
#include "freertos/queue.h"
#include "freertos/task.h"
#include "nvs_flash.h"
#include "sdkconfig.h"

#include "sail_abi.h"
#include "sail_esp.h"

#define SAIL_ESP_EVENT_QUEUE 64

static QueueHandle_t events;
static esp_timer_handle_t timers[SAIL_MAX_TIMERS];
static int32_t timer_ids[SAIL_MAX_TIMERS];
/* A periodic timer whose first expiry differs from its period starts one-shot;
 * its first expiry starts the period (so later expiries are on its grid). */
static int64_t first_then_period[SAIL_MAX_TIMERS];

sail_err_t sail_esp_port_start(void)
{
    events = xQueueCreate(SAIL_ESP_EVENT_QUEUE, sizeof(sail_port_event_t));
    if (events == NULL) {
        return -ESP_ERR_NO_MEM;
    }
    esp_err_t err = nvs_flash_init();
    if (err == ESP_ERR_NVS_NO_FREE_PAGES || err == ESP_ERR_NVS_NEW_VERSION_FOUND) {
        err = nvs_flash_erase();
        if (err == ESP_OK) {
            err = nvs_flash_init();
        }
    }
    if (err != ESP_OK) {
        return -err;
    }
    /* CONFIG_ESP_TASK_WDT_INIT starts the watchdog; the loop's task joins it. */
    return -esp_task_wdt_add(NULL);
}

void sail_esp_event_push(const sail_port_event_t *event, bool from_isr)
{
    if (from_isr) {
        BaseType_t woken = pdFALSE;
        xQueueSendFromISR(events, event, &woken);
        portYIELD_FROM_ISR(woken);
    } else {
        xQueueSend(events, event, 0);
    }
}

int64_t sail_port_now_us(void)
{
    return esp_timer_get_time();
}

/* The loop's task is subscribed to the task watchdog, which is for a handler
 * that runs too long, not for an image waiting for its next event: waiting
 * feeds it, in slices well inside its timeout. */
#define SAIL_ESP_WAIT_SLICE_MS 1000
_Static_assert(CONFIG_ESP_TASK_WDT_TIMEOUT_S * 1000 > 2 * SAIL_ESP_WAIT_SLICE_MS,
               "the task watchdog's timeout must exceed twice the wait slice");

sail_err_t sail_port_wait(int64_t deadline_us, sail_port_event_t *event)
{
    for (;;) {
        TickType_t ticks = pdMS_TO_TICKS(SAIL_ESP_WAIT_SLICE_MS);
        if (deadline_us != INT64_MAX) {
            int64_t left = deadline_us - esp_timer_get_time();
            int64_t until = left <= 0 ? 0 : (left + portTICK_PERIOD_MS * 1000 - 1) / (portTICK_PERIOD_MS * 1000);
            if (until < (int64_t)ticks) {
                ticks = (TickType_t)until;
            }
        }
        esp_task_wdt_reset();
        if (xQueueReceive(events, event, ticks) == pdTRUE) {
            return SAIL_OK;
        }
        if (deadline_us != INT64_MAX && esp_timer_get_time() >= deadline_us) {
            return SAIL_ERR_TIMEOUT;
        }
    }
}

void sail_port_delay_us(int64_t us)
{
    if (us >= 10000) {
        vTaskDelay(pdMS_TO_TICKS(us / 1000));
        us %= 1000;
    }
    if (us > 0) {
        esp_rom_delay_us((uint32_t)us);
    }
}

static void timer_expired(void *arg)
{
    int slot = (int)(intptr_t)arg;
    if (first_then_period[slot] > 0) {
        esp_timer_start_periodic(timers[slot], (uint64_t)first_then_period[slot]);
        first_then_period[slot] = 0;
    }
    sail_port_event_t event = {.kind = SAIL_EVENT_TIMER, .id = timer_ids[slot], .a = 0, .b = 0};
    sail_esp_event_push(&event, false);
}

static int find_timer(int32_t id)
{
    for (int i = 0; i < SAIL_MAX_TIMERS; i++) {
        if (timers[i] != NULL && timer_ids[i] == id) {
            return i;
        }
    }
    return -1;
}

sail_err_t sail_port_timer_start(int32_t id, int64_t delay_us, int64_t period_us)
{
    int slot = find_timer(id);
    if (slot < 0) {
        for (slot = 0; slot < SAIL_MAX_TIMERS && timers[slot] != NULL; slot++) {
        }
        if (slot == SAIL_MAX_TIMERS) {
            return SAIL_ERR_NO_MEM;
        }
        const esp_timer_create_args_t args = {
            .callback = timer_expired,
            .arg = (void *)(intptr_t)slot,
            .dispatch_method = ESP_TIMER_TASK,
            .name = "sail",
        };
        esp_err_t err = esp_timer_create(&args, &timers[slot]);
        if (err != ESP_OK) {
            timers[slot] = NULL;
            return -err;
        }
        timer_ids[slot] = id;
    } else {
        esp_timer_stop(timers[slot]);
    }
    first_then_period[slot] = 0;
    if (period_us > 0 && delay_us == period_us) {
        return -esp_timer_start_periodic(timers[slot], (uint64_t)period_us);
    }
    first_then_period[slot] = period_us;
    return -esp_timer_start_once(timers[slot], (uint64_t)delay_us);
}

sail_err_t sail_port_timer_stop(int32_t id)
{
    int slot = find_timer(id);
    if (slot < 0) {
        return SAIL_ERR_NOT_FOUND;
    }
    first_then_period[slot] = 0;
    esp_err_t err = esp_timer_stop(timers[slot]);
    return err == ESP_ERR_INVALID_STATE ? SAIL_OK : -err;
}

void sail_port_wdt_feed(void)
{
    esp_task_wdt_reset();
}
