// An emulated board, the composition root: builds the chip, the firmware runner and the board's rules (resets,
// watchdog, OTA trial, radio, power) from a profile and wires them to each other. Each concern has its file.

import { loadBoardProfile, type BoardProfile } from "../boards/profile.js";
import { SailError } from "../errors.js";
import { bindImports } from "../firmware/bindings.js";
import { Cpu } from "../firmware/cpu.js";
import { EVENT_KIND } from "../abi/table.js";
import { RESET_REASON_CODE, type ResetReason, type ResetRecord } from "../firmware/faults.js";
import { GuestMemory } from "../firmware/memory.js";
import { startV8 } from "../firmware/v8-executor.js";
import type { FlashedImage } from "../flash/flash.js";
import type { Manifest } from "../flash/manifest.js";
import type { BoardMiot, MiotIdentity } from "../miot/board-device.js";
import { OtaAgent } from "../ota/agent.js";
import type { I2cPart, SpiPart, UartPart } from "../parts/part.js";
import { Ws2812Strip, type LedChain } from "../parts/ws2812.js";
import type { Rmt } from "../peripherals/rmt.js";
import type { SpiBus } from "../peripherals/spi.js";
import type { Adc } from "../peripherals/adc.js";
import type { Gpio } from "../peripherals/gpio.js";
import type { I2cBus } from "../peripherals/i2c.js";
import type { PinMux } from "../peripherals/pin-mux.js";
import type { Pwm } from "../peripherals/pwm.js";
import type { Timers } from "../peripherals/timers.js";
import type { Uart } from "../peripherals/uart.js";
import { EnergyMeter } from "../power/energy.js";
import type { Sleep } from "../power/sleep.js";
import type { Profiler } from "../profiler/profiler.js";
import { SeededRandom } from "../random.js";
import { VirtualClock } from "../time/clock.js";
import type { Duration } from "../time/duration.js";
import { settled } from "../time/settled.js";
import { Changes, type LogLevel, type LogLine } from "../trace/changes.js";
import { KeptList, keepSizes, type KeptCount } from "../trace/kept.js";
import { PinTrace } from "../trace/pin-trace.js";
import { buildChip } from "./chip.js";
import { FirmwareRunner, HARDWARE_EVENT, REQUEST, type Stop } from "./firmware-runner.js";
import { ButtonHandle, PinHandle } from "./handles.js";
import { hostImports } from "./host-imports.js";
import { BoardIdentity } from "./identity.js";
import { ExternalInputs } from "./inputs.js";
import { Lifecycle, type BoardState } from "./lifecycle.js";
import { MemoryHighWater } from "./memory-high-water.js";
import { MiotLink } from "./miot-link.js";
import type { BoardOptions } from "./options.js";
import { OtaTrial } from "./ota-trial.js";
import { Profiling } from "./profiling.js";
import { BoardNetwork, SntpClient } from "./network.js";
import { Radio } from "./radio.js";
import { Resets } from "./resets.js";
import { BoardStorage } from "./storage.js";
import { stackImports } from "./stack-imports.js";
import { TaskWatchdog } from "./watchdog.js";

export type { BoardOptions, BoardState, LogLevel, LogLine };

export class Board {
  readonly clock: VirtualClock;
  /** Every state change as it happens: pin levels, PWM, log lines, resets. */
  readonly changes = new Changes();
  /** The newest pin changes (BoardOptions.keep.pinChanges); every one is on `changes`. */
  readonly trace: PinTrace;
  readonly random: SeededRandom;
  readonly cpu: Cpu;
  /** Where external inputs meet the firmware's time (inputs.ts). */
  readonly inputs: ExternalInputs;
  /** Which use each pad may take. */
  readonly mux: PinMux;
  readonly gpio: Gpio;
  readonly pwm: Pwm;
  readonly adc: Adc;
  readonly timers: Timers;
  /** I2C masters; parts attach with attachI2c. */
  readonly i2c: I2cBus;
  /** UARTs; parts attach with attachUart. */
  readonly uart: Uart;
  /** SPI masters; parts attach with attachSpi. */
  readonly spi: SpiBus;
  /** The RMT transmitter for addressable LEDs; chains attach with attachLeds. */
  readonly rmt: Rmt;
  /** The on-board addressable LED, when the profile's LED is a WS2812 (kind "ws2812"). */
  readonly onboardLeds: Ws2812Strip | null;
  /** The access point and the LAN's time server (drop, weaken, restore; set the date). */
  readonly network: BoardNetwork;
  /** Wake sources, sleep state and RTC memory. */
  readonly sleep: Sleep;
  /** Charge drawn since the board was created, from the profile's current per state. */
  readonly energy: EnergyMeter;
  /** The firmware's memory high-water over every boot: linear memory had, and used. */
  readonly memoryHighWater: MemoryHighWater;
  /** Flash partitions, key-value store and OTA slots. */
  readonly storage: BoardStorage;
  /** Downloads and installs updates announced by miIO.ota. */
  readonly otaAgent: OtaAgent;
  readonly #runner: FirmwareRunner;
  readonly #resets: Resets;
  readonly #trial: OtaTrial;
  readonly #radio: Radio;
  readonly #life: Lifecycle;
  readonly #profiling: Profiling;
  readonly #identity: BoardIdentity;
  readonly #miot: MiotLink;
  readonly #logs: KeptList<LogLine>;
  readonly #sntp: SntpClient;
  readonly #resetRecords: KeptList<ResetRecord>;

  static load(profile: string | BoardProfile, options: BoardOptions = {}): Board {
    return new Board(typeof profile === "string" ? loadBoardProfile(profile) : profile, options);
  }

  constructor(
    readonly profile: BoardProfile,
    options: BoardOptions = {},
  ) {
    const seed = options.seed ?? 1;
    if (!(Number.isSafeInteger(seed) && seed >= 0 && seed <= 0xffffffff))
      throw new SailError(`seed ${seed}: give a whole number from 0 to 4294967295 (the same seed gives the same run)`);
    const keep = keepSizes(options.keep, "board options: ");
    const changes = this.changes;
    this.trace = new PinTrace(changes, keep.pinChanges);
    const logs = (this.#logs = new KeptList<LogLine>(keep.logLines));
    changes.onLog((line) => logs.push(line));
    const resetRecords = (this.#resetRecords = new KeptList<ResetRecord>(keep.resets));
    changes.subscribe((c) => {
      if (c.kind === "reset") resetRecords.push(c.record);
    }, "resets");
    if (options.onLog !== undefined) changes.onLog(options.onLog);
    const clock = (this.clock = options.clock ?? new VirtualClock());
    const log = (level: LogLevel, text: string): void => this.log(level, text);
    const warn = (text: string): void => this.log("W", text);
    const random = (this.random = new SeededRandom(seed));
    const storage = (this.storage = new BoardStorage(profile, options.flash, options.otaKey ?? null, options.images));
    const identity = (this.#identity = new BoardIdentity(storage, seed, options.identity));
    this.otaAgent = new OtaAgent({ manager: storage.ota, log, install: async (m) => life.install(m) });
    const cpu = (this.cpu = new Cpu(profile.interpreter.cost, profile.chip.cpuMhz, profile.watchdog.timeoutMs * 1000));
    const now = (this.inputs = new ExternalInputs(clock)).now;
    const event = (kind: number, id: number, a: bigint, b: bigint, during: string): void => {
      runner.deliver(kind, id, a, b, during, HARDWARE_EVENT);
    };
    const chip = buildChip(profile, { clock, changes, now, warn, seed, event, woke: (d, c, t) => life.woke(d, c, t) });
    ({ mux: this.mux, gpio: this.gpio, pwm: this.pwm, adc: this.adc, timers: this.timers } = chip);
    ({ sleep: this.sleep, i2c: this.i2c, uart: this.uart, spi: this.spi, rmt: this.rmt } = chip);
    const led = profile.led;
    this.onboardLeds = led?.kind === "ws2812" ? chip.rmt.attach(led.gpio, new Ws2812Strip(1)) : null;
    const { gpio, pwm, adc, timers, sleep, i2c, uart } = chip;
    this.inputs.connect(chip);
    const energy = (this.energy = new EnergyMeter(profile.power, () => clock.now));
    const memory = new GuestMemory(() => runner.executor?.linearMemory() ?? null);
    const highWater = (this.memoryHighWater = new MemoryHighWater(memory));
    const resets: Resets = (this.#resets = new Resets({
      ...{ clock, watchdog: profile.watchdog, log, stopChip: () => life.stopChip(), boot: (r) => life.boot(r) },
      recorded: (record) => changes.publish({ timeUs: record.timeUs, kind: "reset", record }),
      off: (state) => life.resetTo(state),
    }));
    const stopped = (stop: Stop | "power cut", during: string): void => life.stopped(stop, during);
    const functionNames = (): ReadonlyMap<number, string> => life.image?.info.functionNames ?? new Map();
    const profiler = (): Profiler | null => profiling.profiler;
    const runner: FirmwareRunner = (this.#runner = new FirmwareRunner({
      ...{ cpu, clock, energy, sleep, memory, highWater, warn, profiler, functionNames, stopped },
      ramBytes: profile.app.ramBytes,
      memoryCapBytes: () => Math.min(profile.app.ramBytes, (life.image?.info.memory?.max ?? Infinity) * 65536),
    }));
    const bite = (message: string): void => resets.reset("TASK_WDT", message, null, "idle");
    const watchdog = new TaskWatchdog({ clock, now, timeoutUs: cpu.watchdogUs, running: () => runner.executor, bite });
    const trial = (this.#trial = new OtaTrial({
      ...{ clock, trialMs: profile.ota.trialMs, storage, log, delay: (us: number) => cpu.delay(us) },
      running: () => life.state === "running",
      expire: (message) => resets.reset("WDT", message, null, "idle"),
    }));
    const miot = (this.#miot = new MiotLink({
      ...{ identity: () => identity.value, image: () => life.image, bootUs: () => resets.bootUs, clockUs: now },
      call: (kind, id, a, b, during) => runner.deliver(kind, id, a, b, during, REQUEST),
      writeBuffer: (bytes) => runner.writeExchange(bytes),
      ...{ chipModel: profile.chip.model, online: () => this.online, ota: this.otaAgent },
      onAir: (rx, tx) => energy.radio(rx, tx),
      ...(options.miioStampUs === undefined ? {} : { stampUs: options.miioStampUs }),
      log,
    }));
    const sntp: SntpClient = new SntpClient(
      clock,
      (t) => network.serverAt(t),
      (epochUs) => log("I", `time: synced, ${new Date(Math.floor(epochUs / 1000)).toISOString()}`),
    );
    const radio = (this.#radio = new Radio({
      ...{ clock, energy, wifiConnectMs: profile.power.wifiConnectMs, log, miot: () => miot.device },
      awake: () => life.state === "running" && sleep.depth === null,
      asleep: () => sleep.depth !== null,
      wifiEvent: (id, value) => {
        const during = `WIFI ${id}`;
        runner.deliver(EVENT_KIND.WIFI, id, BigInt(value), 0n, during, {
          deferInLightSleep: true,
          warnUnhandled: false,
        });
      },
      booted: () => sntp.reset(),
      link: (up) => sntp.link(up),
    }));
    const network: BoardNetwork = (this.network = new BoardNetwork(clock, radio, sntp));
    const table = hostImports({
      ...{ profile, cpu, memory, chip, random, storage, now, ota: trial },
      log: (level, text, source) => this.log(level, text, source),
      miot: () => miot.device,
      resetReason: () => RESET_REASON_CODE[resets.reason],
      feedWatchdog: () => watchdog.feed(),
      requestLightSleep: () => runner.requestLightSleep(),
      wallclockUs: () => sntp.wallclockUs(now()),
    });
    this.#sntp = sntp;
    const warnBoard = (text: string): void => this.log("W", text, "board");
    // Every import first applies the stimuli due by the handler's time, so what it reads is the world as of now.
    const hostCall = (): void => {
      cpu.hostCall();
      clock.applyInputs();
    };
    const imports = { ...bindImports(table, hostCall), ...stackImports(profile, warnBoard) };
    const profiled = options.profiler ?? false;
    const profiling: Profiling = (this.#profiling = new Profiling(profiled, { cpu, profile, imports }));
    const execute = options.executor ?? startV8;
    const life: Lifecycle = (this.#life = new Lifecycle({
      ...{ profile, storage, energy, sleep, gpio, runner, resets, trial, radio, log },
      execute: (image) => execute(image, imports),
      prepareHook: () => profiling.hook,
      selected: (image) => miot.select(image),
      identity: () => identity.value,
      peripherals: [gpio, pwm, adc, timers, i2c, uart, chip.spi, chip.rmt, watchdog, runner],
    }));
  }

  /** Current virtual time in µs (inside a handler: including the time it used so far). */
  get now(): number {
    return this.inputs.now();
  }

  get state(): BoardState {
    return this.#life.state;
  }

  get image(): FlashedImage | null {
    return this.#life.image;
  }

  /**
   * The resets since the board was created, the newest `keep.resets` of them:
   * time, reason, message, wasm function, event.
   */
  get resets(): readonly ResetRecord[] {
    return this.#resetRecords.items;
  }

  /** Log lines, the firmware's ("app") and the board's: the newest `keep.logLines` of them. */
  get logs(): readonly LogLine[] {
    return this.#logs.items;
  }

  /**
   * What the board keeps in memory of its pin changes, log lines and resets:
   * how many it holds, may hold, let go because it was full, and recorded in all.
   */
  get kept(): { readonly pinChanges: KeptCount; readonly logLines: KeptCount; readonly resets: KeptCount } {
    return { pinChanges: this.trace.count, logLines: this.#logs.count, resets: this.#resetRecords.count };
  }

  /** Why the board last reset. */
  get resetReason(): ResetReason {
    return this.#resets.reason;
  }

  /** Events delivered to the firmware since the board was created. */
  get eventsDelivered(): number {
    return this.#runner.eventsDelivered;
  }

  /** The running image's OTA state, as ota_state returns it. */
  get otaState(): number {
    return this.#trial.state;
  }

  /** The profiler, when the board was created with `profiler: true` and an image is flashed. */
  get profiler(): Profiler | null {
    return this.#profiling.profiler;
  }

  /** MIoT over this board: null unless the flashed image carries a spec. */
  get miot(): BoardMiot | null {
    return this.image?.spec ? this.#miot.device : null;
  }

  /** Whether the board's radio is up: awake, and connected since the last boot. */
  get online(): boolean {
    return this.#radio.online;
  }

  /** did, token and MAC: the board's, kept in its flash (the "sail.factory" namespace), made on first boot or given. */
  get identity(): MiotIdentity {
    return this.#identity.value;
  }

  /** Whether the on-board LED is lit, or null if the board has none. */
  get ledOn(): boolean | null {
    const led = this.profile.led;
    if (led === null) return null;
    if (this.onboardLeds !== null) return this.onboardLeds.lit;
    return (this.gpio.level(led.gpio) === 1) === led.activeHigh;
  }

  /** The time of day as the board knows it (from the LAN's time server), or null before its first sync since boot. */
  get wallclock(): Date | null {
    return this.#sntp.known ? new Date(Math.floor(this.#sntp.wallclockUs(this.now) / 1000)) : null;
  }

  /** Validates and flashes an image (bytes or a path), then powers the board on. */
  async flash(image: Uint8Array | string, file?: string): Promise<FlashedImage> {
    return this.#life.flash(image, file);
  }

  /**
   * A dev reflash, as `sail dev` reloads (docs/decisions.md D124): writes the image over the running slot,
   * keeps the key-value store and identity, and resets with reason SW; no signature or version rule.
   */
  async devReflash(image: Uint8Array, file = "firmware.wasm"): Promise<FlashedImage> {
    return this.#life.devReflash(image, file);
  }

  /** Boots whatever the board's flash holds (a flash loaded from a file); the bootloader picks the image. */
  async bootFromFlash(): Promise<void> {
    await this.#life.bootFromFlash();
  }

  /** An over-the-air update (test API, CLI): checked, written, booted on trial; refusals throw OtaError. */
  async update(
    image: Uint8Array | string,
    options: { readonly file?: string; readonly sha256?: string } = {},
  ): Promise<Manifest> {
    return this.#life.update(image, options);
  }

  /** Power-on reset: boots the flashed image from scratch. */
  powerOn(): void {
    this.#life.powerOn();
  }

  /** Power is cut: RAM, pins and timers are lost; flash keeps what was written. `powerOn()` boots again. */
  powerCut(): void {
    this.#life.powerCut();
    this.rmt.powerOff();
  }

  /** Runs everything due within `d` of virtual time. */
  advance(d: Duration): Promise<void> {
    return settled(() => this.clock.advance(d));
  }

  /** Runs until `condition()` holds; throws TimeoutError after `timeout`. */
  runUntil(condition: () => boolean, timeout: Duration, what?: string): Promise<void> {
    return settled(() => this.clock.runUntil(condition, timeout, what));
  }

  pin(gpio: number): PinHandle {
    return PinHandle.of(this, gpio);
  }

  /** A button of the board profile by name ("boot"). */
  button(name: string): ButtonHandle {
    return ButtonHandle.named(this, name);
  }

  /** Wires an I2C part to `port` at its address (e.g. `board.attachI2c(0, new Sht3x())`); returns the part. */
  attachI2c<P extends I2cPart>(port: number, part: P): P {
    return this.i2c.attach(port, part);
  }

  /** Wires a UART part to `port` (e.g. `board.attachUart(2, new Pms5003())`); returns the part. */
  attachUart<P extends UartPart>(port: number, part: P): P {
    return this.uart.attach(port, part);
  }

  /** Wires an SPI part to chip-select pin `cs` of `port` (e.g. `board.attachSpi(0, 5, new Max31855())`). */
  attachSpi<P extends SpiPart>(port: number, cs: number, part: P): P {
    return this.spi.attach(port, cs, part);
  }

  /** The colours (0xRRGGBB) of the addressable LEDs on `gpio`, or null when none are wired there. */
  ledColours(gpio: number): readonly number[] | null {
    return this.rmt.chain(gpio)?.colours ?? null;
  }

  /** Wires a chain of addressable LEDs to a data pin (e.g. `board.attachLeds(4, new Ws2812Strip(8))`). */
  attachLeds<C extends LedChain>(pin: number, chain: C): C {
    return this.rmt.attach(pin, chain);
  }

  /** A log line, published on `changes` (to `logs`, onLog and every other subscriber). */
  log(level: LogLevel, text: string, source: "app" | "board" = "board"): void {
    const line: LogLine = { timeUs: this.now, level, source, text };
    this.changes.publish({ timeUs: line.timeUs, kind: "log", line });
  }
}
