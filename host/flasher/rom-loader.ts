// The chip's ROM serial bootloader, as Espressif's serial protocol documents
// it (esptool "Serial Protocol"): commands in SLIP frames, a response per
// command echoing its opcode, a 32-bit value and four status bytes (status,
// error, two reserved). Modelled: SYNC, READ_REG (chip detection by the magic
// register), WRITE_REG, SPI_ATTACH, SPI_SET_PARAMS, FLASH_BEGIN/DATA/END, the
// compressed FLASH_DEFL_BEGIN/DATA/END, SPI_FLASH_MD5, CHANGE_BAUDRATE and, on
// the ESP32-C3, GET_SECURITY_INFO. Data packets carry the XOR checksum (seed
// 0xEF) and a sequence number, both checked. Writes go into the emulated
// FlashChip, so what `sail flash` wrote boots on the emulated board. Not
// modelled: RAM download (MEM_*), so no flasher stub runs here
// (docs/runtime.md "What is tested here").

import { createHash } from "node:crypto";
import { inflateSync } from "node:zlib";
import { SECTOR_BYTES, type FlashChip } from "../flash/chip.js";

export const OP = {
  FLASH_BEGIN: 0x02,
  FLASH_DATA: 0x03,
  FLASH_END: 0x04,
  MEM_BEGIN: 0x05,
  WRITE_REG: 0x09,
  SYNC: 0x08,
  READ_REG: 0x0a,
  SPI_SET_PARAMS: 0x0b,
  SPI_ATTACH: 0x0d,
  CHANGE_BAUDRATE: 0x0f,
  FLASH_DEFL_BEGIN: 0x10,
  FLASH_DEFL_DATA: 0x11,
  FLASH_DEFL_END: 0x12,
  SPI_FLASH_MD5: 0x13,
  GET_SECURITY_INFO: 0x14,
} as const;

/** Error codes in the second status byte. */
export const ROM_ERROR = {
  INVALID_MESSAGE: 0x05,
  FAILED_TO_ACT: 0x06,
  INVALID_CRC: 0x07,
  FLASH_WRITE: 0x08,
  FLASH_READ: 0x09,
  DEFLATE: 0x0b,
} as const;

/** The register esptool reads to tell chips apart, and the chips modelled. */
export const CHIP_DETECT_MAGIC_REG = 0x40001000;
export interface RomChip {
  /** As esptool names it. */
  readonly name: "ESP32" | "ESP32-C3";
  readonly magic: number;
  /** GET_SECURITY_INFO's chip id; null where the ROM has no such command (ESP32). */
  readonly securityChipId: number | null;
}
export const ROM_CHIPS: Readonly<Record<RomChip["name"], RomChip>> = {
  ESP32: { name: "ESP32", magic: 0x00f01d83, securityChipId: null },
  "ESP32-C3": { name: "ESP32-C3", magic: 0x1b31506f, securityChipId: 5 },
};
/** The largest data block the ROM takes (esptool's ROM FLASH_WRITE_SIZE). */
export const ROM_BLOCK_MAX = 0x400;
const CHECKSUM_SEED = 0xef;
const DATA_HEADER = 16;

interface Download {
  readonly offset: number;
  readonly blocks: number;
  readonly blockSize: number;
  readonly eraseSize: number;
  readonly compressed: boolean;
  next: number;
  readonly parts: Uint8Array[];
}

export interface RomEvents {
  /** A response packet for the host (the link frames it), at the ROM's current baud rate. */
  reply(packet: Uint8Array): void;
  /** The host asked for another baud rate; the ROM switches after its response. */
  baud(rate: number): void;
  /** FLASH_END or FLASH_DEFL_END asked to run the app. */
  runApp(): void;
}

export class RomLoader {
  #attached = false;
  #download: Download | null = null;
  /** Every command received, by name, for tests and the model's log. */
  readonly commands: string[] = [];

  constructor(
    readonly chip: RomChip,
    readonly flash: FlashChip,
    readonly events: RomEvents,
  ) {}

  /** Handles one decoded packet: its responses go to `events.reply`, in order, before any baud change or app start. */
  handle(packet: Uint8Array): void {
    for (const reply of this.#handle(packet)) this.events.reply(reply);
    const after = this.#after;
    this.#after = null;
    after?.();
  }

  #after: (() => void) | null = null;

  #handle(packet: Uint8Array): Uint8Array[] {
    if (packet.length < 8 || packet[0] !== 0x00) return []; // not a command: the ROM ignores it
    const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
    const op = view.getUint8(1);
    const size = view.getUint16(2, true);
    const checksum = view.getUint32(4, true);
    const data = packet.subarray(8);
    this.commands.push(opName(op));
    if (data.length !== size) return [respond(op, 0, ROM_ERROR.INVALID_MESSAGE)];
    const word = (i: number): number => (i * 4 + 4 <= data.length ? view.getUint32(8 + i * 4, true) : -1);
    switch (op) {
      case OP.SYNC:
        if (size !== 36 || !isSyncPattern(data)) return [respond(op, 0, ROM_ERROR.INVALID_MESSAGE)];
        // The ROM answers a SYNC eight times, with a non-zero value (a stub answers 0).
        return Array.from({ length: 8 }, () => respond(op, 0x20120707));
      case OP.READ_REG:
        if (size !== 4) return [respond(op, 0, ROM_ERROR.INVALID_MESSAGE)];
        return [respond(op, word(0) === CHIP_DETECT_MAGIC_REG ? this.chip.magic : 0)];
      case OP.WRITE_REG:
      case OP.SPI_SET_PARAMS:
        return [respond(op, 0)];
      case OP.SPI_ATTACH:
        if (size !== 4 && size !== 8) return [respond(op, 0, ROM_ERROR.INVALID_MESSAGE)];
        this.#attached = true;
        return [respond(op, 0)];
      case OP.GET_SECURITY_INFO:
        return this.chip.securityChipId === null
          ? [respond(op, 0, ROM_ERROR.INVALID_MESSAGE)]
          : [respond(op, 0, 0, securityInfo(this.chip.securityChipId))];
      case OP.CHANGE_BAUDRATE: {
        const rate = word(0);
        if (size !== 8 || rate < 9600 || rate > 5_000_000) return [respond(op, 0, ROM_ERROR.INVALID_MESSAGE)];
        this.#after = () => this.events.baud(rate);
        return [respond(op, 0)];
      }
      case OP.FLASH_BEGIN:
      case OP.FLASH_DEFL_BEGIN:
        return [this.#begin(op, data, word)];
      case OP.FLASH_DATA:
      case OP.FLASH_DEFL_DATA:
        return [this.#data(op, data, checksum, word)];
      case OP.FLASH_END:
      case OP.FLASH_DEFL_END: {
        if (size !== 4) return [respond(op, 0, ROM_ERROR.INVALID_MESSAGE)];
        const stay = word(0) !== 0;
        this.#download = null;
        if (!stay) this.#after = () => this.events.runApp();
        return [respond(op, 0)];
      }
      case OP.SPI_FLASH_MD5: {
        if (size !== 16) return [respond(op, 0, ROM_ERROR.INVALID_MESSAGE)];
        const [at, length] = [word(0), word(1)];
        if (!this.#attached) return [respond(op, 0, ROM_ERROR.FAILED_TO_ACT)];
        if (at + length > this.flash.size) return [respond(op, 0, ROM_ERROR.FLASH_READ)];
        // The ROM gives the digest as 32 hex digits (a stub gives 16 raw bytes).
        const hex = createHash("md5").update(this.flash.read(at, length)).digest("hex");
        return [respond(op, 0, 0, new TextEncoder().encode(hex))];
      }
      default:
        return [respond(op, 0, ROM_ERROR.INVALID_MESSAGE)];
    }
  }

  #begin(op: number, data: Uint8Array, word: (i: number) => number): Uint8Array {
    if (data.length !== 16 && data.length !== 20) return respond(op, 0, ROM_ERROR.INVALID_MESSAGE);
    if (!this.#attached) return respond(op, 0, ROM_ERROR.FAILED_TO_ACT);
    const [eraseSize, blocks, blockSize, offset] = [word(0), word(1), word(2), word(3)];
    if (offset % SECTOR_BYTES !== 0 || offset + eraseSize > this.flash.size || blockSize > ROM_BLOCK_MAX)
      return respond(op, 0, ROM_ERROR.INVALID_MESSAGE);
    const sectors = Math.ceil(eraseSize / SECTOR_BYTES) * SECTOR_BYTES;
    if (sectors > 0) this.flash.erase(offset, Math.min(sectors, this.flash.size - offset));
    const compressed = op === OP.FLASH_DEFL_BEGIN;
    this.#download = { offset, blocks, blockSize, eraseSize, compressed, next: 0, parts: [] };
    return respond(op, 0);
  }

  #data(op: number, data: Uint8Array, checksum: number, word: (i: number) => number): Uint8Array {
    const d = this.#download;
    if (d === null || d.compressed !== (op === OP.FLASH_DEFL_DATA)) return respond(op, 0, ROM_ERROR.FAILED_TO_ACT);
    if (data.length < DATA_HEADER) return respond(op, 0, ROM_ERROR.INVALID_MESSAGE);
    const [length, seq] = [word(0), word(1)];
    const block = data.subarray(DATA_HEADER);
    if (length !== block.length || length > d.blockSize) return respond(op, 0, ROM_ERROR.INVALID_MESSAGE);
    if (xorChecksum(block) !== checksum) return respond(op, 0, ROM_ERROR.INVALID_CRC);
    if (seq !== d.next || seq >= d.blocks) return respond(op, 0, ROM_ERROR.INVALID_MESSAGE);
    d.next++;
    if (!d.compressed) {
      const at = d.offset + seq * d.blockSize;
      if (at + block.length > this.flash.size) return respond(op, 0, ROM_ERROR.FLASH_WRITE);
      this.flash.write(at, block);
      return respond(op, 0);
    }
    d.parts.push(block.slice());
    if (d.next < d.blocks) return respond(op, 0);
    // The last compressed block: the whole stream inflates into the erased range.
    let plain: Uint8Array;
    try {
      plain = new Uint8Array(inflateSync(Buffer.concat(d.parts)));
    } catch {
      return respond(op, 0, ROM_ERROR.DEFLATE);
    }
    if (plain.length > d.eraseSize) return respond(op, 0, ROM_ERROR.FLASH_WRITE);
    this.flash.write(d.offset, plain);
    return respond(op, 0);
  }
}

function isSyncPattern(data: Uint8Array): boolean {
  return (
    data[0] === 0x07 &&
    data[1] === 0x07 &&
    data[2] === 0x12 &&
    data[3] === 0x20 &&
    data.subarray(4).every((b) => b === 0x55)
  );
}

export function xorChecksum(bytes: Uint8Array): number {
  let sum = CHECKSUM_SEED;
  for (const b of bytes) sum ^= b;
  return sum;
}

/** flags, flash_crypt_cnt, key_purposes[7], chip_id, api_version: 20 bytes, all security off. */
function securityInfo(chipId: number): Uint8Array {
  const out = new Uint8Array(20);
  new DataView(out.buffer).setUint32(12, chipId, true);
  return out;
}

/** A response: direction 1, the opcode, the data length, the value, then data and the four status bytes. */
function respond(op: number, value: number, error = 0, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(data.length + 4);
  body.set(data);
  body[data.length] = error === 0 ? 0 : 1;
  body[data.length + 1] = error;
  const out = new Uint8Array(8 + body.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, 0x01);
  view.setUint8(1, op);
  view.setUint16(2, body.length, true);
  view.setUint32(4, value >>> 0, true);
  out.set(body, 8);
  return out;
}

function opName(op: number): string {
  const found = Object.entries(OP).find(([, v]) => v === op);
  return found === undefined ? `0x${op.toString(16).padStart(2, "0")}` : found[0];
}
