#include "sail_miio_session.h"

#include <string.h>

#define US_PER_S 1000000LL

_Static_assert(SAIL_MIIO_REPLAY_ENTRIES >= 1 && SAIL_MIIO_REPLAY_ENTRIES < SAIL_MIIO_NO_SLOT,
               "the replay cache keeps from 1 to 65,534 replies (its indexes are 16-bit)");
_Static_assert(SAIL_MIIO_REPLAY_BYTES >= SAIL_MIIO_MAX_DATAGRAM, "the reply ring holds at least one datagram");
_Static_assert(SAIL_MIIO_HELLO_SOURCES >= 1, "hellos are counted for at least one source");

sail_err_t sail_miio_session_init(sail_miio_session_t *session, uint32_t did, const uint8_t token[16],
                                  const sail_miio_spec_t *spec, const sail_miio_device_t *device)
{
    memset(session, 0, sizeof *session);
    session->did = did;
    session->spec = spec;
    session->device = *device;
    session->behind_us = 300 * US_PER_S;
    session->ahead_us = 60 * US_PER_S;
    session->hellos_per_second = 20;
    for (size_t i = 0; i < SAIL_MIIO_REPLAY_ENTRIES; i++) {
        session->by_checksum[i] = SAIL_MIIO_NO_SLOT;
        session->by_id[i] = SAIL_MIIO_NO_SLOT;
    }
    /* npm miio drops did 0 and hangs on stamp 0 (docs/reference/miot-protocol.md §1, §7). */
    if (did == 0 || device->info == NULL || device->get == NULL || device->set == NULL || device->action == NULL ||
        (device->ota != NULL && (device->ota_progress == NULL || device->ota_state == NULL))) {
        return SAIL_ERR_INVALID_ARG;
    }
    return sail_miio_keys_init(&session->keys, token);
}

uint32_t sail_miio_session_stamp(int64_t now_us)
{
    return (uint32_t)(1 + now_us / US_PER_S);
}

static size_t drop(sail_miio_session_t *session, sail_miio_drop_t reason)
{
    session->drops[reason]++;
    session->last_drop = reason;
    return 0;
}

/* A source (its address, whatever the port) gets hellos_per_second answers per second of device time. */
static bool hello_allowed(sail_miio_session_t *s, uint32_t addr, int64_t now_us)
{
    int64_t second = now_us / US_PER_S;
    for (size_t i = 0; i < s->hello_count; i++) {
        if (s->hellos[i].addr == addr) {
            if (s->hellos[i].second == second) {
                if (s->hellos[i].count >= s->hellos_per_second) {
                    return false;
                }
                s->hellos[i].count++;
                return true;
            }
            s->hellos[i].second = second;
            s->hellos[i].count = 1;
            return true;
        }
    }
    if (s->hello_count == SAIL_MIIO_HELLO_SOURCES) {
        size_t kept = 0;
        for (size_t i = 0; i < s->hello_count; i++) {
            if (s->hellos[i].second == second) {
                s->hellos[kept++] = s->hellos[i];
            }
        }
        s->hello_count = kept;
        if (kept == SAIL_MIIO_HELLO_SOURCES) {
            return false; /* as many sources as that this second: a flood */
        }
    }
    s->hellos[s->hello_count++] = (sail_miio_hello_count_t){addr, second, 1};
    return true;
}

/* The checksum is an MD5: its first bytes are as good a hash as any. */
static size_t checksum_bucket(const uint8_t checksum[16])
{
    return ((size_t)checksum[0] << 24 | (size_t)checksum[1] << 16 | (size_t)checksum[2] << 8 | checksum[3]) %
           SAIL_MIIO_REPLAY_ENTRIES;
}

/* FNV-1a over the peer and the id's text. */
static size_t id_bucket(sail_miio_peer_t peer, const char *id, size_t len)
{
    uint32_t h = 2166136261u;
    uint8_t head[6] = {(uint8_t)(peer.addr >> 24), (uint8_t)(peer.addr >> 16), (uint8_t)(peer.addr >> 8),
                       (uint8_t)peer.addr,         (uint8_t)(peer.port >> 8),  (uint8_t)peer.port};
    for (size_t i = 0; i < sizeof head; i++) {
        h = (h ^ head[i]) * 16777619u;
    }
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (uint8_t)id[i]) * 16777619u;
    }
    return h % SAIL_MIIO_REPLAY_ENTRIES;
}

static void unlink_slot(uint16_t *heads, uint16_t *next, size_t bucket, size_t slot)
{
    uint16_t *link = &heads[bucket];
    while (*link != SAIL_MIIO_NO_SLOT && *link != slot) {
        link = &next[*link];
    }
    if (*link == slot) {
        *link = next[slot];
    }
}

static sail_miio_cached_t *cached_at(sail_miio_session_t *s, size_t nth)
{
    return &s->cache[(s->cache_first + nth) % SAIL_MIIO_REPLAY_ENTRIES];
}

/* Forgets the oldest reply; one evicted before it expired raises the stamp floor (docs/decisions.md D45). */
static void evict_oldest(sail_miio_session_t *s, int64_t now_us)
{
    sail_miio_cached_t *oldest = cached_at(s, 0);
    if (oldest->expires_us > now_us && oldest->stamp > s->stamp_floor) {
        s->stamp_floor = oldest->stamp;
    }
    unlink_slot(s->by_checksum, s->next_checksum, checksum_bucket(oldest->checksum), s->cache_first);
    unlink_slot(s->by_id, s->next_id, id_bucket(oldest->peer, oldest->id, oldest->id_len), s->cache_first);
    s->arena_used -= oldest->size;
    s->cache_first = (s->cache_first + 1) % SAIL_MIIO_REPLAY_ENTRIES;
    s->cache_count--;
}

static void expire(sail_miio_session_t *s, int64_t now_us)
{
    while (s->cache_count > 0 && cached_at(s, 0)->expires_us <= now_us) {
        evict_oldest(s, now_us);
    }
}

/* The reply of a cached request: copied out of the arena ring into out. */
static size_t cached_reply(const sail_miio_session_t *s, const sail_miio_cached_t *c, uint8_t *out, size_t cap)
{
    if (c->size > cap) {
        return 0;
    }
    size_t first = SAIL_MIIO_REPLAY_BYTES - c->at;
    first = first < c->size ? first : c->size;
    memcpy(out, s->arena + c->at, first);
    memcpy(out + first, s->arena, c->size - first);
    return c->size;
}

static void remember(sail_miio_session_t *s, const sail_miio_packet_t *packet, sail_miio_peer_t peer, const char *id,
                     size_t id_len, const uint8_t *reply, size_t size, int64_t now_us)
{
    while (s->cache_count > 0 &&
           (s->cache_count == SAIL_MIIO_REPLAY_ENTRIES || SAIL_MIIO_REPLAY_BYTES - s->arena_used < size)) {
        evict_oldest(s, now_us);
    }
    if (s->cache_count == 0) {
        s->arena_head = 0;
    }
    size_t slot = (s->cache_first + s->cache_count) % SAIL_MIIO_REPLAY_ENTRIES;
    sail_miio_cached_t *c = &s->cache[slot];
    memcpy(c->checksum, packet->checksum, sizeof c->checksum);
    c->peer = peer;
    c->stamp = packet->stamp;
    c->id_len = (uint8_t)id_len;
    memcpy(c->id, id, id_len);
    /* Kept while the request's stamp is still accepted: up to `behind` after the latest time it may claim. */
    c->expires_us = now_us + s->ahead_us + s->behind_us;
    c->at = (uint32_t)s->arena_head;
    c->size = (uint16_t)size;
    size_t first = SAIL_MIIO_REPLAY_BYTES - s->arena_head;
    first = first < size ? first : size;
    memcpy(s->arena + s->arena_head, reply, first);
    memcpy(s->arena, reply + first, size - first);
    s->arena_head = (s->arena_head + size) % SAIL_MIIO_REPLAY_BYTES;
    s->arena_used += size;
    s->cache_count++;
    size_t bucket = checksum_bucket(c->checksum);
    s->next_checksum[slot] = s->by_checksum[bucket];
    s->by_checksum[bucket] = (uint16_t)slot;
    bucket = id_bucket(peer, id, id_len);
    s->next_id[slot] = s->by_id[bucket];
    s->by_id[bucket] = (uint16_t)slot;
}

static const sail_miio_cached_t *find_checksum(sail_miio_session_t *s, const uint8_t checksum[16])
{
    for (uint16_t slot = s->by_checksum[checksum_bucket(checksum)]; slot != SAIL_MIIO_NO_SLOT;
         slot = s->next_checksum[slot]) {
        if (memcmp(s->cache[slot].checksum, checksum, 16) == 0) {
            return &s->cache[slot];
        }
    }
    return NULL;
}

static const sail_miio_cached_t *find_id(sail_miio_session_t *s, sail_miio_peer_t peer, const char *id, size_t len)
{
    for (uint16_t slot = s->by_id[id_bucket(peer, id, len)]; slot != SAIL_MIIO_NO_SLOT; slot = s->next_id[slot]) {
        const sail_miio_cached_t *c = &s->cache[slot];
        if (c->peer.addr == peer.addr && c->peer.port == peer.port && c->id_len == len && memcmp(c->id, id, len) == 0) {
            return c;
        }
    }
    return NULL;
}

/* The request's id exactly as written, when it is an integer: JSON.parse would
 * give a safe integer or, past 2^53, host/miot's exact bigint. -0 is 0. */
static bool read_id(const sail_json_t *json, sail_json_span_t span, char *id, size_t *len)
{
    size_t n = span.end - span.start;
    const char *text = json->text + span.start;
    if (span.type != SAIL_JSON_NUMBER || n > SAIL_MIIO_MAX_ID || memchr(text, '.', n) != NULL ||
        memchr(text, 'e', n) != NULL || memchr(text, 'E', n) != NULL) {
        return false;
    }
    if (n == 2 && text[0] == '-' && text[1] == '0') {
        text++;
        n = 1;
    }
    memcpy(id, text, n);
    *len = n;
    return true;
}

/* The request as JSON: its method and id, or why it is not a request. */
static size_t execute(sail_miio_session_t *s, sail_miio_peer_t peer, int64_t now_us, uint8_t *out, size_t cap)
{
    const sail_miio_packet_t *packet = &s->packet;
    sail_json_t json;
    sail_json_span_t root;
    sail_json_init(&json, (const char *)packet->payload, packet->payload_size);
    if (!sail_miio_utf8_valid(packet->payload, packet->payload_size) || sail_json_document(&json, &root) != SAIL_OK) {
        return drop(s, SAIL_MIIO_DROP_BAD_JSON);
    }
    if (root.type != SAIL_JSON_OBJECT) {
        return drop(s, SAIL_MIIO_DROP_NOT_A_REQUEST);
    }
    sail_json_span_t method_span;
    sail_json_span_t id_span;
    sail_json_span_t params;
    sail_json_span_t result;
    bool has_method = sail_miio_member(&json, root, "method", &method_span);
    if (!has_method && sail_miio_member(&json, root, "result", &result)) {
        s->last_drop = SAIL_MIIO_ACCEPTED;
        return 0; /* a subscriber acknowledging a push */
    }
    char id[SAIL_MIIO_MAX_ID];
    size_t id_len = 0;
    char method[64];
    size_t method_len = 0;
    if (!has_method || method_span.type != SAIL_JSON_STRING || !sail_miio_member(&json, root, "id", &id_span) ||
        !read_id(&json, id_span, id, &id_len)) {
        return drop(s, SAIL_MIIO_DROP_NOT_A_REQUEST);
    }
    const sail_miio_cached_t *repeated = find_id(s, peer, id, id_len);
    if (repeated != NULL) {
        s->last_drop = SAIL_MIIO_ACCEPTED;
        return cached_reply(s, repeated, out, cap);
    }
    /* A method name longer than any known one is an unknown method. */
    if (sail_json_string(&json, method_span, method, sizeof method, &method_len) != SAIL_OK ||
        strlen(method) != method_len) {
        method[0] = '\0';
    }
    s->executed++;
    sail_miio_out_t outcome;
    sail_miio_out_init(&outcome, s->outcome, SAIL_MIIO_MAX_PAYLOAD);
    bool has_params = sail_miio_member(&json, root, "params", &params);
    sail_miio_answer(s, &json, method, has_params, params, peer, &outcome);
    sail_miio_out_t reply;
    sail_miio_out_init(&reply, s->json, SAIL_MIIO_MAX_PAYLOAD);
    sail_miio_out_text(&reply, "{\"id\":");
    sail_miio_out_raw(&reply, id, id_len);
    sail_miio_out_text(&reply, ",");
    sail_miio_out_raw(&reply, s->outcome, outcome.len);
    sail_miio_out_text(&reply, "}");
    if (outcome.overflow || reply.overflow) {
        sail_miio_out_init(&reply, s->json, SAIL_MIIO_MAX_PAYLOAD);
        sail_miio_out_text(&reply, "{\"id\":");
        sail_miio_out_raw(&reply, id, id_len);
        sail_miio_out_text(&reply, ",\"error\":{\"code\":-5005,\"message\":\"params error: the reply would exceed "
                                   "1400 bytes; ask for fewer items\"}}");
    }
    size_t size = 0;
    uint8_t sealed[SAIL_MIIO_MAX_DATAGRAM];
    if (sail_miio_encode(&s->keys, s->did, sail_miio_session_stamp(now_us), (const uint8_t *)s->json, reply.len, sealed,
                         sizeof sealed, &size) != SAIL_OK) {
        return 0;
    }
    remember(s, packet, peer, id, id_len, sealed, size, now_us);
    s->last_drop = SAIL_MIIO_ACCEPTED;
    if (size > cap) {
        return 0;
    }
    memcpy(out, sealed, size);
    return size;
}

size_t sail_miio_session_receive(sail_miio_session_t *s, const uint8_t *bytes, size_t size, sail_miio_peer_t peer,
                                 int64_t now_us, uint8_t *out, size_t cap)
{
    s->last_drop = SAIL_MIIO_ACCEPTED;
    if (sail_miio_is_hello(bytes, size)) {
        if (!hello_allowed(s, peer.addr, now_us)) {
            return drop(s, SAIL_MIIO_DROP_HELLO_FLOOD);
        }
        if (cap < SAIL_MIIO_HEADER_SIZE) {
            return 0;
        }
        sail_miio_hello_reply(s->did, sail_miio_session_stamp(now_us), out);
        return SAIL_MIIO_HEADER_SIZE;
    }
    sail_miio_drop_t reason = sail_miio_decode(&s->keys, bytes, size, &s->packet);
    if (reason != SAIL_MIIO_ACCEPTED) {
        return drop(s, reason);
    }
    if (s->packet.did != s->did) {
        return drop(s, SAIL_MIIO_DROP_FOREIGN_DID);
    }
    expire(s, now_us);
    const sail_miio_cached_t *replayed = find_checksum(s, s->packet.checksum);
    if (replayed != NULL) {
        return cached_reply(s, replayed, out, cap);
    }
    int64_t request_us = ((int64_t)s->packet.stamp - 1) * US_PER_S;
    if (request_us < now_us - s->behind_us || request_us > now_us + s->ahead_us || s->packet.stamp <= s->stamp_floor) {
        return drop(s, SAIL_MIIO_DROP_STALE_STAMP);
    }
    return execute(s, peer, now_us, out, cap);
}

void sail_miio_session_subscribe(sail_miio_session_t *s, sail_miio_peer_t peer)
{
    for (size_t i = 0; i < s->subscriber_count; i++) {
        if (s->subscribers[i].addr == peer.addr && s->subscribers[i].port == peer.port) {
            return;
        }
    }
    if (s->subscriber_count == SAIL_MIIO_MAX_SUBSCRIBERS) {
        memmove(&s->subscribers[0], &s->subscribers[1], (SAIL_MIIO_MAX_SUBSCRIBERS - 1) * sizeof s->subscribers[0]);
        s->subscriber_count--;
    }
    s->subscribers[s->subscriber_count++] = peer;
}
