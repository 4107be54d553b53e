/* Why the chip booted, and the boot-loop count, kept across resets in RTC
 * memory that a software reset does not clear. A panic of the image ends in
 * esp_restart, which ESP-IDF reports as ESP_RST_SW: the reason the image
 * stopped for (PANIC, TASK_WDT) is left here for the next boot to report.
 * Crash resets in a row count toward a boot loop as on the emulated board
 * (host/board/resets.ts): a crash within CONFIG_SAIL_STABLE_AFTER_MS of boot
 * adds one, a boot that stays up that long or any other reset starts again. */
#include <stdint.h>
#include <string.h>

#include "esp_attr.h"
#include "esp_system.h"
#include "esp_timer.h"
#include "sdkconfig.h"

#include "sail_abi.h"
#include "sail_esp.h"

#define SAIL_BOOT_MAGIC 0x5341494cu /* "SAIL" */

typedef struct {
    uint32_t magic;
    int32_t pending_reason; /* set by a panic just before esp_restart, else 0 */
    uint32_t crash_streak;
    char last_message[96];
} sail_boot_record_t;

static RTC_NOINIT_ATTR sail_boot_record_t record;
static int32_t boot_reason = SAIL_RESET_UNKNOWN;
static esp_timer_handle_t stable_timer;

static int32_t from_esp(esp_reset_reason_t reason)
{
    switch (reason) {
        case ESP_RST_POWERON:
            return SAIL_RESET_POWERON;
        case ESP_RST_EXT:
            return SAIL_RESET_EXT;
        case ESP_RST_SW:
            return SAIL_RESET_SW;
        case ESP_RST_PANIC:
            return SAIL_RESET_PANIC;
        case ESP_RST_INT_WDT:
            return SAIL_RESET_INT_WDT;
        case ESP_RST_TASK_WDT:
            return SAIL_RESET_TASK_WDT;
        case ESP_RST_WDT:
            return SAIL_RESET_WDT;
        case ESP_RST_DEEPSLEEP:
            return SAIL_RESET_DEEPSLEEP;
        case ESP_RST_BROWNOUT:
            return SAIL_RESET_BROWNOUT;
        default:
            return SAIL_RESET_UNKNOWN;
    }
}

static bool is_crash(int32_t reason)
{
    return reason == SAIL_RESET_PANIC || reason == SAIL_RESET_TASK_WDT || reason == SAIL_RESET_INT_WDT ||
           reason == SAIL_RESET_WDT;
}

static void stayed_up(void *arg)
{
    (void)arg;
    record.crash_streak = 0;
}

uint32_t sail_esp_boot_begin(const char **last_message)
{
    esp_reset_reason_t esp_reason = esp_reset_reason();
    if (record.magic != SAIL_BOOT_MAGIC || esp_reason == ESP_RST_POWERON || esp_reason == ESP_RST_BROWNOUT) {
        memset(&record, 0, sizeof record);
        record.magic = SAIL_BOOT_MAGIC;
    }
    boot_reason = from_esp(esp_reason);
    if (esp_reason == ESP_RST_SW && record.pending_reason != 0) {
        boot_reason = record.pending_reason;
    }
    record.pending_reason = 0;
    record.crash_streak = is_crash(boot_reason) ? record.crash_streak + 1 : 0;
    record.last_message[sizeof record.last_message - 1] = '\0';
    *last_message = record.last_message;
    const esp_timer_create_args_t args = {.callback = stayed_up, .name = "sail_stable"};
    if (esp_timer_create(&args, &stable_timer) == ESP_OK) {
        esp_timer_start_once(stable_timer, (uint64_t)CONFIG_SAIL_STABLE_AFTER_MS * 1000u);
    }
    return record.crash_streak;
}

int32_t sail_port_reset_reason(void)
{
    return boot_reason;
}

void sail_esp_boot_panic(int32_t reason, const char *message)
{
    record.magic = SAIL_BOOT_MAGIC;
    record.pending_reason = reason;
    strncpy(record.last_message, message != NULL ? message : "", sizeof record.last_message - 1);
    record.last_message[sizeof record.last_message - 1] = '\0';
}
