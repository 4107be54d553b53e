// Plantower PMS5003 serial frames, bytes only (PMS5003 data manual v2.3,
// "PDS", appendix I; command replies as observed by host programs): the
// 32-byte data frame, the 7-byte commands and their 8-byte replies.

export const START_1 = 0x42; // 'B'
export const START_2 = 0x4d; // 'M'
/** Data frame: 2 start bytes, 2 length bytes, 13 words, 2 checksum bytes. */
export const FRAME_BYTES = 32;
/** Frame length field: 13 data words + checksum = 2 × 13 + 2 (PDS appendix I). */
export const FRAME_LENGTH = 0x1c;
export const COMMAND_BYTES = 7;
export const REPLY_BYTES = 8;

/** Command codes (PDS appendix II). */
export const PMS_COMMAND = { MODE: 0xe1, READ: 0xe2, SLEEP: 0xe4 } as const;

export interface PmsReading {
  /** PM1.0 / PM2.5 / PM10, CF=1 "standard particle", µg/m³ (words 1–3). */
  readonly pm1Standard: number;
  readonly pm25Standard: number;
  readonly pm10Standard: number;
  /** PM1.0 / PM2.5 / PM10 under atmospheric environment, µg/m³ (words 4–6). */
  readonly pm1: number;
  readonly pm25: number;
  readonly pm10: number;
  /** Particles per 0.1 L beyond 0.3, 0.5, 1.0, 2.5, 5.0 and 10 µm (words 7–12). */
  readonly counts: readonly [number, number, number, number, number, number];
  /** Word 13: reserved in PDS v2.3, seen as version 0x97 and error code 0x00. */
  readonly version: number;
  readonly errorCode: number;
}

/** 16-bit sum of bytes (the PMS checksum). */
export function pmsChecksum(bytes: ArrayLike<number>, from = 0, to = bytes.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += bytes[i] ?? 0;
  return sum & 0xffff;
}

/** A 32-byte data frame: checksum = sum of bytes 0–29. */
export function encodeFrame(r: PmsReading): Uint8Array {
  const words = [FRAME_LENGTH, r.pm1Standard, r.pm25Standard, r.pm10Standard, r.pm1, r.pm25, r.pm10, ...r.counts];
  const out = new Uint8Array(FRAME_BYTES);
  out[0] = START_1;
  out[1] = START_2;
  words.forEach((w, i) => putWord(out, 2 + 2 * i, w));
  out[28] = r.version & 0xff;
  out[29] = r.errorCode & 0xff;
  putWord(out, 30, pmsChecksum(out, 0, 30));
  return out;
}

/** Decodes a data frame; null when the start bytes, length or checksum are wrong. */
export function decodeFrame(b: ArrayLike<number>): PmsReading | null {
  if (b.length !== FRAME_BYTES || b[0] !== START_1 || b[1] !== START_2 || word(b, 2) !== FRAME_LENGTH) return null;
  if (word(b, 30) !== pmsChecksum(b, 0, 30)) return null;
  return {
    pm1Standard: word(b, 4),
    pm25Standard: word(b, 6),
    pm10Standard: word(b, 8),
    pm1: word(b, 10),
    pm25: word(b, 12),
    pm10: word(b, 14),
    counts: [word(b, 16), word(b, 18), word(b, 20), word(b, 22), word(b, 24), word(b, 26)],
    version: b[28] ?? 0,
    errorCode: b[29] ?? 0,
  };
}

/** A host command: 42 4D CMD DATAH DATAL + 16-bit sum (PDS appendix II). */
export function encodeCommand(cmd: number, data: number): Uint8Array {
  const out = new Uint8Array([START_1, START_2, cmd & 0xff, (data >> 8) & 0xff, data & 0xff, 0, 0]);
  putWord(out, 5, pmsChecksum(out, 0, 5));
  return out;
}

/** The part's reply to a mode or sleep command: 42 4D 00 04 CMD DATA + sum. */
export function encodeReply(cmd: number, data: number): Uint8Array {
  const out = new Uint8Array([START_1, START_2, 0x00, 0x04, cmd & 0xff, data & 0xff, 0, 0]);
  putWord(out, 6, pmsChecksum(out, 0, 6));
  return out;
}

function putWord(out: Uint8Array, at: number, w: number): void {
  const v = Math.min(0xffff, Math.max(0, Math.round(w)));
  out[at] = v >> 8;
  out[at + 1] = v & 0xff;
}

function word(b: ArrayLike<number>, at: number): number {
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}
