/* The running image (sail_app_t): the engine executing it, the board's
 * figures the core needs, and the running handler's watchdog deadline and
 * fuel. One app runs at a time, on the event loop's task; the event loop
 * (sail_loop.c) boots it and delivers events, sail_handler.c runs each
 * handler, the sail_imports_*.c files implement the ABI's imports on the
 * port (docs/runtime.md, "The core"). */
#ifndef SAIL_APP_H
#define SAIL_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "sail_engine.h"
#include "sail_err.h"
#include "sail_imports.h"

/* What the core needs to know of the board (its profile). */
typedef struct {
    /* The task watchdog's timeout: one handler may run this long. */
    int64_t watchdog_us;
    /* The cost model: device time per executed instruction is
     * cycles_per_instruction / cpu_mhz µs (fuel grants are sized from it). */
    double cycles_per_instruction;
    double cpu_mhz;
    /* The app's RAM budget in bytes. */
    uint32_t ram_bytes;
} sail_board_config_t;

/* The longest stop message kept; longer ones are cut at a UTF-8 boundary. */
#define SAIL_STOP_MESSAGE_MAX 320

struct sail_app {
    sail_engine_t *engine;
    sail_board_config_t board;
    /* The running handler: what it is ("setup", "TIMER 0"), its deadline. */
    char during[48];
    int64_t deadline_us;
    /* The fuel the last refill wrote: the metering only ever lowers it. */
    uint32_t last_grant;
    /* Set when the core stops the handler (watchdog, a fault); the port's
     * own stops are sail_port_stopping(). */
    bool stopping;
    int32_t stop_reason;
    char stop_message[SAIL_STOP_MESSAGE_MAX];
    /* SDK imports called since boot: each is one host call of the cost model. */
    uint32_t host_calls;
};

/* Boot: _start, then sail_setup unless that stopped the image. */
void sail_app_boot(sail_app_t *app);

/* Runs one handler (an entry point) with the watchdog and fuel; reports its
 * end (and a stop) to the port. Returns the handler's status. */
int32_t sail_app_run(sail_app_t *app, sail_entry_t entry, int32_t kind, int32_t id, int64_t a, int64_t b);

/* The event loop: boot, then every event the port returns, forever. */
void sail_app_loop(sail_app_t *app);

/* The core stops the running handler: reason is a SAIL_RESET_* value. */
void sail_app_stop(sail_app_t *app, int32_t reason, const char *message);

/* meter_exhausted: the watchdog looks at the deadline, then fuel is granted. */
void sail_app_meter_exhausted(sail_app_t *app);

/* The app running now (the port's co-simulation reports its counters). */
sail_app_t *sail_app_current(void);

#endif /* SAIL_APP_H */
