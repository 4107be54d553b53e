// One-shot ADC (ESP-IDF adc_oneshot; ESP32 datasheet §4.9.1). 12-bit raw
// readings; each attenuation has a usable input range from the profile. The
// model is linear from 0 mV to the top of that range; millivolt readings are
// the calibrated inverse. Only units listed in the profile may be used (ADC2
// is shared with Wi-Fi on ESP32). A reading of a voltage outside the usable range
// (clipped at raw 4095 above it, inaccurate below it) warns once per pin for the life of
// the board, so a sensor wired past its attenuation's range is seen (docs/adc.md).

import { ADC_ATTEN, STATUS } from "../abi/table.js";
import type { BoardProfile } from "../boards/profile.js";
import type { PinMux } from "./pin-mux.js";
import { FirmwareFault } from "../firmware/faults.js";

export interface AdcHost {
  /** The board's pads (which have an ADC channel). */
  readonly mux: PinMux;
  /** A warning in the board's log and trace. */
  readonly warn: (message: string) => void;
}

const ATTEN_DB: readonly string[] = ["0 dB", "2.5 dB", "6 dB", "12 dB"];

export class Adc {
  readonly #atten = new Map<number, number>();
  readonly #voltsMv = new Map<number, number>();
  readonly #fullScale: number;
  /** Pins already warned about a reading outside the range: once each, resets included. */
  readonly #warned = new Set<number>();

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
    const [bottom, top] = this.adc.rangeMv[atten] as readonly [number, number];
    const mv = this.#voltsMv.get(gpio) ?? 0;
    if ((mv > top || (mv < bottom && mv > 0)) && !this.#warned.has(gpio)) {
      this.#warned.add(gpio);
      this.host.warn(
        mv > top
          ? `ADC on GPIO ${gpio} saturated: ${mv} mV is past the ${top} mV top of the ${ATTEN_DB[atten] ?? "?"} ` +
              `range (${bottom}–${top} mV); it reads raw ${this.#fullScale}. Use a higher attenuation or a divider`
          : `ADC on GPIO ${gpio}: ${mv} mV is under the ${bottom} mV bottom of the ${ATTEN_DB[atten] ?? "?"} ` +
              `range (${bottom}–${top} mV), where readings are not accurate. Use a lower attenuation`,
      );
    }
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
