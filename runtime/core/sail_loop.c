/* The event loop: boot the image, then deliver every event the port
 * returns, one at a time, each after the last handler returned. The port
 * queues what falls due while a handler runs and returns it afterwards, in
 * the order it fell due, so no event is lost or reordered here. */
#include <stdint.h>

#include "sail_app.h"
#include "sail_port.h"

void sail_app_boot(sail_app_t *app)
{
    sail_app_run(app, SAIL_ENTRY_START, 0, 0, 0, 0);
    if (!app->stopping && !sail_port_stopping()) {
        sail_app_run(app, SAIL_ENTRY_SETUP, 0, 0, 0, 0);
    }
}

void sail_app_loop(sail_app_t *app)
{
    sail_app_boot(app);
    for (;;) {
        sail_port_event_t event;
        if (sail_port_wait(INT64_MAX, &event) != SAIL_OK) {
            continue;
        }
        sail_app_run(app, SAIL_ENTRY_EVENT, event.kind, event.id, event.a, event.b);
    }
}
