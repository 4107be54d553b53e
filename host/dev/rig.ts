// The board `sail dev` runs and what stands around it: one room (the world)
// on the board's clock, the parts of dev.json wired to its buses and reading
// the room, the loads its outputs drive, and the inputs the page gives. A
// command from the page is checked here before anything is touched: a bad
// one is answered with a message, never a crash.

import { Board, type BoardOptions } from "../board/board.js";
import type { BoardProfile } from "../boards/profile.js";
import { GPIO_MODE } from "../peripherals/gpio.js";
import { Bh1750 } from "../parts/bh1750.js";
import { Pms5003 } from "../parts/pms5003.js";
import { Sht3x } from "../parts/sht3x.js";
import { World } from "../world/world.js";
import { WORLD_QUANTITIES, type PinState, type WorldView } from "./protocol.js";
import type { DevSetup } from "./setup.js";

/** The room starts at noon, so daylight shows. */
const START_HOUR = 12;

export class DevRig {
  readonly board: Board;
  readonly world: World;

  constructor(
    readonly profile: BoardProfile,
    readonly setup: DevSetup,
    options: BoardOptions,
  ) {
    const board = (this.board = new Board(profile, options));
    const world = (this.world = new World(board.clock, { startHour: START_HOUR, seed: options.seed ?? 1 }));
    for (const b of setup.buttons) {
      if (!board.gpio.has(b.gpio))
        throw new RangeError(`dev.json: buttons: GPIO ${b.gpio} of "${b.name}" does not exist on ${profile.id}`);
    }
    for (const p of setup.parts) {
      if (p.part === "sht3x") board.attachI2c(p.port, new Sht3x({ environment: world.environmentProvider() }));
      else if (p.part === "bh1750") board.attachI2c(p.port, new Bh1750({ lux: world.luxProvider() }));
      else board.attachUart(p.port, new Pms5003({ pm: world.pmProvider() }));
    }
    for (const l of setup.loads) {
      const drivenBy = { board, gpio: l.gpio, activeLow: l.activeLow };
      if (l.kind === "heater") world.addHeater({ drivenBy });
      else if (l.kind === "lamp") world.addLamp({ drivenBy });
      else world.addPurifier({ drivenBy });
    }
  }

  /** A button of the profile or of dev.json by name. */
  button(name: string): { gpio: number; activeLow: boolean } | null {
    return this.setup.buttons.find((b) => b.name === name) ?? this.profile.buttons.find((b) => b.name === name) ?? null;
  }

  /** Presses (closes) or releases a button; returns a message when there is no such button. */
  press(name: string, down: boolean): string | null {
    const b = this.button(name);
    if (b === null) return `no button "${name}" on ${this.profile.id} or in dev.json`;
    const pin = this.board.pin(b.gpio);
    if (down) pin.drive(b.activeLow ? 0 : 1);
    else pin.release();
    return null;
  }

  drive(gpio: number, level: 0 | 1 | null): string | null {
    if (!this.board.gpio.has(gpio)) return `GPIO ${gpio} does not exist on ${this.profile.id}`;
    if (level === null) this.board.pin(gpio).release();
    else this.board.pin(gpio).drive(level);
    return null;
  }

  voltage(gpio: number, mv: number): string | null {
    const pin = this.profile.pins.get(gpio);
    if (pin?.adc == null) return `GPIO ${gpio} has no ADC channel on ${this.profile.id}`;
    if (!this.profile.adc.units.includes(pin.adc.unit))
      return `GPIO ${gpio} is on ADC${pin.adc.unit}, which ${this.profile.id} does not give the app`;
    const top = Math.max(...this.profile.adc.rangeMv.map((r) => r[1]));
    if (!Number.isFinite(mv) || mv < 0 || mv > top) return `voltage ${mv} mV: give 0 to ${top} mV`;
    this.board.pin(gpio).setVoltage(mv);
    return null;
  }

  setWorld(quantity: keyof typeof WORLD_QUANTITIES, value: number): string | null {
    const q = WORLD_QUANTITIES[quantity];
    if (!Number.isFinite(value) || value < q.min || value > q.max)
      return `${q.label}: ${value} is outside ${q.min} to ${q.max} ${q.unit}`.trimEnd();
    const w = this.world;
    if (quantity === "temperatureC") w.setTemperature(value);
    else if (quantity === "outsideC") w.setOutsideTemperature(value);
    else if (quantity === "humidityPct") w.setHumidity(value);
    else if (quantity === "sky") w.setSky(value);
    else w.setPm25(value);
    return null;
  }

  pinState(gpio: number): PinState {
    const { gpio: pads, adc, pwm } = this.board;
    const mode = pads.modeOf(gpio);
    const dir = mode === GPIO_MODE.DISABLED ? "off" : mode === GPIO_MODE.INPUT ? "in" : "out";
    const channel = pwm.onPin(gpio);
    return {
      level: pads.level(gpio),
      dir: channel === null ? dir : "out",
      duty: channel?.dutyFraction ?? null,
      atten: adc.attenuationOf(gpio),
      mv: adc.voltageOf(gpio),
      driven: pads.isDriven(gpio),
      leds: this.board.ledColours(gpio),
    };
  }

  worldView(): WorldView {
    const s = this.world.state();
    return {
      temperatureC: s.temperatureC,
      outsideC: s.outsideC,
      humidityPct: s.humidityPct,
      lux: s.lux,
      sky: this.world.light.sky,
      pm25: s.pm25,
      heaterW: s.heaterW,
    };
  }
}
