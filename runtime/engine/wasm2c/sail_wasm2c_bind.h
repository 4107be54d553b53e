/* What the wasm2c engine needs from the translated image. A binder file is
 * written for each image at build time (host/runtime/wasm2c.ts) from the
 * image's imports and exports: wasm2c's instantiate takes one instance per
 * import module, and its exports exist only when the image has them. */
#ifndef SAIL_WASM2C_BIND_H
#define SAIL_WASM2C_BIND_H

#include <stdbool.h>
#include <stdint.h>

#include "wasm-rt.h"

#include "sail_engine.h"

struct Z_sail_instance_t;
struct Z_env_instance_t;
struct Z_sail_emulator_instance_t;

/* Initialises the module and instantiates it with the import modules' instances. */
void sail_w2c_instantiate(struct Z_sail_instance_t *sail, struct Z_env_instance_t *env,
                          struct Z_sail_emulator_instance_t *emulator);

/* Calls an entry point; false when the image does not export it. */
bool sail_w2c_call(sail_entry_t entry, int32_t kind, int32_t id, int64_t a, int64_t b, int32_t *status);

/* The exported memory, or NULL. */
wasm_rt_memory_t *sail_w2c_memory(void);

/* The exported i32 globals sail_fuel, sail_count and sail_calls, or NULL. */
uint32_t *sail_w2c_fuel(void);
uint32_t *sail_w2c_count(void);
uint32_t *sail_w2c_calls(void);

#endif /* SAIL_WASM2C_BIND_H */
