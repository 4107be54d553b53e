/* The wasm2c engine: the image translated to C by wabt 1.0.32's
 * `wasm2c -n sail_app` and linked in (docs/decisions.md D47), behind the
 * engine interface. Traps unwind with longjmp to the call that entered the
 * image and are mapped to their canonical kinds. */
#include <stddef.h>

#include "wasm-rt-impl.h"
#include "wasm-rt.h"

#include "sail_app.h"
#include "sail_engine.h"
#include "sail_wasm2c_bind.h"

/* The instances of the import modules; the generated glue (sail_wasm2c_glue.c)
 * and the host port's stack-model import define the same layout. */
struct Z_sail_instance_t {
    sail_app_t *app;
};
struct Z_env_instance_t {
    sail_app_t *app;
};
struct Z_sail_emulator_instance_t {
    sail_app_t *app;
};

struct sail_engine {
    struct Z_sail_instance_t sail;
    struct Z_env_instance_t env;
    struct Z_sail_emulator_instance_t emulator;
};

static sail_engine_t the_engine;

sail_err_t sail_engine_open(sail_engine_t **engine, const uint8_t *image, size_t size, sail_app_t *app, char *message,
                            size_t message_size)
{
    (void)image;
    (void)size;
    (void)message;
    (void)message_size;
    the_engine.sail.app = app;
    the_engine.env.app = app;
    the_engine.emulator.app = app;
    wasm_rt_init();
    sail_w2c_instantiate(&the_engine.sail, &the_engine.env, &the_engine.emulator);
    *engine = &the_engine;
    return SAIL_OK;
}

static sail_trap_t canonical(wasm_rt_trap_t code)
{
    switch (code) {
        case WASM_RT_TRAP_NONE:
            return SAIL_TRAP_NONE;
        case WASM_RT_TRAP_UNREACHABLE:
            return SAIL_TRAP_UNREACHABLE;
        case WASM_RT_TRAP_OOB:
            return SAIL_TRAP_OUT_OF_BOUNDS;
        case WASM_RT_TRAP_DIV_BY_ZERO:
            return SAIL_TRAP_DIVIDE_BY_ZERO;
        case WASM_RT_TRAP_INT_OVERFLOW:
            return SAIL_TRAP_INTEGER_OVERFLOW;
        case WASM_RT_TRAP_INVALID_CONVERSION:
            return SAIL_TRAP_INVALID_CONVERSION;
        case WASM_RT_TRAP_CALL_INDIRECT:
            return SAIL_TRAP_INDIRECT_CALL;
#if !WASM_RT_MEMCHECK_SIGNAL_HANDLER
        case WASM_RT_TRAP_EXHAUSTION:
            return SAIL_TRAP_STACK;
#endif
        default:
            return SAIL_TRAP_OTHER;
    }
}

sail_trap_t sail_engine_call(sail_engine_t *engine, sail_entry_t entry, int32_t kind, int32_t id, int64_t a, int64_t b,
                             int32_t *status)
{
    (void)engine;
    *status = 0;
    wasm_rt_trap_t code = (wasm_rt_trap_t)wasm_rt_impl_try();
    if (code != WASM_RT_TRAP_NONE) {
        return canonical(code);
    }
    sail_w2c_call(entry, kind, id, a, b, status);
    return SAIL_TRAP_NONE;
}

uint8_t *sail_engine_memory(sail_engine_t *engine, uint32_t *size)
{
    (void)engine;
    wasm_rt_memory_t *memory = sail_w2c_memory();
    *size = memory == NULL ? 0 : (uint32_t)memory->size;
    return memory == NULL ? NULL : memory->data;
}

uint32_t *sail_engine_fuel(sail_engine_t *engine)
{
    (void)engine;
    return sail_w2c_fuel();
}

uint32_t *sail_engine_instructions(sail_engine_t *engine)
{
    (void)engine;
    return sail_w2c_count();
}

uint32_t *sail_engine_calls(sail_engine_t *engine)
{
    (void)engine;
    return sail_w2c_calls();
}
