// External inputs: what reaches the firmware from outside the chip (a test's
// pin drive and ADC voltage, a part's readings, UART bytes arriving). They
// all meet the firmware at one time, `now`: outside a handler the clock's
// time, inside one the handler's start plus the device time it used so far
// (its metered instructions, host calls and delays). Every peripheral and
// part reads inputs at this `now`, so a sensor polled twice within a long
// handler sees two different times. Stimuli themselves are applied when the
// test calls them, between events.

import type { Cpu } from "../firmware/cpu.js";
import type { Adc } from "../peripherals/adc.js";
import type { Gpio } from "../peripherals/gpio.js";
import type { VirtualClock } from "../time/clock.js";
import type { Level } from "../trace/pin-trace.js";

export interface InputPads {
  readonly gpio: Gpio;
  readonly adc: Adc;
}

export class ExternalInputs {
  #pads: InputPads | null = null;

  constructor(
    readonly clock: VirtualClock,
    readonly cpu: Pick<Cpu, "running" | "nowUs">,
  ) {}

  /** Current virtual time in µs; inside a handler including the time it used so far. */
  readonly now = (): number => (this.cpu.running ? this.cpu.nowUs() : this.clock.now);

  /** The pads stimuli go to (the board creates them with this object's `now`). */
  connect(pads: InputPads): void {
    this.#pads = pads;
  }

  /** Drives a pad from outside at 0 or 1, or releases it (null). */
  drive(gpio: number, level: Level | null): void {
    this.#connected().gpio.drive(gpio, level);
  }

  /** The voltage an ADC reading of `gpio` sees, in millivolts. */
  setVoltage(gpio: number, mv: number): void {
    this.#connected().adc.setVoltage(gpio, mv);
  }

  #connected(): InputPads {
    if (this.#pads === null) throw new Error("external inputs: no pads connected");
    return this.#pads;
  }
}
