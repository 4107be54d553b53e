/* The device side of a miIO LAN session, the C twin of
 * host/miot/device-session.ts and methods.ts (docs/decisions.md D44–D46,
 * D57–D59): hello answered with did and stamp, never the token; requests
 * checked for our did, their checksum and a stamp inside the window; replies
 * cached so a replay or a repeated id is answered, never executed twice;
 * miIO.sub / miIO.unsub keep the subscribers pushes go to. The firmware side
 * is a struct of callbacks (sail_miio_device_t), the clock is an argument:
 * datagrams in, datagrams out, no I/O and no allocation. */
#ifndef SAIL_MIIO_SESSION_H
#define SAIL_MIIO_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sail_miio_codec.h"
#include "sail_miio_json.h"
#include "sail_miio_spec.h"

/* Replies kept for replays and repeated ids (docs/decisions.md D45), and the
 * bytes they may take; whichever fills first evicts the oldest. A port with
 * less RAM defines smaller ones (docs/runtime.md gives the sizes). */
#ifndef SAIL_MIIO_REPLAY_ENTRIES
#define SAIL_MIIO_REPLAY_ENTRIES 4096
#endif
#ifndef SAIL_MIIO_REPLAY_BYTES
#define SAIL_MIIO_REPLAY_BYTES (512 * 1024)
#endif
/* Sources whose hello count is kept within one second, as host/miot keeps. */
#ifndef SAIL_MIIO_HELLO_SOURCES
#define SAIL_MIIO_HELLO_SOURCES 4096
#endif
#ifndef SAIL_MIIO_MAX_SUBSCRIBERS
#define SAIL_MIIO_MAX_SUBSCRIBERS 8
#endif
/* The end of a hash chain in the replay cache's indexes. */
#define SAIL_MIIO_NO_SLOT 0xffffu
/* Longest request id, in characters: any int64 and then some. */
#define SAIL_MIIO_MAX_ID 24

/* An IPv4 peer, address and port in host byte order. */
typedef struct {
    uint32_t addr;
    uint16_t port;
} sail_miio_peer_t;

/* miIO.info's fields, written in host/board/miot-link.ts's order. */
typedef struct {
    const char *model;
    const char *fw_ver;
    const char *hw_ver;
    const char *mac;
    int64_t life;
    const char *ssid;
    const char *bssid;
    int32_t rssi;
    const char *local_ip;
    const char *mask;
    const char *gw;
} sail_miio_info_t;

/* The firmware side. Every callback answers with a MIoT code (SAIL_MIOT_CODE_*);
 * any other number is taken as -4004, as the emulated board takes it. Values
 * given to the callbacks are checked against the spec; values they give back
 * are checked too (a wrong one is -4004). */
typedef struct {
    void *ctx;
    void (*info)(void *ctx, sail_miio_info_t *info);
    int32_t (*get)(void *ctx, uint32_t siid, uint32_t piid, sail_miio_value_t *value);
    int32_t (*set)(void *ctx, uint32_t siid, uint32_t piid, const sail_miio_value_t *value);
    /* out has room for SAIL_MIIO_MAX_ARGS values; *out_count says how many were given. */
    int32_t (*action)(void *ctx, uint32_t siid, uint32_t aiid, const sail_miio_value_t *in, size_t in_count,
                      sail_miio_value_t *out, size_t *out_count);
    /* miIO.ota with its checked app_url and file_sha256: 0 to answer ["ok"], else
     * an error code with message. NULL: miIO.ota and the OTA queries are unknown methods. */
    int32_t (*ota)(void *ctx, const char *url, const char *sha256, char *message, size_t message_size);
    int32_t (*ota_progress)(void *ctx);
    const char *(*ota_state)(void *ctx);
} sail_miio_device_t;

/* One reply kept in the replay cache; its bytes are in the session's arena. */
typedef struct {
    uint8_t checksum[16];
    sail_miio_peer_t peer;
    uint32_t stamp;
    uint8_t id_len;
    char id[SAIL_MIIO_MAX_ID];
    int64_t expires_us;
    uint32_t at;
    uint16_t size;
} sail_miio_cached_t;

typedef struct {
    uint32_t addr;
    int64_t second;
    uint32_t count;
} sail_miio_hello_count_t;

typedef struct {
    uint32_t did;
    sail_miio_keys_t keys;
    /* The image's spec; NULL: it speaks no MIoT and only miIO.sub / miIO.unsub answer. */
    const sail_miio_spec_t *spec;
    sail_miio_device_t device;
    /* The freshness window (300 s behind, 60 s ahead) and the hellos one address gets per second (20). */
    int64_t behind_us;
    int64_t ahead_us;
    uint32_t hellos_per_second;

    /* Dropped datagrams by reason, requests executed (replays answered from the cache not counted). */
    uint64_t drops[SAIL_MIIO_DROP_REASONS];
    uint64_t executed;
    sail_miio_drop_t last_drop;

    sail_miio_peer_t subscribers[SAIL_MIIO_MAX_SUBSCRIBERS];
    size_t subscriber_count;
    uint32_t push_id;

    sail_miio_hello_count_t hellos[SAIL_MIIO_HELLO_SOURCES];
    size_t hello_count;

    sail_miio_cached_t cache[SAIL_MIIO_REPLAY_ENTRIES];
    size_t cache_first;
    size_t cache_count;
    /* Two chained hash indexes over the cache slots, by checksum and by peer and id:
     * the first slot of each bucket, the next slot in the chain (SAIL_MIIO_NO_SLOT ends it). */
    uint16_t by_checksum[SAIL_MIIO_REPLAY_ENTRIES];
    uint16_t by_id[SAIL_MIIO_REPLAY_ENTRIES];
    uint16_t next_checksum[SAIL_MIIO_REPLAY_ENTRIES];
    uint16_t next_id[SAIL_MIIO_REPLAY_ENTRIES];
    uint8_t arena[SAIL_MIIO_REPLAY_BYTES];
    size_t arena_head;
    size_t arena_used;
    /* The highest stamp of a reply evicted before it expired: requests at or below it are dropped. */
    uint32_t stamp_floor;

    /* Scratch for one request. */
    sail_miio_packet_t packet;
    char json[SAIL_MIIO_MAX_PAYLOAD + 1];
    char outcome[SAIL_MIIO_MAX_PAYLOAD + 1];
    sail_miio_value_t in[SAIL_MIIO_MAX_ARGS];
    sail_miio_value_t out[SAIL_MIIO_MAX_ARGS];
} sail_miio_session_t;

/* A session for did and token; spec may be NULL. SAIL_ERR_INVALID_ARG for did 0
 * (clients drop it), a missing info/get/set/action, or ota without its two queries. */
sail_err_t sail_miio_session_init(sail_miio_session_t *session, uint32_t did, const uint8_t token[16],
                                  const sail_miio_spec_t *spec, const sail_miio_device_t *device);

/* The device stamp at now_us of uptime: whole seconds, starting at 1. */
uint32_t sail_miio_session_stamp(int64_t now_us);

/* Handles one datagram from peer at now_us (uptime, never going back). The
 * reply goes into out[cap] (cap of SAIL_MIIO_MAX_DATAGRAM always does) and its
 * size is returned; 0 when dropped (session->last_drop says why) or unanswered. */
size_t sail_miio_session_receive(sail_miio_session_t *session, const uint8_t *bytes, size_t size, sail_miio_peer_t peer,
                                 int64_t now_us, uint8_t *out, size_t cap);

/* Adds a subscriber as miIO.sub from peer would; when all places are taken the oldest gives its place. */
void sail_miio_session_subscribe(sail_miio_session_t *session, sail_miio_peer_t peer);

/* A push sealed into out[cap] for every subscriber: {"id":n,"method":method,"params":params_json}.
 * 0 when there is no subscriber or it does not fit. */
size_t sail_miio_session_push(sail_miio_session_t *session, const char *method, const char *params_json, int64_t now_us,
                              uint8_t *out, size_t cap);

/* properties_changed for a property the firmware changed, as host/miot's changed():
 * SAIL_ERR_NOT_FOUND (no such property), SAIL_ERR_INVALID_ARG (a value the spec
 * refuses), else SAIL_OK with *size 0 when it does not notify or nobody listens. */
sail_err_t sail_miio_push_property(sail_miio_session_t *session, uint32_t siid, uint32_t piid,
                                   const sail_miio_value_t *value, int64_t now_us, uint8_t *out, size_t cap,
                                   size_t *size);

/* event_occured with the event's arguments, likewise. */
sail_err_t sail_miio_push_event(sail_miio_session_t *session, uint32_t siid, uint32_t eiid,
                                const sail_miio_value_t *arguments, size_t count, int64_t now_us, uint8_t *out,
                                size_t cap, size_t *size);

/* Internal to the session files: writes the outcome of one method, "result":...
 * or "error":{...}, into out. */
void sail_miio_answer(sail_miio_session_t *session, const sail_json_t *json, const char *method, bool has_params,
                      sail_json_span_t params, sail_miio_peer_t peer, sail_miio_out_t *out);

#endif /* SAIL_MIIO_SESSION_H */
