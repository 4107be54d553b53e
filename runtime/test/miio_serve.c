/* A miIO device on real UDP for interop tests: the C session serving a spec
 * with an in-memory property table through the device callbacks.
 *
 *   miio_serve <spec.json> <did> <token hex> [--host IPv4] [--port N] [--info model,fw_ver,hw_ver,mac]
 *              [--prop S.P=<json>]... [--toggle S.A=S.P]...
 *
 * Prints "listening <port>" once bound. Commands on stdin, one a line:
 * "change S.P <json>" sets a value and pushes properties_changed; "drops"
 * prints the drop counts; "quit" (or the end of stdin) stops. */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sail_miio_session.h"
#include "sail_miio_udp.h"

#define MAX_TOGGLES 8

static sail_miio_spec_t spec;
static sail_miio_session_t session;
static sail_miio_udp_t udp;
static sail_miio_value_t values[SAIL_MIIO_SPEC_MAX_PROPERTIES];
static char spec_text[64 * 1024];
static char info_text[256] = "sail.test.device,1.0.0,ESP32,02:5A:00:00:00:02";
static const char *info_fields[4];
static struct {
    uint32_t siid, aiid, piid;
} toggles[MAX_TOGGLES];
static size_t toggle_count;
static int64_t start_us;

static int64_t monotonic_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static int64_t uptime_us(void)
{
    return monotonic_us() - start_us;
}

static sail_miio_value_t *value_of(uint32_t siid, uint32_t piid)
{
    const sail_miio_property_t *p = sail_miio_spec_property(&spec, siid, piid);
    return p == NULL ? NULL : &values[p - spec.properties];
}

static void info(void *ctx, sail_miio_info_t *i)
{
    (void)ctx;
    i->model = info_fields[0];
    i->fw_ver = info_fields[1];
    i->hw_ver = info_fields[2];
    i->mac = info_fields[3];
    i->life = uptime_us() / 1000000;
    i->ssid = "sail-virtual";
    i->bssid = "02:5A:00:00:00:01";
    i->rssi = -45;
    i->local_ip = "127.0.0.1";
    i->mask = "255.0.0.0";
    i->gw = "127.0.0.1";
}

static int32_t get(void *ctx, uint32_t siid, uint32_t piid, sail_miio_value_t *value)
{
    (void)ctx;
    *value = *value_of(siid, piid);
    return SAIL_MIOT_CODE_OK;
}

static int32_t set(void *ctx, uint32_t siid, uint32_t piid, const sail_miio_value_t *value)
{
    (void)ctx;
    *value_of(siid, piid) = *value;
    return SAIL_MIOT_CODE_OK;
}

static int32_t action(void *ctx, uint32_t siid, uint32_t aiid, const sail_miio_value_t *in, size_t in_count,
                      sail_miio_value_t *out, size_t *out_count)
{
    (void)ctx;
    (void)in;
    (void)in_count;
    for (size_t t = 0; t < toggle_count; t++) {
        if (toggles[t].siid == siid && toggles[t].aiid == aiid) {
            sail_miio_value_t *v = value_of(siid, toggles[t].piid);
            v->b = !v->b;
        }
    }
    const sail_miio_member_t *act = sail_miio_spec_action(&spec, siid, aiid);
    for (size_t i = 0; i < act->out_count; i++) {
        out[i] = *value_of(siid, spec.links[act->out_at + i]);
    }
    *out_count = act->out_count;
    return SAIL_MIOT_CODE_OK;
}

/* A property's starting value: false, the first of its list, its range's min, 0 or "". */
static void initial_values(void)
{
    for (size_t i = 0; i < spec.property_count; i++) {
        const sail_miio_property_t *p = &spec.properties[i];
        sail_miio_value_t *v = &values[i];
        memset(v, 0, sizeof *v);
        switch (p->format) {
            case SAIL_MIIO_FORMAT_BOOL:
                v->kind = SAIL_MIIO_VALUE_BOOL;
                break;
            case SAIL_MIIO_FORMAT_STRING:
            case SAIL_MIIO_FORMAT_HEX:
                v->kind = SAIL_MIIO_VALUE_STRING;
                break;
            case SAIL_MIIO_FORMAT_FLOAT:
                v->kind = SAIL_MIIO_VALUE_FLOAT;
                v->f = p->has_range ? p->min : 0;
                break;
            default:
                v->kind = SAIL_MIIO_VALUE_INT;
                v->i = p->list_count > 0 ? spec.list[p->list_at] : p->has_range ? (int64_t)p->min : 0;
                break;
        }
    }
}

/* "S.P=<json>" or "S.P <json>": the property's new value, checked against the spec. */
static int assign(const char *text, char separator)
{
    unsigned siid;
    unsigned piid;
    char sep;
    int used = 0;
    if (sscanf(text, "%u.%u%c%n", &siid, &piid, &sep, &used) != 3 || sep != separator) {
        return -1;
    }
    const sail_miio_property_t *p = sail_miio_spec_property(&spec, siid, piid);
    if (p == NULL) {
        return -1;
    }
    sail_json_t json;
    sail_json_span_t span;
    sail_json_init(&json, text + used, strlen(text + used));
    if (sail_json_document(&json, &span) != SAIL_OK ||
        !sail_miio_spec_read_value(&spec, p, &json, span, &values[p - spec.properties])) {
        return -1;
    }
    return 0;
}

static void command(char *line)
{
    line[strcspn(line, "\r\n")] = '\0';
    if (strncmp(line, "change ", 7) == 0) {
        unsigned siid = 0;
        unsigned piid = 0;
        uint8_t packet[SAIL_MIIO_MAX_DATAGRAM];
        size_t size = 0;
        if (assign(line + 7, ' ') != 0 || sscanf(line + 7, "%u.%u", &siid, &piid) != 2 ||
            sail_miio_push_property(&session, siid, piid, value_of(siid, piid), uptime_us(), packet, sizeof packet,
                                    &size) != SAIL_OK) {
            printf("refused %s\n", line);
        } else {
            sail_miio_udp_send_push(&udp, packet, size);
            printf("pushed %zu bytes to %zu\n", size, size == 0 ? 0 : session.subscriber_count);
        }
    } else if (strcmp(line, "drops") == 0) {
        printf("drops");
        for (int r = 1; r < SAIL_MIIO_DROP_REASONS; r++) {
            printf(" %s=%" PRIu64, sail_miio_drop_name((sail_miio_drop_t)r), session.drops[r]);
        }
        printf(" executed=%" PRIu64 "\n", session.executed);
    } else {
        printf("unknown command %s\n", line);
    }
    fflush(stdout);
}

static int usage(const char *problem)
{
    fprintf(stderr, "miio_serve: %s\n", problem);
    return 2;
}

int main(int argc, char **argv)
{
    start_us = monotonic_us();
    if (argc < 4) {
        return usage("usage: miio_serve <spec.json> <did> <token hex> [options]");
    }
    FILE *file = fopen(argv[1], "rb");
    size_t len = file == NULL ? 0 : fread(spec_text, 1, sizeof spec_text, file);
    if (file == NULL || len == sizeof spec_text) {
        return usage("cannot read the spec file, or it is over 64 KiB");
    }
    fclose(file);
    char message[160];
    if (sail_miio_spec_parse(&spec, spec_text, len, message, sizeof message) != SAIL_OK) {
        return usage(message);
    }
    initial_values();
    uint8_t token[16];
    uint32_t did = (uint32_t)strtoul(argv[2], NULL, 10);
    if (sail_miio_parse_token(argv[3], token) != SAIL_OK) {
        return usage("the token must be 32 hex digits");
    }
    unsigned port = 0;
    const char *host = "127.0.0.1";
    for (int a = 4; a + 1 < argc; a += 2) {
        if (strcmp(argv[a], "--port") == 0) {
            port = (unsigned)strtoul(argv[a + 1], NULL, 10);
        } else if (strcmp(argv[a], "--host") == 0) {
            host = argv[a + 1];
        } else if (strcmp(argv[a], "--info") == 0) {
            snprintf(info_text, sizeof info_text, "%s", argv[a + 1]);
        } else if (strcmp(argv[a], "--prop") == 0) {
            if (assign(argv[a + 1], '=') != 0) {
                return usage("--prop takes S.P=<JSON value the spec allows>");
            }
        } else if (strcmp(argv[a], "--toggle") == 0 && toggle_count < MAX_TOGGLES) {
            unsigned s;
            unsigned act;
            unsigned s2;
            unsigned p;
            if (sscanf(argv[a + 1], "%u.%u=%u.%u", &s, &act, &s2, &p) != 4 || s != s2 || value_of(s, p) == NULL ||
                sail_miio_spec_action(&spec, s, act) == NULL) {
                return usage("--toggle takes S.A=S.P naming an action and a bool property of one service");
            }
            toggles[toggle_count].siid = s;
            toggles[toggle_count].aiid = act;
            toggles[toggle_count++].piid = p;
        } else {
            return usage("unknown option");
        }
    }
    char *cursor = info_text;
    for (int f = 0; f < 4; f++) {
        info_fields[f] = cursor;
        cursor = strchr(cursor, ',');
        if (cursor == NULL && f < 3) {
            return usage("--info takes model,fw_ver,hw_ver,mac");
        }
        if (cursor != NULL) {
            *cursor++ = '\0';
        }
    }
    sail_miio_device_t device = {.ctx = NULL, .info = info, .get = get, .set = set, .action = action};
    if (sail_miio_session_init(&session, did, token, &spec, &device) != SAIL_OK) {
        return usage("the did must be a whole number from 1 to 4294967295");
    }
    if (sail_miio_udp_open(&udp, &session, host, (uint16_t)port) != SAIL_OK) {
        return usage("cannot bind that address and port (--host takes a local IPv4 address)");
    }
    printf("listening %u\n", (unsigned)udp.port);
    fflush(stdout);
    char line[512];
    size_t line_len = 0;
    for (;;) {
        struct pollfd fds[2] = {{udp.fd, POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
        if (poll(fds, 2, 1000) < 0) {
            continue;
        }
        if (fds[0].revents & POLLIN) {
            sail_miio_udp_serve_ready(&udp, uptime_us());
        }
        if (fds[1].revents & (POLLIN | POLLHUP)) {
            ssize_t got = read(STDIN_FILENO, line + line_len, sizeof line - 1 - line_len);
            if (got <= 0) {
                break;
            }
            line_len += (size_t)got;
            line[line_len] = '\0';
            char *newline;
            while ((newline = strchr(line, '\n')) != NULL) {
                *newline = '\0';
                if (strcmp(line, "quit") == 0) {
                    sail_miio_udp_close(&udp);
                    return 0;
                }
                command(line);
                size_t rest = line_len - (size_t)(newline + 1 - line);
                memmove(line, newline + 1, rest + 1);
                line_len = rest;
            }
            if (line_len == sizeof line - 1) {
                line_len = 0; /* a line longer than any command */
            }
        }
    }
    sail_miio_udp_close(&udp);
    return 0;
}
