// The host port's calls: the one numbering both ends of the co-simulation
// pipe use (runtime/port/host/sail_port_calls.h is written from this table and
// a test keeps it current). Most calls stand for one import of the ABI table
// and are served by the board's own implementation of it; the others are the
// port's own (hello, now, wait, the end of a handler, a panic).
//
// Arguments, in order after the request's counters: i i32, l i64, d f64, b a
// byte string (u32 length, bytes; the import gets ptr and len), o a buffer the
// call writes (u32 capacity, its current bytes; the import gets ptr and cap,
// and the reply carries the buffer back), x a buffer the call reads and then
// overwrites in place (u32 length, its bytes; the import gets ptr, ptr and len:
// a full-duplex transfer whose receive buffer is its transmit buffer; the reply
// carries it back), q an i64 the call writes (the import gets ptr; the reply
// carries it). Results: v none, i i32, l i64, d f64.

export type ArgCode = "i" | "l" | "d" | "b" | "o" | "x" | "q";
export type ResultCode = "v" | "i" | "l" | "d";

export interface PortCall {
  readonly number: number;
  /** The C name after SAIL_PORT_CALL_. */
  readonly name: string;
  /** The import it stands for ("sail.gpio_write"), or null for the port's own calls. */
  readonly import: string | null;
  readonly args: string;
  readonly result: ResultCode;
}

/** A reply status: the call ended the running handler (a restart, deep sleep, a fault the board named). */
export const PORT_STOPPED = 1;

const own = (number: number, name: string, args: string, result: ResultCode): PortCall => ({
  number,
  name,
  import: null,
  args,
  result,
});

const imp = (number: number, name: string, args: string, result: ResultCode, module = "sail"): PortCall => ({
  number,
  name: name.toUpperCase(),
  import: `${module}.${name}`,
  args,
  result,
});

export const PORT_CALLS: readonly PortCall[] = [
  own(1, "HELLO", "", "v"),
  own(2, "NOW", "", "l"),
  own(3, "WAIT", "l", "v"),
  own(4, "HANDLER_END", "ii", "v"),
  own(5, "PANIC", "iib", "v"),
  own(6, "LOG", "ib", "v"),
  own(7, "RANDOM", "", "i"),
  imp(10, "delay_us", "l", "v"),
  imp(11, "timer_start", "ill", "i"),
  imp(12, "timer_stop", "i", "i"),
  imp(13, "restart", "", "v"),
  imp(14, "reset_reason", "", "i"),
  imp(15, "wdt_feed", "", "v"),
  imp(16, "gpio_mode", "iii", "i"),
  imp(17, "gpio_write", "ii", "i"),
  imp(18, "gpio_read", "i", "i"),
  imp(19, "gpio_watch", "iii", "i"),
  imp(20, "pwm_setup", "iii", "i"),
  imp(21, "pwm_set_duty", "ii", "i"),
  imp(22, "pwm_set_freq", "ii", "i"),
  imp(23, "adc_setup", "ii", "i"),
  imp(24, "adc_read_raw", "i", "i"),
  imp(25, "adc_read_mv", "i", "i"),
  imp(26, "i2c_setup", "iiii", "i"),
  imp(27, "i2c_write", "iibi", "i"),
  imp(28, "i2c_read", "iioi", "i"),
  imp(29, "i2c_write_read", "iiboi", "i"),
  imp(30, "uart_setup", "iiii", "i"),
  imp(31, "uart_write", "ib", "i"),
  imp(32, "uart_read", "io", "i"),
  imp(33, "uart_watch", "ii", "i"),
  imp(34, "kv_open", "b", "i"),
  imp(35, "kv_set_int", "ibl", "i"),
  imp(36, "kv_get_int", "ibq", "i"),
  imp(37, "kv_set_str", "ibb", "i"),
  imp(38, "kv_get_str", "ibo", "i"),
  imp(39, "kv_set_blob", "ibb", "i"),
  imp(40, "kv_get_blob", "ibo", "i"),
  imp(41, "kv_erase", "ib", "i"),
  imp(42, "kv_commit", "i", "i"),
  imp(43, "sleep_wake_timer", "l", "i"),
  imp(44, "sleep_wake_pin", "ii", "i"),
  imp(45, "sleep_wake_clear", "", "v"),
  imp(46, "sleep_light", "", "i"),
  imp(47, "sleep_deep", "", "i"),
  imp(48, "wake_cause", "", "i"),
  imp(49, "rtc_mem_write", "ib", "i"),
  imp(50, "rtc_mem_read", "io", "i"),
  imp(51, "ota_state", "", "i"),
  imp(52, "ota_confirm", "", "i"),
  imp(53, "ota_reject", "", "v"),
  imp(54, "miot_reply_int", "l", "v"),
  imp(55, "miot_reply_float", "d", "v"),
  imp(56, "miot_reply_str", "b", "v"),
  imp(57, "miot_arg_int", "i", "l"),
  imp(58, "miot_arg_float", "i", "d"),
  imp(59, "miot_arg_str", "io", "i"),
  imp(60, "miot_changed_int", "iil", "i"),
  imp(61, "miot_changed_float", "iid", "i"),
  imp(62, "miot_changed_str", "iib", "i"),
  imp(63, "miot_event", "ii", "i"),
  imp(64, "stack_alarm", "ii", "i", "sail_emulator"),
  // Never sent: what NOW, RANDOM and LOG are served by when the runtime makes them inside an import.
  imp(65, "time_us", "", "l"),
  imp(66, "random_u32", "", "i"),
  imp(67, "log_write", "ib", "v"),
  // ABI 1.3: SPI master, addressable LEDs through RMT, the board's own LED, wall-clock time.
  imp(68, "spi_bus_setup", "iiii", "i"),
  imp(69, "spi_device_add", "iiiii", "i"),
  imp(70, "spi_transfer", "ix", "i"),
  imp(71, "spi_write_read", "ibo", "i"),
  imp(72, "led_strip_write", "ib", "i"),
  imp(73, "board_led", "", "i"),
  imp(74, "wallclock_us", "", "l"),
];

/** runtime/port/host/sail_port_calls.h, written from PORT_CALLS. */
export function portCallsHeader(): string {
  const lines = [
    "/* Written from host/runtime/port-calls.ts; a test keeps it current. */",
    "/* The host port's call numbers, one per port call of the co-simulation",
    " * pipe; the comment gives the arguments and the result (port-calls.ts). */",
    "#ifndef SAIL_PORT_CALLS_H",
    "#define SAIL_PORT_CALLS_H",
    "",
    "/* A reply status: the call ended the running handler. */",
    `#define SAIL_PORT_STOPPED ${PORT_STOPPED}`,
    "/* The most a request's payload holds (a frame less its head). */",
    "#define SAIL_FRAME_PAYLOAD_MAX 65516",
    "",
  ];
  for (const c of PORT_CALLS) {
    const what = c.import === null ? "the port's own" : c.import;
    lines.push(`/* ${what}: (${c.args}) -> ${c.result} */`, `#define SAIL_PORT_CALL_${c.name} ${c.number}`);
  }
  lines.push("", "#endif /* SAIL_PORT_CALLS_H */", "");
  return lines.join("\n");
}
