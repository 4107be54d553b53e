/* The host runtime's program: asks the emulator for the board's figures,
 * opens the engine and runs the core's event loop; every port call goes over
 * stdin and stdout. The emulator's stack model (sail_emulator.stack_alarm,
 * present only in the copy the emulator runs) is served over the pipe too. */
#include <stdio.h>

#include "wasm-rt.h"

#include "sail_app.h"
#include "sail_host_pipe.h"
#include "sail_port.h"

struct Z_sail_emulator_instance_t {
    sail_app_t *app;
};

uint32_t Z_sail_emulatorZ_stack_alarm(struct Z_sail_emulator_instance_t *instance, uint32_t frames, uint32_t slots);

uint32_t Z_sail_emulatorZ_stack_alarm(struct Z_sail_emulator_instance_t *instance, uint32_t frames, uint32_t slots)
{
    static sail_host_call_t call;
    sail_host_begin(&call);
    sail_host_put_i32(&call, (int32_t)frames);
    sail_host_put_i32(&call, (int32_t)slots);
    sail_host_send(&call, SAIL_PORT_CALL_STACK_ALARM);
    uint32_t result = (uint32_t)sail_host_get_i32(&call);
    if (sail_app_stopping(instance->app)) {
        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
    }
    return result;
}

int main(void)
{
    static sail_app_t app;
    static sail_host_call_t hello;
    sail_host_begin(&hello);
    sail_host_send(&hello, SAIL_PORT_CALL_HELLO);
    app.board.watchdog_us = sail_host_get_i64(&hello);
    app.board.cycles_per_instruction = sail_host_get_f64(&hello);
    app.board.cpu_mhz = sail_host_get_f64(&hello);
    app.board.ram_bytes = (uint32_t)sail_host_get_i32(&hello);
    char message[256];
    if (sail_engine_open(&app.engine, NULL, 0, &app, message, sizeof message) != SAIL_OK) {
        fprintf(stderr, "sail runtime: %s\n", message);
        return 1;
    }
    sail_app_loop(&app);
    return 0;
}
