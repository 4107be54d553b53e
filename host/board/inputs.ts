// External inputs: what reaches the firmware from outside the chip (a test's
// pin drive and ADC voltage, a part's readings, UART bytes arriving, the
// world's values). They all meet the firmware at one time, `now`: outside a
// handler the clock's time, inside one the handler's start plus the device
// time it used so far (its metered instructions, host calls and delays).
// Every peripheral and part reads inputs at this `now`, so a sensor polled
// twice within a long handler sees two different times. Stimuli scheduled on
// the clock as input alarms (a click's release, contact bounce, a pulse's end,
// a scenario step, a part's frame) take effect at their own time, also while
// a handler blocks: the board applies the ones due at every import the
// firmware calls (host/time/clock.ts), so `gpio_read` after `delay_us` sees a
// button released during the delay. What they cause for the firmware (an edge
// interrupt, UART_RX) waits for the handler to return.

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

  constructor(readonly clock: VirtualClock) {}

  /** Current virtual time in µs; inside a handler including the time it used so far (clock.current). */
  readonly now = (): number => this.clock.current;

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
