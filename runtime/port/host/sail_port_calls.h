/* Written from host/runtime/port-calls.ts; a test keeps it current. */
/* The host port's call numbers, one per port call of the co-simulation
 * pipe; the comment gives the arguments and the result (port-calls.ts). */
#ifndef SAIL_PORT_CALLS_H
#define SAIL_PORT_CALLS_H

/* A reply status: the call ended the running handler. */
#define SAIL_PORT_STOPPED 1
/* The most a request's payload holds (a frame less its head). */
#define SAIL_FRAME_PAYLOAD_MAX 65516

/* the port's own: () -> v */
#define SAIL_PORT_CALL_HELLO 1
/* the port's own: () -> l */
#define SAIL_PORT_CALL_NOW 2
/* the port's own: (l) -> v */
#define SAIL_PORT_CALL_WAIT 3
/* the port's own: (ii) -> v */
#define SAIL_PORT_CALL_HANDLER_END 4
/* the port's own: (iib) -> v */
#define SAIL_PORT_CALL_PANIC 5
/* the port's own: (ib) -> v */
#define SAIL_PORT_CALL_LOG 6
/* the port's own: () -> i */
#define SAIL_PORT_CALL_RANDOM 7
/* sail.delay_us: (l) -> v */
#define SAIL_PORT_CALL_DELAY_US 10
/* sail.timer_start: (ill) -> i */
#define SAIL_PORT_CALL_TIMER_START 11
/* sail.timer_stop: (i) -> i */
#define SAIL_PORT_CALL_TIMER_STOP 12
/* sail.restart: () -> v */
#define SAIL_PORT_CALL_RESTART 13
/* sail.reset_reason: () -> i */
#define SAIL_PORT_CALL_RESET_REASON 14
/* sail.wdt_feed: () -> v */
#define SAIL_PORT_CALL_WDT_FEED 15
/* sail.gpio_mode: (iii) -> i */
#define SAIL_PORT_CALL_GPIO_MODE 16
/* sail.gpio_write: (ii) -> i */
#define SAIL_PORT_CALL_GPIO_WRITE 17
/* sail.gpio_read: (i) -> i */
#define SAIL_PORT_CALL_GPIO_READ 18
/* sail.gpio_watch: (iii) -> i */
#define SAIL_PORT_CALL_GPIO_WATCH 19
/* sail.pwm_setup: (iii) -> i */
#define SAIL_PORT_CALL_PWM_SETUP 20
/* sail.pwm_set_duty: (ii) -> i */
#define SAIL_PORT_CALL_PWM_SET_DUTY 21
/* sail.pwm_set_freq: (ii) -> i */
#define SAIL_PORT_CALL_PWM_SET_FREQ 22
/* sail.adc_setup: (ii) -> i */
#define SAIL_PORT_CALL_ADC_SETUP 23
/* sail.adc_read_raw: (i) -> i */
#define SAIL_PORT_CALL_ADC_READ_RAW 24
/* sail.adc_read_mv: (i) -> i */
#define SAIL_PORT_CALL_ADC_READ_MV 25
/* sail.i2c_setup: (iiii) -> i */
#define SAIL_PORT_CALL_I2C_SETUP 26
/* sail.i2c_write: (iibi) -> i */
#define SAIL_PORT_CALL_I2C_WRITE 27
/* sail.i2c_read: (iioi) -> i */
#define SAIL_PORT_CALL_I2C_READ 28
/* sail.i2c_write_read: (iiboi) -> i */
#define SAIL_PORT_CALL_I2C_WRITE_READ 29
/* sail.uart_setup: (iiii) -> i */
#define SAIL_PORT_CALL_UART_SETUP 30
/* sail.uart_write: (ib) -> i */
#define SAIL_PORT_CALL_UART_WRITE 31
/* sail.uart_read: (io) -> i */
#define SAIL_PORT_CALL_UART_READ 32
/* sail.uart_watch: (ii) -> i */
#define SAIL_PORT_CALL_UART_WATCH 33
/* sail.kv_open: (b) -> i */
#define SAIL_PORT_CALL_KV_OPEN 34
/* sail.kv_set_int: (ibl) -> i */
#define SAIL_PORT_CALL_KV_SET_INT 35
/* sail.kv_get_int: (ibq) -> i */
#define SAIL_PORT_CALL_KV_GET_INT 36
/* sail.kv_set_str: (ibb) -> i */
#define SAIL_PORT_CALL_KV_SET_STR 37
/* sail.kv_get_str: (ibo) -> i */
#define SAIL_PORT_CALL_KV_GET_STR 38
/* sail.kv_set_blob: (ibb) -> i */
#define SAIL_PORT_CALL_KV_SET_BLOB 39
/* sail.kv_get_blob: (ibo) -> i */
#define SAIL_PORT_CALL_KV_GET_BLOB 40
/* sail.kv_erase: (ib) -> i */
#define SAIL_PORT_CALL_KV_ERASE 41
/* sail.kv_commit: (i) -> i */
#define SAIL_PORT_CALL_KV_COMMIT 42
/* sail.sleep_wake_timer: (l) -> i */
#define SAIL_PORT_CALL_SLEEP_WAKE_TIMER 43
/* sail.sleep_wake_pin: (ii) -> i */
#define SAIL_PORT_CALL_SLEEP_WAKE_PIN 44
/* sail.sleep_wake_clear: () -> v */
#define SAIL_PORT_CALL_SLEEP_WAKE_CLEAR 45
/* sail.sleep_light: () -> i */
#define SAIL_PORT_CALL_SLEEP_LIGHT 46
/* sail.sleep_deep: () -> i */
#define SAIL_PORT_CALL_SLEEP_DEEP 47
/* sail.wake_cause: () -> i */
#define SAIL_PORT_CALL_WAKE_CAUSE 48
/* sail.rtc_mem_write: (ib) -> i */
#define SAIL_PORT_CALL_RTC_MEM_WRITE 49
/* sail.rtc_mem_read: (io) -> i */
#define SAIL_PORT_CALL_RTC_MEM_READ 50
/* sail.ota_state: () -> i */
#define SAIL_PORT_CALL_OTA_STATE 51
/* sail.ota_confirm: () -> i */
#define SAIL_PORT_CALL_OTA_CONFIRM 52
/* sail.ota_reject: () -> v */
#define SAIL_PORT_CALL_OTA_REJECT 53
/* sail.miot_reply_int: (l) -> v */
#define SAIL_PORT_CALL_MIOT_REPLY_INT 54
/* sail.miot_reply_float: (d) -> v */
#define SAIL_PORT_CALL_MIOT_REPLY_FLOAT 55
/* sail.miot_reply_str: (b) -> v */
#define SAIL_PORT_CALL_MIOT_REPLY_STR 56
/* sail.miot_arg_int: (i) -> l */
#define SAIL_PORT_CALL_MIOT_ARG_INT 57
/* sail.miot_arg_float: (i) -> d */
#define SAIL_PORT_CALL_MIOT_ARG_FLOAT 58
/* sail.miot_arg_str: (io) -> i */
#define SAIL_PORT_CALL_MIOT_ARG_STR 59
/* sail.miot_changed_int: (iil) -> i */
#define SAIL_PORT_CALL_MIOT_CHANGED_INT 60
/* sail.miot_changed_float: (iid) -> i */
#define SAIL_PORT_CALL_MIOT_CHANGED_FLOAT 61
/* sail.miot_changed_str: (iib) -> i */
#define SAIL_PORT_CALL_MIOT_CHANGED_STR 62
/* sail.miot_event: (ii) -> i */
#define SAIL_PORT_CALL_MIOT_EVENT 63
/* sail_emulator.stack_alarm: (ii) -> i */
#define SAIL_PORT_CALL_STACK_ALARM 64
/* sail.time_us: () -> l */
#define SAIL_PORT_CALL_TIME_US 65
/* sail.random_u32: () -> i */
#define SAIL_PORT_CALL_RANDOM_U32 66
/* sail.log_write: (ib) -> v */
#define SAIL_PORT_CALL_LOG_WRITE 67
/* sail.spi_bus_setup: (iiii) -> i */
#define SAIL_PORT_CALL_SPI_BUS_SETUP 68
/* sail.spi_device_add: (iiiii) -> i */
#define SAIL_PORT_CALL_SPI_DEVICE_ADD 69
/* sail.spi_transfer: (ix) -> i */
#define SAIL_PORT_CALL_SPI_TRANSFER 70
/* sail.spi_write_read: (ibo) -> i */
#define SAIL_PORT_CALL_SPI_WRITE_READ 71
/* sail.led_strip_write: (ib) -> i */
#define SAIL_PORT_CALL_LED_STRIP_WRITE 72
/* sail.board_led: () -> i */
#define SAIL_PORT_CALL_BOARD_LED 73
/* sail.wallclock_us: () -> l */
#define SAIL_PORT_CALL_WALLCLOCK_US 74

#endif /* SAIL_PORT_CALLS_H */
