// A flashed board as a test drives it: virtual time, pins and buttons, logs,
// the pin trace and its VCD, resets, MIoT over a virtual LAN, and slots for
// sensor part models and a physical world. Everything that lets virtual time
// pass returns a promise (docs/decisions.md D63); failures name the virtual time and
// quote the board's last log lines.

import { writeFile } from "node:fs/promises";
import type { Board, BoardState, LogLine } from "../board/board.js";
import type { ResetReason, ResetRecord } from "../firmware/faults.js";
import type { MiotIdentity } from "../miot/board-device.js";
import type { BoardProfile } from "../boards/profile.js";
import type { TraceEntry } from "../trace/pin-trace.js";
import type { I2cPart, UartPart } from "../parts/part.js";
import { settled } from "../time/settled.js";
import { boardVcd } from "../trace/vcd.js";
import { batteryLifeDays, type EnergyReport } from "../power/energy.js";
import { SailError, TimeoutError } from "../errors.js";
import type { FlashedImage } from "../flash/flash.js";
import { SeededRandom } from "../random.js";
import { VirtualLan, type VirtualLanOptions } from "../miot/virtual-lan.js";
import { formatDuration, toMicros, type Duration } from "../time/duration.js";
import type { Manifest } from "../flash/manifest.js";
import { OTA_STATE_NAMES, type OtaStateName } from "../ota/states.js";
import { PinExpectation } from "./expect-pin.js";
import { firmwareBytes, type Firmware } from "./firmware.js";
import { TestMiot, type MiotClientOptions } from "./miot.js";
import { isNotImplemented, NotImplementedError, type Watched } from "./not-implemented.js";
import { TestButton, TestPin } from "./pins.js";
import { at, boardContext, trimStack } from "./report.js";

/** The virtual LAN `miot()` clients use: latency, seeded jitter and loss. */
export type LanOptions = Omit<VirtualLanOptions, "random">;

export interface TestBoardOptions<W> {
  /** A "not implemented" log line does not fail the test. */
  readonly allowNotImplemented?: boolean;
  readonly lan?: LanOptions;
  /** Seeds the virtual LAN's jitter and loss (default 1). */
  readonly seed?: number;
  readonly world?: W;
}

/** Where the board sits on the virtual LAN. */
export const DEVICE_ADDRESS = "10.0.0.2:54321";
const CLIENT_HOST = "10.0.0.100";
const CLIENT_PORT = 50000;

export class TestBoard<W = undefined> implements Watched {
  /** The physical world this board lives in (room, light, air), if the test gave one. */
  readonly world: W | undefined;
  readonly #allowNotImplemented: boolean;
  readonly #lanOptions: LanOptions;
  readonly #seed: number;
  #lan: VirtualLan | null = null;
  #clients = 0;
  /** Log lines before this position (counted from the board's first line ever) were checked for "not implemented". */
  #checked = 0;
  /** waitForLog searches from this position (counted from the board's first line ever). */
  #logCursor = 0;

  /** When the board was powered on: at 0 µs, and at each powerOn(). */
  readonly #powerOnsUs: number[] = [0];

  constructor(
    readonly board: Board,
    options: TestBoardOptions<W> = {},
  ) {
    this.world = options.world;
    this.#allowNotImplemented = options.allowNotImplemented ?? false;
    this.#lanOptions = options.lan ?? {};
    this.#seed = options.seed ?? 1;
  }

  // --- what the board is and knows ------------------------------------------

  /** Virtual time in µs since power-on. */
  get now(): number {
    return this.board.now;
  }

  get profile(): BoardProfile {
    return this.board.profile;
  }

  get image(): FlashedImage {
    const image = this.board.image;
    if (image === null) throw new SailError("nothing is flashed on this board");
    return image;
  }

  /** did, token, MAC: the board's MIoT identity. */
  get identity(): MiotIdentity {
    return this.board.identity;
  }

  /** "running", "off" (between a reset and its reboot) or "halted" (boot loop). */
  get state(): BoardState {
    return this.board.state;
  }

  /** Why the board last (re)booted: POWERON, SW, PANIC, TASK_WDT ... */
  get resetReason(): ResetReason {
    return this.board.resetReason;
  }

  /**
   * Every reset since the test began, in time order: time, reason, message,
   * wasm function, event. The power-on resets count too, as the boot log and
   * `resetReason` count them: the first record is the board's power-on at 0 µs,
   * and each `powerOn()` adds one (reason POWERON).
   */
  get resets(): readonly ResetRecord[] {
    const powerOns = this.#powerOnsUs.map((timeUs): ResetRecord => ({
      timeUs,
      reason: "POWERON",
      message: "power on",
      function: null,
      during: "power-on",
    }));
    return [...powerOns, ...this.board.resets].sort((a, b) => a.timeUs - b.timeUs);
  }

  /**
   * Log lines, the firmware's ("app") and the board's, with virtual
   * timestamps: the newest `keep.logLines` (default 10,000); `kept` says how
   * many older ones were dropped.
   */
  get logs(): readonly LogLine[] {
    return this.board.logs;
  }

  /** Log lines whose text matches: a substring or a RegExp. */
  logsMatching(pattern: string | RegExp): LogLine[] {
    return this.board.logs.filter((l) => matches(l.text, pattern));
  }

  /**
   * Pin changes, levels and PWM duty/frequency changes: the newest
   * `keep.pinChanges` (default 100,000); `kept` says how many older ones were dropped.
   */
  get trace(): readonly TraceEntry[] {
    return this.board.trace.entries;
  }

  /** How many pin changes, log lines and resets the board keeps, holds now, dropped and recorded in all. */
  get kept(): Board["kept"] {
    return this.board.kept;
  }

  /** Whether the on-board LED is lit (null if the board has none). */
  get led(): boolean | null {
    return this.board.ledOn;
  }

  /**
   * The pin activity so far as a Value Change Dump (GTKWave, PulseView,
   * Surfer); fails if older changes were dropped.
   */
  vcd(): string {
    this.board.trace.requireAfter(0, "vcd()");
    return boardVcd(this.board);
  }

  async writeVcd(file: string): Promise<void> {
    await writeFile(file, this.vcd());
  }

  /**
   * Energy drawn so far (the profile's currents per power state) and, given
   * a capacity in mAh, the battery's life in days.
   */
  energy(capacityMah?: number): EnergyReport & { readonly batteryDays: number | null } {
    const report = this.board.energy.report();
    return { ...report, batteryDays: capacityMah === undefined ? null : batteryLifeDays(report, capacityMah) };
  }

  // --- virtual time -----------------------------------------------------------

  /** Runs everything due within `d` ("10ms", "1.5s", "10 min", or µs). */
  async advance(d: Duration): Promise<void> {
    await this.board.advance(d);
  }

  /**
   * Runs until `condition()` holds (checked after every event); rejects with
   * a TimeoutError naming `what` if it does not within `timeout`.
   */
  async runUntil(condition: () => boolean, timeout: Duration, what = "the condition"): Promise<void> {
    const from = this.now;
    const us = toMicros(timeout);
    try {
      await this.board.runUntil(condition, us, what);
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      throw trimStack(
        new TimeoutError(
          `runUntil: ${what} did not happen within ${formatDuration(us)} of virtual time ` +
            `(${at(from)} to ${at(from + us)})\n${this.context()}`,
        ),
      );
    }
  }

  /**
   * Runs the board until `promise` settles and returns its outcome: for
   * anything that resolves through the board's clock (a MIoT client's call).
   */
  async settle<T>(promise: Promise<T>, timeout: Duration = "60s", what = "the promise"): Promise<T> {
    let done = false as boolean; // set by the finally callback, which TypeScript's narrowing does not see
    const watched = promise.finally(() => {
      done = true;
    });
    watched.catch(() => {
      /* reported to whoever awaits the result */
    });
    const from = this.now;
    const deadline = from + toMicros(timeout);
    const clock = this.board.clock;
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve)); // let settled promises run their callbacks
      if (done) return watched;
      if (!clock.step(deadline)) break;
    }
    clock.moveTo(deadline);
    throw trimStack(
      new TimeoutError(
        `${what} did not settle within ${formatDuration(deadline - from)} of virtual time ` +
          `(to ${at(deadline)})\n${this.context()}`,
      ),
    );
  }

  /**
   * Runs until a log line matches `pattern` and returns it. Lines are searched
   * from just after the last line an earlier waitForLog returned (from the
   * first line at the start), so lines logged during an `advance` count.
   */
  async waitForLog(pattern: string | RegExp, timeout: Duration = "10s"): Promise<LogLine> {
    let found: LogLine | undefined;
    let next = this.#logCursor; // the first line this call has not looked at yet
    const look = (): boolean => {
      const logs = this.board.logs;
      const first = this.board.kept.logLines.total - logs.length; // the position of logs[0]
      if (next < first) throw this.#logsDropped(first - next, "waitForLog");
      for (let i = next - first; i < logs.length; i++) {
        const line = logs[i] as LogLine;
        if (matches(line.text, pattern)) {
          found = line;
          this.#logCursor = first + i + 1;
          return true;
        }
      }
      next = first + logs.length;
      return false;
    };
    await this.runUntil(look, timeout, `a log line matching ${describePattern(pattern)}`);
    return found as LogLine;
  }

  /** Runs until the board resets next and returns the record (reason, message, function). */
  async waitForReset(timeout: Duration = "10s"): Promise<ResetRecord> {
    const before = this.board.resets.length;
    await this.runUntil(() => this.board.resets.length > before, timeout, "a reset");
    return this.board.resets[before] as ResetRecord;
  }

  // --- pins -------------------------------------------------------------------

  pin(gpio: number): TestPin {
    return new TestPin(this, gpio);
  }

  /** A button of the board profile by name ("boot"), or one wired to a GPIO (to ground unless activeLow: false). */
  button(which: string | number = "boot", options: { readonly activeLow?: boolean } = {}): TestButton {
    if (typeof which === "number") return new TestButton(this, which, options.activeLow ?? true);
    const b = this.board.button(which);
    return new TestButton(this, b.gpio, b.activeLow);
  }

  /** Expectations on a pin: `toBe(1)`, `await toggles(4, "2s")`, `toHaveDuty(0.5)` ... */
  expectPin(gpio: number): PinExpectation {
    return new PinExpectation(this, gpio);
  }

  // --- power and images ---------------------------------------------------------

  /** Power-on reset: the firmware boots from scratch (the reset reason becomes POWERON; `resets` records it). */
  powerOn(): Promise<void> {
    this.#powerOnsUs.push(this.board.now);
    return settled(() => this.board.powerOn());
  }

  /**
   * Flashes another image (a .wasm, project folder or bytes) onto this board
   * (identity and MIoT session stay) and boots it.
   */
  async reflash(image: Firmware): Promise<FlashedImage> {
    const { bytes, file } = await firmwareBytes(image, "reflash");
    return this.board.flash(bytes, file);
  }

  /**
   * An over-the-air update (signed: `signUpdate`): checked against the key
   * given to `flash({ otaKey })`, board, ABI and version, written to the
   * inactive app slot, then a running board restarts into it on trial and
   * this resolves once it has booted; a board in deep sleep boots it at its
   * next wake. A refusal throws OtaError with the reason (`reason`:
   * "unsigned", "downgrade" ...).
   */
  async update(image: Uint8Array | string): Promise<Manifest> {
    const wasRunning = this.board.state === "running";
    const manifest = await this.board.update(image);
    if (wasRunning) await this.runUntil(() => this.board.state !== "off", "10 s", "the update to boot");
    return manifest;
  }

  /**
   * The running image's OTA state: "PENDING_VERIFY" on trial, "VALID" once
   * confirmed, "UNDEFINED" when flashed directly.
   */
  get otaState(): OtaStateName {
    const name = OTA_STATE_NAMES.get(this.board.otaState);
    if (name === undefined)
      throw new SailError(`otaState: the board reports ${this.board.otaState}, which is not an OTA_STATE`);
    return name;
  }

  // --- MIoT ---------------------------------------------------------------------

  /** A new MIoT client on the board's virtual LAN; its calls resolve in virtual time. */
  miot(options: MiotClientOptions = {}): TestMiot {
    const device = this.board.miot;
    if (device === null) {
      throw new SailError(
        `miot(): ${this.board.image?.file ?? "the image"} carries no MIoT spec; ` +
          `add "spec": "spec.json" to sail.json and rebuild`,
      );
    }
    if (this.#lan === null) {
      const random = new SeededRandom(this.#seed ^ 0x1a2); // its own generator: the firmware's draws stay as they were
      this.#lan = new VirtualLan(this.board.clock, { ...this.#lanOptions, random });
      device.attach(this.#lan, DEVICE_ADDRESS);
    }
    const address = `${CLIENT_HOST}:${CLIENT_PORT + this.#clients++}`;
    return new TestMiot(this, this.#lan, address, DEVICE_ADDRESS, options);
  }

  // --- sensor parts and the physical world ----------------------------------------

  /**
   * Attaches a part model (e.g. an SHT3x) to I2C port `port`; returns the
   * part, whose test face sets what it senses.
   */
  attachI2c<P extends I2cPart>(port: number, part: P): P {
    return this.board.attachI2c(port, part);
  }

  /** Attaches a part model (e.g. a PMS5003) to UART port `port`; returns the part. */
  attachUart<P extends UartPart>(port: number, part: P): P {
    return this.board.attachUart(port, part);
  }

  // --- "not implemented" --------------------------------------------------------

  /**
   * Throws now if the board logged "not implemented" since the last check
   * (the test API also checks after each test).
   */
  check(): void {
    const e = this.takeNotImplemented();
    if (e !== null) throw e;
  }

  takeNotImplemented(): NotImplementedError | null {
    const logs = this.board.logs;
    const total = this.board.kept.logLines.total;
    const fresh = logs.slice(Math.max(0, this.#checked - (total - logs.length))).filter(isNotImplemented);
    this.#checked = total;
    return fresh.length === 0 || this.#allowNotImplemented
      ? null
      : new NotImplementedError(this.board.profile.id, fresh);
  }

  #logsDropped(lines: number, what: string): SailError {
    const { capacity } = this.board.kept.logLines;
    return trimStack(
      new SailError(
        `${what}: ${lines.toLocaleString("en")} log line(s) it had not read yet were dropped: the board ` +
          `keeps only the newest ${capacity.toLocaleString("en")}; give it more with keep: { logLines: n } ` +
          `in flash()'s options`,
      ),
    );
  }

  /** The block failure messages end with: virtual time, state, resets, last log lines. */
  context(): string {
    return boardContext(this.board);
  }
}

function matches(text: string, pattern: string | RegExp): boolean {
  return typeof pattern === "string" ? text.includes(pattern) : text.search(pattern) >= 0;
}

function describePattern(pattern: string | RegExp): string {
  return typeof pattern === "string" ? JSON.stringify(pattern) : String(pattern);
}
