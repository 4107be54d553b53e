// The board's I2C and UART imports (ABI 1.2): firmware memory in and out,
// bus time charged to the firmware as blocking time, and the pads each bus
// takes through the pin mux (host/peripherals/pin-mux.ts).

import type { HostImports } from "../abi/table.js";
import type { Cpu } from "../firmware/cpu.js";
import { GPIO_MODE, GPIO_PULL, type Gpio } from "../peripherals/gpio.js";
import type { BusPads, I2cBus } from "../peripherals/i2c.js";
import type { Uart } from "../peripherals/uart.js";
import { STATUS } from "../abi/table.js";
import type { BusDrive, PinMux } from "../peripherals/pin-mux.js";
import type { GuestMemory } from "../firmware/memory.js";

type BusImportName =
  "i2c_setup" | "i2c_write" | "i2c_read" | "i2c_write_read" | "uart_setup" | "uart_write" | "uart_read" | "uart_watch";
export type BusImports = Pick<HostImports, BusImportName>;

export interface BusDeps {
  readonly i2c: I2cBus;
  readonly uart: Uart;
  /** Bus time is blocking device time, as delay_us is. */
  readonly cpu: Cpu;
  readonly memory: GuestMemory;
}

export function busImports(deps: BusDeps): BusImports {
  const { i2c, uart, cpu, memory } = deps;
  const blocking = (durationUs: number): void => {
    if (durationUs > 0) cpu.delay(durationUs);
  };
  return {
    i2c_setup: (port, sda, scl, hz) => i2c.setup(port, sda, scl, hz),
    i2c_write: (port, addr, ptr, len, timeoutUs) => {
      const bytes = memory.copy(ptr, len, "i2c_write");
      const r = i2c.transfer(port, addr, bytes, 0, timeoutUs);
      blocking(r.durationUs);
      return r.status;
    },
    i2c_read: (port, addr, ptr, len, timeoutUs) => {
      memory.bytes(ptr, len, "i2c_read");
      if (len === 0) return STATUS.ERR_INVALID_ARG;
      const r = i2c.transfer(port, addr, null, len, timeoutUs);
      blocking(r.durationUs);
      if (r.status === STATUS.OK) memory.write(ptr, r.data, "i2c_read");
      return r.status;
    },
    i2c_write_read: (port, addr, wptr, wlen, rptr, rlen, timeoutUs) => {
      const bytes = memory.copy(wptr, wlen, "i2c_write_read");
      memory.bytes(rptr, rlen, "i2c_write_read");
      if (rlen === 0) return STATUS.ERR_INVALID_ARG;
      const r = i2c.transfer(port, addr, bytes, rlen, timeoutUs);
      blocking(r.durationUs);
      if (r.status === STATUS.OK) memory.write(rptr, r.data, "i2c_write_read");
      return r.status;
    },
    uart_setup: (port, tx, rx, baud) => uart.setup(port, tx, rx, baud),
    uart_write: (port, ptr, len) => uart.write(port, memory.copy(ptr, len, "uart_write")),
    uart_read: (port, ptr, cap) => {
      memory.bytes(ptr, cap, "uart_read");
      const r = uart.read(port, cap);
      if (typeof r === "number") return r;
      memory.write(ptr, r, "uart_read");
      return r.length;
    },
    uart_watch: (port, id) => uart.watch(port, id),
  };
}

/**
 * A bus's pads through the pin mux (which decides whether a pad may carry the
 * signal), then set up as the signal needs: open-drain with its pull-up for
 * I2C, a push-pull output or an input for UART.
 */
export class BusPins implements BusPads {
  constructor(
    readonly mux: PinMux,
    readonly gpio: Gpio,
  ) {}

  claim(gpio: number, role: string, kind: BusDrive, call: string): void {
    const pin = this.mux.claimBus(gpio, role, kind, call);
    const pull = pin.pulls ? GPIO_PULL.UP : GPIO_PULL.NONE;
    if (kind === "input") {
      this.gpio.mode(gpio, GPIO_MODE.INPUT, pull);
    } else {
      // Released high first: an I2C line floats up through its pull-up, a UART TX idles high.
      this.gpio.write(gpio, 1);
      this.gpio.mode(
        gpio,
        kind === "open-drain" ? GPIO_MODE.OUTPUT_OD : GPIO_MODE.OUTPUT,
        kind === "open-drain" ? pull : GPIO_PULL.NONE,
      );
    }
  }

  release(owner: string): void {
    this.mux.releaseBus(owner);
  }
}
