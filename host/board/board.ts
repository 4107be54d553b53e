// An emulated board: the composition root that builds clock, pads, PWM, ADC,
// timers and the firmware runtime from a profile, delivers events to the
// firmware, accounts device time and resets on faults as a real board would.

import { readFile } from "node:fs/promises";
import { EVENT_KIND, LOG_LEVEL, STATUS, type HostImports } from "../abi/table.js";
import type { FlashedImage } from "../flash/flash.js";
import { bindImports } from "../firmware/bindings.js";
import { Cpu } from "../firmware/cpu.js";
import { instantiate, type FirmwareExports } from "../firmware/instance.js";
import { readAsString, readUtf8 } from "../firmware/text.js";
import { Adc } from "../peripherals/adc.js";
import { Gpio } from "../peripherals/gpio.js";
import { Pwm } from "../peripherals/pwm.js";
import { Timers } from "../peripherals/timers.js";
import { VirtualClock, type Alarm } from "../time/clock.js";
import { formatDuration, type Duration } from "../time/duration.js";
import {
  FirmwareFault,
  FirmwareStop,
  RESET_REASON_CODE,
  RestartRequest,
  wasmFunctionOf,
  type ResetReason,
  type ResetRecord,
} from "../firmware/faults.js";
import { ButtonHandle, PinHandle } from "./handles.js";
import { BoardMiot, type MiotIdentity } from "../miot/board-device.js";
import { instrumentForProfiler, PROFILER_MODULE } from "../profiler/instrument.js";
import { Profiler } from "../profiler/profiler.js";
import { loadBoardProfile, type BoardProfile } from "../boards/profile.js";
import { SeededRandom } from "../random.js";
import { PinTrace } from "../trace/pin-trace.js";
import { Sleep, type SleepDepth } from "../power/sleep.js";
import { EnergyMeter } from "../power/energy.js";
import { BoardStorage, type ImageCache } from "./storage.js";
import { OtaAgent } from "../ota/agent.js";
import { kvImports } from "./kv-imports.js";
import { SailError } from "../errors.js";
import { makeIdentity, storedIdentity } from "./identity.js";
import { miotImports } from "../miot/imports.js";
import { sleepImports } from "./sleep-imports.js";
import { PowerCut, type FlashChip } from "../flash/chip.js";
import type { Manifest } from "../flash/manifest.js";
import { OTA_STATE_UNDEFINED, OTA_STATE_PENDING, OTA_STATE_VALID } from "../ota/states.js";
import type { KeyObject } from "node:crypto";
import { BusPins, busImports } from "./bus-imports.js";
import { I2cBus } from "../peripherals/i2c.js";
import { Uart } from "../peripherals/uart.js";
import { partSeed, type I2cPart, type PartHost, type UartPart } from "../parts/part.js";

export type LogLevel = "E" | "W" | "I" | "D" | "V";

export interface LogLine {
  readonly timeUs: number;
  readonly level: LogLevel;
  /** "app" for firmware logs, "board" for what the board itself reports. */
  readonly source: "app" | "board";
  readonly text: string;
}

export interface BoardOptions {
  /** Seed for every random choice on this board (default 1). */
  readonly seed?: number;
  /** Called for every log line as it happens. */
  readonly onLog?: (line: LogLine) => void;
  /** Device identity for MIoT; missing parts are drawn from the seed, as on first boot. */
  readonly identity?: Partial<MiotIdentity>;
  /** Instrument flashed images for the profiler (emulator only; slower). */
  readonly profiler?: boolean;
  /** A clock shared with other boards (a home); by default the board has its own. */
  readonly clock?: VirtualClock;
  /** The flash chip (e.g. loaded from a file with loadFlashImage); by default an erased one. */
  readonly flash?: FlashChip;
  /** Public key (PEM or KeyObject) OTA updates must be signed with; without one the board refuses updates. */
  readonly otaKey?: KeyObject | string | null;
  /** Prepared images shared with other boards (a fleet compiles an image once); by default the board's own. */
  readonly images?: ImageCache;
}

/** "off": not powered or rebooting; "sleeping": in deep sleep; "halted": stopped by a boot loop. */
export type BoardState = "off" | "running" | "sleeping" | "halted";

/** The letter for each LOG_LEVEL value (ESP-IDF's E/W/I/D/V); 0 (ESP_LOG_NONE) is shown as an error. */
const LOG_LEVELS: readonly LogLevel[] = (() => {
  const letters: LogLevel[] = ["E"];
  letters[LOG_LEVEL.ERROR] = "E";
  letters[LOG_LEVEL.WARN] = "W";
  letters[LOG_LEVEL.INFO] = "I";
  letters[LOG_LEVEL.DEBUG] = "D";
  letters[LOG_LEVEL.VERBOSE] = "V";
  return letters;
})();

export class Board {
  readonly clock: VirtualClock;
  readonly trace = new PinTrace();
  readonly logs: LogLine[] = [];
  readonly resets: ResetRecord[] = [];
  readonly gpio: Gpio;
  readonly pwm: Pwm;
  readonly adc: Adc;
  readonly timers: Timers;
  readonly random: SeededRandom;
  readonly cpu: Cpu;
  /** I2C masters; parts attach with attachI2c. */
  readonly i2c: I2cBus;
  /** UARTs; parts attach with attachUart. */
  readonly uart: Uart;
  /** Wake sources, sleep state and RTC memory. */
  readonly sleep: Sleep;
  /** Charge drawn since the board was created, from the profile's current per state. */
  readonly energy: EnergyMeter;
  state: BoardState = "off";
  /** Why the board last reset. */
  resetReason: ResetReason = "POWERON";
  /** Events delivered to the firmware since power-on. */
  eventsDelivered = 0;

  /** Flash partitions, key-value store and OTA slots. */
  readonly storage: BoardStorage;
  /** Downloads and installs updates announced by miIO.ota. */
  readonly otaAgent: OtaAgent;
  /** The running image's OTA state, as ota_state returns it. */
  otaState = OTA_STATE_UNDEFINED;
  #trial: Alarm | null = null;
  #identity: MiotIdentity | null = null;
  readonly #identityGiven: Partial<MiotIdentity>;
  readonly #identitySeed: number;
  #miot: BoardMiot | null = null;
  #profiler: Profiler | null = null;
  readonly #profiling: boolean;
  /** Most linear memory the firmware has had, in bytes. */
  memoryHighWater = 0;
  #image: FlashedImage | null = null;
  #fw: FirmwareExports | null = null;
  readonly #imports: WebAssembly.Imports;
  #bootUs = 0;
  #crashStreak = 0;
  /** The pending reboot after a reset, cancelled by a power-on or a new boot. */
  #reboot: Alarm | null = null;
  #lastFeedUs: number | null = null;
  /** Set by sleep_light: the CPU sleeps when the running handler returns. */
  #lightSleepRequested = false;
  /** Events that fell due during light sleep, delivered after WAKE. */
  #deferred: (() => void)[] = [];
  /** When the radio is up after the last boot (Wi-Fi reconnects after every reset and deep sleep). */
  #onlineAt = 0;
  #connected: Alarm | null = null;
  readonly #onLog: ((line: LogLine) => void) | undefined;

  static load(profile: string | BoardProfile, options: BoardOptions = {}): Board {
    return new Board(typeof profile === "string" ? loadBoardProfile(profile) : profile, options);
  }

  constructor(
    readonly profile: BoardProfile,
    options: BoardOptions = {},
  ) {
    this.clock = options.clock ?? new VirtualClock();
    this.#onLog = options.onLog;
    this.#profiling = options.profiler ?? false;
    if (
      options.seed !== undefined &&
      !(Number.isSafeInteger(options.seed) && options.seed >= 0 && options.seed <= 0xffffffff)
    ) {
      throw new SailError(
        `seed ${String(options.seed)}: give a whole number from 0 to 4294967295 (the same seed gives the same run)`,
      );
    }
    this.random = new SeededRandom(options.seed ?? 1);
    this.#identityGiven = options.identity ?? {};
    this.#identitySeed = (options.seed ?? 1) ^ 0x5a11;
    if (options.identity !== undefined) makeIdentity(new SeededRandom(this.#identitySeed), options.identity); // refuse a bad one now
    this.storage = new BoardStorage(profile, options.flash, options.otaKey ?? null, options.images);
    this.otaAgent = new OtaAgent({
      manager: this.storage.ota,
      install: async (m) => {
        const problems = await this.storage.prepareSlots(this.#profiling ? (f) => this.#instrument(f) : undefined);
        if (problems.length > 0) {
          // Signed and for this board, yet not runnable here (a wasm feature, memory ...): keep the running image.
          this.storage.ota.cancelUpdate();
          throw new SailError(`${m.name} ${m.version} cannot run on ${this.profile.id}: ${problems.join("; ")}`);
        }
        this.#restartForUpdate(m);
      },
      log: (level, text) => this.log(level, text),
    });
    const now = (): number => this.now;
    this.cpu = new Cpu(profile.interpreter.cost, profile.chip.cpuMhz, profile.watchdog.timeoutMs * 1000);
    this.gpio = new Gpio(profile.pins, this.trace, {
      now,
      edge: (gpio, level, id) => {
        const t = this.now;
        this.clock.at(t, () =>
          this.#deliver(EVENT_KIND.GPIO_EDGE, id, BigInt(level), BigInt(t), `GPIO_EDGE ${id} (GPIO ${gpio})`),
        );
      },
      warn: (m) => this.log("W", m),
    });
    this.pwm = new Pwm(profile.ledc, (gpio, call) => this.#checkOutput(gpio, call), this.trace, now);
    this.adc = new Adc(profile.adc, profile.pins);
    this.timers = new Timers(this.clock, now, (id, due) =>
      this.#deliver(EVENT_KIND.TIMER, id, BigInt(due), 0n, `TIMER ${id}`),
    );
    for (const b of profile.buttons) this.gpio.setBoardPull(b.gpio, b.activeLow ? 1 : 0);
    this.energy = new EnergyMeter(profile.power, () => this.clock.now);
    this.sleep = new Sleep(profile.sleep, this.clock, this.trace, {
      level: (gpio) => this.gpio.level(gpio),
      woke: (depth, cause, asleepUs) => this.#woke(depth, cause, asleepUs),
    });
    const pads = new BusPins(profile.pins, this.gpio, (gpio) => this.pwm.detach(gpio));
    const partHost = (where: string): PartHost => ({
      clock: this.clock,
      now,
      warn: (m) => this.log("W", m),
      where,
      seed: partSeed(options.seed ?? 1, where),
    });
    this.i2c = new I2cBus(profile.i2c, { pads, now, warn: (m) => this.log("W", m), partHost, board: profile.id });
    this.uart = new Uart(profile.uart, {
      pads,
      clock: this.clock,
      now,
      warn: (m) => this.log("W", m),
      partHost,
      board: profile.id,
      deliver: (port, id, waiting, dropped) =>
        this.#deliver(EVENT_KIND.UART_RX, id, BigInt(waiting), BigInt(dropped), `UART_RX ${id} (UART ${port})`),
    });
    this.#imports = bindImports(this.#hostImports(), () => this.cpu.hostCall());
  }

  /** Current virtual time in µs (inside a handler: including the time it used so far). */
  get now(): number {
    return this.cpu.running ? this.cpu.nowUs() : this.clock.now;
  }

  get image(): FlashedImage | null {
    return this.#image;
  }

  /** Validates and flashes an image (bytes or a path), then powers the board on. */
  async flash(image: Uint8Array | string, file?: string): Promise<FlashedImage> {
    const bytes = typeof image === "string" ? new Uint8Array(await readFile(image)) : image;
    const flashed = await this.#prepare(bytes, file ?? (typeof image === "string" ? image : "firmware.wasm"));
    for (const note of flashed.notes) this.log("I", note);
    // As flashing over the serial port does: the image goes to ota_0 and otadata is blanked; nvs is kept.
    this.storage.ota.flashDirect(bytes);
    this.#select(flashed);
    this.powerOn();
    return flashed;
  }

  /**
   * Boots whatever the board's flash holds (a flash loaded from a file): the
   * images in the app slots are validated first, then the bootloader picks one.
   */
  async bootFromFlash(): Promise<void> {
    for (const problem of await this.storage.prepareSlots(this.#profiling ? (f) => this.#instrument(f) : undefined))
      this.log("E", `flash: ${problem}`);
    this.powerOn();
  }

  /**
   * An over-the-air update through the test API or the CLI (as miIO.ota does
   * after its download): checked against the trusted key, board, ABI and
   * version, written into the inactive slot, then the board restarts into it
   * on trial. Refusals throw OtaError with the reason.
   */
  async update(
    image: Uint8Array | string,
    options: { readonly file?: string; readonly sha256?: string } = {},
  ): Promise<Manifest> {
    const bytes = typeof image === "string" ? new Uint8Array(await readFile(image)) : image;
    const file = options.file ?? (typeof image === "string" ? image : "the update");
    const manifest = this.storage.ota.check(bytes, file);
    await this.#prepare(bytes, file); // an image this board cannot run is refused before anything is written
    this.storage.ota.apply(bytes, { file, ...(options.sha256 === undefined ? {} : { sha256: options.sha256 }) });
    this.#restartForUpdate(manifest);
    return manifest;
  }

  /**
   * Restarts into a freshly written update (written while the firmware kept
   * running). A board that is not running (in deep sleep, restarting, off)
   * boots it at its next wake or boot, which goes through the bootloader.
   */
  #restartForUpdate(m: Manifest): void {
    const written = `ota: ${m.name} ${m.version} written to the inactive slot`;
    if (this.#fw === null) {
      this.log(
        "I",
        `${written}; the board is ${this.state}: it boots the update on trial at its next ${this.state === "sleeping" ? "wake" : "boot"}`,
      );
      return;
    }
    this.log("I", `${written}; restarting to boot it on trial`);
    this.#reset("SW", `restart after OTA update to ${m.version}`, null, "ota");
  }

  /** Power is cut: RAM, pins and timers are lost; flash keeps what was written. `powerOn()` boots again. */
  powerCut(): void {
    this.#noteMemoryUsed();
    this.#fw = null;
    this.clock.cancel(this.#reboot);
    this.#reboot = null;
    this.#resetPeripherals();
    this.sleep.reset(false);
    this.energy.enter("off");
    this.state = "off";
    this.log("W", "power cut");
  }

  async #prepare(bytes: Uint8Array, file: string): Promise<FlashedImage> {
    return this.storage.prepare(bytes, file, this.#profiling ? (f) => this.#instrument(f) : undefined);
  }

  /** Makes `flashed` the running image: its MIoT spec, if any, becomes the board's. */
  #select(flashed: FlashedImage): void {
    this.#image = flashed;
    if (this.#miot !== null) this.#miot.load(flashed.spec);
    else if (flashed.spec !== null) {
      this.#miot = new BoardMiot(flashed.spec, this.identity, {
        call: (kind, id, a, b, during) => this.#call(kind, id, a, b, during),
        writeBuffer: (bytes) => this.#writeBuffer(bytes),
        clockUs: () => this.now,
        info: () => this.#miotInfo(),
        online: () => this.online,
        onAir: (rx, tx) => this.energy.radio(rx, tx),
        ota: this.otaAgent,
      });
    }
  }

  /** Power-on reset: boots the flashed image from scratch. */
  powerOn(): void {
    this.#crashStreak = 0;
    this.#boot("POWERON");
  }

  /** Runs everything due within `d` of virtual time. */
  async advance(d: Duration): Promise<void> {
    this.clock.advance(d);
  }

  /** Runs until `condition()` holds; throws TimeoutError after `timeout`. */
  async runUntil(condition: () => boolean, timeout: Duration, what?: string): Promise<void> {
    this.clock.runUntil(condition, timeout, what);
  }

  pin(gpio: number): PinHandle {
    if (!this.gpio.has(gpio)) throw new RangeError(`GPIO ${gpio} does not exist on ${this.profile.id}`);
    return new PinHandle(this, gpio);
  }

  /** Wires an I2C part to `port` at its address (e.g. `board.attachI2c(0, new Sht3x())`); returns the part. */
  attachI2c<P extends I2cPart>(port: number, part: P): P {
    return this.i2c.attach(port, part);
  }

  /** Wires a UART part to `port` (e.g. `board.attachUart(2, new Pms5003())`); returns the part. */
  attachUart<P extends UartPart>(port: number, part: P): P {
    return this.uart.attach(port, part);
  }

  button(name: string): ButtonHandle {
    const b = this.profile.buttons.find((x) => x.name === name);
    if (b === undefined) {
      throw new RangeError(
        `${this.profile.id} has no button "${name}" (buttons: ${this.profile.buttons.map((x) => x.name).join(", ") || "none"})`,
      );
    }
    return new ButtonHandle(this, b.gpio, b.activeLow);
  }

  /** Whether the on-board LED is lit, or null if the board has none. */
  get ledOn(): boolean | null {
    const led = this.profile.led;
    return led === null ? null : (this.gpio.level(led.gpio) === 1) === led.activeHigh;
  }

  log(level: LogLevel, text: string, source: "app" | "board" = "board"): void {
    const line: LogLine = { timeUs: this.now, level, source, text };
    this.logs.push(line);
    this.#onLog?.(line);
  }

  // --- boot, events, faults --------------------------------------------------

  #boot(reason: ResetReason): void {
    this.clock.cancel(this.#reboot);
    this.#reboot = null;
    this.clock.cancel(this.#trial);
    this.#trial = null;
    const image = this.#bootloader();
    if (image === null) return;
    this.#resetPeripherals();
    this.sleep.reset(reason === "DEEPSLEEP");
    this.resetReason = reason;
    this.#bootUs = this.clock.now;
    this.#connectRadio(image.spec !== null);
    for (const [gpio, pin] of this.profile.pins) {
      if (pin.strap !== null && this.gpio.level(gpio) !== pin.strap && this.gpio.isDriven(gpio)) {
        this.log(
          "W",
          `GPIO ${gpio} is held at ${this.gpio.level(gpio)} while the board resets; it is a strapping pin latched at reset (default ${pin.strap})`,
        );
      }
    }
    const m = image.manifest;
    this.log(
      "I",
      `boot: reset reason ${reason}; ${m === null ? "bare image" : `${m.name} ${m.version}`} on ${this.profile.id}`,
    );
    this.#mountKv();
    void this.identity; // made and stored on first boot (decision 8)
    if (this.otaState === OTA_STATE_PENDING) this.#armTrial();
    this.#fw = instantiate(image, this.#imports);
    this.cpu.attach(this.#fw.fuel);
    this.state = "running";
    const fw = this.#fw;
    this.#run("start", () => fw.start());
    if (this.#fw === fw) this.#run("setup", () => fw.setup());
  }

  /**
   * Most linear memory the firmware ever wrote, over every boot: one past the
   * highest non-zero byte. Memory starts zeroed and allocators write headers,
   * so this covers any runtime; zero-filled memory never written is not seen.
   */
  get memoryUsedHighWater(): number {
    this.#noteMemoryUsed();
    return this.#memoryUsed;
  }

  #memoryUsed = 0;

  /** Scans the running instance's memory (at resets and when asked: a scan per event would cost too much). */
  #noteMemoryUsed(): void {
    const memory = this.#fw?.memory;
    if (memory === undefined || memory === null) return;
    const words = new Uint32Array(memory.buffer);
    let i = words.length - 1;
    while (i >= 0 && words[i] === 0) i--;
    this.#memoryUsed = Math.max(this.#memoryUsed, (i + 1) * 4);
  }

  /** The profiler, when the board was created with `profiler: true` and an image is flashed. */
  get profiler(): Profiler | null {
    return this.#profiler;
  }

  async #instrument(flashed: FlashedImage): Promise<FlashedImage> {
    const profiled = await instrumentForProfiler(flashed.code, flashed.file);
    const profiler = new Profiler(profiled.names, this.profile.interpreter.cost, this.profile.chip.cpuMhz);
    this.#profiler = profiler;
    this.cpu.onHostCall = () => profiler.hostCall();
    this.#imports[PROFILER_MODULE] = {
      enter: (fid: unknown) => profiler.enter(fid as number, this.cpu.instructionsNow()),
      exit: (fid: unknown) => profiler.exit(fid as number, this.cpu.instructionsNow()),
    };
    return { ...flashed, module: new WebAssembly.Module(profiled.bytes), code: profiled.bytes };
  }

  /** MIoT over this board: null unless the flashed image carries a spec. */
  get miot(): BoardMiot | null {
    return this.#image?.spec ? this.#miot : null;
  }

  /** Delivers one event and returns the firmware's status, or null if it faulted or is not running. */
  #call(kind: number, id: number, a: bigint, b: bigint, during: string): number | null {
    const fw = this.#fw;
    if (fw === null) return null;
    this.eventsDelivered++;
    let status: number | null = null;
    this.#run(during, () => {
      status = fw.event(kind, id, a, b);
    });
    return this.#fw === fw ? status : null;
  }

  #writeBuffer(bytes: Uint8Array): boolean {
    const fw = this.#fw;
    const buffer = fw?.buffer?.();
    if (fw === null || fw.memory === null || buffer === undefined || bytes.length > buffer.size) return false;
    new Uint8Array(fw.memory.buffer, buffer.ptr, bytes.length).set(bytes);
    return true;
  }

  #miotInfo(): Readonly<Record<string, unknown>> {
    const m = this.#image?.manifest;
    return {
      model: m?.model ?? "unknown",
      fw_ver: m?.version ?? "0.0.0",
      hw_ver: this.profile.chip.model,
      mac: this.identity.mac,
      life: Math.floor((this.now - this.#bootUs) / 1_000_000),
      ap: { ssid: "sail-virtual", bssid: "02:5A:00:00:00:01", rssi: -45 },
      netif: { localIp: "127.0.0.1", mask: "255.0.0.0", gw: "127.0.0.1" },
    };
  }

  #deliver(kind: number, id: number, a: bigint, b: bigint, during: string): void {
    const fw = this.#fw;
    if (fw === null) return;
    if (this.sleep.depth === "light") {
      this.#deferred.push(() => this.#deliver(kind, id, a, b, during));
      return;
    }
    this.eventsDelivered++;
    this.#run(during, () => {
      const status = fw.event(kind, id, a, b);
      if (status === STATUS.ERR_NOT_FOUND) this.log("W", `${during}: the firmware has no handler for id ${id}`);
    });
  }

  /** Runs firmware code with device-time accounting; a fault resets the board. */
  #run(during: string, body: () => void): void {
    const fw = this.#fw as FirmwareExports;
    let stop: { reason: ResetReason; message: string; fn: string | null } | null = null;
    let cut = false;
    const profiler = this.#profiler;
    try {
      this.cpu.begin(this.clock.now, during);
      profiler?.beginEvent(during, this.cpu.instructionsNow());
      body();
      fw.collect?.();
    } catch (e) {
      if (e instanceof PowerCut) cut = true;
      else stop = this.#classify(e);
    } finally {
      const elapsed = this.cpu.end();
      profiler?.endEvent(this.cpu.instructionsNow(), elapsed);
      this.energy.active(elapsed);
      this.clock.moveTo(this.clock.now + elapsed);
      const bytes = fw.memory?.buffer.byteLength ?? 0;
      if (bytes > this.memoryHighWater) this.memoryHighWater = bytes;
    }
    if (cut) this.powerCut();
    else if (stop?.reason === "DEEPSLEEP") this.#deepSleep(stop.message);
    else if (stop !== null) this.#reset(stop.reason, stop.message, stop.fn, during);
    else if (this.#lightSleepRequested && this.#fw === fw) {
      this.#lightSleepRequested = false;
      this.energy.enter("lightSleep");
      this.sleep.enter("light");
    }
  }

  #classify(e: unknown): { reason: ResetReason; message: string; fn: string | null } {
    const names = this.#image?.info.functionNames ?? new Map<number, string>();
    const fn = wasmFunctionOf(e, names);
    if (e instanceof FirmwareStop) return { reason: e.reason, message: e.message, fn };
    if (e instanceof WebAssembly.RuntimeError)
      return { reason: "PANIC", message: this.#describeTrap(e.message, fn), fn };
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return { reason: "PANIC", message: "stack overflow: the wasm call stack is exhausted (endless recursion?)", fn };
    }
    // A failure of the board itself while the firmware ran: reset rather than take the host down.
    return { reason: "PANIC", message: `board error: ${e instanceof Error ? e.message : String(e)}`, fn };
  }

  /** A trap inside AssemblyScript's allocator with memory at its cap is memory exhaustion. */
  #describeTrap(message: string, fn: string | null): string {
    const memory = this.#fw?.memory;
    const atCap =
      memory !== undefined &&
      memory !== null &&
      memory.buffer.byteLength >= Math.max(this.profile.app.ramBytes - 65535, 65536);
    if (atCap && fn !== null && /^(tlsf|stub|itcms|tcms|rt)\//.test(fn)) {
      return `out of memory: the heap cannot grow past the app's RAM budget of ${this.profile.app.ramBytes / 1024} KiB (trap: ${message})`;
    }
    return `trap: ${message}`;
  }

  #reset(reason: ResetReason, message: string, fn: string | null, during: string): void {
    const timeUs = this.clock.now;
    this.resets.push({ timeUs, reason, message, function: fn, during });
    const where = fn === null ? "" : ` in ${fn}`;
    this.log(reason === "SW" ? "I" : "E", `reset ${reason} during ${during}${where}: ${message}`);
    this.#noteMemoryUsed();
    this.#fw = null;
    this.#resetPeripherals();
    if (reason === "PANIC" || reason === "TASK_WDT") {
      this.#crashStreak =
        timeUs - this.#bootUs < this.profile.watchdog.stableAfterMs * 1000 ? this.#crashStreak + 1 : 1;
      if (this.#crashStreak >= this.profile.watchdog.bootLoopResets) {
        this.state = "halted";
        this.log(
          "E",
          `boot loop: ${this.#crashStreak} crash resets in a row, each within ${formatDuration(this.profile.watchdog.stableAfterMs * 1000)} of boot; the board stays off. Last: ${message}`,
        );
        return;
      }
    } else {
      this.#crashStreak = 0;
    }
    this.state = "off";
    this.#reboot = this.clock.at(timeUs + this.profile.watchdog.rebootMs * 1000, () => this.#boot(reason));
  }

  #resetPeripherals(): void {
    this.gpio.reset();
    this.pwm.reset();
    this.adc.reset();
    this.timers.reset();
    this.i2c.reset();
    this.uart.reset();
    this.#lastFeedUs = null;
    this.#lightSleepRequested = false;
    this.#deferred = [];
  }

  #checkOutput(gpio: number, call: string): void {
    const pin = this.profile.pins.get(gpio);
    if (pin === undefined) throw new FirmwareFault(call, `GPIO ${gpio} does not exist on this board`);
    if (pin.reserved !== null) throw new FirmwareFault(call, `GPIO ${gpio} is reserved for ${pin.reserved}`);
    if (pin.io === "input") throw new FirmwareFault(call, `GPIO ${gpio} is input-only and cannot drive PWM`);
  }

  #feedWatchdog(): void {
    const first = this.#lastFeedUs === null;
    this.#lastFeedUs = this.now;
    if (first) this.#armFeedCheck();
  }

  /** Once subscribed by wdt_feed, the firmware must feed once per timeout. */
  #armFeedCheck(): void {
    const timeoutUs = this.profile.watchdog.timeoutMs * 1000;
    const fw = this.#fw;
    this.clock.at((this.#lastFeedUs ?? this.now) + timeoutUs, () => {
      if (this.#fw !== fw || this.#lastFeedUs === null) return;
      if (this.clock.now - this.#lastFeedUs >= timeoutUs) {
        this.#reset(
          "TASK_WDT",
          `task watchdog: not fed for ${formatDuration(timeoutUs)} (the firmware subscribed by calling wdt_feed)`,
          null,
          "idle",
        );
      } else {
        this.#armFeedCheck();
      }
    });
  }

  // --- flash: bootloader, key-value store, OTA trial, identity ----------------

  /** The bootloader: picks the slot to boot (rolling back a failed trial) and returns its prepared image. */
  #bootloader(): FlashedImage | null {
    const boot = this.storage.ota.bootImage();
    for (const note of boot.notes) this.log(boot.rolledBack ? "W" : "I", `bootloader: ${note}`);
    const image = boot.image === null ? null : this.storage.prepared(boot.image);
    if (image === null) {
      if (this.#image === null)
        throw new SailError(
          `the flash holds no bootable firmware (${boot.notes.join("; ")}): flash one first (sail run <firmware> --flash <file>, or board.flash(image))`,
        );
      this.state = "halted";
      this.log(
        "E",
        `bootloader: no bootable image in ${this.storage.ota.slots.map((s) => s.name).join(" or ")}; flash one`,
      );
      return null;
    }
    if (image !== this.#image) this.#select(image);
    this.otaState = boot.otaState;
    return image;
  }

  /** Mounts the key-value store, as nvs_flash_init does at boot; a store that cannot mount leaves kv_* failing. */
  #mountKv(): void {
    try {
      for (const w of this.storage.mountKv()) this.log("W", `nvs: ${w}`);
    } catch (e) {
      if (e instanceof PowerCut) throw e;
      this.log("E", `nvs: ${(e as Error).message}`);
    }
  }

  /** An image on trial must confirm within the profile's trial time; otherwise the board resets and the bootloader rolls back. */
  #armTrial(): void {
    const trialUs = this.profile.ota.trialMs * 1000;
    this.#trial = this.clock.at(this.clock.now + trialUs, () => {
      this.#trial = null;
      if (this.otaState !== OTA_STATE_PENDING || this.state !== "running") return;
      this.#reset(
        "WDT",
        `ota: the image on trial did not confirm itself (ota_confirm) within ${formatDuration(trialUs)}; the bootloader rolls back`,
        null,
        "idle",
      );
    });
  }

  /** did, token and MAC: the board's, kept in its flash (the "sail.factory" namespace), made on first boot or given. */
  get identity(): MiotIdentity {
    if (this.#identity === null) this.#identity = this.#loadIdentity();
    return this.#identity;
  }

  #loadIdentity(): MiotIdentity {
    const fresh = makeIdentity(new SeededRandom(this.#identitySeed), this.#identityGiven);
    try {
      if (this.storage.kv === null) this.storage.mountKv();
    } catch {
      return fresh; // the store cannot mount: the log says so at boot
    }
    return storedIdentity(this.storage.kv, fresh, this.#identityGiven);
  }

  // --- sleep, radio -----------------------------------------------------------

  /** Whether the board's radio is up: awake, and connected since the last boot. */
  get online(): boolean {
    return this.state === "running" && this.sleep.depth === null && this.clock.now >= this.#onlineAt;
  }

  /** After each boot, an image that speaks MIoT reconnects to Wi-Fi (the profile's time and current). */
  #connectRadio(needed: boolean): void {
    this.clock.cancel(this.#connected);
    this.#connected = null;
    const dropped = this.#miot?.dropQueued() ?? 0;
    if (dropped > 0) this.log("W", `${dropped} MIoT message(s) were lost: the board reset before its radio sent them`);
    const connectUs = needed ? this.profile.power.wifiConnectMs * 1000 : 0;
    this.#onlineAt = this.clock.now + connectUs;
    if (connectUs === 0) {
      this.energy.enter("idle");
      return;
    }
    this.energy.enter("connecting");
    this.#connected = this.clock.at(this.#onlineAt, () => {
      this.#connected = null;
      if (this.sleep.depth === null) this.energy.enter("idle");
      this.#miot?.flush();
    });
  }

  /** sleep_deep: the firmware stops; the radio first sends what is queued (connecting if it must), then the chip sleeps. */
  #deepSleep(message: string): void {
    this.#noteMemoryUsed();
    this.#fw = null;
    this.#resetPeripherals();
    this.state = "sleeping";
    const sleepNow = (): void => {
      this.log("I", message);
      this.energy.enter("deepSleep");
      this.sleep.enter("deep");
    };
    const queued = this.#miot?.queued ?? 0;
    if (queued > 0 && this.clock.now < this.#onlineAt) {
      this.log("I", `deep sleep waits for the radio to send ${queued} queued MIoT message(s)`);
      this.clock.cancel(this.#connected);
      this.#connected = this.clock.at(this.#onlineAt, () => {
        this.#connected = null;
        this.state = "running";
        this.#miot?.flush();
        this.state = "sleeping";
        sleepNow();
      });
    } else {
      sleepNow();
    }
  }

  #woke(depth: SleepDepth, cause: number, asleepUs: number): void {
    if (depth === "deep") {
      // Waking from deep sleep is a reset: the chip boots again, which takes the boot time.
      this.state = "off";
      this.energy.enter("idle");
      this.#reboot = this.clock.at(this.clock.now + this.profile.watchdog.rebootMs * 1000, () =>
        this.#boot("DEEPSLEEP"),
      );
      return;
    }
    this.energy.enter(this.clock.now >= this.#onlineAt ? "idle" : "connecting");
    this.#deliver(EVENT_KIND.WAKE, 0, BigInt(cause), BigInt(asleepUs), "WAKE");
    const deferred = this.#deferred;
    this.#deferred = [];
    for (const d of deferred) d();
  }

  #hostImports(): HostImports {
    const mem = (): WebAssembly.Memory | null => this.#fw?.memory ?? null;
    return {
      log_write: (level, ptr, len) => {
        this.log(LOG_LEVELS[level] ?? "I", readUtf8(mem(), ptr, len, "log_write"), "app");
      },
      time_us: () => BigInt(this.now),
      delay_us: (us) => {
        if (us < 0n) throw new FirmwareFault("delay_us", `negative delay ${us}`);
        this.cpu.delay(Number(us));
      },
      timer_start: (id, delay, period) => this.timers.start(id, Number(delay), Number(period)),
      timer_stop: (id) => this.timers.stop(id),
      gpio_mode: (pin, mode, pull) => {
        if (this.gpio.has(pin)) this.pwm.detach(pin);
        return this.gpio.mode(pin, mode, pull);
      },
      gpio_write: (pin, level) => this.gpio.write(pin, level),
      gpio_read: (pin) => this.gpio.read(pin),
      gpio_watch: (pin, edges, id) => this.gpio.watch(pin, edges, id),
      pwm_setup: (pin, freq, bits) => this.pwm.setup(pin, freq, bits),
      pwm_set_duty: (ch, duty) => this.pwm.setDuty(ch, duty),
      pwm_set_freq: (ch, freq) => this.pwm.setFreq(ch, freq),
      adc_setup: (pin, atten) => this.adc.setup(pin, atten),
      adc_read_raw: (pin) => this.adc.readRaw(pin),
      adc_read_mv: (pin) => this.adc.readMv(pin),
      random_u32: () => this.random.nextU32() | 0,
      restart: () => {
        throw new RestartRequest();
      },
      reset_reason: () => RESET_REASON_CODE[this.resetReason],
      wdt_feed: () => this.#feedWatchdog(),
      ...miotImports({ memory: mem, miot: () => this.#miot }),
      ...busImports({ i2c: this.i2c, uart: this.uart, cpu: this.cpu, memory: mem }),
      ...kvImports({
        memory: mem,
        store: () => this.storage.kv,
        timed: (body) => this.storage.timed(body, (us) => this.cpu.delay(us)),
      }),
      ota_state: () => this.otaState,
      ota_confirm: () => {
        this.storage.timed(
          () => this.storage.ota.confirm(),
          (us) => this.cpu.delay(us),
        );
        if (this.otaState === OTA_STATE_PENDING) this.log("I", "ota: image confirmed; rollback cancelled");
        this.otaState = this.otaState === OTA_STATE_UNDEFINED ? OTA_STATE_UNDEFINED : OTA_STATE_VALID;
        this.clock.cancel(this.#trial);
        this.#trial = null;
        return STATUS.OK;
      },
      ota_reject: () => {
        if (
          !this.storage.timed(
            () => this.storage.ota.reject(),
            (us) => this.cpu.delay(us),
          )
        ) {
          this.log("W", "ota_reject: there is no previous image to roll back to; the running image stays");
          return;
        }
        throw new FirmwareStop("SW", "ota_reject: the image marked itself invalid; rolling back");
      },
      ...sleepImports({
        sleep: this.sleep,
        profile: this.profile,
        memory: mem,
        hasPin: (gpio) => this.gpio.has(gpio),
        requestLightSleep: () => {
          this.#lightSleepRequested = true;
        },
        warn: (text) => this.log("W", text),
      }),
      meter_exhausted: () => this.cpu.exhausted(),
      abort: (message, file, line, column) => {
        const m = mem();
        const text = readAsString(m, message) || "abort";
        const at = readAsString(m, file);
        throw new FirmwareStop("PANIC", `abort: ${text}${at ? ` at ${at}:${line}:${column}` : ""}`);
      },
      trace: (message, n, a0, a1, a2, a3, a4) => {
        const args = [a0, a1, a2, a3, a4].slice(0, Math.max(0, Math.min(5, n)));
        this.log("D", `trace: ${readAsString(mem(), message)} ${args.join(", ")}`.trimEnd(), "app");
      },
      seed: () => this.random.nextU32(),
    };
  }
}
