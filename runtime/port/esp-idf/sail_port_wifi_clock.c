/* Wi-Fi events and wall-clock time on ESP-IDF (ABI 1.3). The station's
 * WIFI_EVENTs become SAIL_EVENT_WIFI events for the image: CONNECTED with the
 * RSSI, DISCONNECTED with wifi_event_sta_disconnected_t's reason, and RSSI
 * when a once-a-second poll of esp_wifi_sta_get_rssi finds the signal moved
 * 5 dB or more from the last value reported (both ways, as the emulator
 * reports it: docs/decisions.md D146). Time of day comes from esp_netif's
 * SNTP client; wallclock_us says unknown until it has synchronised since boot
 * (docs/decisions.md D144). */
#include <stdbool.h>
#include <stdint.h>
#include <sys/time.h>

#include "esp_event.h"
#include "esp_netif_sntp.h"
#include "esp_timer.h"
#include "esp_wifi.h"
#include "sdkconfig.h"

#include "sail_abi.h"
#include "sail_esp.h"

#ifndef CONFIG_SAIL_SNTP_SERVER
#define CONFIG_SAIL_SNTP_SERVER "pool.ntp.org"
#endif

#define RSSI_STEP_DB 5
#define RSSI_POLL_US 1000000

static volatile bool time_synced;
static volatile bool connected;
static int last_rssi;
static esp_timer_handle_t rssi_poll;

static void push_wifi(int32_t id, int64_t a)
{
    const sail_port_event_t event = {.kind = SAIL_EVENT_WIFI, .id = id, .a = a, .b = 0};
    sail_esp_event_push(&event, false);
}

static void on_wifi_event(void *arg, esp_event_base_t base, int32_t id, void *data)
{
    (void)arg;
    (void)base;
    if (id == WIFI_EVENT_STA_CONNECTED) {
        int rssi = 0;
        esp_wifi_sta_get_rssi(&rssi);
        connected = true;
        last_rssi = rssi;
        push_wifi(SAIL_WIFI_EVENT_CONNECTED, rssi);
    } else if (id == WIFI_EVENT_STA_DISCONNECTED && connected) {
        const wifi_event_sta_disconnected_t *d = data;
        connected = false;
        push_wifi(SAIL_WIFI_EVENT_DISCONNECTED, d == NULL ? 0 : d->reason);
    }
}

static void poll_rssi(void *arg)
{
    (void)arg;
    int rssi = 0;
    if (!connected || esp_wifi_sta_get_rssi(&rssi) != ESP_OK) {
        return;
    }
    if (rssi - last_rssi >= RSSI_STEP_DB || last_rssi - rssi >= RSSI_STEP_DB) {
        last_rssi = rssi;
        push_wifi(SAIL_WIFI_EVENT_RSSI, rssi);
    }
}

static void on_time_sync(struct timeval *tv)
{
    (void)tv;
    time_synced = true;
}

sail_err_t sail_esp_wifi_events_start(void)
{
    esp_err_t err = esp_event_handler_register(WIFI_EVENT, ESP_EVENT_ANY_ID, on_wifi_event, NULL);
    const esp_timer_create_args_t poll = {.callback = poll_rssi, .name = "sail_rssi"};
    if (err == ESP_OK) {
        err = esp_timer_create(&poll, &rssi_poll);
    }
    if (err == ESP_OK) {
        err = esp_timer_start_periodic(rssi_poll, RSSI_POLL_US);
    }
    esp_sntp_config_t sntp = ESP_NETIF_SNTP_DEFAULT_CONFIG(CONFIG_SAIL_SNTP_SERVER);
    sntp.sync_cb = on_time_sync;
    sntp.wait_for_sync = false;
    if (err == ESP_OK) {
        err = esp_netif_sntp_init(&sntp);
    }
    return -err;
}

int64_t sail_port_wallclock_us(void)
{
    if (!time_synced) {
        return SAIL_ERR_INVALID_STATE;
    }
    struct timeval now;
    gettimeofday(&now, NULL);
    return (int64_t)now.tv_sec * 1000000 + now.tv_usec;
}
