// Device time of the running handler. Executing firmware costs virtual time:
// the board's cost model applied to the instructions executed, the wasm calls
// and the host calls, exactly as the counting copy counts them (the profiler
// uses the same model), plus time spent blocked in delay_us. The task watchdog
// watches the event loop: one event (running or blocked) may not take longer
// than the watchdog timeout; the shipped metering's fuel only decides how
// often the deadline is looked at.

import { estimateCycles, type CostModel } from "../boards/profile.js";
import type { FuelMeter, InstructionCounters } from "./executor.js";
import { FirmwareFault, WatchdogBite } from "./faults.js";

/**
 * Instructions granted per refill. Host calls and delays also use device
 * time, so the deadline is re-checked at least this often.
 */
const FUEL_CHUNK = 100_000;

export class Cpu {
  #fuel: FuelMeter | null = null;
  #counters: InstructionCounters | null = null;
  /**
   * The counters are never written (a WebAssembly.Global access costs ~50 ns): the running handler's
   * count is what they moved since `#base*`, modulo 2^32, plus what was folded into `#folded*`.
   */
  #baseInstructions = 0;
  #baseCalls = 0;
  #foldedInstructions = 0;
  #foldedCalls = 0;
  #startUs = 0;
  #granted = 0;
  /** The fuel value the last refill wrote: the metering only ever lowers it. */
  #lastGrant = 0;
  #hostCalls = 0;
  #blockedUs = 0;
  #deadlineUs = 0;
  #during = "";
  running = false;
  /** Instructions executed since the board was created. */
  totalInstructions = 0;
  /** Wasm function entries since the board was created. */
  totalCalls = 0;
  totalHostCalls = 0;
  readonly #usPerInstruction: number;

  constructor(
    readonly cost: CostModel,
    readonly cpuMhz: number,
    readonly watchdogUs: number,
  ) {
    this.#usPerInstruction = cost.cyclesPerInstruction / cpuMhz;
  }

  attach(fuel: FuelMeter | null, counters: InstructionCounters | null = null): void {
    this.#fuel = fuel;
    this.#counters = counters;
    this.#baseInstructions = counters === null ? 0 : counters.instructions.value >>> 0;
    this.#baseCalls = counters === null ? 0 : counters.calls.value >>> 0;
  }

  begin(nowUs: number, during: string): void {
    this.running = true;
    this.#startUs = nowUs;
    this.#hostCalls = 0;
    this.#blockedUs = 0;
    this.#during = during;
    this.#deadlineUs = nowUs + this.watchdogUs;
    if (this.#fuel !== null) this.#fuel.value = 0;
    this.#foldedInstructions = 0;
    this.#foldedCalls = 0;
    this.#granted = this.#lastGrant = 0;
    this.#refill();
  }

  /** Ends the handler; returns the device time it took, in whole µs (rounded up). */
  end(): number {
    this.#fold();
    // Folded, the counters' totals are in #folded* (two reads instead of four).
    const used = this.#counters !== null ? this.#foldedInstructions : this.#used();
    const calls = this.#foldedCalls;
    this.totalInstructions += used;
    this.totalCalls += calls;
    this.totalHostCalls += this.#hostCalls;
    const elapsed = Math.ceil(this.#elapsedUs(used, calls));
    this.running = false;
    return elapsed;
  }

  hostCall(): void {
    // No fuel read here: the flash-time check keeps firmware from writing the fuel, and a host call is the hot
    // path (a global read costs ~50 ns); meter_exhausted, where the fuel is read anyway, looks for forgery.
    this.#hostCalls++;
    this.onHostCall?.();
  }

  /** Called on every host call while set (the profiler charges it to the running function). */
  onHostCall: (() => void) | null = null;

  /** Instructions executed since the board was created, including the running handler's so far. */
  instructionsNow(): number {
    return this.totalInstructions + (this.running ? this.#used() : 0);
  }

  /** Current device time inside the handler. */
  nowUs(): number {
    return this.#startUs + Math.floor(this.#elapsedUs(this.#used(), this.#calls()));
  }

  /** delay_us: block for `us`; the watchdog still watches the event. */
  delay(us: number): void {
    // A delay past the watchdog's deadline blocks until the watchdog bites, not longer: the clock never
    // jumps past the bite (a delay_us of the largest i64 is 292,000 years).
    this.#blockedUs += Math.min(us, Math.max(0, this.#deadlineUs - this.nowUs()));
    this.#checkDeadline();
  }

  /** meter_exhausted: the instruction budget ran out. */
  exhausted(): void {
    this.#refuseForgedFuel();
    this.#fold();
    this.#checkDeadline();
    this.#refill();
  }

  /** Instructions the running handler executed: the exact count, or the fuel it used without counters. */
  #used(): number {
    const c = this.#counters;
    if (c !== null) return this.#foldedInstructions + ((c.instructions.value - this.#baseInstructions) >>> 0);
    // Clamped: fuel above the grant (written by something other than the metering) never runs time backwards.
    return this.#fuel === null ? 0 : this.#granted - Math.min(this.#fuel.value, this.#lastGrant);
  }

  /** Fuel above what was granted cannot come from the metering, which only subtracts: a fault. */
  #refuseForgedFuel(): void {
    const fuel = this.#fuel?.value ?? 0;
    if (fuel > this.#lastGrant) {
      throw new FirmwareFault(
        "sail_fuel",
        `reads ${fuel}, above the ${this.#lastGrant} instructions granted: something other than the ` +
          "watchdog metering wrote it; rebuild the firmware with sail build",
      );
    }
  }

  #calls(): number {
    const c = this.#counters;
    return c === null ? 0 : this.#foldedCalls + ((c.calls.value - this.#baseCalls) >>> 0);
  }

  /**
   * Moves what the i32 counters moved into the handler's totals. Called at every meter_exhausted,
   * which comes at least every FUEL_CHUNK metered instructions (the metering charges at least what
   * executes), and at the handler's end, so they never move 2^32 unseen.
   */
  #fold(): void {
    const c = this.#counters;
    if (c === null) return;
    const instructions = c.instructions.value >>> 0;
    const calls = c.calls.value >>> 0;
    this.#foldedInstructions += (instructions - this.#baseInstructions) >>> 0;
    this.#foldedCalls += (calls - this.#baseCalls) >>> 0;
    this.#baseInstructions = instructions;
    this.#baseCalls = calls;
  }

  #elapsedUs(used: number, calls: number): number {
    return estimateCycles(this.cost, used, calls, this.#hostCalls) / this.cpuMhz + this.#blockedUs;
  }

  #checkDeadline(): void {
    if (this.nowUs() >= this.#deadlineUs) {
      throw new WatchdogBite(
        `task watchdog: ${this.#during} ran ${this.watchdogUs / 1000} ms without returning to the event loop`,
      );
    }
  }

  /** Grants instructions up to the watchdog deadline. */
  #refill(): void {
    if (this.#fuel === null) return;
    const leftUs = this.#deadlineUs - this.nowUs();
    const grant = Math.max(1, Math.min(FUEL_CHUNK, Math.ceil(leftUs / this.#usPerInstruction)));
    const left = this.#fuel.value;
    this.#granted += grant - Math.min(left, this.#lastGrant);
    this.#fuel.value = this.#lastGrant = grant;
  }
}
