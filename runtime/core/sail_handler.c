/* One handler run: the task watchdog's deadline, the metering's fuel
 * granted up to it, the engine call, and what stopped it, with the
 * emulator's rules (host/firmware/cpu.ts, host/board/firmware-runner.ts):
 * fuel is granted in chunks of at most FUEL_CHUNK instructions, and no more
 * than the time left to the deadline buys; at each meter_exhausted the
 * deadline is looked at, and a handler past it ends with TASK_WDT. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sail_app.h"
#include "sail_port.h"

#define FUEL_CHUNK 100000u

static sail_app_t *current_app;

sail_app_t *sail_app_current(void)
{
    return current_app;
}

bool sail_app_stopping(const sail_app_t *app)
{
    return app->stopping || sail_port_stopping();
}

void sail_app_stop(sail_app_t *app, int32_t reason, const char *message)
{
    if (app->stopping) {
        return;
    }
    app->stopping = true;
    app->stop_reason = reason;
    snprintf(app->stop_message, sizeof app->stop_message, "%s", message);
}

/* Grants instructions up to the deadline, as many as the time left buys. */
static void refill(sail_app_t *app)
{
    uint32_t *fuel = sail_engine_fuel(app->engine);
    if (fuel == NULL) {
        return;
    }
    double us_per_instruction = app->board.cycles_per_instruction / app->board.cpu_mhz;
    double left_us = (double)(app->deadline_us - sail_port_now_us());
    double want = ceil(left_us / us_per_instruction);
    uint32_t grant = want >= (double)FUEL_CHUNK ? FUEL_CHUNK : want < 1.0 ? 1u : (uint32_t)want;
    *fuel = grant;
    app->last_grant = grant;
}

void sail_app_meter_exhausted(sail_app_t *app)
{
    uint32_t *fuel = sail_engine_fuel(app->engine);
    int32_t left = fuel == NULL ? 0 : (int32_t)*fuel;
    if (left > (int32_t)app->last_grant) {
        char message[SAIL_STOP_MESSAGE_MAX];
        snprintf(message, sizeof message,
                 "sail_fuel: reads %ld, above the %lu instructions granted: something other than the watchdog "
                 "metering wrote it; rebuild the firmware with sail build",
                 (long)left, (unsigned long)app->last_grant);
        sail_app_stop(app, SAIL_RESET_PANIC, message);
        return;
    }
    if (sail_port_now_us() >= app->deadline_us) {
        char message[SAIL_STOP_MESSAGE_MAX];
        snprintf(message, sizeof message, "task watchdog: %s ran %.15g ms without returning to the event loop",
                 app->during, (double)app->board.watchdog_us / 1000.0);
        sail_app_stop(app, SAIL_RESET_TASK_WDT, message);
        return;
    }
    refill(app);
}

/* The handler's name as the board's reset records and messages give it. */
static void name_handler(sail_app_t *app, sail_entry_t entry, int32_t kind, int32_t id)
{
    const char *what = entry == SAIL_ENTRY_START ? "start" : "setup";
    if (entry != SAIL_ENTRY_EVENT) {
        snprintf(app->during, sizeof app->during, "%s", what);
        return;
    }
    switch (kind) {
        case SAIL_EVENT_TIMER:
            snprintf(app->during, sizeof app->during, "TIMER %ld", (long)id);
            break;
        case SAIL_EVENT_GPIO_EDGE:
            snprintf(app->during, sizeof app->during, "GPIO_EDGE %ld", (long)id);
            break;
        case SAIL_EVENT_UART_RX:
            snprintf(app->during, sizeof app->during, "UART_RX %ld", (long)id);
            break;
        case SAIL_EVENT_WAKE:
            snprintf(app->during, sizeof app->during, "WAKE");
            break;
        default:
            snprintf(app->during, sizeof app->during, "event %ld %ld", (long)kind, (long)id);
            break;
    }
}

int32_t sail_app_run(sail_app_t *app, sail_entry_t entry, int32_t kind, int32_t id, int64_t a, int64_t b)
{
    current_app = app;
    app->stopping = false;
    name_handler(app, entry, kind, id);
    app->deadline_us = sail_port_now_us() + app->board.watchdog_us;
    uint32_t *fuel = sail_engine_fuel(app->engine);
    if (fuel != NULL) {
        *fuel = 0;
    }
    app->last_grant = 0;
    refill(app);
    int32_t status = 0;
    sail_trap_t trap = sail_engine_call(app->engine, entry, kind, id, a, b, &status);
    if (trap == SAIL_TRAP_NONE && !sail_app_stopping(app)) {
        int32_t ignored = 0;
        trap = sail_engine_call(app->engine, SAIL_ENTRY_COLLECT, 0, 0, 0, 0, &ignored);
    }
    if (sail_port_stopping()) {
        /* The port ended the handler and reports why itself. */
    } else if (app->stopping) {
        sail_port_panic(app->stop_reason, SAIL_TRAP_NONE, app->stop_message);
    } else if (trap != SAIL_TRAP_NONE) {
        char message[SAIL_STOP_MESSAGE_MAX];
        snprintf(message, sizeof message, "trap: %s", sail_trap_name(trap));
        app->stopping = true;
        app->stop_reason = SAIL_RESET_PANIC;
        sail_port_panic(SAIL_RESET_PANIC, (int32_t)trap, message);
    }
    sail_port_handler_end(status);
    return status;
}
