// Built-in fleet scenarios: seeded inputs that make each board of a fleet do
// something different. Each is a FleetScenario a worker imports by URL;
// `scenarioRef("presses", { gpio: 0 })` names one for runFleet.

import { ButtonHandle } from "../board/handles.js";
import { SeededRandom } from "../random.js";
import type { Board } from "../board/board.js";
import { SailError } from "../errors.js";
import { MiioClient } from "../miot/client.js";
import { VirtualLan, virtualTimers } from "../miot/virtual-lan.js";
import { Sht3x } from "../parts/sht3x.js";
import { World } from "../world/world.js";
import type { BoardDriver, ScenarioContext, ScenarioOptions, ScenarioRef } from "./types.js";

export type BuiltInScenario = "presses" | "miio" | "thermostat";

/** A reference to a built-in scenario, for FleetOptions.scenario. */
export function scenarioRef(name: BuiltInScenario, options: ScenarioOptions = {}): ScenarioRef {
  return { module: new URL("./scenarios.js", import.meta.url).href, export: name, options };
}

const DEVICE = "10.0.0.2:54321";
const CLIENT = "10.0.0.9:50000";

/**
 * Presses an active-low contact on `gpio` (to ground; the firmware or board
 * pulls it up) at seeded times: the first after about `firstMs`, then every
 * `meanIntervalMs` ± 50 %, each held `holdMs`, bouncing `bounceUs` (default 0),
 * none released after the run's end. Reports `presses`.
 */
export function presses(board: Board, ctx: ScenarioContext): BoardDriver {
  const gpio = whole(ctx, "gpio");
  const mean = whole(ctx, "meanIntervalMs", 5000) * 1000;
  const hold = whole(ctx, "holdMs", 200) * 1000;
  const first = whole(ctx, "firstMs", 1000) * 1000;
  const bounceUs = whole(ctx, "bounceUs", 0);
  const random = new SeededRandom(ctx.seed ^ 0x7e55);
  const contact = new ButtonHandle(board, gpio, true);
  let count = 0;
  const next = (at: number): void => {
    if (at + hold >= ctx.durationUs) return; // every press is released (and settles) within the run
    board.clock.input(at, () => {
      count++;
      contact.press({ bounceUs });
      board.clock.input(board.clock.now + hold, () => {
        contact.release({ bounceUs });
        next(board.clock.now + Math.round(mean * (0.5 + random.next())));
      });
    });
  };
  return {
    flashed: () => next(board.clock.now + first + random.int(0, Math.round(mean / 2))),
    results: () => ({ presses: count }),
  };
}

/**
 * A miIO client on a virtual LAN per board (a MIoT image: the smart lamp),
 * calling set_properties every `everyMs` ± 50 % with a seeded on/off and
 * brightness (siid 2, piids 1 and 2). Needs FleetOptions.step (client
 * promises progress between steps). Reports `calls`, `ok` and `errors`.
 */
export function miio(board: Board, ctx: ScenarioContext): BoardDriver {
  const every = whole(ctx, "everyMs", 2000) * 1000;
  const random = new SeededRandom(ctx.seed ^ 0x31d0);
  let calls = 0;
  let ok = 0;
  let errors = 0;
  return {
    flashed: () => {
      const miot = board.miot;
      if (miot === null) throw new SailError("the miio scenario needs an image that carries a MIoT spec");
      const lan = new VirtualLan(board.clock);
      miot.attach(lan, DEVICE);
      const client = new MiioClient(lan.endpoint(CLIENT), virtualTimers(board.clock), {
        address: DEVICE,
        token: board.identity.token,
      });
      const call = (): void => {
        calls++;
        const items = [
          { siid: 2, piid: 1, value: random.int(0, 1) === 1 },
          { siid: 2, piid: 2, value: random.int(1, 100) },
        ];
        void client.setProperties(items).then(
          (r) => (r.every((x) => x.code === 0) ? ok++ : errors++),
          () => errors++,
        );
        board.clock.at(board.clock.now + Math.round(every * (0.5 + random.next())), call);
      };
      // After the radio is up (the profile's Wi-Fi connect time).
      board.clock.at(board.clock.now + board.profile.power.wifiConnectMs * 1000 + random.int(0, every), call);
    },
    results: () => ({ calls, ok, errors }),
  };
}

/**
 * A room for a thermostat (examples/thermostat, as test/thermostat.test.ts
 * sets it up): an SHT3x on I2C `port` (default 0) reading a World with
 * `outsideC` outside (default 5 °C) that starts at `initialC` (default 15 °C),
 * its `heaterW` heater (default 1500 W) on the relay at `heaterGpio`
 * (default 26, the example's; active high unless `heaterActiveLow`).
 * Reports the room's temperature and the heater's power at the end.
 */
export function thermostat(board: Board, ctx: ScenarioContext): BoardDriver {
  // The world's provider brings its own noise: the part adds none.
  const sht = board.attachI2c(whole(ctx, "port", 0), new Sht3x({ noise: false }));
  const room = new World(board.clock, {
    outside: number(ctx, "outsideC", 5),
    thermal: { initialC: number(ctx, "initialC", 15) },
    seed: ctx.seed,
  });
  sht.environment = room.environmentProvider();
  room.addHeater({
    powerW: number(ctx, "heaterW", 1500),
    drivenBy: { board, gpio: whole(ctx, "heaterGpio", 26), activeLow: ctx.options["heaterActiveLow"] === true },
  });
  return {
    results: () => {
      const s = room.state();
      return { temperatureC: Math.round(s.temperatureC * 1000) / 1000, heaterW: s.heaterW };
    },
  };
}

function number(ctx: ScenarioContext, name: string, fallback?: number): number {
  const v = ctx.options[name] ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new SailError(`scenario option ${name} must be a number (got ${String(v)})`);
  return v;
}

function whole(ctx: ScenarioContext, name: string, fallback?: number): number {
  const v = number(ctx, name, fallback);
  if (!Number.isInteger(v) || v < 0)
    throw new SailError(`scenario option ${name} must be a whole number ≥ 0 (got ${v})`);
  return v;
}
