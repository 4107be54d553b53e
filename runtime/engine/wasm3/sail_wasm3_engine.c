/* The wasm3 engine (v0.5.0): parse, load, link every import through the
 * generated glue (sail_wasm3_link), call the exports, read and write the
 * fuel and counter globals, and map wasm3's trap results to the canonical
 * kinds (docs/decisions.md D47). The image's bytes must outlive the engine:
 * wasm3 reads code from them. */
#include <stdio.h>
#include <string.h>

#include "m3_env.h"
#include "wasm3.h"

#include "sail_app.h"
#include "sail_engine.h"

M3Result sail_wasm3_link(IM3Module module);

/* The wasm stack wasm3 is given, bytes: a board profile's
 * interpreter.wasmStackBytes (docs/decisions.md D37); 64 KiB by default. */
#ifndef SAIL_WASM3_STACK_BYTES
#define SAIL_WASM3_STACK_BYTES 65536
#endif

struct sail_engine {
    IM3Environment environment;
    IM3Runtime runtime;
    IM3Module module;
    IM3Function entries[4];
    IM3Function event;
    IM3Global fuel, count, calls;
};

static sail_engine_t the_engine;

#ifdef SAIL_HOST_STACK_ALARM
/* The emulator's stack model, present only in the copy the host build runs. */
int32_t sail_port_host_stack_alarm(sail_app_t *app, int32_t frames, int32_t slots);

static m3ApiRawFunction(sail_m3_stack_alarm)
{
    m3ApiReturnType(int32_t);
    m3ApiGetArg(int32_t, frames);
    m3ApiGetArg(int32_t, slots);
    (void)_ctx;
    (void)_mem;
    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);
    int32_t result = sail_port_host_stack_alarm(app, frames, slots);
    if (sail_app_stopping(app)) {
        m3ApiTrap(m3Err_trapExit);
    }
    m3ApiReturn(result);
}
#endif

static IM3Function find(IM3Runtime runtime, const char *name)
{
    IM3Function function = NULL;
    return m3_FindFunction(&function, runtime, name) == m3Err_none ? function : NULL;
}

sail_err_t sail_engine_open(sail_engine_t **engine, const uint8_t *image, size_t size, sail_app_t *app, char *message,
                            size_t message_size)
{
    sail_engine_t *e = &the_engine;
    memset(e, 0, sizeof *e);
    e->environment = m3_NewEnvironment();
    e->runtime = e->environment == NULL ? NULL : m3_NewRuntime(e->environment, SAIL_WASM3_STACK_BYTES, app);
    if (e->runtime == NULL) {
        snprintf(message, message_size, "wasm3: no memory for the runtime");
        return SAIL_ERR_NO_MEM;
    }
    M3Result result = m3_ParseModule(e->environment, &e->module, image, (uint32_t)size);
    if (result == m3Err_none) {
        result = m3_LoadModule(e->runtime, e->module);
    }
    if (result == m3Err_none) {
        result = sail_wasm3_link(e->module);
    }
#ifdef SAIL_HOST_STACK_ALARM
    if (result == m3Err_none) {
        result = m3_LinkRawFunction(e->module, "sail_emulator", "stack_alarm", "i(ii)", sail_m3_stack_alarm);
        result = result == m3Err_functionLookupFailed ? m3Err_none : result;
    }
#endif
    if (result != m3Err_none) {
        snprintf(message, message_size, "wasm3: %s", result);
        return SAIL_ERR_INVALID_ARG;
    }
    e->entries[SAIL_ENTRY_START] = find(e->runtime, "_start");
    e->entries[SAIL_ENTRY_SETUP] = find(e->runtime, "sail_setup");
    e->entries[SAIL_ENTRY_COLLECT] = find(e->runtime, "__collect");
    e->event = find(e->runtime, "sail_event");
    e->fuel = m3_FindGlobal(e->module, "sail_fuel");
    e->count = m3_FindGlobal(e->module, "sail_count");
    e->calls = m3_FindGlobal(e->module, "sail_calls");
    *engine = e;
    return SAIL_OK;
}

static sail_trap_t canonical(M3Result result)
{
    if (result == m3Err_none) {
        return SAIL_TRAP_NONE;
    }
    if (result == m3Err_trapUnreachable || result == m3Err_trapExit || result == m3Err_trapAbort) {
        return SAIL_TRAP_UNREACHABLE;
    }
    if (result == m3Err_trapOutOfBoundsMemoryAccess) {
        return SAIL_TRAP_OUT_OF_BOUNDS;
    }
    if (result == m3Err_trapDivisionByZero) {
        return SAIL_TRAP_DIVIDE_BY_ZERO;
    }
    if (result == m3Err_trapIntegerOverflow) {
        return SAIL_TRAP_INTEGER_OVERFLOW;
    }
    if (result == m3Err_trapIntegerConversion) {
        return SAIL_TRAP_INVALID_CONVERSION;
    }
    if (result == m3Err_trapIndirectCallTypeMismatch || result == m3Err_trapTableIndexOutOfRange ||
        result == m3Err_trapTableElementIsNull) {
        return SAIL_TRAP_INDIRECT_CALL;
    }
    if (result == m3Err_trapStackOverflow) {
        return SAIL_TRAP_STACK;
    }
    return SAIL_TRAP_OTHER;
}

sail_trap_t sail_engine_call(sail_engine_t *engine, sail_entry_t entry, int32_t kind, int32_t id, int64_t a, int64_t b,
                             int32_t *status)
{
    *status = 0;
    if (entry == SAIL_ENTRY_EVENT) {
        if (engine->event == NULL) {
            return SAIL_TRAP_NONE;
        }
        M3Result result = m3_CallV(engine->event, kind, id, a, b);
        if (result == m3Err_none) {
            result = m3_GetResultsV(engine->event, status);
        }
        return canonical(result);
    }
    IM3Function function = engine->entries[entry];
    return function == NULL ? SAIL_TRAP_NONE : canonical(m3_CallV(function));
}

uint8_t *sail_engine_memory(sail_engine_t *engine, uint32_t *size)
{
    *size = 0;
    return m3_GetMemory(engine->runtime, size, 0);
}

/* An i32 global's value in wasm3's 64-bit slot: its low half on these
 * little-endian targets (x86-64, Xtensa, RISC-V). */
static uint32_t *slot(IM3Global global)
{
    return global == NULL ? NULL : (uint32_t *)(void *)&global->intValue;
}

uint32_t *sail_engine_fuel(sail_engine_t *engine)
{
    return slot(engine->fuel);
}

uint32_t *sail_engine_instructions(sail_engine_t *engine)
{
    return slot(engine->count);
}

uint32_t *sail_engine_calls(sail_engine_t *engine)
{
    return slot(engine->calls);
}
