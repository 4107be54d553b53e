/* The engine interface: what the core needs from whatever executes the
 * image's code. Two engines implement it: wasm2c (the image translated to C
 * and linked in, for the host) and wasm3 (the interpreter, for the chip).
 * The engine calls the imports through its generated glue, which asks
 * sail_app_stopping() after each and unwinds when an import ended the
 * handler (docs/runtime.md, "Engines"). */
#ifndef SAIL_ENGINE_H
#define SAIL_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "sail_err.h"
#include "sail_imports.h"

/* How a call into the image ended: returned, or trapped with a canonical
 * kind (docs/decisions.md D47's names, sail_trap_name). */
typedef enum {
    SAIL_TRAP_NONE = 0,
    SAIL_TRAP_UNREACHABLE,
    SAIL_TRAP_OUT_OF_BOUNDS,
    SAIL_TRAP_DIVIDE_BY_ZERO,
    SAIL_TRAP_INTEGER_OVERFLOW,
    SAIL_TRAP_INVALID_CONVERSION,
    SAIL_TRAP_INDIRECT_CALL,
    SAIL_TRAP_STACK,
    SAIL_TRAP_OTHER,
} sail_trap_t;

/* The image's entry points the core calls. */
typedef enum {
    SAIL_ENTRY_START = 0, /* _start: module initialisation */
    SAIL_ENTRY_SETUP,     /* sail_setup */
    SAIL_ENTRY_EVENT,     /* sail_event(kind, id, a, b) */
    SAIL_ENTRY_COLLECT,   /* __collect, after each handler */
} sail_entry_t;

/* The engine's state for one boot of one image. */
typedef struct sail_engine sail_engine_t;

/* Loads and instantiates the image for `app` (wasm2c: the image linked in;
 * the bytes are then unused). A refusal fills message. */
sail_err_t sail_engine_open(sail_engine_t **engine, const uint8_t *image, size_t size, sail_app_t *app, char *message,
                            size_t message_size);

/* Calls an entry point; an absent optional one (_start, __collect) returns
 * SAIL_TRAP_NONE at once. *status is sail_event's result (0 otherwise). */
sail_trap_t sail_engine_call(sail_engine_t *engine, sail_entry_t entry, int32_t kind, int32_t id, int64_t a, int64_t b,
                             int32_t *status);

/* The linear memory as it is now (it moves when it grows); NULL if none. */
uint8_t *sail_engine_memory(sail_engine_t *engine, uint32_t *size);

/* The metering's fuel global (sail_fuel), or NULL for an image without one. */
uint32_t *sail_engine_fuel(sail_engine_t *engine);

/* The counting copy's counters (sail_count, sail_calls), or NULL: present
 * only in the copy the emulator and the host build run (docs/decisions.md D38). */
uint32_t *sail_engine_instructions(sail_engine_t *engine);
uint32_t *sail_engine_calls(sail_engine_t *engine);

/* The canonical name of a trap kind ("unreachable", "out-of-bounds" ...). */
const char *sail_trap_name(sail_trap_t trap);

#endif /* SAIL_ENGINE_H */
