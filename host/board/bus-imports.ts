// The board's I2C and UART imports (ABI 1.2): firmware memory in and out,
// bus time charged to the firmware as blocking time, and the pads each bus
// takes through the GPIO matrix (ESP32 TRM ch. 4.2: every pad can carry
// every bus signal, but an input-only pad cannot drive one).

import type { HostImports } from "../abi/table.js";
import type { Cpu } from "../firmware/cpu.js";
import { GPIO_MODE, GPIO_PULL, type Gpio } from "../peripherals/gpio.js";
import type { BusPads, I2cBus } from "../peripherals/i2c.js";
import type { Uart } from "../peripherals/uart.js";
import { STATUS } from "../abi/table.js";
import { FirmwareFault } from "../firmware/faults.js";
import type { PinProfile } from "../boards/profile.js";

type BusImportName =
  "i2c_setup" | "i2c_write" | "i2c_read" | "i2c_write_read" | "uart_setup" | "uart_write" | "uart_read" | "uart_watch";
export type BusImports = Pick<HostImports, BusImportName>;

export interface BusDeps {
  readonly i2c: I2cBus;
  readonly uart: Uart;
  /** Bus time is blocking device time, as delay_us is. */
  readonly cpu: Cpu;
  readonly memory: () => WebAssembly.Memory | null;
}

export function busImports(deps: BusDeps): BusImports {
  const { i2c, uart, cpu, memory } = deps;
  const blocking = (durationUs: number): void => {
    if (durationUs > 0) cpu.delay(durationUs);
  };
  return {
    i2c_setup: (port, sda, scl, hz) => i2c.setup(port, sda, scl, hz),
    i2c_write: (port, addr, ptr, len, timeoutUs) => {
      const bytes = copyIn(memory(), ptr, len, "i2c_write");
      const r = i2c.transfer(port, addr, bytes, 0, timeoutUs);
      blocking(r.durationUs);
      return r.status;
    },
    i2c_read: (port, addr, ptr, len, timeoutUs) => {
      checkSpan(memory(), ptr, len, "i2c_read");
      if (len === 0) return STATUS.ERR_INVALID_ARG;
      const r = i2c.transfer(port, addr, null, len, timeoutUs);
      blocking(r.durationUs);
      if (r.status === STATUS.OK) copyOut(memory(), ptr, r.data);
      return r.status;
    },
    i2c_write_read: (port, addr, wptr, wlen, rptr, rlen, timeoutUs) => {
      const bytes = copyIn(memory(), wptr, wlen, "i2c_write_read");
      checkSpan(memory(), rptr, rlen, "i2c_write_read");
      if (rlen === 0) return STATUS.ERR_INVALID_ARG;
      const r = i2c.transfer(port, addr, bytes, rlen, timeoutUs);
      blocking(r.durationUs);
      if (r.status === STATUS.OK) copyOut(memory(), rptr, r.data);
      return r.status;
    },
    uart_setup: (port, tx, rx, baud) => uart.setup(port, tx, rx, baud),
    uart_write: (port, ptr, len) => uart.write(port, copyIn(memory(), ptr, len, "uart_write")),
    uart_read: (port, ptr, cap) => {
      checkSpan(memory(), ptr, cap, "uart_read");
      const r = uart.read(port, cap);
      if (typeof r === "number") return r;
      copyOut(memory(), ptr, r);
      return r.length;
    },
    uart_watch: (port, id) => uart.watch(port, id),
  };
}

/**
 * Which bus signal each pad carries. A pad that cannot serve (missing,
 * reserved, input-only asked to drive, already taken) is a firmware fault
 * naming the call and the pin.
 */
export class BusPins implements BusPads {
  readonly #roles = new Map<number, string>();

  constructor(
    readonly pins: ReadonlyMap<number, PinProfile>,
    readonly gpio: Gpio,
    readonly detachPwm: (gpio: number) => void,
  ) {}

  claim(gpio: number, role: string, kind: "open-drain" | "output" | "input", call: string): void {
    const pin = this.pins.get(gpio);
    if (pin === undefined)
      throw new FirmwareFault(
        call,
        `${role}: GPIO ${gpio} does not exist on this board (pins: ${[...this.pins.keys()].join(", ")})`,
      );
    if (pin.reserved !== null)
      throw new FirmwareFault(call, `${role}: GPIO ${gpio} is reserved for ${pin.reserved} and cannot be used`);
    if (kind !== "input" && pin.io === "input") {
      throw new FirmwareFault(
        call,
        `${role}: GPIO ${gpio} is input-only and cannot drive the line; use one of ${this.#drivers()}`,
      );
    }
    const taken = this.#roles.get(gpio);
    if (taken !== undefined && taken !== role)
      throw new FirmwareFault(call, `${role}: GPIO ${gpio} already carries ${taken}; give each bus signal its own pin`);
    this.#roles.set(gpio, role);
    this.detachPwm(gpio);
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
    for (const [gpio, role] of this.#roles) if (role.startsWith(owner)) this.#roles.delete(gpio);
  }

  /** The signal a pad carries, or null. */
  roleOf(gpio: number): string | null {
    return this.#roles.get(gpio) ?? null;
  }

  #drivers(): string {
    return [...this.pins.values()]
      .filter((p) => p.io === "inout" && p.reserved === null)
      .map((p) => p.gpio)
      .join(", ");
  }
}

function checkSpan(memory: WebAssembly.Memory | null, ptr: number, len: number, call: string): void {
  if (memory === null) throw new FirmwareFault(call, "passes a buffer but the firmware exports no memory");
  if (len < 0) throw new FirmwareFault(call, `length ${len} is negative`);
  const size = memory.buffer.byteLength;
  if (ptr < 0 || ptr + len > size)
    throw new FirmwareFault(call, `buffer at ${ptr}..${ptr + len} lies outside linear memory (${size} bytes)`);
}

function copyIn(memory: WebAssembly.Memory | null, ptr: number, len: number, call: string): Uint8Array {
  checkSpan(memory, ptr, len, call);
  return new Uint8Array((memory as WebAssembly.Memory).buffer, ptr, len).slice();
}

function copyOut(memory: WebAssembly.Memory | null, ptr: number, bytes: Uint8Array): void {
  if (memory !== null) new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
}
