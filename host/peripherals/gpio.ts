// GPIO pads (ESP32 TRM ch. 4 "IO_MUX and GPIO matrix"; ESP-IDF gpio.h).
// Firmware face: mode, pull, latch, read, edge watch. Test face: external
// drive, level. Pins start as floating inputs; a floating input holds its last
// level (pad capacitance), starting at 0.

import { GPIO_EDGE, GPIO_MODE, GPIO_PULL, STATUS } from "../abi/table.js";
import type { PinProfile } from "../boards/profile.js";
import type { Changes } from "../trace/changes.js";
import type { Level } from "../trace/pin-trace.js";
import type { PinMux } from "./pin-mux.js";

export { GPIO_EDGE, GPIO_MODE, GPIO_PULL };

interface PadState {
  readonly profile: PinProfile;
  mode: number;
  pull: number;
  latch: Level;
  /** Strong drive from outside the chip (a test, a button), or null. */
  external: Level | null;
  /** A pull resistor on the board itself (e.g. BOOT's 10 kΩ), or null. */
  boardPull: Level | null;
  level: Level;
  watchEdges: number;
  watchId: number;
}

export interface GpioHost {
  /** Which use each pad may take. */
  readonly mux: PinMux;
  /** Level changes are published here. */
  readonly changes: Changes;
  /** Board time, including the running handler's (host/board/inputs.ts). */
  readonly now: () => number;
  /** A watched pin changed level: deliver GPIO_EDGE. */
  readonly edge: (gpio: number, level: Level, id: number) => void;
  /** A board warning (contention ...). */
  readonly warn: (message: string) => void;
  /** The GPIO of the board's own LED, if any: its maker wired it for the strap, so it never warns. */
  readonly boardLed?: number | null;
}

export class Gpio {
  readonly #pads = new Map<number, PadState>();
  /** Strapping pins already warned about being made outputs: once each for the life of the board. */
  readonly #strapWarned = new Set<number>();

  constructor(
    pins: ReadonlyMap<number, PinProfile>,
    readonly host: GpioHost,
  ) {
    for (const [gpio, profile] of pins) {
      this.#pads.set(gpio, {
        profile,
        mode: 0,
        pull: 0,
        latch: 0,
        external: null,
        boardPull: null,
        level: 0,
        watchEdges: 0,
        watchId: 0,
      });
    }
  }

  // --- firmware face -------------------------------------------------------

  mode(gpio: number, mode: number, pull: number): number {
    const pad = this.#usable(gpio, "gpio_mode");
    if (mode < GPIO_MODE.DISABLED || mode > GPIO_MODE.OUTPUT_OD) return STATUS.ERR_INVALID_ARG;
    if (pull < GPIO_PULL.NONE || pull > GPIO_PULL.DOWN) return STATUS.ERR_INVALID_ARG;
    if (mode === GPIO_MODE.OUTPUT || mode === GPIO_MODE.OUTPUT_OD) {
      this.host.mux.drives(pad.profile, "gpio_mode");
      this.#warnStrappingOutput(pad.profile);
    }
    if (pull !== GPIO_PULL.NONE) this.host.mux.pulls(pad.profile, "gpio_mode");
    pad.mode = mode;
    pad.pull = pull;
    this.#update(pad);
    return STATUS.OK;
  }

  /**
   * An output on a strapping pin the chip must see high at reset (docs/decisions.md D142): the
   * load it drives (a relay's transistor, an LED to GND) can hold it low while the board resets
   * and change how it boots. A pin latched low (GPIO 2 on the ESP32, an LED to GND keeps it
   * low), an input (the boot button) and the board's own LED (the C3 DevKitM's WS2812 on GPIO 8,
   * wired by the board's maker) warn about nothing.
   */
  #warnStrappingOutput(pin: PinProfile): void {
    if (pin.strap !== 1 || pin.gpio === this.host.boardLed || this.#strapWarned.has(pin.gpio)) return;
    this.#strapWarned.add(pin.gpio);
    const straps = [...this.#pads.values()].filter((p) => p.profile.strap !== null).map((p) => p.profile.gpio);
    this.host.warn(
      `GPIO ${pin.gpio} is made an output, but it is a strapping pin the chip needs high at reset: ` +
        `a load on it (a relay, an LED to GND) can hold it low while the board resets and change how it boots. ` +
        `Move the output off the strapping pins (${straps.join(", ")}) or keep the load high at reset`,
    );
  }

  write(gpio: number, level: number): number {
    const pad = this.#usable(gpio, "gpio_write");
    if (pad.profile.io === "input") this.host.mux.drives(pad.profile, "gpio_write");
    pad.latch = level ? 1 : 0;
    if (pad.mode === GPIO_MODE.OUTPUT || pad.mode === GPIO_MODE.OUTPUT_OD) this.#update(pad);
    return STATUS.OK;
  }

  read(gpio: number): number {
    return this.#usable(gpio, "gpio_read").level;
  }

  watch(gpio: number, edges: number, id: number): number {
    const pad = this.#usable(gpio, "gpio_watch");
    if (edges < GPIO_EDGE.NONE || edges > GPIO_EDGE.ANY) return STATUS.ERR_INVALID_ARG;
    pad.watchEdges = edges;
    pad.watchId = id;
    return STATUS.OK;
  }

  // --- test face -----------------------------------------------------------

  /** Drives the pad from outside (0 or 1), or releases it (null). */
  drive(gpio: number, level: Level | null): void {
    const pad = this.#pad(gpio);
    pad.external = level;
    this.#update(pad);
  }

  /** A resistor on the board pulling the pad to a level (null: none). */
  setBoardPull(gpio: number, level: Level | null): void {
    const pad = this.#pad(gpio);
    pad.boardPull = level;
    this.#update(pad);
  }

  level(gpio: number): Level {
    return this.#pad(gpio).level;
  }

  /** The pad's GPIO_MODE as the firmware set it (DISABLED after reset): what a board view draws as its direction. */
  modeOf(gpio: number): number {
    return this.#pad(gpio).mode;
  }

  /** Whether something outside the chip (a test, a held button) drives the pad. */
  isDriven(gpio: number): boolean {
    return this.#pad(gpio).external !== null;
  }

  /** Chip reset: every pad back to a floating input, watches cleared. */
  reset(): void {
    for (const pad of this.#pads.values()) {
      pad.mode = GPIO_MODE.DISABLED;
      pad.pull = GPIO_PULL.NONE;
      pad.latch = 0;
      pad.watchEdges = 0;
      this.#update(pad);
    }
  }

  has(gpio: number): boolean {
    return this.#pads.has(gpio);
  }

  // -------------------------------------------------------------------------

  #pad(gpio: number): PadState {
    const pad = this.#pads.get(gpio);
    if (pad === undefined)
      throw new RangeError(`GPIO ${gpio} does not exist on this board (pins: ${[...this.#pads.keys()].join(", ")})`);
    return pad;
  }

  /** The pad for a firmware call; the mux refuses a missing or reserved pin. */
  #usable(gpio: number, call: string): PadState {
    const pad = this.#pads.get(gpio);
    if (pad === undefined || pad.profile.reserved !== null) this.host.mux.usable(gpio, call);
    return pad as PadState;
  }

  #resolve(pad: PadState): Level {
    const drivesHigh = pad.mode === GPIO_MODE.OUTPUT && pad.latch === 1;
    const drivesLow = (pad.mode === GPIO_MODE.OUTPUT || pad.mode === GPIO_MODE.OUTPUT_OD) && pad.latch === 0;
    if (drivesHigh || drivesLow) {
      if (pad.external !== null && pad.external !== pad.latch) {
        this.host.warn(
          `GPIO ${pad.profile.gpio}: contention, ` +
            `the chip drives ${pad.latch} while something outside drives ${pad.external}`,
        );
      }
      return pad.latch;
    }
    if (pad.external !== null) return pad.external;
    // A board resistor (BOOT's 10 kΩ) beats the internal pulls (about 45 kΩ).
    if (pad.boardPull !== null) return pad.boardPull;
    if (pad.pull === GPIO_PULL.UP) return 1;
    if (pad.pull === GPIO_PULL.DOWN) return 0;
    return pad.level;
  }

  #update(pad: PadState): void {
    const level = this.#resolve(pad);
    if (level === pad.level) return;
    pad.level = level;
    const gpio = pad.profile.gpio;
    const changes = this.host.changes;
    if (changes.listened) changes.publishLevel(this.host.now(), gpio, level);
    const want = level === 1 ? GPIO_EDGE.RISING : GPIO_EDGE.FALLING;
    if (pad.watchEdges & want) this.host.edge(gpio, level, pad.watchId);
  }
}
