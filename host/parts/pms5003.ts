// Plantower PMS5003 particle sensor on a UART at 9600 8N1 (PMS5003 data
// manual v2.3, "PDS"; command replies as observed by host programs: FU, EH,
// PY in the fact sheet). Bus face: active frames every 2.3 s, passive mode
// and read, sleep and wake. SET and RESET pins are not modelled (held high).

import {
  COMMAND_BYTES,
  encodeFrame,
  encodeReply,
  pmsChecksum,
  PMS_COMMAND,
  START_1,
  START_2,
  type PmsReading,
} from "./pms5003-frame.js";
import { hex, Noise, PartFaults, valueOf, type PartHost, type Provider, type UartLine, type UartPart } from "./part.js";
import type { Alarm } from "../time/clock.js";

export interface PmLevels {
  /** PM1.0, PM2.5 and PM10 mass concentration, µg/m³. */
  readonly pm1: number;
  readonly pm25: number;
  readonly pm10: number;
}

export interface Pms5003Options {
  /** The air the sensor samples: fixed levels or a world model (default 5 / 8 / 10 µg/m³). */
  readonly pm?: Provider<PmLevels>;
  /**
   * Relative noise of 2 % before rounding to whole µg/m³ (a Sail choice; PDS gives consistency only). Default true;
   * world providers bring their own.
   */
  readonly noise?: boolean;
  readonly seed?: number;
}

export const PMS5003_BAUD = 9600; // PDS: UART 9600 8N1
/**
 * Active mode, "stable" interval between frames (PDS, quoted in FU README). Fast 200–800 ms updates on quick changes
 * are not modelled.
 */
export const ACTIVE_INTERVAL_US = 2_300_000;
/** After wake, data are stable only after the fan has run this long (PDS; EH waits 30 s). */
export const SETTLE_US = 30_000_000;
/** From a command's last byte to the reply's first (a Sail choice; PDS gives none). */
export const REPLY_DELAY_US = 10_000;
const NOISE_RELATIVE = 0.02;
/** Word 13 as seen on parts: version 0x97, error 0x00 (docs/reference/boards-and-parts.md §7, obs.). */
const VERSION = 0x97;
/**
 * Particle counts per 0.1 L per µg/m³ of PM2.5 (> 0.3, 0.5, 1.0, 2.5 µm) and per
 * µg/m³ of coarse PM10 − PM2.5 (> 5, 10 µm): a Sail choice scaled from the
 * fact sheet's reference frame (PM2.5 8 → 210, 70, 45, 30). Set `counts` to override.
 */
const FINE_COUNTS = [26.25, 8.75, 5.625, 3.75] as const;
const COARSE_COUNTS = [0.5, 0.1] as const;

export class Pms5003 implements UartPart {
  readonly name = "PMS5003";
  readonly baud = PMS5003_BAUD;
  /**
   * Faults a test injects: `badChecksums` (corrupt frames), `stuck` (repeat the last values), `silent` (send nothing).
   */
  readonly faults = new PartFaults();
  /** Particle counts to report instead of the ones derived from PM, or null. */
  counts: readonly [number, number, number, number, number, number] | null = null;
  #pm: Provider<PmLevels>;
  readonly #noiseOn: boolean;
  readonly #seed: number | undefined;
  #noise: Noise | null = null;
  #host: PartHost | null = null;
  #line: UartLine | null = null;
  #active = true; // power-up default (PDS appendix II)
  #asleep = false;
  #wokeUs = Number.NEGATIVE_INFINITY;
  #nextFrame: Alarm | null = null;
  #rx: number[] = [];
  #last: PmsReading | null = null;
  /** Frames sent since attached. */
  framesSent = 0;

  constructor(options: Pms5003Options = {}) {
    this.#pm = options.pm ?? { pm1: 5, pm25: 8, pm10: 10 };
    this.#noiseOn = options.noise ?? true;
    this.#seed = options.seed;
  }

  // --- test face -----------------------------------------------------------------------

  /** PM levels in the air now, µg/m³: fixed, or a function a world model provides (called for each frame). */
  get pm(): PmLevels {
    return valueOf(this.#pm);
  }

  set pm(p: Provider<PmLevels>) {
    if (typeof p !== "function") checkLevels(p);
    this.#pm = p;
  }

  set pm1(v: number) {
    this.pm = { ...this.pm, pm1: v };
  }
  set pm25(v: number) {
    this.pm = { ...this.pm, pm25: v };
  }
  set pm10(v: number) {
    this.pm = { ...this.pm, pm10: v };
  }

  get mode(): "active" | "passive" {
    return this.#active ? "active" : "passive";
  }

  get asleep(): boolean {
    return this.#asleep;
  }

  /** Whether the fan has run long enough since the last wake for stable data. */
  get settled(): boolean {
    return !this.#asleep && this.#now() - this.#wokeUs >= SETTLE_US;
  }

  /** Sends raw bytes on the part's TX (line noise, a partial frame) to test a parser. */
  sendRaw(bytes: ArrayLike<number>, startUs = this.#now()): void {
    this.#line?.send(Uint8Array.from(bytes), startUs);
  }

  // --- bus face ----------------------------------------------------------------------------

  connect(host: PartHost, line: UartLine): void {
    this.#host = host;
    this.#line = line;
    this.#noise = new Noise(this.#seed ?? host.seed);
    this.#schedule(host.now() + ACTIVE_INTERVAL_US);
  }

  receive(byte: number, atUs: number): void {
    const rx = this.#rx;
    // Resync on 42 4D: a byte that cannot continue a command starts over.
    if ((rx.length === 0 && byte !== START_1) || (rx.length === 1 && byte !== START_2)) {
      rx.length = 0;
      if (byte === START_1) rx.push(byte);
      return;
    }
    rx.push(byte);
    if (rx.length < COMMAND_BYTES) return;
    const command = rx.splice(0, COMMAND_BYTES);
    // a bad command is ignored
    if ((((command[5] ?? 0) << 8) | (command[6] ?? 0)) !== pmsChecksum(command, 0, 5)) return;
    this.#command(command[2] ?? 0, ((command[3] ?? 0) << 8) | (command[4] ?? 0), atUs);
  }

  // -----------------------------------------------------------------------------------------

  #command(cmd: number, data: number, atUs: number): void {
    const replyAt = atUs + REPLY_DELAY_US;
    if (this.#asleep && !(cmd === PMS_COMMAND.SLEEP && data === 1)) return; // asleep: only wake is heard
    if (cmd === PMS_COMMAND.MODE && (data === 0 || data === 1)) {
      this.#active = data === 1;
      this.#send(encodeReply(cmd, data), replyAt);
      if (this.#active) this.#schedule(replyAt + ACTIVE_INTERVAL_US);
      else this.#host?.clock.cancel(this.#nextFrame);
    } else if (cmd === PMS_COMMAND.READ && data === 0) {
      if (!this.#active) this.#send(this.#frame(atUs), replyAt); // passive only (PDS appendix II)
    } else if (cmd === PMS_COMMAND.SLEEP && data === 0) {
      this.#send(encodeReply(cmd, data), replyAt);
      this.#asleep = true;
      this.#host?.clock.cancel(this.#nextFrame);
    } else if (cmd === PMS_COMMAND.SLEEP && data === 1) {
      // Wake: no reply; the fan starts and frames resume in active mode.
      if (!this.#asleep) return;
      this.#asleep = false;
      this.#wokeUs = atUs;
      if (this.#active) this.#schedule(atUs + ACTIVE_INTERVAL_US);
    } else {
      this.#host?.warn(`PMS5003 at ${this.#host.where}: command ${hex(cmd)} with data ${hex(data, 4)} not implemented`);
    }
  }

  #schedule(at: number): void {
    const host = this.#host;
    if (host === null) return;
    host.clock.cancel(this.#nextFrame);
    // The part sends on its own: an input alarm, so its bytes arrive even while a handler blocks.
    this.#nextFrame = host.clock.input(Math.ceil(at), () => {
      this.#nextFrame = null;
      if (!this.#active || this.#asleep) return;
      this.#send(this.#frame(host.clock.now), host.clock.now);
      this.#schedule(at + ACTIVE_INTERVAL_US);
    });
  }

  #send(bytes: Uint8Array, atUs: number): void {
    if (this.faults.silent) return;
    this.framesSent += bytes.length === 32 ? 1 : 0;
    this.#line?.send(bytes, atUs);
  }

  /**
   * A data frame of the air now: while the fan settles after wake, the chamber is not yet full and readings ramp up.
   */
  #frame(atUs: number): Uint8Array {
    if (!this.faults.stuck || this.#last === null) {
      const air = this.pm;
      checkLevels(air);
      const settling = Math.min(1, Math.max(0, (atUs - this.#wokeUs) / SETTLE_US));
      const v = (x: number): number =>
        Math.max(
          0,
          Math.round(x * settling * (1 + (this.#noiseOn ? (this.#noise?.gaussian(NOISE_RELATIVE) ?? 0) : 0))),
        );
      const pm1 = v(air.pm1);
      const pm25 = v(air.pm25);
      const pm10 = v(air.pm10);
      const coarse = Math.max(0, pm10 - pm25);
      const [f03, f05, f10, f25] = FINE_COUNTS;
      const [c50, c100] = COARSE_COUNTS;
      const counts: PmsReading["counts"] = this.counts ?? [
        Math.round(f03 * pm25),
        Math.round(f05 * pm25),
        Math.round(f10 * pm25),
        Math.round(f25 * pm25),
        Math.round(c50 * coarse),
        Math.round(c100 * coarse),
      ];
      // CF=1 and atmospheric words carry the same values: their divergence above about 30 µg/m³ on real parts is not
      // modelled.
      this.#last = {
        pm1Standard: pm1,
        pm25Standard: pm25,
        pm10Standard: pm10,
        pm1,
        pm25,
        pm10,
        counts,
        version: VERSION,
        errorCode: 0,
      };
    }
    const frame = encodeFrame(this.#last);
    if (this.faults.takeBadChecksum()) frame[31] = (frame[31] ?? 0) ^ 0xff;
    return frame;
  }

  #now(): number {
    return this.#host?.now() ?? 0;
  }
}

function checkLevels(p: PmLevels): void {
  for (const [k, v] of Object.entries(p)) {
    if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`PMS5003 ${k} ${v} µg/m³ must be a number, 0 or more`);
  }
}
