// Running firmware: starts an executor at boot, delivers every event through
// one path, accounts device time around each handler, and turns what stopped
// the firmware (a fault, a restart, deep sleep, a power cut) into a stop the
// board acts on.

import { STATUS } from "../abi/table.js";
import type { Cpu } from "../firmware/cpu.js";
import type { FirmwareExecutor } from "../firmware/executor.js";
import { FirmwareStop, wasmFunctionOf, type ResetReason } from "../firmware/faults.js";
import type { GuestMemory } from "../firmware/memory.js";
import { PowerCut } from "../flash/chip.js";
import type { EnergyMeter } from "../power/energy.js";
import type { Sleep } from "../power/sleep.js";
import type { Profiler } from "../profiler/profiler.js";
import type { VirtualClock } from "../time/clock.js";
import type { MemoryHighWater } from "./memory-high-water.js";

/** Why the firmware stopped inside a handler. */
export interface Stop {
  readonly reason: ResetReason;
  readonly message: string;
  /** The wasm function that was running, when known. */
  readonly fn: string | null;
}

export interface DeliveryOptions {
  /** During light sleep the event waits and is delivered after WAKE (timers, edges, UART do). */
  readonly deferInLightSleep: boolean;
  /** Warn when the firmware has no handler for the id (sail_event returns ERR_NOT_FOUND). */
  readonly warnUnhandled: boolean;
}

/** Timers, GPIO edges, UART data and WAKE. */
export const HARDWARE_EVENT: DeliveryOptions = { deferInLightSleep: true, warnUnhandled: true };
/** A request whose status the caller reads (MIoT). */
export const REQUEST: DeliveryOptions = { deferInLightSleep: false, warnUnhandled: false };

export interface RunnerDeps {
  readonly cpu: Cpu;
  readonly clock: VirtualClock;
  readonly energy: EnergyMeter;
  readonly sleep: Sleep;
  readonly memory: GuestMemory;
  readonly highWater: MemoryHighWater;
  readonly profiler: () => Profiler | null;
  /** The running image's function names, for the reset record. */
  readonly functionNames: () => ReadonlyMap<number, string>;
  /** The app's RAM budget. */
  readonly ramBytes: number;
  /**
   * What the running image's memory may grow to (its maximum, within the budget):
   * a trap in the allocator there is memory exhaustion.
   */
  readonly memoryCapBytes: () => number;
  readonly warn: (text: string) => void;
  /** What the board does when a handler stopped the firmware (or the power was cut under it). */
  readonly stopped: (stop: Stop | "power cut", during: string) => void;
}

export class FirmwareRunner {
  /** Events delivered to the firmware since the board was created. */
  eventsDelivered = 0;
  #executor: FirmwareExecutor | null = null;
  /** Set by sleep_light: the CPU sleeps when the running handler returns. */
  #lightSleepRequested = false;
  /** Events that fell due during light sleep, delivered after WAKE. */
  #deferred: (() => void)[] = [];
  /** The event being delivered (fields, not a closure per event: the event path allocates nothing of its own). */
  #kind = 0;
  #id = 0;
  #a = 0n;
  #b = 0n;
  #during = "";
  #warnUnhandled = false;
  #status: number | null = null;
  readonly #eventBody = (): void => {
    const status = (this.#executor as FirmwareExecutor).event(this.#kind, this.#id, this.#a, this.#b);
    this.#status = status;
    if (status === STATUS.ERR_NOT_FOUND && this.#warnUnhandled)
      this.deps.warn(`${this.#during}: the firmware has no handler for id ${this.#id}`);
  };

  /** The running handler's device time, for the clock (one function, not one per event). */
  readonly #deviceNow = (): number => this.deps.cpu.nowUs();

  constructor(readonly deps: RunnerDeps) {}

  /** The running executor, or null (off, asleep, halted). */
  get executor(): FirmwareExecutor | null {
    return this.#executor;
  }

  /** Boots an executor: module initialisation, then sail_setup unless that stopped it. */
  start(executor: FirmwareExecutor): void {
    this.#executor = executor;
    this.deps.cpu.attach(executor.fuel, executor.counters);
    this.#run("start", executor.start);
    if (this.#executor === executor) this.#run("setup", executor.setup);
  }

  /** The firmware stops (reset, deep sleep, power cut): memory is scanned first, then the executor is dropped. */
  stop(): void {
    this.deps.highWater.scan();
    this.#executor = null;
  }

  /** Chip reset: a pending light sleep and the events it deferred are lost. */
  reset(): void {
    this.#lightSleepRequested = false;
    this.#deferred = [];
  }

  /** sleep_light: the CPU sleeps when the running handler returns. */
  requestLightSleep(): void {
    this.#lightSleepRequested = true;
  }

  /**
   * Delivers one event; returns the firmware's status, or null if it is not
   * running, faulted, or the event was deferred until WAKE.
   */
  deliver(kind: number, id: number, a: bigint, b: bigint, during: string, options: DeliveryOptions): number | null {
    const fw = this.#executor;
    if (fw === null) return null;
    // The event is held in fields; a delivery from inside a handler would overwrite them (and the chip has one core).
    if (this.deps.cpu.running) throw new Error(`internal error: ${during} delivered while a handler runs`);
    if (options.deferInLightSleep && this.deps.sleep.depth === "light") {
      this.#deferred.push(() => this.deliver(kind, id, a, b, during, options));
      return null;
    }
    this.eventsDelivered++;
    this.#kind = kind;
    this.#id = id;
    this.#a = a;
    this.#b = b;
    this.#during = during;
    this.#warnUnhandled = options.warnUnhandled;
    this.#status = null;
    this.#run(during, this.#eventBody);
    return this.#executor === fw ? this.#status : null;
  }

  /** After WAKE: the events that fell due during light sleep, in order. */
  flushDeferred(): void {
    const deferred = this.#deferred;
    this.#deferred = [];
    for (const d of deferred) d();
  }

  /** Writes bytes into the firmware's exchange buffer; false if it has none big enough. */
  writeExchange(bytes: Uint8Array): boolean {
    const fw = this.#executor;
    const buffer = fw?.exchangeBuffer?.();
    if (fw === null || fw.linearMemory() === null || buffer === undefined || bytes.length > buffer.size) return false;
    this.deps.memory.write(buffer.ptr, bytes, "sail_buffer");
    return true;
  }

  /** Runs firmware code with device-time accounting; a stop goes to deps.stopped. */
  #run(during: string, body: () => void): void {
    const { cpu, clock, energy } = this.deps;
    const fw = this.#executor as FirmwareExecutor;
    let stop: Stop | null = null;
    let cut = false;
    const profiler = this.deps.profiler();
    // Input alarms may move the clock while the handler runs (clock.ts); its time is counted from here.
    const start = clock.now;
    try {
      cpu.begin(start, during);
      clock.enterFirmware(this.#deviceNow);
      profiler?.beginEvent(during, cpu.instructionsNow());
      body();
      fw.collect?.();
    } catch (e) {
      if (e instanceof PowerCut) cut = true;
      else stop = this.#classify(e);
    } finally {
      // Stimuli that fell due during the handler take effect at their own times before the clock moves on.
      try {
        clock.applyInputs();
      } finally {
        clock.leaveFirmware();
      }
      const elapsed = cpu.end();
      profiler?.endEvent(cpu.instructionsNow(), elapsed);
      energy.active(elapsed);
      clock.moveTo(start + elapsed);
      this.deps.highWater.noteLinear(fw.linearMemory()?.byteLength ?? 0);
    }
    if (cut) this.deps.stopped("power cut", during);
    else if (stop !== null) this.deps.stopped(stop, during);
    else if (this.#lightSleepRequested && this.#executor === fw) {
      this.#lightSleepRequested = false;
      energy.enter("lightSleep");
      this.deps.sleep.enter("light");
    }
  }

  #classify(e: unknown): Stop {
    const fn = wasmFunctionOf(e, this.deps.functionNames());
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
    const bytes = this.#executor?.linearMemory()?.byteLength;
    const ram = this.deps.ramBytes;
    const cap = this.deps.memoryCapBytes();
    const atCap = bytes !== undefined && bytes >= Math.max(cap - 65535, 65536);
    if (atCap && fn !== null && /^(tlsf|stub|itcms|tcms|rt)\//.test(fn)) {
      const why =
        cap < ram
          ? `the image's memory maximum of ${cap / 1024} KiB (the app's RAM budget is ${ram / 1024} KiB)`
          : `the app's RAM budget of ${ram / 1024} KiB`;
      return `out of memory: the heap cannot grow past ${why} (trap: ${message})`;
    }
    return `trap: ${message}`;
  }
}
