/* Wall-clock time (ABI 1.3): the port's time of day once SNTP has answered
 * since boot, SAIL_ERR_INVALID_STATE before (docs/hal.md). */
#include "sail_app.h"
#include "sail_port.h"

int64_t sail_import_sail_wallclock_us(sail_app_t *app)
{
    app->host_calls++;
    return sail_port_wallclock_us();
}
