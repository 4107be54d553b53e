// The IO_MUX and GPIO matrix (ESP32 TRM ch. 4): which use a pad may take.
// Every pad can carry GPIO, PWM or a bus signal, unless the board reserves it
// (SPI flash) or it is input-only; a pad carries one bus signal at a time,
// and taking it for GPIO or a bus stops the PWM channel that drove it. The
// checks and their FirmwareFault messages live here only.

import type { PinProfile } from "../boards/profile.js";
import { FirmwareFault } from "../firmware/faults.js";

/** How a bus drives its pad. */
export type BusDrive = "open-drain" | "output" | "input";

export class PinMux {
  /** The bus signal each pad carries ("I2C 0 SDA"). */
  readonly #roles = new Map<number, string>();
  #releasePwm: (gpio: number) => void = () => {};
  #pwmBound = false;

  constructor(readonly pins: ReadonlyMap<number, PinProfile>) {}

  has(gpio: number): boolean {
    return this.pins.has(gpio);
  }

  /** The PWM peripheral's detach: called when a pad is taken for another function. */
  onPwmRelease(release: (gpio: number) => void): void {
    if (this.#pwmBound) throw new Error("internal error: a second PWM peripheral on one pin mux");
    this.#pwmBound = true;
    this.#releasePwm = release;
  }

  /** A pad the firmware names must exist (`prefix` starts the message: "I2C 0 SDA: "). */
  exists(gpio: number, call: string, prefix = ""): PinProfile {
    const pin = this.pins.get(gpio);
    if (pin === undefined)
      throw new FirmwareFault(
        call,
        `${prefix}GPIO ${gpio} does not exist on this board (pins: ${[...this.pins.keys()].join(", ")})`,
      );
    return pin;
  }

  /** A pad for any firmware use: it exists and the board does not reserve it. */
  usable(gpio: number, call: string, prefix = ""): PinProfile {
    const p = this.exists(gpio, call, prefix);
    if (p.reserved !== null)
      throw new FirmwareFault(call, `${prefix}GPIO ${gpio} is reserved for ${p.reserved} and cannot be used`);
    return p;
  }

  /** gpio_mode as an output, gpio_write, pwm_setup: an input-only pad cannot drive. */
  drives(pin: PinProfile, call: "gpio_mode" | "gpio_write" | "pwm_setup"): void {
    if (pin.io !== "input") return;
    const g = pin.gpio;
    const why =
      call === "gpio_mode"
        ? `cannot be an output (pins that can: ${this.#drivers()})`
        : call === "gpio_write"
          ? "cannot be driven"
          : "cannot drive PWM";
    throw new FirmwareFault(call, `GPIO ${g} is input-only and ${why}`);
  }

  /** A pull the firmware asks for needs the pad's internal resistors. */
  pulls(pin: PinProfile, call: string): void {
    if (!pin.pulls)
      throw new FirmwareFault(
        call,
        `GPIO ${pin.gpio} has no internal pull-up or pull-down; use an external resistor and pull NONE`,
      );
  }

  /** pwm_setup: the pad must be usable and able to drive. */
  forPwm(gpio: number, call: "pwm_setup"): void {
    this.drives(this.usable(gpio, call), call);
  }

  /** gpio_mode: the pad goes back to GPIO, so a PWM channel driving it stops. */
  toGpio(gpio: number): void {
    if (this.pins.has(gpio)) this.#releasePwm(gpio);
  }

  /** Routes a bus signal (`role`, "I2C 0 SDA") to a pad; a pad that cannot serve is a FirmwareFault naming `call`. */
  claimBus(gpio: number, role: string, drive: BusDrive, call: string): PinProfile {
    const prefix = `${role}: `;
    const pin = this.usable(gpio, call, prefix);
    if (drive !== "input" && pin.io === "input") {
      throw new FirmwareFault(
        call,
        `${prefix}GPIO ${gpio} is input-only and cannot drive the line; use one of ${this.#drivers()}`,
      );
    }
    const taken = this.#roles.get(gpio);
    if (taken !== undefined && taken !== role)
      throw new FirmwareFault(call, `${prefix}GPIO ${gpio} already carries ${taken}; give each bus signal its own pin`);
    this.#roles.set(gpio, role);
    this.#releasePwm(gpio);
    return pin;
  }

  /** Frees every pad whose bus role starts with `owner` ("I2C 0 "). */
  releaseBus(owner: string): void {
    for (const [gpio, role] of this.#roles) if (role.startsWith(owner)) this.#roles.delete(gpio);
  }

  /** The bus signal a pad carries, or null. */
  roleOf(gpio: number): string | null {
    return this.#roles.get(gpio) ?? null;
  }

  /** Pads that can drive: in-out and not reserved. */
  #drivers(): string {
    return [...this.pins.values()]
      .filter((p) => p.io === "inout" && p.reserved === null)
      .map((p) => p.gpio)
      .join(", ");
  }
}
