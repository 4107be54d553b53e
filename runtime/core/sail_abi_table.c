/* Generated from host/abi/table.ts by `sail abi --runtime`; do not edit. */
#include "sail_err.h"
#include "sail_imports.h"

const char *sail_err_name(sail_err_t status)
{
    switch (status) {
        case SAIL_OK:
            return "OK";
        case SAIL_ERR_FAIL:
            return "ERR_FAIL";
        case SAIL_ERR_NO_MEM:
            return "ERR_NO_MEM";
        case SAIL_ERR_INVALID_ARG:
            return "ERR_INVALID_ARG";
        case SAIL_ERR_INVALID_STATE:
            return "ERR_INVALID_STATE";
        case SAIL_ERR_INVALID_SIZE:
            return "ERR_INVALID_SIZE";
        case SAIL_ERR_NOT_FOUND:
            return "ERR_NOT_FOUND";
        case SAIL_ERR_NOT_SUPPORTED:
            return "ERR_NOT_SUPPORTED";
        case SAIL_ERR_TIMEOUT:
            return "ERR_TIMEOUT";
        case SAIL_ERR_INVALID_RESPONSE:
            return "ERR_INVALID_RESPONSE";
        case SAIL_ERR_NVS_NOT_FOUND:
            return "ERR_NVS_NOT_FOUND";
        case SAIL_ERR_NVS_TYPE_MISMATCH:
            return "ERR_NVS_TYPE_MISMATCH";
        case SAIL_ERR_NVS_NOT_ENOUGH_SPACE:
            return "ERR_NVS_NOT_ENOUGH_SPACE";
        case SAIL_ERR_NVS_INVALID_NAME:
            return "ERR_NVS_INVALID_NAME";
        case SAIL_ERR_NVS_INVALID_HANDLE:
            return "ERR_NVS_INVALID_HANDLE";
        case SAIL_ERR_NVS_KEY_TOO_LONG:
            return "ERR_NVS_KEY_TOO_LONG";
        case SAIL_ERR_NVS_INVALID_LENGTH:
            return "ERR_NVS_INVALID_LENGTH";
        case SAIL_ERR_NVS_VALUE_TOO_LONG:
            return "ERR_NVS_VALUE_TOO_LONG";
        default:
            return "unknown status";
    }
}

const sail_abi_import_t sail_abi_imports[SAIL_ABI_IMPORT_COUNT] = {
    {"sail", "log_write", "(i32, i32, i32) -> ()"},
    {"sail", "time_us", "() -> i64"},
    {"sail", "delay_us", "(i64) -> ()"},
    {"sail", "timer_start", "(i32, i64, i64) -> i32"},
    {"sail", "timer_stop", "(i32) -> i32"},
    {"sail", "gpio_mode", "(i32, i32, i32) -> i32"},
    {"sail", "gpio_write", "(i32, i32) -> i32"},
    {"sail", "gpio_read", "(i32) -> i32"},
    {"sail", "gpio_watch", "(i32, i32, i32) -> i32"},
    {"sail", "pwm_setup", "(i32, i32, i32) -> i32"},
    {"sail", "pwm_set_duty", "(i32, i32) -> i32"},
    {"sail", "pwm_set_freq", "(i32, i32) -> i32"},
    {"sail", "adc_setup", "(i32, i32) -> i32"},
    {"sail", "adc_read_raw", "(i32) -> i32"},
    {"sail", "adc_read_mv", "(i32) -> i32"},
    {"sail", "random_u32", "() -> i32"},
    {"sail", "restart", "() -> ()"},
    {"sail", "reset_reason", "() -> i32"},
    {"sail", "wdt_feed", "() -> ()"},
    {"sail", "miot_reply_int", "(i64) -> ()"},
    {"sail", "miot_reply_float", "(f64) -> ()"},
    {"sail", "miot_reply_str", "(i32, i32) -> ()"},
    {"sail", "miot_arg_int", "(i32) -> i64"},
    {"sail", "miot_arg_float", "(i32) -> f64"},
    {"sail", "miot_arg_str", "(i32, i32, i32) -> i32"},
    {"sail", "miot_changed_int", "(i32, i32, i64) -> i32"},
    {"sail", "miot_changed_float", "(i32, i32, f64) -> i32"},
    {"sail", "miot_changed_str", "(i32, i32, i32, i32) -> i32"},
    {"sail", "miot_event", "(i32, i32) -> i32"},
    {"sail", "i2c_setup", "(i32, i32, i32, i32) -> i32"},
    {"sail", "i2c_write", "(i32, i32, i32, i32, i32) -> i32"},
    {"sail", "i2c_read", "(i32, i32, i32, i32, i32) -> i32"},
    {"sail", "i2c_write_read", "(i32, i32, i32, i32, i32, i32, i32) -> i32"},
    {"sail", "uart_setup", "(i32, i32, i32, i32) -> i32"},
    {"sail", "uart_write", "(i32, i32, i32) -> i32"},
    {"sail", "uart_read", "(i32, i32, i32) -> i32"},
    {"sail", "uart_watch", "(i32, i32) -> i32"},
    {"sail", "spi_bus_setup", "(i32, i32, i32, i32) -> i32"},
    {"sail", "spi_device_add", "(i32, i32, i32, i32, i32) -> i32"},
    {"sail", "spi_transfer", "(i32, i32, i32, i32) -> i32"},
    {"sail", "spi_write_read", "(i32, i32, i32, i32, i32) -> i32"},
    {"sail", "led_strip_write", "(i32, i32, i32) -> i32"},
    {"sail", "board_led", "() -> i32"},
    {"sail", "wallclock_us", "() -> i64"},
    {"sail", "kv_open", "(i32, i32) -> i32"},
    {"sail", "kv_set_int", "(i32, i32, i32, i64) -> i32"},
    {"sail", "kv_get_int", "(i32, i32, i32, i32) -> i32"},
    {"sail", "kv_set_str", "(i32, i32, i32, i32, i32) -> i32"},
    {"sail", "kv_get_str", "(i32, i32, i32, i32, i32) -> i32"},
    {"sail", "kv_set_blob", "(i32, i32, i32, i32, i32) -> i32"},
    {"sail", "kv_get_blob", "(i32, i32, i32, i32, i32) -> i32"},
    {"sail", "kv_erase", "(i32, i32, i32) -> i32"},
    {"sail", "kv_commit", "(i32) -> i32"},
    {"sail", "sleep_wake_timer", "(i64) -> i32"},
    {"sail", "sleep_wake_pin", "(i32, i32) -> i32"},
    {"sail", "sleep_wake_clear", "() -> ()"},
    {"sail", "sleep_light", "() -> i32"},
    {"sail", "sleep_deep", "() -> i32"},
    {"sail", "wake_cause", "() -> i32"},
    {"sail", "rtc_mem_write", "(i32, i32, i32) -> i32"},
    {"sail", "rtc_mem_read", "(i32, i32, i32) -> i32"},
    {"sail", "ota_state", "() -> i32"},
    {"sail", "ota_confirm", "() -> i32"},
    {"sail", "ota_reject", "() -> ()"},
    {"sail", "meter_exhausted", "() -> ()"},
    {"env", "abort", "(i32, i32, i32, i32) -> ()"},
    {"env", "trace", "(i32, i32, f64, f64, f64, f64, f64) -> ()"},
    {"env", "seed", "() -> f64"},
};

const sail_abi_export_t sail_abi_exports[SAIL_ABI_EXPORT_COUNT] = {
    {"_start", "function", "() -> ()", true,
     "Module initialisation (built with `--exportStart _start`); the board calls it first, so nothing runs at "
     "instantiation."},
    {"sail_setup", "function", "() -> ()", true, "The firmware's setup, called once per boot after `_start`."},
    {"sail_event", "function", "(i32, i32, i64, i64) -> i32", true,
     "Every event after setup. Returns 0, or ERR_NOT_FOUND when no handler has that id."},
    {"sail_abi_version", "global", "i32", true, "Immutable global: the ABI version built for, `major << 16 | minor`."},
    {"memory", "memory", "", false, "Linear memory; needed by any import that takes (ptr, len)."},
    {"__collect", "function", "() -> ()", false,
     "AssemblyScript's collector (`--runtime minimal --exportRuntime`); the board calls it between events."},
    {"sail_buffer", "function", "() -> i32", false,
     "Address of the firmware's exchange buffer, where the board writes bytes for the firmware (a string "
     "MIOT_SET)."},
    {"sail_buffer_size", "function", "() -> i32", false, "Size of the exchange buffer in bytes."},
    {"sail_fuel", "global", "i32", false,
     "Mutable global added by the metering pass: instructions left before `meter_exhausted` is called."},
};
