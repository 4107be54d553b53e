// An emulated board: the composition root that builds clock, pads, PWM, ADC,
// timers and the firmware runtime from a profile, delivers events to the
// firmware, accounts device time and resets on faults as a real board would.

import { readFile } from "node:fs/promises";
import { EVENT_KIND, STATUS, type HostImports } from "../abi/table.js";
import { flashImage, type FlashedImage } from "../flash/flash.js";
import { bindImports } from "../firmware/bindings.js";
import { Cpu } from "../firmware/cpu.js";
import { instantiate, type FirmwareExports } from "../firmware/instance.js";
import { readAsString, readUtf8 } from "../firmware/text.js";
import { Adc } from "../peripherals/adc.js";
import { Gpio } from "../peripherals/gpio.js";
import { Pwm } from "../peripherals/pwm.js";
import { Timers } from "../peripherals/timers.js";
import { SailError } from "../errors.js";
import { VirtualClock, type Alarm } from "../time/clock.js";
import { formatDuration, type Duration } from "../time/duration.js";
import { FirmwareFault, FirmwareStop, RESET_REASON_CODE, RestartRequest, wasmFunctionOf, type ResetReason, type ResetRecord } from "./faults.js";
import { ButtonHandle, PinHandle } from "./handles.js";
import { BoardMiot, type MiotIdentity } from "./miot.js";
import { instrumentForProfile, PROFILE_MODULE } from "../profile/instrument.js";
import { Profiler } from "../profile/profiler.js";
import { loadBoardProfile, type BoardProfile } from "./profile.js";
import { SeededRandom } from "./random.js";
import { PinTrace } from "./trace.js";

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
  readonly profile?: boolean;
  /** A clock shared with other boards (a home); by default the board has its own. */
  readonly clock?: VirtualClock;
}

export type BoardState = "off" | "running" | "halted";

const LOG_LEVELS: readonly LogLevel[] = ["E", "E", "W", "I", "D", "V"];

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
  state: BoardState = "off";
  /** Why the board last reset. */
  resetReason: ResetReason = "POWERON";
  /** Events delivered to the firmware since power-on. */
  eventsDelivered = 0;

  /** did, token and MAC: the board's, not the image's (they live in its flash). */
  readonly identity: MiotIdentity;
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
  readonly #onLog: ((line: LogLine) => void) | undefined;

  static load(profile: string | BoardProfile, options: BoardOptions = {}): Board {
    return new Board(typeof profile === "string" ? loadBoardProfile(profile) : profile, options);
  }

  constructor(readonly profile: BoardProfile, options: BoardOptions = {}) {
    this.clock = options.clock ?? new VirtualClock();
    this.#onLog = options.onLog;
    this.#profiling = options.profile ?? false;
    this.random = new SeededRandom(options.seed ?? 1);
    // Its own generator, so giving an identity does not shift any other random draw.
    this.identity = makeIdentity(new SeededRandom((options.seed ?? 1) ^ 0x5a11), options.identity ?? {});
    const now = (): number => this.now;
    this.cpu = new Cpu(profile.interpreter.cost, profile.chip.cpuMhz, profile.watchdog.timeoutMs * 1000);
    this.gpio = new Gpio(profile.pins, this.trace, {
      now,
      edge: (gpio, level, id) => {
        const t = this.now;
        this.clock.at(t, () => this.#deliver(EVENT_KIND.GPIO_EDGE, id, BigInt(level), BigInt(t), `GPIO_EDGE ${id} (GPIO ${gpio})`));
      },
      warn: (m) => this.log("W", m),
    });
    this.pwm = new Pwm(profile.ledc, (gpio, call) => this.#checkOutput(gpio, call), this.trace, now);
    this.adc = new Adc(profile.adc, profile.pins);
    this.timers = new Timers(this.clock, now, (id, due) => this.#deliver(EVENT_KIND.TIMER, id, BigInt(due), 0n, `TIMER ${id}`));
    for (const b of profile.buttons) this.gpio.setBoardPull(b.gpio, b.activeLow ? 1 : 0);
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
    let flashed = await flashImage(bytes, this.profile, file ?? (typeof image === "string" ? image : "firmware.wasm"));
    for (const note of flashed.notes) this.log("I", note);
    if (this.#profiling) flashed = await this.#instrument(flashed);
    this.#image = flashed;
    if (this.#miot !== null) this.#miot.load(flashed.spec);
    else if (flashed.spec !== null) {
      this.#miot = new BoardMiot(flashed.spec, this.identity, {
        call: (kind, id, a, b, during) => this.#call(kind, id, a, b, during),
        writeBuffer: (bytes) => this.#writeBuffer(bytes),
        clockUs: () => this.now,
        info: () => this.#miotInfo(),
      });
    }
    this.powerOn();
    return flashed;
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

  button(name: string): ButtonHandle {
    const b = this.profile.buttons.find((x) => x.name === name);
    if (b === undefined) {
      throw new RangeError(`${this.profile.id} has no button "${name}" (buttons: ${this.profile.buttons.map((x) => x.name).join(", ") || "none"})`);
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
    const image = this.#image;
    if (image === null) throw new Error("nothing flashed: call flash() first");
    this.clock.cancel(this.#reboot);
    this.#reboot = null;
    this.#resetPeripherals();
    this.resetReason = reason;
    this.#bootUs = this.clock.now;
    for (const [gpio, pin] of this.profile.pins) {
      if (pin.strap !== null && this.gpio.level(gpio) !== pin.strap && this.gpio.isDriven(gpio)) {
        this.log("W", `GPIO ${gpio} is held at ${this.gpio.level(gpio)} while the board resets; it is a strapping pin latched at reset (default ${pin.strap})`);
      }
    }
    const m = image.manifest;
    this.log("I", `boot: reset reason ${reason}; ${m === null ? "bare image" : `${m.name} ${m.version}`} on ${this.profile.id}`);
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

  /** The profiler, when the board was created with `profile: true` and an image is flashed. */
  get profiler(): Profiler | null {
    return this.#profiler;
  }

  async #instrument(flashed: FlashedImage): Promise<FlashedImage> {
    const profiled = await instrumentForProfile(flashed.code, flashed.file);
    const profiler = new Profiler(profiled.names, this.profile.interpreter.cost, this.profile.chip.cpuMhz);
    this.#profiler = profiler;
    this.cpu.onHostCall = () => profiler.hostCall();
    this.#imports[PROFILE_MODULE] = {
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
    this.#run(during, () => { status = fw.event(kind, id, a, b); });
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
    const profiler = this.#profiler;
    try {
      this.cpu.begin(this.clock.now, during);
      profiler?.beginEvent(during, this.cpu.instructionsNow());
      body();
      fw.collect?.();
    } catch (e) {
      stop = this.#classify(e);
    } finally {
      const elapsed = this.cpu.end();
      profiler?.endEvent(this.cpu.instructionsNow(), elapsed);
      this.clock.moveTo(this.clock.now + elapsed);
      const bytes = fw.memory?.buffer.byteLength ?? 0;
      if (bytes > this.memoryHighWater) this.memoryHighWater = bytes;
    }
    if (stop !== null) this.#reset(stop.reason, stop.message, stop.fn, during);
  }

  #classify(e: unknown): { reason: ResetReason; message: string; fn: string | null } {
    const names = this.#image?.info.functionNames ?? new Map<number, string>();
    const fn = wasmFunctionOf(e, names);
    if (e instanceof FirmwareStop) return { reason: e.reason, message: e.message, fn };
    if (e instanceof WebAssembly.RuntimeError) return { reason: "PANIC", message: this.#describeTrap(e.message, fn), fn };
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return { reason: "PANIC", message: "stack overflow: the wasm call stack is exhausted (endless recursion?)", fn };
    }
    // A failure of the board itself while the firmware ran: reset rather than take the host down.
    return { reason: "PANIC", message: `board error: ${e instanceof Error ? e.message : String(e)}`, fn };
  }

  /** A trap inside AssemblyScript's allocator with memory at its cap is memory exhaustion. */
  #describeTrap(message: string, fn: string | null): string {
    const memory = this.#fw?.memory;
    const atCap = memory !== undefined && memory !== null && memory.buffer.byteLength >= Math.max(this.profile.app.ramBytes - 65535, 65536);
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
      this.#crashStreak = timeUs - this.#bootUs < this.profile.watchdog.stableAfterMs * 1000 ? this.#crashStreak + 1 : 1;
      if (this.#crashStreak >= this.profile.watchdog.bootLoopResets) {
        this.state = "halted";
        this.log("E", `boot loop: ${this.#crashStreak} crash resets in a row, each within ${formatDuration(this.profile.watchdog.stableAfterMs * 1000)} of boot; the board stays off. Last: ${message}`);
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
    this.#lastFeedUs = null;
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
        this.#reset("TASK_WDT", `task watchdog: not fed for ${formatDuration(timeoutUs)} (the firmware subscribed by calling wdt_feed)`, null, "idle");
      } else {
        this.#armFeedCheck();
      }
    });
  }

  #miotFor(call: string): BoardMiot {
    if (this.#miot === null) throw new FirmwareFault(call, "this image carries no MIoT spec (sail.spec); add \"spec\" to sail.json and rebuild");
    return this.#miot;
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
      restart: () => { throw new RestartRequest(); },
      reset_reason: () => RESET_REASON_CODE[this.resetReason],
      wdt_feed: () => this.#feedWatchdog(),
      miot_reply_int: (v) => this.#miotFor("miot_reply_int").reply(v),
      miot_reply_float: (v) => this.#miotFor("miot_reply_float").reply(v),
      miot_reply_str: (ptr, len) => this.#miotFor("miot_reply_str").reply(readUtf8(mem(), ptr, len, "miot_reply_str")),
      miot_arg_int: (i) => {
        const v = this.#miotFor("miot_arg_int").arg(i, "miot_arg_int");
        return typeof v === "bigint" ? v : BigInt(typeof v === "boolean" ? Number(v) : Math.trunc(Number(v)));
      },
      miot_arg_float: (i) => Number(this.#miotFor("miot_arg_float").arg(i, "miot_arg_float")),
      miot_arg_str: (i, ptr, cap) => {
        const bytes = new TextEncoder().encode(String(this.#miotFor("miot_arg_str").arg(i, "miot_arg_str")));
        const m = mem();
        if (m === null || ptr < 0 || ptr + Math.min(cap, bytes.length) > m.buffer.byteLength) throw new FirmwareFault("miot_arg_str", "buffer lies outside linear memory");
        new Uint8Array(m.buffer, ptr, Math.min(cap, bytes.length)).set(bytes.subarray(0, cap));
        return bytes.length;
      },
      miot_changed_int: (siid, piid, v) => this.#miotFor("miot_changed_int").changed(siid, piid, v),
      miot_changed_float: (siid, piid, v) => this.#miotFor("miot_changed_float").changed(siid, piid, v),
      miot_changed_str: (siid, piid, ptr, len) => this.#miotFor("miot_changed_str").changed(siid, piid, readUtf8(mem(), ptr, len, "miot_changed_str")),
      miot_event: (siid, eiid) => this.#miotFor("miot_event").event(siid, eiid),
      i2c_setup: () => { throw new FirmwareFault("i2c_setup", "not yet available on the emulated board"); },
      i2c_write: () => { throw new FirmwareFault("i2c_write", "not yet available on the emulated board"); },
      i2c_read: () => { throw new FirmwareFault("i2c_read", "not yet available on the emulated board"); },
      i2c_write_read: () => { throw new FirmwareFault("i2c_write_read", "not yet available on the emulated board"); },
      uart_setup: () => { throw new FirmwareFault("uart_setup", "not yet available on the emulated board"); },
      uart_write: () => { throw new FirmwareFault("uart_write", "not yet available on the emulated board"); },
      uart_read: () => { throw new FirmwareFault("uart_read", "not yet available on the emulated board"); },
      uart_watch: () => { throw new FirmwareFault("uart_watch", "not yet available on the emulated board"); },
      kv_open: () => { throw new FirmwareFault("kv_open", "not yet available on the emulated board"); },
      kv_set_int: () => { throw new FirmwareFault("kv_set_int", "not yet available on the emulated board"); },
      kv_get_int: () => { throw new FirmwareFault("kv_get_int", "not yet available on the emulated board"); },
      kv_set_str: () => { throw new FirmwareFault("kv_set_str", "not yet available on the emulated board"); },
      kv_get_str: () => { throw new FirmwareFault("kv_get_str", "not yet available on the emulated board"); },
      kv_set_blob: () => { throw new FirmwareFault("kv_set_blob", "not yet available on the emulated board"); },
      kv_get_blob: () => { throw new FirmwareFault("kv_get_blob", "not yet available on the emulated board"); },
      kv_erase: () => { throw new FirmwareFault("kv_erase", "not yet available on the emulated board"); },
      kv_commit: () => { throw new FirmwareFault("kv_commit", "not yet available on the emulated board"); },
      sleep_wake_timer: () => { throw new FirmwareFault("sleep_wake_timer", "not yet available on the emulated board"); },
      sleep_wake_pin: () => { throw new FirmwareFault("sleep_wake_pin", "not yet available on the emulated board"); },
      sleep_wake_clear: () => { throw new FirmwareFault("sleep_wake_clear", "not yet available on the emulated board"); },
      sleep_light: () => { throw new FirmwareFault("sleep_light", "not yet available on the emulated board"); },
      sleep_deep: () => { throw new FirmwareFault("sleep_deep", "not yet available on the emulated board"); },
      wake_cause: () => { throw new FirmwareFault("wake_cause", "not yet available on the emulated board"); },
      rtc_mem_write: () => { throw new FirmwareFault("rtc_mem_write", "not yet available on the emulated board"); },
      rtc_mem_read: () => { throw new FirmwareFault("rtc_mem_read", "not yet available on the emulated board"); },
      ota_state: () => { throw new FirmwareFault("ota_state", "not yet available on the emulated board"); },
      ota_confirm: () => { throw new FirmwareFault("ota_confirm", "not yet available on the emulated board"); },
      ota_reject: () => { throw new FirmwareFault("ota_reject", "not yet available on the emulated board"); },
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

/** did (non-zero, below 2^32), token and a locally administered MAC, drawn from the board's seed where not given. */
function makeIdentity(random: SeededRandom, given: Partial<MiotIdentity>): MiotIdentity {
  const did = given.did ?? random.int(0x1000_0000, 0x7fff_ffff);
  if (!Number.isInteger(did) || did < 1 || did > 0xffff_ffff) {
    throw new SailError(`device id ${given.did} must be an integer from 1 to 4294967295 (miIO carries it in 32 bits; 0 is refused by clients)`);
  }
  if (given.token !== undefined && given.token.length !== 16) throw new SailError(`token must be 16 bytes (32 hex digits), got ${given.token.length}`);
  const token = given.token ?? Uint8Array.from({ length: 16 }, () => random.int(0, 255));
  const mac = given.mac ?? ["02", "5A", ...[24, 16, 8, 0].map((s) => ((did >>> s) & 0xff).toString(16).padStart(2, "0").toUpperCase())].join(":");
  return { did, token, mac };
}
