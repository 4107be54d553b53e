/* Canonical trap names (docs/decisions.md D47), shared by both engines. */
#include "sail_engine.h"

const char *sail_trap_name(sail_trap_t trap)
{
    switch (trap) {
        case SAIL_TRAP_NONE:
            return "none";
        case SAIL_TRAP_UNREACHABLE:
            return "unreachable";
        case SAIL_TRAP_OUT_OF_BOUNDS:
            return "out-of-bounds";
        case SAIL_TRAP_DIVIDE_BY_ZERO:
            return "divide-by-zero";
        case SAIL_TRAP_INTEGER_OVERFLOW:
            return "integer-overflow";
        case SAIL_TRAP_INVALID_CONVERSION:
            return "invalid-conversion";
        case SAIL_TRAP_INDIRECT_CALL:
            return "indirect-call";
        case SAIL_TRAP_STACK:
            return "stack";
        default:
            return "other";
    }
}
