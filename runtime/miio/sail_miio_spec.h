/* The image's MIoT spec (its sail.spec section, MIoT-Spec-V2 JSON) as fixed
 * tables, and the value check behind code -4005: the C twin of
 * host/miot/spec-check.ts's checkValue. The tables keep what answering
 * requests needs (iids, format, access, value-range, value-list), nothing
 * else; a spec larger than the tables is refused naming the limit. */
#ifndef SAIL_MIIO_SPEC_H
#define SAIL_MIIO_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sail_err.h"
#include "sail_json.h"
#include "sail_miio_json.h"

#define SAIL_MIIO_SPEC_MAX_PROPERTIES 128
#define SAIL_MIIO_SPEC_MAX_ACTIONS 32
#define SAIL_MIIO_SPEC_MAX_EVENTS 32
/* piids named by actions' in and out and events' arguments, all together. */
#define SAIL_MIIO_SPEC_MAX_LINKS 256
/* value-list entries, all properties together. */
#define SAIL_MIIO_SPEC_MAX_LIST 256
/* Inputs or outputs of one action, arguments of one event. */
#define SAIL_MIIO_MAX_ARGS 8

typedef enum {
    SAIL_MIIO_FORMAT_BOOL,
    SAIL_MIIO_FORMAT_UINT8,
    SAIL_MIIO_FORMAT_UINT16,
    SAIL_MIIO_FORMAT_UINT32,
    SAIL_MIIO_FORMAT_INT8,
    SAIL_MIIO_FORMAT_INT16,
    SAIL_MIIO_FORMAT_INT32,
    SAIL_MIIO_FORMAT_INT64,
    SAIL_MIIO_FORMAT_FLOAT,
    SAIL_MIIO_FORMAT_STRING,
    /* A string of hexadecimal digits (MIoT-Spec-V2's hex); a request's other characters are -4005. */
    SAIL_MIIO_FORMAT_HEX,
} sail_miio_format_t;

#define SAIL_MIIO_ACCESS_READ 1u
#define SAIL_MIIO_ACCESS_WRITE 2u
#define SAIL_MIIO_ACCESS_NOTIFY 4u

typedef struct {
    uint32_t siid;
    uint32_t piid;
    sail_miio_format_t format;
    unsigned access;
    bool has_range;
    double min;
    double max;
    double step;
    uint16_t list_at;
    uint16_t list_count;
} sail_miio_property_t;

/* An action (iid = aiid) or an event (iid = eiid; its arguments are `in`). */
typedef struct {
    uint32_t siid;
    uint32_t iid;
    uint16_t in_at;
    uint16_t in_count;
    uint16_t out_at;
    uint16_t out_count;
} sail_miio_member_t;

typedef struct {
    sail_miio_property_t properties[SAIL_MIIO_SPEC_MAX_PROPERTIES];
    size_t property_count;
    sail_miio_member_t actions[SAIL_MIIO_SPEC_MAX_ACTIONS];
    size_t action_count;
    sail_miio_member_t events[SAIL_MIIO_SPEC_MAX_EVENTS];
    size_t event_count;
    uint32_t links[SAIL_MIIO_SPEC_MAX_LINKS];
    size_t link_count;
    int64_t list[SAIL_MIIO_SPEC_MAX_LIST];
    size_t list_count;
} sail_miio_spec_t;

/* Reads the sail.spec section's text. On a refusal, message says
 * "sail.spec: <JSON path> <problem>" and the status is SAIL_ERR_INVALID_ARG
 * (malformed) or SAIL_ERR_INVALID_SIZE (over a table's limit). */
sail_err_t sail_miio_spec_parse(sail_miio_spec_t *spec, const char *text, size_t len, char *message,
                                size_t message_size);

const sail_miio_property_t *sail_miio_spec_property(const sail_miio_spec_t *spec, uint32_t siid, uint32_t piid);
const sail_miio_member_t *sail_miio_spec_action(const sail_miio_spec_t *spec, uint32_t siid, uint32_t aiid);
const sail_miio_member_t *sail_miio_spec_event(const sail_miio_spec_t *spec, uint32_t siid, uint32_t eiid);

/* A JSON value from a request, checked as checkValue does and read into *value;
 * false is code -4005. A string longer than SAIL_MIIO_MAX_STRING is refused too. */
bool sail_miio_spec_read_value(const sail_miio_spec_t *spec, const sail_miio_property_t *property,
                               const sail_json_t *json, sail_json_span_t span, sail_miio_value_t *value);

/* A value the device gave, as host/miot/board-device.ts takes it: a bool from
 * an int, a float rounded to float32's 7 digits; then checked. False: code -4004. */
bool sail_miio_spec_take_value(const sail_miio_spec_t *spec, const sail_miio_property_t *property,
                               sail_miio_value_t *value);

#endif /* SAIL_MIIO_SPEC_H */
