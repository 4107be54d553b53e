/* Statuses at the runtime's boundaries: the ABI's status table, which is
 * ESP-IDF's esp_err_t negated one to one, so a port passes an esp_err_t
 * through as -err and the firmware sees the same number (docs/runtime.md). */
#ifndef SAIL_ERR_H
#define SAIL_ERR_H

#include <stdint.h>

#include "sail_abi.h"

/* SAIL_OK (0) or one of the SAIL_ERR_* values of sail_abi.h. */
typedef int32_t sail_err_t;

/* The name of a status ("ERR_INVALID_ARG"), or "unknown status". */
const char *sail_err_name(sail_err_t status);

#endif /* SAIL_ERR_H */
