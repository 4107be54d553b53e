/* The image's linear memory as the imports see it: every (ptr, len) an
 * import is given is checked here, and one outside the memory ends the
 * handler with a fault in the emulator's words (host/firmware/memory.ts). */
#ifndef SAIL_MEMORY_H
#define SAIL_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sail_app.h"

/* The bytes at (ptr, len), signed as the firmware passed them; NULL after
 * stopping the handler with a fault naming `call`. */
uint8_t *sail_mem_buffer(sail_app_t *app, const char *call, int32_t ptr, int32_t len);

/* UTF-8 text at (ptr, len), both read unsigned; NULL after a fault. */
const char *sail_mem_text(sail_app_t *app, const char *call, int32_t ptr, int32_t len);

/* An AssemblyScript string (UTF-16, byte length at ptr - 4): its bytes and
 * byte length, or NULL (with *len 0) for a bad pointer, never a fault. */
const uint8_t *sail_mem_as_string(sail_app_t *app, int32_t ptr, uint32_t *len);

#endif /* SAIL_MEMORY_H */
