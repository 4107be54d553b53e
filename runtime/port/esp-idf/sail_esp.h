/* What the ESP-IDF port's files share, and the few calls the ESP-IDF project's
 * main makes into the port that the core does not (starting the port, Wi-Fi,
 * choosing the Sail image to boot, updating the runtime itself). Everything
 * here calls public ESP-IDF driver APIs only (docs/runtime-chip.md, "The ESP-IDF
 * port"). */
#ifndef SAIL_ESP_H
#define SAIL_ESP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sail_port.h"

/* A datagram arrived on a socket sail_port_udp_open made: id is its handle.
 * Port-internal (not an ABI event): the miIO session takes it, not the image. */
#define SAIL_ESP_EVENT_DATAGRAM 100

/* Creates the event queue and the esp_timer table, subscribes the calling
 * task to the task watchdog, and initialises nvs_flash (erasing it only when
 * its format is from another ESP-IDF version, as ESP-IDF's examples do). */
sail_err_t sail_esp_port_start(void);

/* Queues an event for sail_port_wait; safe from an ISR when from_isr. */
void sail_esp_event_push(const sail_port_event_t *event, bool from_isr);

/* Marks the running handler as ended by a port call (restart, deep sleep). */
void sail_esp_stop_handler(void);

/* Reads why the chip booted (a panic's reason across its esp_restart) and
 * counts crash resets in a row; returns that count. *last_message is the last
 * panic's message. Call once, before the image starts (sail_esp_boot.c). */
uint32_t sail_esp_boot_begin(const char **last_message);
/* Leaves the reason and message of a panic for the next boot. */
void sail_esp_boot_panic(int32_t reason, const char *message);

/* ---- Sail images in sail_0/sail_1, selected by sail_otadata -------------- */

/* The slot the bootloader rules choose (docs/ota.md "The bootloader's
 * decision"), after making the state changes they call for: 0, 1, or -1 when
 * neither slot holds a bootable image. *image_len is the image's length. */
int32_t sail_esp_image_select(uint32_t *image_len);
/* Reads `len` bytes of the image in `slot` from `offset` (after the header). */
sail_err_t sail_esp_image_read(int32_t slot, uint32_t offset, uint8_t *data, size_t len);
/* Checks an update as the emulated board does (the core's sail_update_check:
 * the announced SHA-256, the signature by CONFIG_SAIL_TRUSTED_KEY, board,
 * ABI, no downgrade from `running`, which may be NULL), then writes it into
 * the slot that is not running and selects it NEW. A refusal returns
 * SAIL_ERR_NOT_SUPPORTED with the emulator's message in `message`. */
sail_err_t sail_esp_image_install(const uint8_t *image, size_t len, const uint8_t sha256[32], const char *running,
                                  char *message, size_t message_size);

/* ---- The runtime itself, in ota_0/ota_1 (esp_ota_ops) ------------------- */

sail_err_t sail_esp_runtime_update_begin(size_t len);
sail_err_t sail_esp_runtime_update_write(const uint8_t *data, size_t len);
/* Checks the written app image and selects it to boot NEW. */
sail_err_t sail_esp_runtime_update_end(void);
/* esp_ota_mark_app_valid_cancel_rollback for a runtime on trial. */
sail_err_t sail_esp_runtime_confirm(void);

/* ---- Network ------------------------------------------------------------ */

/* Wi-Fi station: connects to ssid with password and waits up to timeout_ms
 * for an address. */
sail_err_t sail_esp_wifi_connect(const char *ssid, const char *password, int32_t timeout_ms);
/* Once the default event loop and the station exist: the image's WIFI events
 * and SNTP for wall-clock time (sail_port_wifi_clock.c). */
sail_err_t sail_esp_wifi_events_start(void);

/* ---- The MIoT request the miIO session hands the image ------------------ */

typedef struct {
    int32_t count;
    int32_t kind[8]; /* SAIL_MIOT_VALUE_* per argument */
    int64_t ints[8];
    double floats[8];
    const char *strs[8];
    size_t str_lens[8];
} sail_esp_miot_args_t;

typedef struct {
    int32_t kind; /* SAIL_MIOT_VALUE_*, or -1 before the handler replies */
    int64_t i;
    double f;
    char s[256];
    size_t s_len;
} sail_esp_miot_reply_t;

/* The session sets the request's arguments before it raises the event, and
 * reads the reply after the handler returns. */
void sail_esp_miot_begin(const sail_esp_miot_args_t *args);
const sail_esp_miot_reply_t *sail_esp_miot_reply(void);

/* Changes and events the image reported, for the session to push. */
typedef void (*sail_esp_miot_push_fn)(int32_t siid, int32_t iid, int32_t kind, int64_t i, double f, const char *s,
                                      size_t s_len);
void sail_esp_miot_on_push(sail_esp_miot_push_fn push);

#endif /* SAIL_ESP_H */
