// Driver for the Plantower PMS5003 particle sensor on a UART at 9600 8N1
// (PMS5003 data manual v2.3 appendices I and II; resync and partial-frame
// rules as ESPHome's pmsx003). Call poll() from your Uart.onReceive
// callback: it parses every byte waiting, resyncing on 42 4D and checking
// length and checksum, and refills one record. Nothing allocates.

import { Uart } from "../sail/uart";
import { time } from "../sail/time";

const START_1: i32 = 0x42;
const START_2: i32 = 0x4d;
const DATA_LENGTH: i32 = 0x1c; // 13 words + checksum (PDS appendix I)
const REPLY_LENGTH: i32 = 0x04; // mode and sleep replies (observed)
const FRAME_BYTES: i32 = 32;
const REPLY_BYTES: i32 = 8;
/** A partial frame older than this is dropped (ESPHome pmsx003: 500 ms). */
const STALE_US: i64 = 500_000;

// Commands: 42 4D CMD DATAH DATAL + 16-bit sum (PDS appendix II)
const PASSIVE: StaticArray<u8> = [0x42, 0x4d, 0xe1, 0x00, 0x00, 0x01, 0x70];
const ACTIVE: StaticArray<u8> = [0x42, 0x4d, 0xe1, 0x00, 0x01, 0x01, 0x71];
const READ: StaticArray<u8> = [0x42, 0x4d, 0xe2, 0x00, 0x00, 0x01, 0x71];
const SLEEP: StaticArray<u8> = [0x42, 0x4d, 0xe4, 0x00, 0x00, 0x01, 0x73];
const WAKE: StaticArray<u8> = [0x42, 0x4d, 0xe4, 0x00, 0x01, 0x01, 0x74];

const CHUNK: i32 = 64;
const chunk = memory.data(CHUNK);
const frame = memory.data(FRAME_BYTES);

/** One data frame, refilled by every good frame poll() parses. */
export class Pms5003Sample {
  /** PM1.0 / PM2.5 / PM10 in µg/m³, CF=1 "standard particle". */
  pm1Standard: i32 = 0;
  pm25Standard: i32 = 0;
  pm10Standard: i32 = 0;
  /** PM1.0 / PM2.5 / PM10 in µg/m³, atmospheric environment: the values to show. */
  pm1: i32 = 0;
  pm25: i32 = 0;
  pm10: i32 = 0;
  /** Particles per 0.1 L beyond 0.3, 0.5, 1.0, 2.5, 5.0 and 10 µm. */
  count03: i32 = 0;
  count05: i32 = 0;
  count10: i32 = 0;
  count25: i32 = 0;
  count50: i32 = 0;
  count100: i32 = 0;
  version: i32 = 0;
  errorCode: i32 = 0;
  timeUs: i64 = 0;
}

export class Pms5003 {
  /** Good data frames since start. */
  frames: i32 = 0;
  checksumErrors: i32 = 0;
  lengthErrors: i32 = 0;
  /** Bytes the UART dropped (its buffer was full), as poll() was told. */
  dropped: i32 = 0;
  /** Command byte of the last reply (0xE1 mode, 0xE4 sleep), or -1. */
  lastReply: i32 = -1;
  private readonly record: Pms5003Sample = new Pms5003Sample();
  private have: bool = false;
  private index: i32 = 0;
  private expected: i32 = 0;
  private lastByteUs: i64 = 0;

  constructor(readonly uart: Uart) {}

  /** Parses every byte waiting; returns the number of new data frames, or a negative status. */
  poll(dropped: i32 = 0): i32 {
    this.dropped += dropped;
    const now = time.us();
    if (this.index > 0 && now - this.lastByteUs > STALE_US) this.index = 0;
    let frames = 0;
    for (;;) {
      const n = this.uart.read(chunk, CHUNK);
      if (n < 0) return n;
      if (n == 0) break;
      this.lastByteUs = now;
      for (let i = 0; i < n; i++) {
        if (this.feed(<i32>load<u8>(chunk + <usize>i))) frames++;
      }
    }
    return frames;
  }

  /** The last good data frame, or null before the first. */
  sample(): Pms5003Sample | null {
    return this.have ? this.record : null;
  }

  passive(): i32 { return this.send(PASSIVE); }
  active(): i32 { return this.send(ACTIVE); }
  /** In passive mode, asks for one frame. */
  requestRead(): i32 { return this.send(READ); }
  /** Fan off; frames stop. */
  sleep(): i32 { return this.send(SLEEP); }
  /** Fan on; readings are stable 30 s later (PDS). */
  wake(): i32 { return this.send(WAKE); }

  close(): void {
    this.uart.stopReceive();
  }

  // -----------------------------------------------------------------------------

  private send(command: StaticArray<u8>): i32 {
    return this.uart.write(changetype<usize>(command), command.length);
  }

  /** One byte into the frame state machine; true when it completed a good data frame. */
  private feed(b: i32): bool {
    const i = this.index;
    if (i == 0) {
      if (b == START_1) { store<u8>(frame, <u8>b); this.index = 1; }
      return false;
    }
    if (i == 1) {
      if (b == START_2) { store<u8>(frame + 1, <u8>b); this.index = 2; }
      else this.index = b == START_1 ? 1 : 0;
      return false;
    }
    store<u8>(frame + <usize>i, <u8>b);
    this.index = i + 1;
    if (this.index < 4) return false;
    if (this.index == 4) {
      const length = this.word(2);
      if (length == DATA_LENGTH) this.expected = FRAME_BYTES;
      else if (length == REPLY_LENGTH) this.expected = REPLY_BYTES;
      else {
        this.lengthErrors++;
        this.index = b == START_1 ? 1 : 0;
      }
      return false;
    }
    if (this.index < this.expected) return false;
    this.index = 0;
    const end = this.expected - 2;
    let sum = 0;
    for (let k = 0; k < end; k++) sum += <i32>load<u8>(frame + <usize>k);
    if ((sum & 0xffff) != this.word(end)) {
      this.checksumErrors++;
      return false;
    }
    if (this.expected == REPLY_BYTES) {
      this.lastReply = <i32>load<u8>(frame + 4);
      return false;
    }
    const r = this.record;
    r.pm1Standard = this.word(4);
    r.pm25Standard = this.word(6);
    r.pm10Standard = this.word(8);
    r.pm1 = this.word(10);
    r.pm25 = this.word(12);
    r.pm10 = this.word(14);
    r.count03 = this.word(16);
    r.count05 = this.word(18);
    r.count10 = this.word(20);
    r.count25 = this.word(22);
    r.count50 = this.word(24);
    r.count100 = this.word(26);
    r.version = <i32>load<u8>(frame + 28);
    r.errorCode = <i32>load<u8>(frame + 29);
    r.timeUs = this.lastByteUs;
    this.have = true;
    this.frames++;
    return true;
  }

  private word(at: i32): i32 {
    return (<i32>load<u8>(frame + <usize>at) << 8) | <i32>load<u8>(frame + <usize>at + 1);
  }
}
