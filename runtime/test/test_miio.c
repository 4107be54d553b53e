/* Unit tests of the miIO codec and session in C: packets, drop reasons,
 * hello without the token and its rate limit, the stamp window, replays and
 * repeated ids answered from the bounded cache, exact ids, params errors,
 * per-item codes against a spec, numbers written as JSON.stringify writes
 * them, pushes. Built with AddressSanitizer and UBSan by
 * test/runtime-miio.test.ts; prints each failure and then "N passed, N failed". */
#include <stdio.h>
#include <string.h>

#include "miio_device.h"
#include "sail_miio_session.h"

static int passed;
static int failed;

#define CHECK(cond)                                                                                                    \
    do {                                                                                                               \
        if (cond) {                                                                                                    \
            passed++;                                                                                                  \
        } else {                                                                                                       \
            failed++;                                                                                                  \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                                                     \
        }                                                                                                              \
    } while (0)

#define CHECK_TEXT(got, want)                                                                                          \
    do {                                                                                                               \
        if (strcmp((got), (want)) == 0) {                                                                              \
            passed++;                                                                                                  \
        } else {                                                                                                       \
            failed++;                                                                                                  \
            printf("FAIL %s:%d:\n  got  %s\n  want %s\n", __FILE__, __LINE__, (got), (want));                          \
        }                                                                                                              \
    } while (0)

static const char SPEC[] =
    "{\"type\":\"urn:miot-spec-v2:device:light:0000A001:sail-t:1\",\"services\":["
    "{\"iid\":2,\"properties\":["
    "{\"iid\":1,\"format\":\"bool\",\"access\":[\"read\",\"write\",\"notify\"]},"
    "{\"iid\":2,\"format\":\"uint8\",\"access\":[\"read\",\"write\"],\"value-range\":[1,100,1]},"
    "{\"iid\":3,\"format\":\"uint32\",\"access\":[\"read\",\"write\"],\"value-range\":[2700,6500,100]},"
    "{\"iid\":4,\"format\":\"float\",\"access\":[\"read\"],\"value-range\":[-40,125,0.1]},"
    "{\"iid\":5,\"format\":\"int64\",\"access\":[\"read\",\"write\"]},"
    "{\"iid\":6,\"format\":\"string\",\"access\":[\"write\"]},"
    "{\"iid\":7,\"format\":\"uint8\",\"access\":[\"read\",\"write\"],\"value-list\":[{\"value\":0},{\"value\":2}]}],"
    "\"actions\":[{\"iid\":1,\"in\":[],\"out\":[]},{\"iid\":2,\"in\":[2],\"out\":[1,2]}],"
    "\"events\":[{\"iid\":1,\"arguments\":[2]}]}]}";

static const uint8_t TOKEN[16] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                  0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
#define DID 1234567u
#define S 1000000LL

static sail_miio_spec_t spec;
static sail_miio_session_t session;
static miio_table_t table;
static const sail_miio_peer_t CLIENT = {0x7f000001, 40000};
static const sail_miio_peer_t OTHER = {0x7f000002, 40001};

static void start(void)
{
    char message[160];
    CHECK(sail_miio_spec_parse(&spec, SPEC, strlen(SPEC), message, sizeof message) == SAIL_OK);
    sail_miio_device_t device = miio_table_init(&table, &spec);
    table.values[1].i = 80;
    table.values[2].i = 2700;
    table.values[3].f = 21.5;
    CHECK(sail_miio_session_init(&session, DID, TOKEN, &spec, &device) == SAIL_OK);
}

/* A request sealed with the token at device time `stamp`. */
static size_t seal(const char *json, uint32_t stamp, uint8_t *out)
{
    size_t size = 0;
    CHECK(sail_miio_encode(&session.keys, DID, stamp, (const uint8_t *)json, strlen(json), out, SAIL_MIIO_MAX_DATAGRAM,
                           &size) == SAIL_OK);
    return size;
}

/* The decrypted reply to `json` sent at now, stamped with now's stamp; "" when none. */
static const char *ask_at(const char *json, sail_miio_peer_t from, int64_t now_us, uint32_t stamp)
{
    static char text[SAIL_MIIO_MAX_DATAGRAM + 1];
    uint8_t packet[SAIL_MIIO_MAX_DATAGRAM];
    uint8_t reply[SAIL_MIIO_MAX_DATAGRAM];
    static sail_miio_packet_t decoded;
    size_t size = seal(json, stamp, packet);
    size_t got = sail_miio_session_receive(&session, packet, size, from, now_us, reply, sizeof reply);
    text[0] = '\0';
    if (got > 0 && sail_miio_decode(&session.keys, reply, got, &decoded) == SAIL_MIIO_ACCEPTED) {
        memcpy(text, decoded.payload, decoded.payload_size);
        text[decoded.payload_size] = '\0';
    }
    return text;
}

static const char *ask(const char *json)
{
    return ask_at(json, CLIENT, 10 * S, sail_miio_session_stamp(10 * S));
}

static void test_codec(void)
{
    sail_miio_keys_t keys;
    sail_miio_packet_t packet;
    uint8_t out[SAIL_MIIO_MAX_DATAGRAM];
    size_t size = 0;
    CHECK(sail_miio_keys_init(&keys, TOKEN) == SAIL_OK);
    CHECK(sail_miio_encode(&keys, 7, 9, (const uint8_t *)"{}", 2, out, sizeof out, &size) == SAIL_OK);
    CHECK(size == 48);
    CHECK(sail_miio_decode(&keys, out, size, &packet) == SAIL_MIIO_ACCEPTED);
    CHECK(packet.did == 7 && packet.stamp == 9 && packet.payload_size == 2 && memcmp(packet.payload, "{}", 2) == 0);
    /* The drop reasons in host/miot's order. */
    CHECK(sail_miio_decode(&keys, out, SAIL_MIIO_MAX_DATAGRAM + 1, &packet) == SAIL_MIIO_DROP_TOO_LONG);
    CHECK(sail_miio_decode(&keys, out, 1, &packet) == SAIL_MIIO_DROP_BAD_MAGIC);
    CHECK(sail_miio_decode(&keys, out, 20, &packet) == SAIL_MIIO_DROP_BAD_LENGTH);
    CHECK(sail_miio_decode(&keys, out, 47, &packet) == SAIL_MIIO_DROP_BAD_LENGTH);
    out[3] = 47;
    CHECK(sail_miio_decode(&keys, out, 47, &packet) == SAIL_MIIO_DROP_NOT_BLOCK_ALIGNED);
    out[3] = 48;
    out[40] ^= 1;
    CHECK(sail_miio_decode(&keys, out, 48, &packet) == SAIL_MIIO_DROP_BAD_CHECKSUM);
    /* One more than the largest payload does not fit one datagram. */
    static uint8_t big[SAIL_MIIO_MAX_PAYLOAD + 1];
    CHECK(sail_miio_encode(&keys, 7, 9, big, SAIL_MIIO_MAX_PAYLOAD, out, sizeof out, &size) == SAIL_OK);
    CHECK(size == SAIL_MIIO_MAX_DATAGRAM - 8);
    CHECK(sail_miio_encode(&keys, 7, 9, big, SAIL_MIIO_MAX_PAYLOAD + 1, out, sizeof out, &size) ==
          SAIL_ERR_INVALID_SIZE);
    uint8_t token[16];
    CHECK(sail_miio_parse_token("00112233445566778899aabbccddeeff", token) == SAIL_OK);
    CHECK(memcmp(token, TOKEN, 16) == 0);
    CHECK(sail_miio_parse_token("0011223344556677889900", token) == SAIL_ERR_INVALID_ARG);
    CHECK(sail_miio_parse_token("00112233445566778899aabbccddeefg", token) == SAIL_ERR_INVALID_ARG);
}

static const char *number(double value)
{
    static char text[48];
    sail_miio_out_t out;
    sail_miio_out_init(&out, text, sizeof text - 1);
    sail_miio_out_double(&out, value);
    text[out.len] = '\0';
    return text;
}

static void test_numbers(void)
{
    CHECK_TEXT(number(0), "0");
    CHECK_TEXT(number(-0.0), "0");
    CHECK_TEXT(number(21.5), "21.5");
    CHECK_TEXT(number(0.1), "0.1");
    CHECK_TEXT(number(100), "100");
    CHECK_TEXT(number(-3.25), "-3.25");
    CHECK_TEXT(number(1e21), "1e+21");
    CHECK_TEXT(number(123456789012345680000.0), "123456789012345680000");
    CHECK_TEXT(number(0.000001), "0.000001");
    CHECK_TEXT(number(1.5e-7), "1.5e-7");
    CHECK_TEXT(number(1.7976931348623157e308), "1.7976931348623157e+308");
    /* A float value is kept as the f64 it is: f32 would make 100.123456789 100.1235. */
    sail_miio_value_t v = {.kind = SAIL_MIIO_VALUE_FLOAT, .f = 21.3};
    CHECK(sail_miio_spec_take_value(&spec, sail_miio_spec_property(&spec, 2, 4), &v));
    CHECK_TEXT(number(v.f), "21.3");
    v.f = 100.123456789;
    CHECK(sail_miio_spec_take_value(&spec, sail_miio_spec_property(&spec, 2, 4), &v));
    CHECK_TEXT(number(v.f), "100.123456789");
}

static void test_hello(void)
{
    uint8_t hello[32];
    uint8_t reply[SAIL_MIIO_MAX_DATAGRAM];
    memset(hello, 0xff, sizeof hello);
    hello[0] = 0x21;
    hello[1] = 0x31;
    hello[2] = 0;
    hello[3] = 32;
    CHECK(sail_miio_session_receive(&session, hello, 32, CLIENT, 5 * S, reply, sizeof reply) == 32);
    /* did, stamp 6 (uptime 5 s), and 16 × FF where a checksum would be: never the token. */
    CHECK(reply[11] == (DID & 0xff) && reply[15] == 6);
    for (int i = 16; i < 32; i++) {
        CHECK(reply[i] == 0xff);
    }
    /* 20 hellos a second from one address (any port); the 21st is dropped and counted. */
    for (int i = 1; i < 20; i++) {
        sail_miio_peer_t port = {CLIENT.addr, (uint16_t)(50000 + i)};
        CHECK(sail_miio_session_receive(&session, hello, 32, port, 5 * S + i, reply, sizeof reply) == 32);
    }
    CHECK(sail_miio_session_receive(&session, hello, 32, CLIENT, 5 * S + 100, reply, sizeof reply) == 0);
    CHECK(session.last_drop == SAIL_MIIO_DROP_HELLO_FLOOD && session.drops[SAIL_MIIO_DROP_HELLO_FLOOD] == 1);
    CHECK(sail_miio_session_receive(&session, hello, 32, OTHER, 5 * S + 100, reply, sizeof reply) == 32);
    CHECK(sail_miio_session_receive(&session, hello, 32, CLIENT, 6 * S, reply, sizeof reply) == 32);
    /* XHA's probe: "MDID" at 16, anything after. */
    memcpy(hello + 16, "MDID", 4);
    CHECK(sail_miio_is_hello(hello, 32));
}

static void test_methods(void)
{
    CHECK_TEXT(ask("{\"id\":1,\"method\":\"get_properties\",\"params\":[{\"did\":\"1234567\",\"siid\":2,\"piid\":1},"
                   "{\"did\":\"1234567\",\"siid\":2,\"piid\":2},{\"siid\":2,\"piid\":4},{\"did\":\"x\",\"siid\":9,"
                   "\"piid\":1},{\"siid\":2,\"piid\":6},7]}"),
               "{\"id\":1,\"result\":[{\"did\":\"1234567\",\"siid\":2,\"piid\":1,\"code\":0,\"value\":false},"
               "{\"did\":\"1234567\",\"siid\":2,\"piid\":2,\"code\":0,\"value\":80},{\"siid\":2,\"piid\":4,\"code\":"
               "0,\"value\":21.5},{\"did\":\"x\",\"siid\":9,\"piid\":1,\"code\":-4003},{\"siid\":2,\"piid\":6,"
               "\"code\":-4001},{\"code\":-4003}]}");
    CHECK_TEXT(ask("{\"id\":2,\"method\":\"set_properties\",\"params\":[{\"siid\":2,\"piid\":2,\"value\":50},"
                   "{\"siid\":2,\"piid\":2,\"value\":150},{\"siid\":2,\"piid\":3,\"value\":2750},{\"siid\":2,"
                   "\"piid\":3,\"value\":2800.0},{\"siid\":2,\"piid\":4,\"value\":1},{\"siid\":2,\"piid\":1,"
                   "\"value\":1},{\"siid\":2,\"piid\":7,\"value\":2},{\"siid\":2,\"piid\":7,\"value\":1},"
                   "{\"siid\":2,\"piid\":6,\"value\":\"hi\\u00e9\"}]}"),
               "{\"id\":2,\"result\":[{\"siid\":2,\"piid\":2,\"code\":0},{\"siid\":2,\"piid\":2,\"code\":-4005},"
               "{\"siid\":2,\"piid\":3,\"code\":-4005},{\"siid\":2,\"piid\":3,\"code\":0},{\"siid\":2,\"piid\":4,"
               "\"code\":-4002},{\"siid\":2,\"piid\":1,\"code\":-4005},{\"siid\":2,\"piid\":7,\"code\":0},"
               "{\"siid\":2,\"piid\":7,\"code\":-4005},{\"siid\":2,\"piid\":6,\"code\":0}]}");
    CHECK(table.values[1].i == 50 && table.values[2].i == 2800 && strcmp(table.values[5].str, "hi\xc3\xa9") == 0);
    /* int64 values past 2^53 stay exact; past int64 they are refused. */
    CHECK_TEXT(ask("{\"id\":3,\"method\":\"set_properties\",\"params\":[{\"siid\":2,\"piid\":5,"
                   "\"value\":9007199254740993},{\"siid\":2,\"piid\":5,\"value\":9223372036854775808}]}"),
               "{\"id\":3,\"result\":[{\"siid\":2,\"piid\":5,\"code\":0},{\"siid\":2,\"piid\":5,\"code\":-4005}]}");
    CHECK_TEXT(ask("{\"id\":4,\"method\":\"get_properties\",\"params\":[{\"siid\":2,\"piid\":5}]}"),
               "{\"id\":4,\"result\":[{\"siid\":2,\"piid\":5,\"code\":0,\"value\":9007199254740993}]}");
    CHECK_TEXT(ask("{\"id\":5,\"method\":\"action\",\"params\":{\"did\":\"1\",\"siid\":2,\"aiid\":1,\"in\":[]}}"),
               "{\"id\":5,\"result\":{\"code\":0,\"out\":[]}}");
    CHECK_TEXT(ask("{\"id\":6,\"method\":\"action\",\"params\":{\"siid\":2,\"aiid\":2,\"in\":[{\"piid\":2,"
                   "\"value\":33}]}}"),
               "{\"id\":6,\"result\":{\"code\":0,\"out\":[false,50]}}");
    CHECK_TEXT(ask("{\"id\":7,\"method\":\"action\",\"params\":{\"siid\":2,\"aiid\":2,\"in\":[0]}}"),
               "{\"id\":7,\"result\":{\"code\":-4006,\"out\":[]}}");
    CHECK_TEXT(ask("{\"id\":8,\"method\":\"action\",\"params\":{\"siid\":2,\"aiid\":2}}"),
               "{\"id\":8,\"result\":{\"code\":-4006,\"out\":[]}}");
    CHECK_TEXT(ask("{\"id\":9,\"method\":\"action\",\"params\":{\"siid\":2,\"aiid\":9}}"),
               "{\"id\":9,\"result\":{\"code\":-4003,\"out\":[]}}");
    CHECK(table.actions == 2);
    /* Malformed params: the protocol's -5005 with what the method takes. */
    CHECK_TEXT(ask("{\"id\":10,\"method\":\"get_properties\",\"params\":{}}"),
               "{\"id\":10,\"error\":{\"code\":-5005,\"message\":\"params error: get_properties takes [{did, siid, "
               "piid}, ...]\"}}");
    CHECK_TEXT(ask("{\"id\":11,\"method\":\"action\",\"params\":[]}"),
               "{\"id\":11,\"error\":{\"code\":-5005,\"message\":\"params error: action takes {did, siid, aiid, "
               "in}\"}}");
    CHECK_TEXT(ask("{\"id\":12,\"method\":\"set_properties\"}"),
               "{\"id\":12,\"error\":{\"code\":-5005,\"message\":\"params error: set_properties takes [{did, siid, "
               "piid, value}, ...]\"}}");
    CHECK_TEXT(ask("{\"id\":13,\"method\":\"miIO.sub\",\"params\":[]}"),
               "{\"id\":13,\"error\":{\"code\":-5005,\"message\":\"params error: miIO.sub takes an object, e.g. "
               "{\\\"version\\\":\\\"2.0\\\",\\\"did\\\":\\\"...\\\",\\\"update_ts\\\":0,\\\"sub_method\\\":\\\".\\\"}"
               "\"}}");
    CHECK_TEXT(ask("{\"id\":14,\"method\":\"miIO.nothing\"}"),
               "{\"id\":14,\"error\":{\"code\":-32601,\"message\":\"Method not found.\"}}");
    CHECK_TEXT(ask("{\"id\":15,\"method\":\"miIO.ota\",\"params\":{}}"),
               "{\"id\":15,\"error\":{\"code\":-32601,\"message\":\"Method not found.\"}}");
    CHECK_TEXT(ask("{\"id\":16,\"method\":\"miIO.info\",\"params\":{}}"),
               "{\"id\":16,\"result\":{\"model\":\"sail.test.dev\",\"fw_ver\":\"1.0.0\",\"hw_ver\":\"ESP32\","
               "\"mac\":\"02:5A:00:00:00:02\",\"life\":7,\"ap\":{\"ssid\":\"\",\"bssid\":\"\",\"rssi\":0},"
               "\"netif\":{\"localIp\":\"\",\"mask\":\"\",\"gw\":\"\"}}}");
    /* Ids are echoed exactly, past 2^53 too; a fractional id is not a request. */
    CHECK_TEXT(ask("{\"id\":18446744073709551617,\"method\":\"miIO.unsub\"}"),
               "{\"id\":18446744073709551617,\"result\":{\"code\":0}}");
    CHECK_TEXT(ask("{\"id\":1.5,\"method\":\"miIO.info\"}"), "");
    CHECK(session.last_drop == SAIL_MIIO_DROP_NOT_A_REQUEST);
    CHECK_TEXT(ask("{\"id\":20,\"method\":"), "");
    CHECK(session.last_drop == SAIL_MIIO_DROP_BAD_JSON);
    CHECK_TEXT(ask("{\"id\":21,\"method\":\"miIO.info\",\"x\":\"\xff\"}"), "");
    CHECK(session.last_drop == SAIL_MIIO_DROP_BAD_JSON);
    CHECK_TEXT(ask("[1]"), "");
    CHECK(session.last_drop == SAIL_MIIO_DROP_NOT_A_REQUEST);
    /* A subscriber's acknowledgement of a push is neither answered nor a drop. */
    CHECK_TEXT(ask("{\"id\":3,\"result\":[\"ok\"]}"), "");
    CHECK(session.last_drop == SAIL_MIIO_ACCEPTED);
    /* A reply larger than a datagram becomes -5005. */
    char many[1400] = "{\"id\":22,\"method\":\"get_properties\",\"params\":[";
    for (int i = 0; i < 60; i++) {
        strcat(many, i == 0 ? "{\"siid\":2,\"piid\":1}" : ",{\"siid\":2,\"piid\":1}");
    }
    strcat(many, "]}");
    CHECK_TEXT(ask(many), "{\"id\":22,\"error\":{\"code\":-5005,\"message\":\"params error: the reply would exceed "
                          "1400 bytes; ask for fewer items\"}}");
}

static void test_window_and_replays(void)
{
    uint64_t executed = session.executed;
    int64_t now = 1000 * S;
    uint32_t stamp = sail_miio_session_stamp(now);
    const char *info = "{\"id\":100,\"method\":\"miIO.unsub\"}";
    /* 300 s behind and 60 s ahead are accepted; a second more is not. */
    CHECK_TEXT(ask_at(info, CLIENT, now, stamp - 301), "");
    CHECK(session.last_drop == SAIL_MIIO_DROP_STALE_STAMP);
    CHECK_TEXT(ask_at(info, CLIENT, now, stamp + 61), "");
    CHECK(session.last_drop == SAIL_MIIO_DROP_STALE_STAMP);
    CHECK(session.executed == executed);
    CHECK_TEXT(ask_at(info, CLIENT, now, stamp - 300), "{\"id\":100,\"result\":{\"code\":0}}");
    CHECK(session.executed == executed + 1);
    /* The same id again from the same sender, newly stamped: the same reply, not run again. */
    CHECK_TEXT(ask_at(info, CLIENT, now + S, stamp + 1), "{\"id\":100,\"result\":{\"code\":0}}");
    CHECK(session.executed == executed + 1);
    /* From another sender it is a new request. */
    CHECK_TEXT(ask_at(info, OTHER, now + S, stamp + 1), "{\"id\":100,\"result\":{\"code\":0}}");
    CHECK(session.executed == executed + 2);
    /* A verbatim replay, from any address, gets the cached bytes. */
    uint8_t packet[SAIL_MIIO_MAX_DATAGRAM];
    uint8_t first[SAIL_MIIO_MAX_DATAGRAM];
    uint8_t again[SAIL_MIIO_MAX_DATAGRAM];
    size_t size = seal("{\"id\":101,\"method\":\"action\",\"params\":{\"siid\":2,\"aiid\":1}}", stamp, packet);
    int actions = table.actions;
    size_t a = sail_miio_session_receive(&session, packet, size, CLIENT, now + 2 * S, first, sizeof first);
    size_t b = sail_miio_session_receive(&session, packet, size, OTHER, now + 200 * S, again, sizeof again);
    CHECK(a > 0 && a == b && memcmp(first, again, a) == 0);
    CHECK(table.actions == actions + 1);
    /* Once the stamp is out of the window the cached reply is gone and the replay is stale. */
    CHECK(sail_miio_session_receive(&session, packet, size, OTHER, now + 400 * S, again, sizeof again) == 0);
    CHECK(session.last_drop == SAIL_MIIO_DROP_STALE_STAMP);
    CHECK(table.actions == actions + 1);
}

/* 4,096 replies are kept; the oldest evicted early raises the floor, so its replay is dropped, not run. */
static void test_cache_bound(void)
{
    int64_t now = 5000 * S;
    uint32_t stamp = sail_miio_session_stamp(now);
    uint8_t packet[SAIL_MIIO_MAX_DATAGRAM];
    uint8_t reply[SAIL_MIIO_MAX_DATAGRAM];
    size_t first_size = seal("{\"id\":1,\"method\":\"action\",\"params\":{\"siid\":2,\"aiid\":1}}", stamp - 1, packet);
    uint8_t first[SAIL_MIIO_MAX_DATAGRAM];
    memcpy(first, packet, first_size);
    int actions = table.actions;
    CHECK(sail_miio_session_receive(&session, first, first_size, CLIENT, now, reply, sizeof reply) > 0);
    for (int i = 2; i <= SAIL_MIIO_REPLAY_ENTRIES + 1; i++) {
        char json[96];
        snprintf(json, sizeof json, "{\"id\":%d,\"method\":\"action\",\"params\":{\"siid\":2,\"aiid\":1}}", i);
        size_t size = seal(json, stamp, packet);
        CHECK(sail_miio_session_receive(&session, packet, size, CLIENT, now + i, reply, sizeof reply) > 0);
    }
    CHECK(table.actions == actions + SAIL_MIIO_REPLAY_ENTRIES + 1);
    CHECK(session.cache_count == SAIL_MIIO_REPLAY_ENTRIES);
    CHECK(sail_miio_session_receive(&session, first, first_size, OTHER, now + S, reply, sizeof reply) == 0);
    CHECK(session.last_drop == SAIL_MIIO_DROP_STALE_STAMP);
    CHECK(table.actions == actions + SAIL_MIIO_REPLAY_ENTRIES + 1);
}

static void test_pushes(void)
{
    uint8_t out[SAIL_MIIO_MAX_DATAGRAM];
    size_t size = 1;
    sail_miio_value_t on = {.kind = SAIL_MIIO_VALUE_INT, .i = 1};
    CHECK(sail_miio_push_property(&session, 2, 1, &on, 10 * S, out, sizeof out, &size) == SAIL_OK && size == 0);
    sail_miio_session_subscribe(&session, CLIENT);
    CHECK(sail_miio_push_property(&session, 2, 1, &on, 10 * S, out, sizeof out, &size) == SAIL_OK && size > 0);
    sail_miio_packet_t p;
    CHECK(sail_miio_decode(&session.keys, out, size, &p) == SAIL_MIIO_ACCEPTED);
    p.payload[p.payload_size] = '\0';
    CHECK_TEXT((const char *)p.payload, "{\"id\":1,\"method\":\"properties_changed\",\"params\":[{\"did\":\"1234567\","
                                        "\"siid\":2,\"piid\":1,\"value\":true}]}");
    /* Not notifying: nothing is pushed; a value the spec refuses, or no such property, is an error. */
    sail_miio_value_t fifty = {.kind = SAIL_MIIO_VALUE_INT, .i = 50};
    CHECK(sail_miio_push_property(&session, 2, 2, &fifty, 10 * S, out, sizeof out, &size) == SAIL_OK && size == 0);
    sail_miio_value_t zero = {.kind = SAIL_MIIO_VALUE_INT, .i = 0};
    CHECK(sail_miio_push_property(&session, 2, 2, &zero, 10 * S, out, sizeof out, &size) == SAIL_ERR_INVALID_ARG);
    CHECK(sail_miio_push_property(&session, 9, 9, &zero, 10 * S, out, sizeof out, &size) == SAIL_ERR_NOT_FOUND);
    CHECK(sail_miio_push_event(&session, 2, 1, &fifty, 1, 10 * S, out, sizeof out, &size) == SAIL_OK && size > 0);
    CHECK(sail_miio_decode(&session.keys, out, size, &p) == SAIL_MIIO_ACCEPTED);
    p.payload[p.payload_size] = '\0';
    CHECK_TEXT((const char *)p.payload, "{\"id\":2,\"method\":\"event_occured\",\"params\":{\"did\":\"1234567\","
                                        "\"siid\":2,\"eiid\":1,\"arguments\":[{\"piid\":2,\"value\":50}]}}");
}

static int32_t ota(void *ctx, const char *url, const char *sha, char *message, size_t size)
{
    (void)ctx;
    (void)sha;
    if (strstr(url, "busy") != NULL) {
        snprintf(message, size, "busy: an update is downloading (50 %%)");
        return -5001;
    }
    return 0;
}

static int32_t ota_progress(void *ctx)
{
    (void)ctx;
    return 50;
}

static const char *ota_state(void *ctx)
{
    (void)ctx;
    return "downloading";
}

/* miIO.ota's params checked with host/ota/agent.ts's messages before the device is asked. */
static void test_ota(void)
{
    session.device.ota = ota;
    session.device.ota_progress = ota_progress;
    session.device.ota_state = ota_state;
    CHECK_TEXT(ask("{\"id\":50,\"method\":\"miIO.ota\",\"params\":[]}"),
               "{\"id\":50,\"error\":{\"code\":-5005,\"message\":\"params error: miIO.ota takes "
               "{\\\"app_url\\\", \\\"file_sha256\\\"}\"}}");
    CHECK_TEXT(ask("{\"id\":51,\"method\":\"miIO.ota\",\"params\":{\"app_url\":\"ftp://x\"}}"),
               "{\"id\":51,\"error\":{\"code\":-5005,\"message\":\"params error: app_url must be an http(s) URL\"}}");
    CHECK_TEXT(ask("{\"id\":52,\"method\":\"miIO.ota\",\"params\":{\"app_url\":\"http://h/a.wasm\",\"file_sha256\":"
                   "\"abc\"}}"),
               "{\"id\":52,\"error\":{\"code\":-5005,\"message\":\"params error: file_sha256 must be the image's "
               "SHA-256, 64 hex digits (Sail checks SHA-256, not file_md5)\"}}");
    const char *sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789ABCDEF";
    char json[256];
    snprintf(json, sizeof json,
             "{\"id\":53,\"method\":\"miIO.ota\",\"params\":{\"app_url\":\"https://h/a.wasm\",\"file_sha256\":\"%s\"}}",
             sha);
    CHECK_TEXT(ask(json), "{\"id\":53,\"result\":[\"ok\"]}");
    snprintf(json, sizeof json,
             "{\"id\":54,\"method\":\"miIO.ota\",\"params\":{\"app_url\":\"http://busy/\",\"file_sha256\":\"%s\"}}",
             sha);
    CHECK_TEXT(ask(json),
               "{\"id\":54,\"error\":{\"code\":-5001,\"message\":\"busy: an update is downloading (50 %)\"}}");
    CHECK_TEXT(ask("{\"id\":55,\"method\":\"miIO.get_ota_progress\"}"), "{\"id\":55,\"result\":[50]}");
    CHECK_TEXT(ask("{\"id\":56,\"method\":\"miIO.get_ota_state\"}"), "{\"id\":56,\"result\":[\"downloading\"]}");
    session.device.ota = NULL;
}

static void test_spec_refusals(void)
{
    static sail_miio_spec_t s;
    char message[160];
    CHECK(sail_miio_spec_parse(&s, "{\"services\":3}", 14, message, sizeof message) == SAIL_ERR_INVALID_ARG);
    CHECK_TEXT(message, "sail.spec: services must be an array of services");
    const char *bad = "{\"services\":[{\"iid\":1,\"properties\":[{\"iid\":1,\"format\":\"u8\",\"access\":[]}]}]}";
    CHECK(sail_miio_spec_parse(&s, bad, strlen(bad), message, sizeof message) == SAIL_ERR_INVALID_ARG);
    CHECK_TEXT(message,
               "sail.spec: services[0].properties[0] needs a format: bool, uint8 ... int64, float, string or hex");
    CHECK(sail_miio_spec_parse(&s, "{\"services\":[", 13, message, sizeof message) == SAIL_ERR_INVALID_ARG);
}

/* Format hex: a request's value is a string of hexadecimal digits, as host/miot/'s checkValue. */
static void test_hex(void)
{
    static sail_miio_spec_t s;
    char message[160];
    const char *text =
        "{\"services\":[{\"iid\":2,\"properties\":[{\"iid\":1,\"format\":\"hex\",\"access\":[\"read\",\"write\"]}]}]}";
    CHECK(sail_miio_spec_parse(&s, text, strlen(text), message, sizeof message) == SAIL_OK);
    const sail_miio_property_t *hex = sail_miio_spec_property(&s, 2, 1);
    CHECK(hex != NULL && hex->format == SAIL_MIIO_FORMAT_HEX);
    const char *const values[] = {"\"0a1F\"", "\"\"", "\"0x1g\"", "17"};
    const bool valid[] = {true, true, false, false};
    for (size_t i = 0; i < 4; i++) {
        sail_json_t json;
        sail_json_span_t span;
        sail_miio_value_t v;
        sail_json_init(&json, values[i], strlen(values[i]));
        CHECK(sail_json_document(&json, &span) == SAIL_OK);
        CHECK(sail_miio_spec_read_value(&s, hex, &json, span, &v) == valid[i]);
    }
}

int main(void)
{
    start();
    test_codec();
    test_numbers();
    test_hello();
    test_methods();
    test_ota();
    test_window_and_replays();
    test_cache_bound();
    test_pushes();
    test_spec_refusals();
    test_hex();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
