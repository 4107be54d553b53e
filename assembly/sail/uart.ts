// UART (like ESP-IDF driver/uart.h), 8N1. Bytes written leave at the baud
// rate; bytes received wait in a 1024-byte buffer. `onReceive` calls your
// function when bytes wait and the line went idle for 10 symbols (or 120
// bytes came): plain function references in a static table, no allocation.

import { uart_read, uart_setup, uart_watch, uart_write } from "./bindings";
import { EventKind, Status } from "./abi";
import { setKindHandler } from "./events";

/** Called with the bytes waiting and the bytes dropped (RX buffer full) since the last call. */
export type ReceiveCallback = (available: i32, dropped: i32) => void;

const MAX_PORTS: i32 = 8;
const callbacks = memory.data(MAX_PORTS * 4);
let dispatching = false;

function onUartRx(id: i32, a: i64, b: i64): i32 {
  const fn = <u32>id < <u32>MAX_PORTS ? load<u32>(callbacks + (<usize>id << 2)) : 0;
  if (fn == 0) return Status.ERR_NOT_FOUND;
  changetype<ReceiveCallback>(fn)(<i32>a, <i32>b);
  return Status.OK;
}

export class Uart {
  /** What uart_setup returned: 0, or ERR_INVALID_ARG for a port the board lacks, the console's port or a rate out of range. */
  readonly status: i32;

  /** Port `port` on `tx` and `rx` (-1 for a direction not wired) at `baud`. */
  constructor(readonly port: i32, readonly tx: i32, readonly rx: i32, readonly baud: i32) {
    this.status = uart_setup(port, tx, rx, baud);
  }

  /** Queues `len` bytes at `ptr`; returns how many fit in the TX buffer, or a negative status. */
  write(ptr: usize, len: i32): i32 {
    return uart_write(this.port, <i32>ptr, len);
  }

  /** Moves up to `cap` received bytes to `ptr`; returns how many (0 when none). */
  read(ptr: usize, cap: i32): i32 {
    return uart_read(this.port, <i32>ptr, cap);
  }

  /** Calls `callback` on UART_RX for this port. */
  onReceive(callback: ReceiveCallback): i32 {
    if (<u32>this.port >= <u32>MAX_PORTS) return Status.ERR_INVALID_ARG;
    if (!dispatching) {
      setKindHandler(EventKind.UART_RX, onUartRx);
      dispatching = true;
    }
    store<u32>(callbacks + (<usize>this.port << 2), changetype<u32>(callback));
    return uart_watch(this.port, this.port);
  }

  /** Stops UART_RX callbacks for this port. */
  stopReceive(): i32 {
    if (<u32>this.port < <u32>MAX_PORTS) store<u32>(callbacks + (<usize>this.port << 2), 0);
    return uart_watch(this.port, -1);
  }
}
