/* The network on ESP-IDF: Wi-Fi station (esp_wifi, esp_netif, the default
 * event loop), UDP sockets on lwIP with a task that turns readable sockets
 * into port events, and an HTTP range download with esp_http_client. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "esp_event.h"
#include "esp_http_client.h"
#include "esp_netif.h"
#include "esp_wifi.h"
#include "freertos/FreeRTOS.h"
#include "freertos/event_groups.h"
#include "freertos/task.h"
#include "lwip/sockets.h"

#include "sail_abi.h"
#include "sail_esp.h"

#define SAIL_ESP_SOCKETS 4
#define GOT_IP BIT0

static EventGroupHandle_t wifi_events;
static int sockets[SAIL_ESP_SOCKETS] = {-1, -1, -1, -1};
static TaskHandle_t receiver;

static void on_wifi(void *arg, esp_event_base_t base, int32_t id, void *data)
{
    (void)arg;
    (void)data;
    if (base == WIFI_EVENT && (id == WIFI_EVENT_STA_START || id == WIFI_EVENT_STA_DISCONNECTED)) {
        esp_wifi_connect();
    } else if (base == IP_EVENT && id == IP_EVENT_STA_GOT_IP) {
        xEventGroupSetBits(wifi_events, GOT_IP);
    }
}

sail_err_t sail_esp_wifi_connect(const char *ssid, const char *password, int32_t timeout_ms)
{
    wifi_events = xEventGroupCreate();
    esp_err_t err = esp_netif_init();
    if (err == ESP_OK) {
        err = esp_event_loop_create_default();
    }
    if (err != ESP_OK && err != ESP_ERR_INVALID_STATE) {
        return -err;
    }
    esp_netif_create_default_wifi_sta();
    wifi_init_config_t init = WIFI_INIT_CONFIG_DEFAULT();
    err = esp_wifi_init(&init);
    if (err == ESP_OK) {
        err = esp_event_handler_register(WIFI_EVENT, ESP_EVENT_ANY_ID, on_wifi, NULL);
    }
    if (err == ESP_OK) {
        err = esp_event_handler_register(IP_EVENT, IP_EVENT_STA_GOT_IP, on_wifi, NULL);
    }
    wifi_config_t config;
    memset(&config, 0, sizeof config);
    strncpy((char *)config.sta.ssid, ssid, sizeof config.sta.ssid);
    strncpy((char *)config.sta.password, password, sizeof config.sta.password);
    if (err == ESP_OK) {
        err = sail_esp_wifi_events_start();
    }
    if (err == ESP_OK) {
        err = esp_wifi_set_mode(WIFI_MODE_STA);
    }
    if (err == ESP_OK) {
        err = esp_wifi_set_config(WIFI_IF_STA, &config);
    }
    if (err == ESP_OK) {
        err = esp_wifi_start();
    }
    if (err != ESP_OK) {
        return -err;
    }
    EventBits_t bits = xEventGroupWaitBits(wifi_events, GOT_IP, pdFALSE, pdTRUE, pdMS_TO_TICKS(timeout_ms));
    return (bits & GOT_IP) != 0 ? SAIL_OK : SAIL_ERR_TIMEOUT;
}

/* Waits on every open socket; a readable one raises SAIL_ESP_EVENT_DATAGRAM
 * and is not watched again until sail_port_udp_recv has drained it. */
static bool draining[SAIL_ESP_SOCKETS];

static void receive_task(void *arg)
{
    (void)arg;
    for (;;) {
        fd_set readable;
        FD_ZERO(&readable);
        int top = -1;
        for (int i = 0; i < SAIL_ESP_SOCKETS; i++) {
            if (sockets[i] >= 0 && !draining[i]) {
                FD_SET(sockets[i], &readable);
                top = sockets[i] > top ? sockets[i] : top;
            }
        }
        struct timeval tick = {.tv_sec = 0, .tv_usec = 100000};
        if (top < 0 || select(top + 1, &readable, NULL, NULL, &tick) <= 0) {
            vTaskDelay(pdMS_TO_TICKS(10));
            continue;
        }
        for (int i = 0; i < SAIL_ESP_SOCKETS; i++) {
            if (sockets[i] >= 0 && FD_ISSET(sockets[i], &readable)) {
                draining[i] = true;
                sail_port_event_t e = {.kind = SAIL_ESP_EVENT_DATAGRAM, .id = i, .a = 0, .b = 0};
                sail_esp_event_push(&e, false);
            }
        }
    }
}

int32_t sail_port_udp_open(uint16_t port)
{
    int slot = 0;
    while (slot < SAIL_ESP_SOCKETS && sockets[slot] >= 0) {
        slot++;
    }
    if (slot == SAIL_ESP_SOCKETS) {
        return SAIL_ERR_NO_MEM;
    }
    int fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    if (fd < 0) {
        return SAIL_ERR_FAIL;
    }
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_ANY)};
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || fcntl(fd, F_SETFL, O_NONBLOCK) != 0) {
        close(fd);
        return SAIL_ERR_INVALID_STATE;
    }
    sockets[slot] = fd;
    draining[slot] = false;
    if (receiver == NULL && xTaskCreate(receive_task, "sail_udp", 3072, NULL, 5, &receiver) != pdPASS) {
        return SAIL_ERR_NO_MEM;
    }
    return slot;
}

int32_t sail_port_udp_send(int32_t handle, uint32_t addr, uint16_t port, const uint8_t *data, size_t len)
{
    if (handle < 0 || handle >= SAIL_ESP_SOCKETS || sockets[handle] < 0) {
        return SAIL_ERR_INVALID_ARG;
    }
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = addr};
    int n = sendto(sockets[handle], data, len, 0, (struct sockaddr *)&to, sizeof to);
    return n < 0 ? SAIL_ERR_FAIL : n;
}

int32_t sail_port_udp_recv(int32_t handle, uint8_t *data, size_t cap, uint32_t *addr, uint16_t *port)
{
    if (handle < 0 || handle >= SAIL_ESP_SOCKETS || sockets[handle] < 0) {
        return SAIL_ERR_INVALID_ARG;
    }
    struct sockaddr_in from;
    socklen_t from_len = sizeof from;
    int n = recvfrom(sockets[handle], data, cap, 0, (struct sockaddr *)&from, &from_len);
    if (n < 0) {
        draining[handle] = false; /* drained: watch it again */
        return SAIL_ERR_NOT_FOUND;
    }
    *addr = from.sin_addr.s_addr;
    *port = ntohs(from.sin_port);
    return n;
}

sail_err_t sail_port_udp_close(int32_t handle)
{
    if (handle < 0 || handle >= SAIL_ESP_SOCKETS || sockets[handle] < 0) {
        return SAIL_ERR_INVALID_ARG;
    }
    close(sockets[handle]);
    sockets[handle] = -1;
    return SAIL_OK;
}

sail_err_t sail_port_http_get_range(const char *url, uint32_t from, uint32_t to, uint8_t *data, size_t cap, size_t *got,
                                    uint32_t *total)
{
    *got = 0;
    *total = 0;
    if (to <= from) {
        return SAIL_ERR_INVALID_ARG;
    }
    esp_http_client_config_t config = {.url = url, .timeout_ms = 10000};
    esp_http_client_handle_t client = esp_http_client_init(&config);
    if (client == NULL) {
        return SAIL_ERR_NO_MEM;
    }
    char range[48];
    snprintf(range, sizeof range, "bytes=%lu-%lu", (unsigned long)from, (unsigned long)(to - 1));
    esp_http_client_set_header(client, "Range", range);
    esp_err_t err = esp_http_client_open(client, 0);
    if (err == ESP_OK) {
        int64_t length = esp_http_client_fetch_headers(client);
        int status = esp_http_client_get_status_code(client);
        if (status != 206 && status != 200) {
            err = ESP_ERR_INVALID_RESPONSE;
        } else {
            /* 206: Content-Range gives the total; a server that ignores Range sends all of it (200). */
            char *content_range = NULL;
            if (status == 206 && esp_http_client_get_header(client, "Content-Range", &content_range) == ESP_OK &&
                content_range != NULL) {
                const char *slash = strchr(content_range, '/');
                *total = slash != NULL ? (uint32_t)strtoul(slash + 1, NULL, 10) : 0;
            } else {
                *total = length > 0 ? (uint32_t)length : 0;
            }
            size_t skip = status == 200 ? from : 0;
            size_t want = to - from < cap ? to - from : cap;
            uint8_t discard[128];
            while (skip > 0) {
                int n = esp_http_client_read(client, (char *)discard,
                                             skip < sizeof discard ? (int)skip : (int)sizeof discard);
                if (n <= 0) {
                    break;
                }
                skip -= (size_t)n;
            }
            while (*got < want) {
                int n = esp_http_client_read(client, (char *)data + *got, (int)(want - *got));
                if (n <= 0) {
                    break;
                }
                *got += (size_t)n;
            }
        }
    }
    esp_http_client_close(client);
    esp_http_client_cleanup(client);
    return -err;
}
