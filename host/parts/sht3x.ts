// Sensirion SHT3x-DIS humidity and temperature sensor on I2C (SHT3x-DIS
// datasheet, "SDS", §4; alert limits from Sensirion's "Alert Mode of
// SHT3x-DIS" application note). Bus face: the 16-bit command set, single-shot
// and periodic measurements, clock stretching, CRC-8 on every word.

import { crc8Word } from "./crc8.js";
import { I2cPartBase } from "./i2c-part.js";
import { hex, Noise, valueOf, type I2cByte, type PartHost, type Provider } from "./part.js";

export interface Sht3xEnvironment {
  readonly temperatureC: number;
  readonly humidityPct: number;
}

export interface Sht3xOptions {
  /** 0x44 (ADDR low, the default) or 0x45 (ADDR high) (SDS Table 7). */
  readonly address?: 0x44 | 0x45;
  /** What the sensor feels at first: fixed values or a world model (default 25 °C, 40 %RH). */
  readonly environment?: Provider<Sht3xEnvironment>;
  /**
   * Measurement noise at the repeatability the command asks for (default true). World providers bring their own: pass
   * false there.
   */
  readonly noise?: boolean;
  /** Seed of the noise (default: from the board's seed and where the part sits). */
  readonly seed?: number;
}

export type Repeatability = "high" | "medium" | "low";

// --- SDS §4 command set --------------------------------------------------------
/** Single shot: code → repeatability and clock stretching (SDS Table 9). */
const SINGLE_SHOT: ReadonlyMap<number, { readonly rep: Repeatability; readonly stretch: boolean }> = new Map([
  [0x2c06, { rep: "high", stretch: true }],
  [0x2c0d, { rep: "medium", stretch: true }],
  [0x2c10, { rep: "low", stretch: true }],
  [0x2400, { rep: "high", stretch: false }],
  [0x240b, { rep: "medium", stretch: false }],
  [0x2416, { rep: "low", stretch: false }],
]);
/** Periodic: code → measurements per second and repeatability (SDS Table 10; ART Table 12 runs at 4 Hz). */
const PERIODIC: ReadonlyMap<number, { readonly mps: number; readonly rep: Repeatability }> = new Map([
  [0x2032, { mps: 0.5, rep: "high" }],
  [0x2024, { mps: 0.5, rep: "medium" }],
  [0x202f, { mps: 0.5, rep: "low" }],
  [0x2130, { mps: 1, rep: "high" }],
  [0x2126, { mps: 1, rep: "medium" }],
  [0x212d, { mps: 1, rep: "low" }],
  [0x2236, { mps: 2, rep: "high" }],
  [0x2220, { mps: 2, rep: "medium" }],
  [0x222b, { mps: 2, rep: "low" }],
  [0x2334, { mps: 4, rep: "high" }],
  [0x2322, { mps: 4, rep: "medium" }],
  [0x2329, { mps: 4, rep: "low" }],
  [0x2737, { mps: 10, rep: "high" }],
  [0x2721, { mps: 10, rep: "medium" }],
  [0x272a, { mps: 10, rep: "low" }],
  [0x2b32, { mps: 4, rep: "high" }], // ART (SDS Table 12)
]);
const FETCH = 0xe000; // SDS Table 11
const BREAK = 0x3093; // SDS Table 13
const SOFT_RESET = 0x30a2; // SDS Table 14
const HEATER_ON = 0x306d; // SDS Table 16
const HEATER_OFF = 0x3066; // SDS Table 16
const READ_STATUS = 0xf32d; // SDS Table 17
const CLEAR_STATUS = 0x3041; // SDS Table 19
const GENERAL_CALL_RESET = 0x06; // SDS Table 15, after address 0x00
/**
 * Alert limits, read and write codes of high set, high clear, low clear, low set (alert mode application note, Table
 * 2).
 */
const READ_LIMIT: ReadonlyMap<number, number> = new Map([
  [0xe11f, 0],
  [0xe114, 1],
  [0xe109, 2],
  [0xe102, 3],
]);
const WRITE_LIMIT: ReadonlyMap<number, number> = new Map([
  [0x611d, 0],
  [0x6116, 1],
  [0x610b, 2],
  [0x6100, 3],
]);

// --- timing (SDS Tables 4, 5; maxima at 2.4–5.5 V, so drivers that wait less are caught) ---
const MEASUREMENT_US: Readonly<Record<Repeatability, number>> = { high: 15_000, medium: 6_000, low: 4_000 };
const SOFT_RESET_US = 1_500; // SDS Table 5, max
const BREAK_US = 1_000; // SDS §4.8: 1 ms to abort and return to single-shot mode

/** Repeatability (3σ) per mode, °C and %RH (SDS Tables 1, 2). */
const REPEATABILITY: Readonly<Record<Repeatability, { readonly t: number; readonly rh: number }>> = {
  high: { t: 0.04, rh: 0.08 },
  medium: { t: 0.08, rh: 0.15 },
  low: { t: 0.15, rh: 0.21 },
};

// --- status register (SDS Table 18) ------------------------------------------
export const SHT3X_STATUS = {
  ALERT_PENDING: 1 << 15,
  HEATER: 1 << 13,
  RH_ALERT: 1 << 11,
  T_ALERT: 1 << 10,
  RESET_DETECTED: 1 << 4,
  COMMAND_FAILED: 1 << 1,
  WRITE_CRC_FAILED: 1 << 0,
} as const;
/** After any reset: alert pending and reset detected (SDS Table 18: 0x8010). */
const STATUS_AFTER_RESET = SHT3X_STATUS.ALERT_PENDING | SHT3X_STATUS.RESET_DETECTED;
/** What clear-status zeroes (SDS Table 19). */
const CLEARABLE =
  SHT3X_STATUS.ALERT_PENDING | SHT3X_STATUS.RH_ALERT | SHT3X_STATUS.T_ALERT | SHT3X_STATUS.RESET_DETECTED;

/** Temperature from a raw word, °C (SDS §4.13). */
export function sht3xTemperatureC(raw: number): number {
  return -45 + (175 * raw) / 65535;
}

/** Relative humidity from a raw word, % (SDS §4.13). */
export function sht3xHumidityPct(raw: number): number {
  return (100 * raw) / 65535;
}

/** The raw word the part reports for a temperature (clamped to the 16-bit range). */
export function sht3xRawTemperature(c: number): number {
  return clampWord(Math.round(((c + 45) * 65535) / 175));
}

export function sht3xRawHumidity(pct: number): number {
  return clampWord(Math.round((pct * 65535) / 100));
}

/** An alert limit word: the 7 MSBs of raw RH over the 9 MSBs of raw T (alert mode note §2.1). */
export function sht3xLimitWord(humidityPct: number, temperatureC: number): number {
  return (sht3xRawHumidity(humidityPct) & 0xfe00) | (sht3xRawTemperature(temperatureC) >> 7);
}

/**
 * Limits after reset: high set 80 %RH / 60 °C, high clear 79 / 58, low clear 22 / −9, low set 20 / −10 (alert mode
 * application note).
 */
const DEFAULT_LIMITS = [
  sht3xLimitWord(80, 60),
  sht3xLimitWord(79, 58),
  sht3xLimitWord(22, -9),
  sht3xLimitWord(20, -10),
];

type Mode =
  | { readonly kind: "idle" }
  | { readonly kind: "single"; readonly rep: Repeatability; readonly stretch: boolean; readonly readyUs: number }
  | {
      readonly kind: "periodic";
      readonly rep: Repeatability;
      readonly startUs: number;
      readonly periodUs: number;
      consumed: number;
    };

/** What the next read transfer returns. */
type Pointer = "none" | "measurement" | "fetch" | "status" | number;

/**
 * An SHT3x. Test face: `temperatureC`, `humidityPct` or an `environment`
 * provider; faults honoured: nackAddress, nackData, badChecksums (one word
 * each), stuck, stretchUs. Not modelled: the ALERT pin and tracking-alert
 * bits, the heater's warming (read `heaterOn` from a world model), serial number.
 */
export class Sht3x extends I2cPartBase {
  readonly name = "SHT3x";
  readonly maxHz = 1_000_000; // SDS §3: I2C up to 1 MHz
  #environment: Provider<Sht3xEnvironment>;
  readonly #noiseOn: boolean;
  readonly #seed: number | undefined;
  #noise: Noise | null = null;
  #mode: Mode = { kind: "idle" };
  #pointer: Pointer = "none";
  #status = STATUS_AFTER_RESET;
  #heater = false;
  #limits = [...DEFAULT_LIMITS];
  #busyUntilUs = 0;
  #command: number[] = [];
  #readout: number[] = [];
  #readIndex = 0;
  #stretchFirstUs = 0;
  #last: { t: number; rh: number } | null = null;

  constructor(options: Sht3xOptions = {}) {
    super(options.address ?? 0x44);
    if (this.address !== 0x44 && this.address !== 0x45)
      throw new RangeError(
        `SHT3x address ${hex(this.address)}: the part answers at 0x44 (ADDR low) or 0x45 (ADDR high)`,
      );
    this.#environment = options.environment ?? { temperatureC: 25, humidityPct: 40 };
    this.#noiseOn = options.noise ?? true;
    this.#seed = options.seed;
  }

  // --- test face ---------------------------------------------------------------

  /** Air temperature at the sensor, °C. Setting it stops following a provider. */
  get temperatureC(): number {
    return valueOf(this.#environment).temperatureC;
  }

  set temperatureC(c: number) {
    if (!Number.isFinite(c)) throw new RangeError(`SHT3x temperature ${c} °C is not a number`);
    this.#environment = { temperatureC: c, humidityPct: this.humidityPct };
  }

  /** Relative humidity at the sensor, % (0–100). Setting it stops following a provider. */
  get humidityPct(): number {
    return valueOf(this.#environment).humidityPct;
  }

  set humidityPct(pct: number) {
    if (!(pct >= 0 && pct <= 100)) throw new RangeError(`SHT3x humidity ${pct} %RH is outside 0–100 %RH`);
    this.#environment = { temperatureC: this.temperatureC, humidityPct: pct };
  }

  /** Both values at once, or a function a world model provides (called at each measurement). */
  get environment(): Sht3xEnvironment {
    return valueOf(this.#environment);
  }

  set environment(p: Provider<Sht3xEnvironment>) {
    this.#environment = p;
  }

  get heaterOn(): boolean {
    return this.#heater;
  }

  /** "idle", "single" (a single shot under way or unread) or "periodic". */
  get mode(): Mode["kind"] {
    return this.#mode.kind;
  }

  /** The status register as a status read would return it. */
  get statusRegister(): number {
    return this.#status | (this.#heater ? SHT3X_STATUS.HEATER : 0);
  }

  // --- bus face ------------------------------------------------------------------

  generalCall(byte: number, atUs: number): boolean {
    if (byte !== GENERAL_CALL_RESET) return false;
    this.#reset(atUs);
    return true;
  }

  protected override onConnect(host: PartHost): void {
    this.#noise = new Noise(this.#seed ?? host.seed);
  }

  protected onStart(read: boolean, atUs: number): boolean {
    if (atUs < this.#busyUntilUs) return false; // resetting or stopping: no ACK
    this.#command = [];
    if (!read) {
      // A single shot still measuring NACKs its read header (SDS §4.4); Sail has it NACK write headers too.
      return !(this.#mode.kind === "single" && atUs < this.#mode.readyUs && !this.#mode.stretch);
    }
    return this.#startReadout(atUs);
  }

  protected onWrite(byte: number, atUs: number): boolean {
    const cmd = this.#command;
    cmd.push(byte & 0xff);
    if (cmd.length < 2) return true;
    const code = ((cmd[0] ?? 0) << 8) | (cmd[1] ?? 0);
    if (cmd.length === 2) {
      if (WRITE_LIMIT.has(code)) return this.#accept(code, true); // data and CRC follow
      return this.#accept(code, false) && this.#execute(code, atUs);
    }
    if (!WRITE_LIMIT.has(code) || cmd.length > 5) return false;
    if (cmd.length < 5) return true;
    const word = ((cmd[2] ?? 0) << 8) | (cmd[3] ?? 0);
    if (crc8Word(word) !== cmd[4]) {
      this.#status |= SHT3X_STATUS.WRITE_CRC_FAILED | SHT3X_STATUS.COMMAND_FAILED;
      return false;
    }
    this.#status &= ~(SHT3X_STATUS.WRITE_CRC_FAILED | SHT3X_STATUS.COMMAND_FAILED);
    this.#limits[WRITE_LIMIT.get(code) ?? 0] = word;
    return true;
  }

  protected onRead(atUs: number): I2cByte {
    const i = this.#readIndex++;
    const byte = this.#readout[i] ?? 0xff; // past the last CRC the line floats high
    if (i === 0 && this.#stretchFirstUs > 0) return { byte, stretchUs: Math.max(0, this.#stretchFirstUs - atUs) };
    return { byte };
  }

  protected onStop(): void {
    this.#command = [];
    this.#readout = [];
    this.#readIndex = 0;
    this.#stretchFirstUs = 0;
  }

  // -------------------------------------------------------------------------------

  /** Whether the part takes `code` now; unknown and refused commands NACK and set "command failed". */
  #accept(code: number, withData: boolean): boolean {
    const known =
      withData ||
      SINGLE_SHOT.has(code) ||
      PERIODIC.has(code) ||
      READ_LIMIT.has(code) ||
      [FETCH, BREAK, SOFT_RESET, HEATER_ON, HEATER_OFF, READ_STATUS, CLEAR_STATUS].includes(code);
    if (!known) {
      this.notImplemented(`command ${hex(code, 4)}`);
      this.#status |= SHT3X_STATUS.COMMAND_FAILED;
      return false;
    }
    // In periodic mode only fetch and break are taken (SDS §4.8: send break before any other command).
    if (this.#mode.kind === "periodic" && code !== FETCH && code !== BREAK) {
      this.#status |= SHT3X_STATUS.COMMAND_FAILED;
      return false;
    }
    if (code !== READ_STATUS && !withData) this.#status &= ~SHT3X_STATUS.COMMAND_FAILED;
    return true;
  }

  #execute(code: number, atUs: number): boolean {
    const single = SINGLE_SHOT.get(code);
    const periodic = PERIODIC.get(code);
    if (single !== undefined) {
      this.#mode = {
        kind: "single",
        rep: single.rep,
        stretch: single.stretch,
        readyUs: atUs + MEASUREMENT_US[single.rep],
      };
      this.#pointer = "measurement";
    } else if (periodic !== undefined) {
      this.#mode = { kind: "periodic", rep: periodic.rep, startUs: atUs, periodUs: 1e6 / periodic.mps, consumed: -1 };
      this.#pointer = "none";
    } else if (code === FETCH) {
      this.#pointer = this.#mode.kind === "periodic" ? "fetch" : "none";
    } else if (code === BREAK) {
      this.#mode = { kind: "idle" };
      this.#pointer = "none";
      this.#busyUntilUs = atUs + BREAK_US;
    } else if (code === SOFT_RESET) {
      this.#reset(atUs);
    } else if (code === HEATER_ON || code === HEATER_OFF) {
      this.#heater = code === HEATER_ON;
    } else if (code === READ_STATUS) {
      this.#pointer = "status";
    } else if (code === CLEAR_STATUS) {
      this.#status &= ~CLEARABLE;
    } else {
      this.#pointer = READ_LIMIT.get(code) ?? "none";
    }
    return true;
  }

  #reset(atUs: number): void {
    this.#mode = { kind: "idle" };
    this.#pointer = "none";
    this.#heater = false; // SDS §4.10: the heater is off after any reset
    this.#status = STATUS_AFTER_RESET;
    this.#limits = [...DEFAULT_LIMITS];
    this.#busyUntilUs = atUs + SOFT_RESET_US;
  }

  /** The read header: ACK with the bytes prepared, or NACK when there is nothing to read yet. */
  #startReadout(atUs: number): boolean {
    const pointer = this.#pointer;
    const mode = this.#mode;
    this.#readIndex = 0;
    this.#stretchFirstUs = 0;
    if (pointer === "measurement" && mode.kind === "single") {
      // Stretch off: NACK until the result exists. Stretch on: ACK, then hold SCL until it does (SDS §4.4).
      if (atUs < mode.readyUs && !mode.stretch) return false;
      if (mode.stretch) this.#stretchFirstUs = mode.readyUs;
      this.#readout = this.#measurementBytes(mode.rep);
      this.#mode = { kind: "idle" };
      this.#pointer = "none";
      return true;
    }
    if (pointer === "fetch" && mode.kind === "periodic") {
      // Fetch clears the data memory whether or not there was data (SDS §4.6).
      this.#pointer = "none";
      const latest = Math.floor((atUs - mode.startUs - MEASUREMENT_US[mode.rep]) / mode.periodUs);
      if (latest < 0 || latest <= mode.consumed) return false;
      mode.consumed = latest;
      this.#readout = this.#measurementBytes(mode.rep);
      return true;
    }
    if (pointer === "status") {
      this.#readout = this.#word(this.statusRegister);
      this.#pointer = "none";
      return true;
    }
    if (typeof pointer === "number") {
      this.#readout = this.#word(this.#limits[pointer] ?? 0);
      this.#pointer = "none";
      return true;
    }
    return false;
  }

  #measurementBytes(rep: Repeatability): number[] {
    if (!this.faults.stuck || this.#last === null) {
      const env = this.environment;
      const noise = this.#noiseOn ? REPEATABILITY[rep] : { t: 0, rh: 0 };
      const t = env.temperatureC + (this.#noise?.gaussian(noise.t / 3) ?? 0);
      const rh = Math.min(100, Math.max(0, env.humidityPct + (this.#noise?.gaussian(noise.rh / 3) ?? 0)));
      this.#last = { t: sht3xRawTemperature(t), rh: sht3xRawHumidity(rh) };
    }
    return [...this.#word(this.#last.t), ...this.#word(this.#last.rh)];
  }

  /** A word MSB first and its CRC, corrupted when a test asked for bad CRCs. */
  #word(word: number): number[] {
    const crc = crc8Word(word);
    return [(word >> 8) & 0xff, word & 0xff, this.faults.takeBadChecksum() ? crc ^ 0xff : crc];
  }
}

function clampWord(n: number): number {
  return Math.min(0xffff, Math.max(0, n));
}
