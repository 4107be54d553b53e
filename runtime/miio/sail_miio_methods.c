/* The JSON methods (docs/reference/miot-protocol.md §4), as host/miot/methods.ts
 * and device-session.ts answer them: miIO.sub / miIO.unsub, miIO.info,
 * get_properties, set_properties, action, miIO.ota and its queries. Every
 * item is checked against the spec and answered with its code before the
 * device is asked; replies are written as JSON.stringify writes the TS ones. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sail_miio_session.h"

static void error(sail_miio_out_t *out, int32_t code, const char *message)
{
    sail_miio_out_text(out, "\"error\":{\"code\":");
    sail_miio_out_int(out, code);
    sail_miio_out_text(out, ",\"message\":");
    sail_miio_out_string(out, message, strlen(message));
    sail_miio_out_text(out, "}");
}

static void params_error(sail_miio_out_t *out, const char *what)
{
    char message[160];
    snprintf(message, sizeof message, "params error: %s", what);
    error(out, -5005, message);
}

/* A firmware's answer that is not a MIoT code is -4004. */
static int32_t miot_code(int32_t code)
{
    return (code >= -4006 && code <= -4001) || code == 0 || code == 1 ? code : SAIL_MIOT_CODE_INTERNAL;
}

/* iid(): a positive whole number; 0 when it is not one or cannot name anything. */
static uint32_t iid_of(const sail_json_t *json, bool present, sail_json_span_t span)
{
    sail_miio_number_t n;
    if (!present || !sail_miio_read_number(json, span, &n) || !(n.value > 0) || floor(n.value) != n.value ||
        n.value > 4294967295.0) {
        return 0;
    }
    return (uint32_t)n.value;
}

/* The item's did, siid and piid echoed, those it has; then the property, or NULL after writing -4003. */
static const sail_miio_property_t *head(sail_miio_session_t *s, const sail_json_t *json, sail_json_span_t item,
                                        sail_miio_out_t *out)
{
    static const char *const fields[] = {"did", "siid", "piid"};
    sail_json_span_t spans[3];
    bool present[3];
    bool first = true;
    sail_miio_out_text(out, "{");
    for (int i = 0; i < 3; i++) {
        present[i] = sail_miio_member(json, item, fields[i], &spans[i]);
        if (present[i]) {
            sail_miio_out_text(out, first ? "\"" : ",\"");
            sail_miio_out_text(out, fields[i]);
            sail_miio_out_text(out, "\":");
            sail_miio_out_span(out, json, spans[i]);
            first = false;
        }
    }
    sail_miio_out_text(out, first ? "\"code\":" : ",\"code\":");
    uint32_t siid = iid_of(json, present[1], spans[1]);
    uint32_t piid = iid_of(json, present[2], spans[2]);
    const sail_miio_property_t *prop = siid == 0 || piid == 0 ? NULL : sail_miio_spec_property(s->spec, siid, piid);
    if (prop == NULL) {
        sail_miio_out_text(out, "-4003}");
    }
    return prop;
}

static void get_one(sail_miio_session_t *s, const sail_json_t *json, sail_json_span_t item, sail_miio_out_t *out)
{
    if (item.type != SAIL_JSON_OBJECT) {
        sail_miio_out_text(out, "{\"code\":-4003}");
        return;
    }
    const sail_miio_property_t *prop = head(s, json, item, out);
    if (prop == NULL) {
        return;
    }
    if (!(prop->access & SAIL_MIIO_ACCESS_READ)) {
        sail_miio_out_text(out, "-4001}");
        return;
    }
    sail_miio_value_t *value = &s->out[0];
    memset(value, 0, sizeof *value);
    int32_t code = miot_code(s->device.get(s->device.ctx, prop->siid, prop->piid, value));
    if (code == SAIL_MIOT_CODE_OK && !sail_miio_spec_take_value(s->spec, prop, value)) {
        code = SAIL_MIOT_CODE_INTERNAL;
    }
    sail_miio_out_int(out, code);
    if (code == SAIL_MIOT_CODE_OK) {
        sail_miio_out_text(out, ",\"value\":");
        sail_miio_out_value(out, value);
    }
    sail_miio_out_text(out, "}");
}

static void set_one(sail_miio_session_t *s, const sail_json_t *json, sail_json_span_t item, sail_miio_out_t *out)
{
    if (item.type != SAIL_JSON_OBJECT) {
        sail_miio_out_text(out, "{\"code\":-4003}");
        return;
    }
    const sail_miio_property_t *prop = head(s, json, item, out);
    if (prop == NULL) {
        return;
    }
    if (!(prop->access & SAIL_MIIO_ACCESS_WRITE)) {
        sail_miio_out_text(out, "-4002}");
        return;
    }
    sail_json_span_t given;
    sail_miio_value_t *value = &s->in[0];
    if (!sail_miio_member(json, item, "value", &given) ||
        !sail_miio_spec_read_value(s->spec, prop, json, given, value)) {
        sail_miio_out_text(out, "-4005}");
        return;
    }
    sail_miio_out_int(out, miot_code(s->device.set(s->device.ctx, prop->siid, prop->piid, value)));
    sail_miio_out_text(out, "}");
}

/* [{...}, ...] answered item by item. */
static void each(sail_miio_session_t *s, const sail_json_t *json, sail_json_span_t params, sail_miio_out_t *out,
                 void (*one)(sail_miio_session_t *, const sail_json_t *, sail_json_span_t, sail_miio_out_t *))
{
    sail_miio_out_text(out, "\"result\":[");
    size_t pos = 0;
    sail_json_span_t item;
    bool first = true;
    while (sail_json_element(json, params, &pos, &item)) {
        if (!first) {
            sail_miio_out_text(out, ",");
        }
        one(s, json, item, out);
        first = false;
    }
    sail_miio_out_text(out, "]");
}

static void action_result(sail_miio_out_t *out, int32_t code)
{
    sail_miio_out_text(out, "\"result\":{\"code\":");
    sail_miio_out_int(out, code);
    sail_miio_out_text(out, ",\"out\":[]}");
}

static void action(sail_miio_session_t *s, const sail_json_t *json, bool has_params, sail_json_span_t params,
                   sail_miio_out_t *out)
{
    if (!has_params || params.type != SAIL_JSON_OBJECT) {
        params_error(out, "action takes {did, siid, aiid, in}");
        return;
    }
    sail_json_span_t span;
    bool has = sail_miio_member(json, params, "siid", &span);
    uint32_t siid = iid_of(json, has, span);
    has = sail_miio_member(json, params, "aiid", &span);
    uint32_t aiid = iid_of(json, has, span);
    const sail_miio_member_t *act = siid == 0 || aiid == 0 ? NULL : sail_miio_spec_action(s->spec, siid, aiid);
    if (act == NULL) {
        action_result(out, SAIL_MIOT_CODE_NOT_FOUND);
        return;
    }
    /* `in` arrives as plain values in order, or as [{piid, value}] (both seen in clients); absent or null is []. */
    sail_json_span_t in;
    bool has_in = sail_miio_member(json, params, "in", &in) && in.type != SAIL_JSON_NULL;
    size_t count = 0;
    size_t pos = 0;
    sail_json_span_t item;
    if (has_in && in.type != SAIL_JSON_ARRAY) {
        action_result(out, SAIL_MIOT_CODE_ACTION_IN_ERROR);
        return;
    }
    while (has_in && sail_json_element(json, in, &pos, &item)) {
        if (count == act->in_count) {
            action_result(out, SAIL_MIOT_CODE_ACTION_IN_ERROR);
            return;
        }
        sail_json_span_t value = item;
        if (item.type == SAIL_JSON_OBJECT && !sail_miio_member(json, item, "value", &value)) {
            value = item;
        }
        const sail_miio_property_t *prop = sail_miio_spec_property(s->spec, siid, s->spec->links[act->in_at + count]);
        if (prop == NULL || !sail_miio_spec_read_value(s->spec, prop, json, value, &s->in[count])) {
            action_result(out, SAIL_MIOT_CODE_ACTION_IN_ERROR);
            return;
        }
        count++;
    }
    if (count != act->in_count) {
        action_result(out, SAIL_MIOT_CODE_ACTION_IN_ERROR);
        return;
    }
    size_t out_count = 0;
    memset(s->out, 0, sizeof s->out);
    int32_t code = miot_code(s->device.action(s->device.ctx, siid, aiid, s->in, count, s->out, &out_count));
    if (code != SAIL_MIOT_CODE_OK && code != SAIL_MIOT_CODE_ACCEPTED) {
        action_result(out, code);
        return;
    }
    bool valid = out_count == act->out_count;
    for (size_t i = 0; valid && i < out_count; i++) {
        const sail_miio_property_t *prop = sail_miio_spec_property(s->spec, siid, s->spec->links[act->out_at + i]);
        valid = prop != NULL && sail_miio_spec_take_value(s->spec, prop, &s->out[i]);
    }
    if (!valid) {
        action_result(out, SAIL_MIOT_CODE_INTERNAL);
        return;
    }
    sail_miio_out_text(out, "\"result\":{\"code\":");
    sail_miio_out_int(out, code);
    sail_miio_out_text(out, ",\"out\":[");
    for (size_t i = 0; i < out_count; i++) {
        if (i > 0) {
            sail_miio_out_text(out, ",");
        }
        sail_miio_out_value(out, &s->out[i]);
    }
    sail_miio_out_text(out, "]}");
}

static void info(sail_miio_session_t *s, sail_miio_out_t *out)
{
    sail_miio_info_t i;
    memset(&i, 0, sizeof i);
    s->device.info(s->device.ctx, &i);
    const char *texts[] = {i.model, i.fw_ver, i.hw_ver, i.mac, i.ssid, i.bssid, i.local_ip, i.mask, i.gw};
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        texts[t] = texts[t] == NULL ? "" : texts[t];
    }
    static const char *const names[] = {"{\"model\":", ",\"fw_ver\":", ",\"hw_ver\":", ",\"mac\":"};
    sail_miio_out_text(out, "\"result\":");
    for (size_t t = 0; t < 4; t++) {
        sail_miio_out_text(out, names[t]);
        sail_miio_out_string(out, texts[t], strlen(texts[t]));
    }
    sail_miio_out_text(out, ",\"life\":");
    sail_miio_out_int(out, i.life);
    sail_miio_out_text(out, ",\"ap\":{\"ssid\":");
    sail_miio_out_string(out, texts[4], strlen(texts[4]));
    sail_miio_out_text(out, ",\"bssid\":");
    sail_miio_out_string(out, texts[5], strlen(texts[5]));
    sail_miio_out_text(out, ",\"rssi\":");
    sail_miio_out_int(out, i.rssi);
    sail_miio_out_text(out, "},\"netif\":{\"localIp\":");
    sail_miio_out_string(out, texts[6], strlen(texts[6]));
    sail_miio_out_text(out, ",\"mask\":");
    sail_miio_out_string(out, texts[7], strlen(texts[7]));
    sail_miio_out_text(out, ",\"gw\":");
    sail_miio_out_string(out, texts[8], strlen(texts[8]));
    sail_miio_out_text(out, "}}");
}

static bool all_hex(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (strchr("0123456789abcdefABCDEF", text[i]) == NULL || text[i] == '\0') {
            return false;
        }
    }
    return true;
}

/* miIO.ota's params as host/ota/agent.ts checks them, then the device's answer. */
static void ota(sail_miio_session_t *s, const sail_json_t *json, bool has_params, sail_json_span_t params,
                sail_miio_out_t *out)
{
    if (!has_params || params.type != SAIL_JSON_OBJECT) {
        params_error(out, "miIO.ota takes {\"app_url\", \"file_sha256\"}");
        return;
    }
    char url[256];
    char sha[72];
    size_t url_len = 0;
    size_t sha_len = 0;
    sail_json_span_t span;
    if (!sail_miio_member(json, params, "app_url", &span) || span.type != SAIL_JSON_STRING ||
        sail_json_string(json, span, url, sizeof url, &url_len) != SAIL_OK ||
        (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) || strlen(url) != url_len) {
        params_error(out, "app_url must be an http(s) URL");
        return;
    }
    if (!sail_miio_member(json, params, "file_sha256", &span) || span.type != SAIL_JSON_STRING ||
        sail_json_string(json, span, sha, sizeof sha, &sha_len) != SAIL_OK || sha_len != 64 || !all_hex(sha, 64)) {
        params_error(out, "file_sha256 must be the image's SHA-256, 64 hex digits (Sail checks SHA-256, not file_md5)");
        return;
    }
    char message[160] = "";
    int32_t code = s->device.ota(s->device.ctx, url, sha, message, sizeof message);
    if (code == 0) {
        sail_miio_out_text(out, "\"result\":[\"ok\"]");
    } else {
        error(out, code, message);
    }
}

void sail_miio_answer(sail_miio_session_t *s, const sail_json_t *json, const char *method, bool has_params,
                      sail_json_span_t params, sail_miio_peer_t peer, sail_miio_out_t *out)
{
    if (strcmp(method, "miIO.sub") == 0) {
        /* {"version","did","update_ts","sub_method"} (docs/reference/miot-protocol.md §4); unsub takes anything. */
        if (!has_params || params.type != SAIL_JSON_OBJECT) {
            params_error(out, "miIO.sub takes an object, e.g. "
                              "{\"version\":\"2.0\",\"did\":\"...\",\"update_ts\":0,\"sub_method\":\".\"}");
            return;
        }
        sail_miio_session_subscribe(s, peer);
        sail_miio_out_text(out, "\"result\":{\"code\":0}");
        return;
    }
    if (strcmp(method, "miIO.unsub") == 0) {
        for (size_t i = 0; i < s->subscriber_count; i++) {
            if (s->subscribers[i].addr == peer.addr && s->subscribers[i].port == peer.port) {
                memmove(&s->subscribers[i], &s->subscribers[i + 1],
                        (s->subscriber_count - i - 1) * sizeof s->subscribers[0]);
                s->subscriber_count--;
                break;
            }
        }
        sail_miio_out_text(out, "\"result\":{\"code\":0}");
        return;
    }
    bool is_ota = strcmp(method, "miIO.ota") == 0 || strcmp(method, "miIO.get_ota_progress") == 0 ||
                  strcmp(method, "miIO.get_ota_state") == 0;
    if (s->spec == NULL || (is_ota && s->device.ota == NULL)) {
        error(out, -32601, "Method not found.");
    } else if (strcmp(method, "miIO.info") == 0) {
        info(s, out); /* params ignored: some clients send an object */
    } else if (strcmp(method, "get_properties") == 0) {
        if (has_params && params.type == SAIL_JSON_ARRAY) {
            each(s, json, params, out, get_one);
        } else {
            params_error(out, "get_properties takes [{did, siid, piid}, ...]");
        }
    } else if (strcmp(method, "set_properties") == 0) {
        if (has_params && params.type == SAIL_JSON_ARRAY) {
            each(s, json, params, out, set_one);
        } else {
            params_error(out, "set_properties takes [{did, siid, piid, value}, ...]");
        }
    } else if (strcmp(method, "action") == 0) {
        action(s, json, has_params, params, out);
    } else if (strcmp(method, "miIO.ota") == 0) {
        ota(s, json, has_params, params, out);
    } else if (strcmp(method, "miIO.get_ota_progress") == 0) {
        sail_miio_out_text(out, "\"result\":[");
        sail_miio_out_int(out, s->device.ota_progress(s->device.ctx));
        sail_miio_out_text(out, "]");
    } else if (strcmp(method, "miIO.get_ota_state") == 0) {
        const char *state = s->device.ota_state(s->device.ctx);
        sail_miio_out_text(out, "\"result\":[");
        sail_miio_out_string(out, state, strlen(state));
        sail_miio_out_text(out, "]");
    } else {
        error(out, -32601, "Method not found.");
    }
}
