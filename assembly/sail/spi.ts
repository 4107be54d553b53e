// SPI master (like ESP-IDF driver/spi_master.h): the app sets a port up on its
// pins, then adds a device per chip-select pin with its mode, clock and bit
// order, and hands the device to a driver. Transfers block for their bus time
// (8 clock periods a byte) and return a status: 0 OK, ERR_INVALID_STATE for a
// device that was not added, ERR_INVALID_ARG for an empty transfer. A device
// that is not there reads 0xFF (MISO floats high). Small transfers go through
// one static buffer: nothing allocates.

import { spi_bus_setup, spi_device_add, spi_transfer, spi_write_read } from "./bindings";
import { SpiFlag, Status } from "./abi";

/** Bytes the static transfer buffer holds. */
export const SPI_BUFFER_SIZE: i32 = 64;
const buf = memory.data(SPI_BUFFER_SIZE);

export class Spi {
  /** What spi_bus_setup returned: 0, or ERR_INVALID_ARG for a port the board lacks. */
  readonly status: i32;

  /** Port `port` (0 is SPI2) as master on `sclk`, `mosi` and `miso` (-1 for a line not wired). */
  constructor(readonly port: i32, readonly sclk: i32, readonly mosi: i32, readonly miso: i32) {
    this.status = spi_bus_setup(port, sclk, mosi, miso);
  }

  /** A device on chip-select pin `cs` in SPI `mode` (0..3) at `hz`, MSB first unless `lsbFirst`. */
  device(cs: i32, mode: i32, hz: i32, lsbFirst: bool = false): SpiDevice {
    return new SpiDevice(spi_device_add(this.port, cs, mode, hz, lsbFirst ? SpiFlag.LSB_FIRST : 0));
  }
}

export class SpiDevice {
  /** The handle (>= 0), or a negative Status when the device could not be added. */
  constructor(readonly handle: i32) {}

  get ok(): bool { return this.handle >= 0; }

  /** Full duplex: sends `len` bytes at `tx` while reading `len` bytes to `rx` (may be the same buffer). */
  transfer(tx: usize, rx: usize, len: i32): i32 {
    return spi_transfer(this.handle, <i32>tx, <i32>rx, len);
  }

  /** Writes (wptr, wlen), then reads `rlen` bytes to `rptr`, CS low throughout. */
  writeRead(wptr: usize, wlen: i32, rptr: usize, rlen: i32): i32 {
    return spi_write_read(this.handle, <i32>wptr, wlen, <i32>rptr, rlen);
  }

  /** Reads `len` bytes (at most SPI_BUFFER_SIZE) into the static buffer (MOSI sends zeros): see `byte` and `u32be`. */
  read(len: i32): i32 {
    if (<u32>len > <u32>SPI_BUFFER_SIZE) return Status.ERR_INVALID_SIZE;
    return spi_write_read(this.handle, <i32>buf, 0, <i32>buf, len);
  }

  /** Byte `i` of the last read. */
  byte(i: i32): i32 { return <i32>load<u8>(buf + <usize>i); }

  /** The big-endian 32-bit word at byte `i` of the last read. */
  u32be(i: i32): u32 {
    return (<u32>this.byte(i) << 24) | (<u32>this.byte(i + 1) << 16) | (<u32>this.byte(i + 2) << 8) | <u32>this.byte(i + 3);
  }
}
