// The board's I2C, UART (ABI 1.2), SPI and addressable-LED (ABI 1.3) imports: firmware memory in and out,
// bus time charged to the firmware as blocking time, and the pads each bus
// takes through the pin mux (host/peripherals/pin-mux.ts).

import type { HostImports } from "../abi/table.js";
import type { Cpu } from "../firmware/cpu.js";
import { GPIO_MODE, GPIO_PULL, type Gpio } from "../peripherals/gpio.js";
import type { BusPads, I2cBus } from "../peripherals/i2c.js";
import type { Uart } from "../peripherals/uart.js";
import type { Rmt } from "../peripherals/rmt.js";
import type { SpiBus, SpiResult } from "../peripherals/spi.js";
import { STATUS } from "../abi/table.js";
import type { BusDrive, PinMux } from "../peripherals/pin-mux.js";
import type { GuestMemory } from "../firmware/memory.js";

type BusImportName =
  | "i2c_setup"
  | "i2c_write"
  | "i2c_read"
  | "i2c_write_read"
  | "uart_setup"
  | "uart_write"
  | "uart_read"
  | "uart_watch"
  | "spi_bus_setup"
  | "spi_device_add"
  | "spi_transfer"
  | "spi_write_read"
  | "led_strip_write";
export type BusImports = Pick<HostImports, BusImportName>;

export interface BusDeps {
  readonly i2c: I2cBus;
  readonly uart: Uart;
  readonly spi: SpiBus;
  readonly rmt: Rmt;
  /** CS is driven low for a transfer's bus time, so the trace and the VCD show it. */
  readonly gpio: Gpio;
  /** Bus time is blocking device time, as delay_us is. */
  readonly cpu: Cpu;
  readonly memory: GuestMemory;
}

export function busImports(deps: BusDeps): BusImports {
  const { i2c, uart, spi, rmt, gpio, cpu, memory } = deps;
  const blocking = (durationUs: number): void => {
    if (durationUs > 0) cpu.delay(durationUs);
  };
  const spiTimed = (r: SpiResult): SpiResult => {
    if (r.cs < 0) return r;
    gpio.write(r.cs, 0);
    blocking(r.durationUs);
    gpio.write(r.cs, 1);
    return r;
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
    spi_bus_setup: (port, sclk, mosi, miso) => spi.setup(port, sclk, mosi, miso),
    spi_device_add: (port, cs, mode, hz, flags) => spi.addDevice(port, cs, mode, hz, flags),
    spi_transfer: (device, txPtr, rxPtr, len) => {
      const mosi = memory.copy(txPtr, len, "spi_transfer");
      memory.bytes(rxPtr, len, "spi_transfer");
      const r = spiTimed(spi.exchange(device, mosi));
      if (r.status === STATUS.OK) memory.write(rxPtr, r.miso, "spi_transfer");
      return r.status;
    },
    spi_write_read: (device, wptr, wlen, rptr, rlen) => {
      const written = memory.copy(wptr, wlen, "spi_write_read");
      memory.bytes(rptr, rlen, "spi_write_read");
      const mosi = new Uint8Array(wlen + rlen);
      mosi.set(written);
      const r = spiTimed(spi.exchange(device, mosi));
      if (r.status === STATUS.OK) memory.write(rptr, r.miso.subarray(wlen), "spi_write_read");
      return r.status;
    },
    led_strip_write: (pin, ptr, len) => {
      const r = rmt.write(pin, memory.copy(ptr, len, "led_strip_write"));
      blocking(r.durationUs);
      return r.status;
    },
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
