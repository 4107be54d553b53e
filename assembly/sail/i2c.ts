// I2C master (like ESP-IDF i2c_master): the app opens a port on two pins and
// hands it to drivers. Transfers block for their bus time and return a status
// (0 OK, Status.ERR_NOT_FOUND when the address is not ACKed, ERR_INVALID_RESPONSE
// when a data byte is NACKed, ERR_TIMEOUT when the part stretches the clock too
// long). Small transfers go through one static buffer: nothing allocates.

import { i2c_read, i2c_setup, i2c_write, i2c_write_read } from "./bindings";
import { Status } from "./abi";

/** Bytes the static transfer buffer holds (each of its TX and RX halves). */
export const I2C_BUFFER_SIZE: i32 = 64;
const tx = memory.data(I2C_BUFFER_SIZE);
const rx = memory.data(I2C_BUFFER_SIZE);

export class I2c {
  /** What i2c_setup returned: 0, or ERR_INVALID_ARG for a port the board lacks or a frequency out of range. */
  readonly status: i32;
  /** Longest clock stretching a transfer waits for, µs (default 50 ms: any SHT3x measurement). */
  timeoutUs: i32 = 50_000;

  /** Port `port` as master on `sda` and `scl` (open drain, pulled up) at `hz` (default 100 kHz). */
  constructor(readonly port: i32, readonly sda: i32, readonly scl: i32, readonly hz: i32 = 100_000) {
    this.status = i2c_setup(port, sda, scl, hz);
  }

  /** Writes `len` bytes at `ptr` (your own buffer, e.g. `changetype<usize>(staticArray)`). */
  write(address: i32, ptr: usize, len: i32): i32 {
    return i2c_write(this.port, address, <i32>ptr, len, this.timeoutUs);
  }

  /** Writes one byte (a BH1750 opcode). */
  writeByte(address: i32, b: i32): i32 {
    store<u8>(tx, <u8>b);
    return i2c_write(this.port, address, <i32>tx, 1, this.timeoutUs);
  }

  /** Writes a 16-bit word MSB first (an SHT3x command). */
  writeWord(address: i32, w: i32): i32 {
    store<u8>(tx, <u8>(w >> 8));
    store<u8>(tx + 1, <u8>w);
    return i2c_write(this.port, address, <i32>tx, 2, this.timeoutUs);
  }

  /** Writes a command word, then a data word and its CRC (three more bytes). */
  writeWordWithData(address: i32, w: i32, data: i32, crc: i32): i32 {
    store<u8>(tx, <u8>(w >> 8));
    store<u8>(tx + 1, <u8>w);
    store<u8>(tx + 2, <u8>(data >> 8));
    store<u8>(tx + 3, <u8>data);
    store<u8>(tx + 4, <u8>crc);
    return i2c_write(this.port, address, <i32>tx, 5, this.timeoutUs);
  }

  /** Reads `len` bytes (at most I2C_BUFFER_SIZE) into the receive buffer: see `byte` and `word`. */
  read(address: i32, len: i32): i32 {
    if (<u32>len > <u32>I2C_BUFFER_SIZE) return Status.ERR_INVALID_SIZE;
    return i2c_read(this.port, address, <i32>rx, len, this.timeoutUs);
  }

  /** Reads `len` bytes into your own buffer at `ptr`. */
  readInto(address: i32, ptr: usize, len: i32): i32 {
    return i2c_read(this.port, address, <i32>ptr, len, this.timeoutUs);
  }

  /** Writes a command word, then a repeated START and reads `len` bytes into the receive buffer. */
  writeWordRead(address: i32, w: i32, len: i32): i32 {
    if (<u32>len > <u32>I2C_BUFFER_SIZE) return Status.ERR_INVALID_SIZE;
    store<u8>(tx, <u8>(w >> 8));
    store<u8>(tx + 1, <u8>w);
    return i2c_write_read(this.port, address, <i32>tx, 2, <i32>rx, len, this.timeoutUs);
  }

  /** Writes (wptr, wlen), then a repeated START and reads `rlen` bytes into your buffer at `rptr`. */
  writeRead(address: i32, wptr: usize, wlen: i32, rptr: usize, rlen: i32): i32 {
    return i2c_write_read(this.port, address, <i32>wptr, wlen, <i32>rptr, rlen, this.timeoutUs);
  }

  /** Whether a part ACKs `address` (an empty write). */
  probe(address: i32): bool {
    return i2c_write(this.port, address, <i32>tx, 0, this.timeoutUs) == Status.OK;
  }

  /** Byte `i` of the last read into the receive buffer. */
  byte(i: i32): i32 {
    return <i32>load<u8>(rx + <usize>i);
  }

  /** The big-endian word at byte `i` of the last read. */
  word(i: i32): i32 {
    return (<i32>load<u8>(rx + <usize>i) << 8) | <i32>load<u8>(rx + <usize>i + 1);
  }
}
