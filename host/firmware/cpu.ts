// Device time of the running handler. Executing firmware costs virtual time:
// metered instructions and host calls times the board's cost model, plus time
// spent blocked in delay_us. The task watchdog watches the event loop: one
// event (running or blocked) may not take longer than the watchdog timeout.

import type { CostModel } from "../boards/profile.js";
import type { FuelMeter } from "./executor.js";
import { FirmwareFault, WatchdogBite } from "./faults.js";

/**
 * Instructions granted per refill. Host calls and delays also use device
 * time, so the deadline is re-checked at least this often.
 */
const FUEL_CHUNK = 100_000;

export class Cpu {
  #fuel: FuelMeter | null = null;
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
  totalHostCalls = 0;
  readonly #usPerInstruction: number;
  readonly #usPerHostCall: number;

  constructor(
    cost: CostModel,
    cpuMhz: number,
    readonly watchdogUs: number,
  ) {
    this.#usPerInstruction = cost.cyclesPerInstruction / cpuMhz;
    this.#usPerHostCall = cost.cyclesPerHostCall / cpuMhz;
  }

  attach(fuel: FuelMeter | null): void {
    this.#fuel = fuel;
  }

  begin(nowUs: number, during: string): void {
    this.running = true;
    this.#startUs = nowUs;
    this.#hostCalls = 0;
    this.#blockedUs = 0;
    this.#during = during;
    this.#deadlineUs = nowUs + this.watchdogUs;
    if (this.#fuel !== null) this.#fuel.value = 0;
    this.#granted = this.#lastGrant = 0;
    this.#refill();
  }

  /** Ends the handler; returns the device time it took, in whole µs (rounded up). */
  end(): number {
    const used = this.#used();
    this.totalInstructions += used;
    this.totalHostCalls += this.#hostCalls;
    const elapsed = Math.ceil(this.#elapsedUs(used));
    this.running = false;
    return elapsed;
  }

  hostCall(): void {
    this.#refuseForgedFuel();
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
    return this.#startUs + Math.floor(this.#elapsedUs(this.#used()));
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
    this.#checkDeadline();
    this.#refill();
  }

  #used(): number {
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

  #elapsedUs(used: number): number {
    return used * this.#usPerInstruction + this.#hostCalls * this.#usPerHostCall + this.#blockedUs;
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
