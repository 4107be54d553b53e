// One-shot ADC (ESP-IDF adc_oneshot; ESP32 datasheet §4.9.1). 12-bit raw
// readings; each attenuation has a usable input range from the profile. The
// model is linear from 0 mV to the top of that range; millivolt readings are
// the calibrated inverse. Only units listed in the profile may be used (ADC2
// is shared with Wi-Fi on ESP32).

import { ADC_ATTEN, STATUS } from "../abi/table.js";
import type { BoardProfile } from "../boards/profile.js";
import type { PinMux } from "./pin-mux.js";
import { FirmwareFault } from "../firmware/faults.js";

export interface AdcHost {
  /** The board's pads (which have an ADC channel). */
  readonly mux: PinMux;
}

export class Adc {
  readonly #atten = new Map<number, number>();
  readonly #voltsMv = new Map<number, number>();
  readonly #fullScale: number;

  readonly #pins: AdcHost["mux"]["pins"];

  constructor(
    readonly adc: BoardProfile["adc"],
    readonly host: AdcHost,
  ) {
    this.#pins = host.mux.pins;
    this.#fullScale = 2 ** adc.bits - 1;
  }

  // --- firmware face -------------------------------------------------------

  setup(gpio: number, atten: number): number {
    const pin = this.#pins.get(gpio);
    if (pin === undefined || pin.adc === null) {
      throw new FirmwareFault("adc_setup", `GPIO ${gpio} has no ADC channel (ADC pins: ${this.#adcPins()})`);
    }
    if (!this.adc.units.includes(pin.adc.unit)) {
      throw new FirmwareFault(
        "adc_setup",
        `GPIO ${gpio} is on ADC${pin.adc.unit}, which this board does not let the app use (shared with Wi-Fi); ` +
          `use one of: ${this.#adcPins()}`,
      );
    }
    if (atten < ADC_ATTEN.DB_0 || atten > ADC_ATTEN.DB_12) return STATUS.ERR_INVALID_ARG;
    this.#atten.set(gpio, atten);
    return STATUS.OK;
  }

  readRaw(gpio: number): number {
    const atten = this.#atten.get(gpio);
    if (atten === undefined) return STATUS.ERR_INVALID_STATE;
    const top = (this.adc.rangeMv[atten] as readonly [number, number])[1];
    const mv = this.#voltsMv.get(gpio) ?? 0;
    return Math.min(this.#fullScale, Math.max(0, Math.round((mv / top) * this.#fullScale)));
  }

  readMv(gpio: number): number {
    const raw = this.readRaw(gpio);
    if (raw < 0) return raw;
    const top = (this.adc.rangeMv[this.#atten.get(gpio) as number] as readonly [number, number])[1];
    return Math.round((raw * top) / this.#fullScale);
  }

  // --- test face -----------------------------------------------------------

  /** Sets the voltage on a pin, in millivolts. */
  setVoltage(gpio: number, mv: number): void {
    if (!this.#pins.has(gpio)) throw new RangeError(`GPIO ${gpio} does not exist on this board`);
    if (!Number.isFinite(mv) || mv < 0) throw new RangeError(`voltage ${mv} mV must be a non-negative number`);
    this.#voltsMv.set(gpio, mv);
  }

  /** The attenuation the firmware set up on `gpio` (ADC_ATTEN), or null if it set none up. */
  attenuationOf(gpio: number): number | null {
    return this.#atten.get(gpio) ?? null;
  }

  /** The voltage set on `gpio` from outside, mV (0 until one is set). */
  voltageOf(gpio: number): number {
    return this.#voltsMv.get(gpio) ?? 0;
  }

  reset(): void {
    this.#atten.clear();
  }

  #adcPins(): string {
    return [...this.#pins.values()]
      .filter((p) => p.adc !== null && this.adc.units.includes(p.adc.unit))
      .map((p) => p.gpio)
      .join(", ");
  }
}
