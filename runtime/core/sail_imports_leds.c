/* Addressable LEDs and the board's own LED (ABI 1.3): the G, R, B bytes are
 * checked in linear memory, then sent by the port's RMT channel on the pin. */
#include "sail_app.h"
#include "sail_memory.h"
#include "sail_port.h"

int32_t sail_import_sail_led_strip_write(sail_app_t *app, int32_t pin, int32_t ptr, int32_t len)
{
    app->host_calls++;
    const uint8_t *grb = sail_mem_buffer(app, "led_strip_write", ptr, len);
    return grb == NULL ? 0 : sail_port_led_strip_write(pin, grb, (size_t)len);
}

int32_t sail_import_sail_board_led(sail_app_t *app)
{
    app->host_calls++;
    return sail_port_board_led();
}
