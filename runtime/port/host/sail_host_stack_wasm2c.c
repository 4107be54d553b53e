/* The emulator's stack-model import as a wasm2c image links it. */
#include "wasm-rt.h"

#include "sail_app.h"

struct Z_sail_emulator_instance_t {
    sail_app_t *app;
};

int32_t sail_port_host_stack_alarm(sail_app_t *app, int32_t frames, int32_t slots);
uint32_t Z_sail_emulatorZ_stack_alarm(struct Z_sail_emulator_instance_t *instance, uint32_t frames, uint32_t slots);

uint32_t Z_sail_emulatorZ_stack_alarm(struct Z_sail_emulator_instance_t *instance, uint32_t frames, uint32_t slots)
{
    int32_t result = sail_port_host_stack_alarm(instance->app, (int32_t)frames, (int32_t)slots);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return (uint32_t)result;
}
