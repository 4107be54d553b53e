/* The host runtime's program: asks the emulator for the board's figures,
 * opens the engine and runs the core's event loop; every port call goes over
 * stdin and stdout, or over the two FIFOs `--pipe <replies> <requests>`
 * names (given first, before the image's file). The emulator's stack model (sail_emulator.stack_alarm,
 * present only in the copy the emulator runs) is served over the pipe too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sail_app.h"
#include "sail_host_pipe.h"
#include "sail_port.h"

/* The emulator's stack model (sail_emulator.stack_alarm), present only in
 * the copy the host build runs, served over the pipe; each engine links it. */
int32_t sail_port_host_stack_alarm(sail_app_t *app, int32_t frames, int32_t slots);

int32_t sail_port_host_stack_alarm(sail_app_t *app, int32_t frames, int32_t slots)
{
    (void)app;
    static sail_host_call_t call;
    sail_host_begin(&call);
    sail_host_put_i32(&call, frames);
    sail_host_put_i32(&call, slots);
    sail_host_send(&call, SAIL_PORT_CALL_STACK_ALARM);
    return sail_host_get_i32(&call);
}

/* The image: wasm3 reads the file named by the first argument (kept for the
 * process's life, as wasm3 needs); the wasm2c build has it linked in. */
static uint8_t *read_image(const char *path, size_t *size)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL || fseek(file, 0, SEEK_END) != 0) {
        return NULL;
    }
    long length = ftell(file);
    uint8_t *bytes = length > 0 ? malloc((size_t)length) : NULL;
    if (bytes == NULL || fseek(file, 0, SEEK_SET) != 0 || fread(bytes, 1, (size_t)length, file) != (size_t)length) {
        fclose(file);
        free(bytes);
        return NULL;
    }
    fclose(file);
    *size = (size_t)length;
    return bytes;
}

int main(int argc, char **argv)
{
    if (argc > 3 && strcmp(argv[1], "--pipe") == 0) {
        if (!sail_host_pipe_open(argv[2], argv[3])) {
            fprintf(stderr, "sail runtime: cannot open the pipe's FIFOs %s and %s\n", argv[2], argv[3]);
            return 1;
        }
        argv[3] = argv[0];
        argv += 3;
        argc -= 3;
    }
    static sail_app_t app;
    static sail_host_call_t hello;
    sail_host_begin(&hello);
    sail_host_send(&hello, SAIL_PORT_CALL_HELLO);
    app.board.watchdog_us = sail_host_get_i64(&hello);
    app.board.cycles_per_instruction = sail_host_get_f64(&hello);
    app.board.cpu_mhz = sail_host_get_f64(&hello);
    app.board.ram_bytes = (uint32_t)sail_host_get_i32(&hello);
    char message[256];
    size_t size = 0;
    uint8_t *image = argc > 1 ? read_image(argv[1], &size) : NULL;
    if (argc > 1 && image == NULL) {
        fprintf(stderr, "sail runtime: cannot read the image %s\n", argv[1]);
        return 1;
    }
    if (sail_engine_open(&app.engine, image, size, &app, message, sizeof message) != SAIL_OK) {
        fprintf(stderr, "sail runtime: %s\n", message);
        return 1;
    }
    sail_app_loop(&app);
    return 0;
}
