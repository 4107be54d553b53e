/* Sail images in sail_0/sail_1, selected by sail_otadata, on the chip: the
 * slot format of host/ota/slot.ts (a 64-byte header: "SAIL", version 1,
 * length, SHA-256, CRC-32 of bytes 0-47) and otadata's format and rules
 * (docs/ota.md): the valid entry with the higher seq selects slot
 * (seq - 1) mod 2; NEW boots once as PENDING_VERIFY; an image still
 * PENDING_VERIFY at boot is marked ABORTED and the other slot boots; INVALID
 * and ABORTED entries are never chosen. State changes rewrite the entry's own
 * sector; a new selection goes into the other sector. */
#include <stdint.h>
#include <string.h>

#include "esp_rom_crc.h"
#include "esp_system.h"
#include "sodium.h"

#include "sail_abi.h"
#include "sail_esp.h"

#define SECTOR 4096u
#define HEADER 64u
#define SLOT_MAGIC 0x4C494153u
#define STATE_NEW 0u
#define STATE_PENDING 1u
#define STATE_VALID 2u
#define STATE_INVALID 3u
#define STATE_ABORTED 4u
#define STATE_UNDEFINED 0xFFFFFFFFu

static const char *const SLOTS[2] = {"sail_0", "sail_1"};
static const char *const OTADATA = "sail_otadata";

typedef struct {
    uint32_t seq;
    uint8_t label[20];
    uint32_t state;
    uint32_t crc;
} entry_t;

static int32_t running_slot = -1;
static int32_t running_sector = -1;

static uint32_t seq_crc(uint32_t seq)
{
    uint8_t b[4] = {(uint8_t)seq, (uint8_t)(seq >> 8), (uint8_t)(seq >> 16), (uint8_t)(seq >> 24)};
    return esp_rom_crc32_le(UINT32_MAX, b, 4);
}

static bool intact(const entry_t *e)
{
    return e->seq != 0xFFFFFFFFu && e->crc == seq_crc(e->seq);
}

static bool valid(const entry_t *e)
{
    return intact(e) && e->state != STATE_INVALID && e->state != STATE_ABORTED;
}

static void read_entries(entry_t e[2])
{
    for (uint32_t s = 0; s < 2; s++) {
        if (sail_port_partition_read(OTADATA, s * SECTOR, (uint8_t *)&e[s], sizeof e[s]) != SAIL_OK) {
            memset(&e[s], 0xFF, sizeof e[s]);
        }
    }
}

static int32_t active(const entry_t e[2])
{
    bool v0 = valid(&e[0]), v1 = valid(&e[1]);
    if (v0 && v1) {
        return e[0].seq >= e[1].seq ? 0 : 1;
    }
    return v0 ? 0 : v1 ? 1 : -1;
}

static sail_err_t write_entry(int32_t sector, uint32_t seq, uint32_t state)
{
    entry_t e;
    memset(&e, 0xFF, sizeof e);
    e.seq = seq;
    e.state = state;
    e.crc = seq_crc(seq);
    sail_err_t st = sail_port_partition_erase(OTADATA, (uint32_t)sector * SECTOR, SECTOR);
    return st != SAIL_OK ? st
                         : sail_port_partition_write(OTADATA, (uint32_t)sector * SECTOR, (const uint8_t *)&e, sizeof e);
}

static uint32_t le32(const uint8_t *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* The image length if the slot's header and SHA-256 check out, else 0. */
static uint32_t image_ok(int32_t slot)
{
    uint8_t h[HEADER];
    if (sail_port_partition_read(SLOTS[slot], 0, h, sizeof h) != SAIL_OK || le32(h) != SLOT_MAGIC || le32(h + 4) != 1 ||
        le32(h + 48) != esp_rom_crc32_le(0, h, 48)) {
        return 0;
    }
    uint32_t len = le32(h + 8);
    crypto_hash_sha256_state sha;
    crypto_hash_sha256_init(&sha);
    uint8_t chunk[256];
    for (uint32_t at = 0; at < len; at += sizeof chunk) {
        size_t n = len - at < sizeof chunk ? len - at : sizeof chunk;
        if (sail_port_partition_read(SLOTS[slot], HEADER + at, chunk, n) != SAIL_OK) {
            return 0;
        }
        crypto_hash_sha256_update(&sha, chunk, n);
    }
    uint8_t digest[32];
    crypto_hash_sha256_final(&sha, digest);
    return memcmp(digest, h + 16, 32) == 0 ? len : 0;
}

int32_t sail_esp_image_select(uint32_t *image_len)
{
    entry_t e[2];
    read_entries(e);
    int32_t a;
    /* A reset while on trial: the image never confirmed itself. */
    while ((a = active(e)) >= 0 && e[a].state == STATE_PENDING) {
        e[a].state = STATE_ABORTED;
        write_entry(a, e[a].seq, STATE_ABORTED);
    }
    uint32_t len[2] = {image_ok(0), image_ok(1)};
    if (a >= 0) {
        int32_t slot = (int32_t)((e[a].seq - 1) % 2);
        if (len[slot] > 0) {
            if (e[a].state == STATE_NEW) {
                e[a].state = STATE_PENDING;
                write_entry(a, e[a].seq, STATE_PENDING);
            }
            running_slot = slot;
            running_sector = a;
            *image_len = len[slot];
            return slot;
        }
    }
    /* No usable selection: the first slot holding an image no entry marks bad. */
    for (int32_t slot = 0; slot < 2; slot++) {
        const entry_t *other = &e[a >= 0 ? 1 - a : 0];
        bool marked_bad = intact(other) && (int32_t)((other->seq - 1) % 2) == slot && !valid(other);
        if (len[slot] > 0 && !marked_bad) {
            running_slot = slot;
            running_sector = -1;
            *image_len = len[slot];
            return slot;
        }
    }
    return -1;
}

sail_err_t sail_esp_image_read(int32_t slot, uint32_t offset, uint8_t *data, size_t len)
{
    return slot < 0 || slot > 1 ? SAIL_ERR_INVALID_ARG
                                : sail_port_partition_read(SLOTS[slot], HEADER + offset, data, len);
}

sail_err_t sail_esp_image_install(const uint8_t *image, size_t len, const uint8_t sha256[32])
{
    int32_t target = running_slot == 0 ? 1 : 0;
    size_t erase = (HEADER + len + SECTOR - 1) / SECTOR * SECTOR;
    sail_err_t st = sail_port_partition_erase(SLOTS[target], 0, erase);
    if (st == SAIL_OK) {
        st = sail_port_partition_write(SLOTS[target], HEADER, image, len);
    }
    if (st != SAIL_OK) {
        return st;
    }
    /* The header last, so a cut leaves the slot empty, never a broken image. */
    uint8_t h[HEADER];
    memset(h, 0xFF, sizeof h);
    const uint32_t fields[4] = {SLOT_MAGIC, 1, (uint32_t)len, 0};
    memcpy(h, fields, sizeof fields);
    memcpy(h + 16, sha256, 32);
    uint32_t crc = esp_rom_crc32_le(0, h, 48);
    memcpy(h + 48, &crc, 4);
    st = sail_port_partition_write(SLOTS[target], 0, h, sizeof h);
    if (st != SAIL_OK) {
        return st;
    }
    entry_t e[2];
    read_entries(e);
    int32_t a = active(e);
    uint32_t seq = a >= 0 ? e[a].seq + 1 : 1;
    if ((int32_t)((seq - 1) % 2) != target) {
        seq++;
    }
    return write_entry(a == 0 ? 1 : 0, seq, STATE_NEW);
}

int32_t sail_port_ota_state(void)
{
    if (running_sector < 0) {
        return SAIL_OTA_STATE_UNDEFINED;
    }
    entry_t e[2];
    read_entries(e);
    uint32_t s = e[running_sector].state;
    return s == STATE_UNDEFINED ? SAIL_OTA_STATE_UNDEFINED : (int32_t)s;
}

sail_err_t sail_port_ota_confirm(void)
{
    if (running_sector < 0) {
        return SAIL_OK;
    }
    entry_t e[2];
    read_entries(e);
    if (e[running_sector].state == STATE_VALID) {
        return SAIL_OK;
    }
    return write_entry(running_sector, e[running_sector].seq, STATE_VALID);
}

void sail_port_ota_reject(void)
{
    if (running_sector >= 0) {
        entry_t e[2];
        read_entries(e);
        write_entry(running_sector, e[running_sector].seq, STATE_INVALID);
    }
    sail_esp_stop_handler();
    esp_restart();
}
