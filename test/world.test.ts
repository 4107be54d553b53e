// The physical world of a room on the virtual clock: its closed-form models
// checked against step-by-step integration of the equations they state, and
// coupled to real firmware (a relay pin, a lamp's PWM) through the pin trace.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { VirtualClock } from "../host/time/clock.js";
import { absoluteHumidity, relativeHumidity } from "../host/world/humidity.js";
import { AM312, PirSensor } from "../host/world/pir.js";
import { World, type WorldOptions } from "../host/world/world.js";
import { BUTTON_LED, SMART_LAMP, firmware } from "./support/firmware.js";

const HOUR_US = 3_600_000_000;
const MIN_US = 60_000_000;

function quietWorld(options: WorldOptions = {}): { clock: VirtualClock; world: World } {
  const clock = new VirtualClock();
  return { clock, world: new World(clock, { noise: false, ...options }) };
}

/** Integrates dy/dt = f(t, y) with classic Runge–Kutta from t0 to t1 (seconds). */
function rk4(f: (t: number, y: number) => number, y0: number, t0: number, t1: number, dt = 1): number {
  let y = y0;
  for (let t = t0; t < t1 - 1e-9; t += dt) {
    const h = Math.min(dt, t1 - t);
    const k1 = f(t, y);
    const k2 = f(t + h / 2, y + (h / 2) * k1);
    const k3 = f(t + h / 2, y + (h / 2) * k2);
    const k4 = f(t + h, y + h * k3);
    y += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  return y;
}

describe("world: room temperature", () => {
  it("relaxes towards the outside with time constant C/UA: 63.2 % of the gap after τ, 99.3 % after 5τ", () => {
    const { clock, world } = quietWorld({
      outside: 5,
      thermal: { initialC: 20, heatCapacityJPerK: 2e6, lossWPerK: 100 },
    });
    const tauUs = 20_000 * 1_000_000; // 2 MJ/K ÷ 100 W/K
    assert.equal(world.thermal.timeConstantS, 20_000);
    clock.advance(tauUs);
    assert.ok(Math.abs(world.temperatureC - (5 + 15 * Math.exp(-1))) < 1e-9, `after τ: ${world.temperatureC}`);
    clock.advance(4 * tauUs);
    assert.ok(Math.abs(world.temperatureC - 5) < 15 * 0.0068, `after 5τ: ${world.temperatureC}`);
  });

  it("a heater switched on and off follows the integrated equation dT/dt = (T_out − T)/τ + P/C", () => {
    const { clock, world } = quietWorld({ outside: 0, thermal: { initialC: 18 } });
    const heater = world.addHeater({ powerW: 2000 });
    const C = world.thermal.heatCapacityJPerK;
    const UA = world.thermal.lossWPerK;
    let power = 0;
    const f = (_: number, T: number): number => (0 - T) * (UA / C) + power / C;
    let expected = 18;
    const phases: [number, number][] = [
      [2000, 3],
      [0, 2],
      [2000, 5],
    ]; // W for hours
    let t = 0;
    for (const [w, hours] of phases) {
      heater.set(w > 0 ? 1 : 0);
      power = w;
      clock.advance(hours * HOUR_US);
      expected = rk4(f, expected, t, t + hours * 3600, 10);
      t += hours * 3600;
      assert.ok(
        Math.abs(world.temperatureC - expected) < 1e-6,
        `at ${t / 3600} h: model ${world.temperatureC}, integrated ${expected}`,
      );
    }
    assert.equal(world.state().heaterW, 2000);
    assert.ok(Math.abs(world.thermal.equilibriumC - 2000 / UA) < 1e-12, "equilibrium is T_out + P/UA");
  });

  it("follows a daily outside curve exactly, lagging behind it", () => {
    const outside = { meanC: 8, amplitudeC: 5, warmestAtH: 15 };
    const { clock, world } = quietWorld({ outside, startHour: 6, thermal: { initialC: 15, heatCapacityJPerK: 4e5 } });
    const tau = world.thermal.timeConstantS;
    const omega = (2 * Math.PI) / 86_400;
    const out = (s: number): number => 8 + 5 * Math.cos(omega * (s + 6 * 3600 - 15 * 3600));
    const expected = rk4((s, T) => (out(s) - T) / tau, 15, 0, 2 * 86_400, 20);
    clock.advance(2 * 24 * HOUR_US);
    assert.ok(Math.abs(world.temperatureC - expected) < 1e-6, `model ${world.temperatureC}, integrated ${expected}`);
    assert.ok(Math.abs(world.state().outsideC - out(2 * 86_400)) < 1e-9);
    // In the settled daily swing the room is warmest after 15:00.
    let warmest = { h: 0, c: -Infinity };
    for (let h = 0; h < 24; h += 0.25) {
      clock.advance(15 * MIN_US);
      if (world.temperatureC > warmest.c) warmest = { h: world.hourOfDay, c: world.temperatureC };
    }
    assert.ok(warmest.h > 15 && warmest.h < 21, `warmest at ${warmest.h} h`);
  });

  it(
    "a heater on a board's relay pin warms the room towards " + "T_out + P/UA and lets it cool when the relay opens",
    async () => {
      const board = Board.load("esp32-devkitc", { seed: 4 });
      await board.flash(await firmware(BUTTON_LED)); // BOOT toggles GPIO 2: our relay
      const world = new World(board.clock, { outside: 5, noise: false, thermal: { initialC: 12 } });
      world.addHeater({ powerW: 1500, drivenBy: { board, gpio: 2 } });
      const press = async (): Promise<void> => {
        board.button("boot").press();
        await board.advance("100ms");
        board.button("boot").release();
        await board.advance("100ms");
      };
      await board.advance("1 min");
      assert.ok(world.temperatureC < 12, "no heating yet: the room cools");
      await press();
      assert.equal(world.state().heaterW, 1500);
      await board.advance("24h");
      assert.ok(
        Math.abs(world.temperatureC - (5 + 1500 / 50)) < 0.5,
        `after a day of heating: ${world.temperatureC} °C`,
      );
      await press();
      assert.equal(world.state().heaterW, 0);
      await board.advance("6h");
      assert.ok(world.temperatureC < 25, `cooling with the relay open: ${world.temperatureC} °C`);
    },
  );

  it("schedules no alarms of its own: a simulated week is one step of the clock", () => {
    const { clock, world } = quietWorld({ outside: { meanC: 10, amplitudeC: 4 } });
    world.addHeater().set(1);
    world.addPurifier().set(0.5);
    world.setPm25(150);
    assert.equal(clock.nextAt, null);
    clock.advance("7d");
    assert.ok(world.temperatureC > 20 && world.pm25 < 10);
  });
});

describe("world: humidity", () => {
  it("holds the absolute humidity, so relative humidity falls as the room warms (Magnus)", () => {
    const { clock, world } = quietWorld({ outside: 20, thermal: { initialC: 20 }, humidity: { initialPct: 50 } });
    // Psychrometric tables: at 20 °C saturation is 23.39 hPa (17.3 g/m³), at 25 °C 31.69 hPa.
    assert.ok(
      Math.abs(world.state().absoluteHumidityGPerM3 - 8.65) < 0.03,
      `${world.state().absoluteHumidityGPerM3} g/m³`,
    );
    world.addHeater({ powerW: 250 }).set(1); // equilibrium 25 °C
    clock.advance("3d");
    const s = world.state();
    assert.ok(Math.abs(s.temperatureC - 25) < 0.01);
    assert.ok(Math.abs(s.absoluteHumidityGPerM3 - 8.65) < 0.03, "the water in the air stayed");
    const tableRh = ((50 * 23.39) / 31.69) * (298.15 / 293.15);
    assert.ok(Math.abs(s.humidityPct - tableRh) < 0.3, `RH ${s.humidityPct} %, tables say ${tableRh} %`);
  });

  it("a moisture source raises it towards ρ_out + G/(V·n), the integrated balance", () => {
    const { clock, world } = quietWorld({ outside: 20, thermal: { initialC: 20 }, humidity: { initialPct: 40 } });
    const rho0 = absoluteHumidity(20, 40);
    world.setMoistureSource(300); // a humidifier, g/h
    clock.advance(2 * HOUR_US);
    const n = 0.5;
    const expected = rk4((_, rho) => 300 / 50 + n * (rho0 - rho), rho0, 0, 2, 0.001);
    assert.ok(Math.abs(world.state().absoluteHumidityGPerM3 - expected) < 1e-6);
    assert.ok(Math.abs(world.humidityPct - relativeHumidity(20, expected)) < 1e-9);
    assert.ok(world.humidityPct > 60, `${world.humidityPct} %`);
  });
});

describe("world: light", () => {
  it("daylight peaks at solar noon (2 % of 100 klx indoors) and is dark at night; cloud dims it", () => {
    const { clock, world } = quietWorld({ startHour: 0 });
    // Read through a call: assert.equal would narrow lux() to the literal it checked, and the clock changes it.
    const lux = (): number => world.lux;
    assert.equal(lux(), 0, "midnight");
    clock.advance(13 * HOUR_US); // noon between sunrise 6 and sunset 20
    assert.ok(Math.abs(lux() - 2000) < 1e-9, `noon: ${lux()}`);
    clock.advance(3 * HOUR_US);
    assert.ok(lux() > 0 && lux() < 2000, `16:00: ${lux()}`);
    world.setSky(0.2);
    assert.ok(lux() < 400);
    clock.advance(6 * HOUR_US);
    assert.equal(world.lux, 0, "22:00");
  });

  it("a lamp driven by the smart lamp's PWM adds lumens × duty × UF × MF / area", async () => {
    const board = Board.load("esp32-devkitc", { seed: 5 });
    await board.flash(await firmware(SMART_LAMP));
    const world = new World(board.clock, { startHour: 23, noise: false });
    const lamp = world.addLamp({ lumens: 1600, drivenBy: { board, gpio: [25, 26] } });
    await board.advance("1s");
    assert.equal(world.lux, 0, "dark room, lamp off");
    board.pin(4).drive(0); // the wall button
    await board.advance("100ms");
    board.pin(4).release();
    await board.advance("100ms");
    assert.ok(Math.abs(lamp.level - 0.8) < 0.001, `lamp at ${lamp.level} (80 % brightness)`);
    assert.ok(Math.abs(world.lux - (1600 * 0.8 * 0.5 * 0.8) / 20) < 0.05, `${world.lux} lx`);
  });
});

describe("world: PM2.5", () => {
  const options: WorldOptions = { air: { initialPm25: 150, outdoorPm25: 10 } };

  it("decays at k = k_dep + k_inf + CADR·duty/V, and the time to a level is ln((a − Css)/(b − Css))/k", () => {
    const { clock, world } = quietWorld(options);
    const purifier = world.addPurifier({ cadrM3PerH: 300 });
    const expectedSeconds = (duty: number): number => {
      const k = 0.2 + 0.5 + (300 * duty) / 50; // per hour
      const css = (0.8 * 0.5 * 10) / k;
      return (Math.log((150 - css) / (35 - css)) / k) * 3600;
    };
    const off = world.pm25TimeToReach(150, 35, { duty: 0 });
    const half = world.pm25TimeToReach(150, 35, { duty: 0.5 });
    assert.ok(Math.abs(off / 1e6 - expectedSeconds(0)) < 1e-3, `off: ${off / 1e6} s`);
    assert.ok(Math.abs(half / 1e6 - expectedSeconds(0.5)) < 1e-3, `half: ${half / 1e6} s`);
    assert.ok(half < off / 4, "the fan cuts the time several-fold");

    purifier.set(0.5);
    clock.advance(half - 1_000_000);
    assert.ok(world.pm25 > 35, `1 s early: ${world.pm25}`);
    clock.advance(1_000_000);
    assert.ok(world.pm25 <= 35 && world.pm25 > 34.9, `on time: ${world.pm25}`);
  });

  it("matches the integrated balance through fan changes, and never goes below the infiltration floor", () => {
    const { clock, world } = quietWorld(options);
    const purifier = world.addPurifier({ cadrM3PerH: 300 });
    let cadr = 0;
    const f = (_: number, c: number): number => 0.8 * 0.5 * 10 - (0.2 + 0.5 + cadr / 50) * c;
    let expected = 150;
    let t = 0;
    for (const [duty, hours] of [
      [1, 0.25],
      [0, 0.5],
      [0.3, 1],
    ] as const) {
      purifier.set(duty);
      cadr = 300 * duty;
      clock.advance(hours * HOUR_US);
      expected = rk4(f, expected, t, t + hours, 0.0005);
      t += hours;
      assert.ok(Math.abs(world.pm25 - expected) < 1e-6, `${world.pm25} vs ${expected}`);
    }
    const floor = world.air.steadyState();
    assert.equal(world.pm25TimeToReach(world.pm25, floor - 0.1), Infinity);
  });

  it("the PM provider reports PM1 and PM10 in the aerosol's ratios to PM2.5", () => {
    const { world } = quietWorld({ air: { initialPm25: 40 } });
    assert.deepEqual(world.pmProvider()(), { pm1: 30, pm25: 40, pm10: 60 });
  });
});

describe("world: sensor noise", () => {
  const readings = (seed: number): number[] => {
    const clock = new VirtualClock();
    const world = new World(clock, { seed, outside: 20, air: { initialPm25: 50 } });
    const env = world.environmentProvider();
    const pm = world.pmProvider();
    const out: number[] = [];
    for (let i = 0; i < 200; i++) {
      clock.advance("1s");
      const e = env();
      out.push(e.temperatureC, e.humidityPct, pm().pm25);
    }
    return out;
  };

  it("is the same for the same seed, different for another, and small around the true value", () => {
    const a = readings(11);
    assert.deepEqual(readings(11), a);
    assert.notDeepEqual(readings(12), a);
    const temps = a.filter((_, i) => i % 3 === 0);
    const mean = temps.reduce((s, x) => s + x, 0) / temps.length;
    const sd = Math.sqrt(temps.reduce((s, x) => s + (x - mean) ** 2, 0) / temps.length);
    assert.ok(sd > 0.01 && sd < 0.06, `temperature noise sd ${sd} °C`);
    assert.ok(Math.abs(mean - 20) < 0.1, `mean ${mean}`);
  });

  it("leaves the test face exact: state() draws no noise", () => {
    const { clock, world } = quietWorld();
    const noisy = new World(clock, { seed: 3 });
    noisy.environmentProvider()();
    assert.equal(noisy.state().temperatureC, world.state().temperatureC);
  });
});

describe("world: a PIR module (AM312)", () => {
  it("goes high on motion, stays high 2 s after the last motion, then is blind for 2 s", async () => {
    const board = Board.load("esp32-devkitc");
    const pir = new PirSensor(board, 4, AM312);
    pir.motion();
    assert.equal(board.pin(4).level, 1);
    await board.advance("1.5s");
    pir.motion(); // retriggers
    await board.advance("1.9s");
    assert.equal(board.pin(4).level, 1, "held 2 s after the last motion");
    await board.advance("0.2s");
    assert.equal(board.pin(4).level, 0);
    pir.motion();
    assert.equal(board.pin(4).level, 0, "blind after falling");
    await board.advance("2.1s");
    pir.motion();
    assert.equal(board.pin(4).level, 1);
    assert.equal(pir.triggers, 2);
  });
});

describe("world: misuse", () => {
  it("refuses impossible settings with what is allowed", () => {
    const clock = new VirtualClock();
    assert.throws(() => new World(clock, { startHour: 24 }), /startHour 24 must be an hour of the day from 0/);
    assert.throws(
      () => new World(clock, { daylight: { sunriseH: 21, sunsetH: 20 } }),
      /must satisfy 0 <= sunrise < sunset <= 24/,
    );
    assert.throws(() => new World(clock, { floorAreaM2: 0 }), /floorAreaM2 must be a number above 0/);
    assert.throws(() => new World(clock, { humidity: { initialPct: 120 } }), /from 0 to 100 %/);
    const world = new World(clock);
    assert.throws(() => world.addHeater().set(1.5), /heater 1 level must be a fraction from 0 to 1/);
    assert.throws(() => world.pm25TimeToReach(100, 20, { duty: 2 }), /duty 2 must be a fraction/);
  });

  it("names the pin when a coupling points at a GPIO the board lacks", () => {
    const board = Board.load("esp32-c3-devkitm");
    const world = new World(board.clock);
    assert.throws(
      () => world.addLamp({ drivenBy: { board, gpio: 25 } }),
      /lamp: GPIO 25 does not exist on esp32-c3-devkitm/,
    );
    assert.throws(() => new PirSensor(board, 40), /PIR: GPIO 40 does not exist on esp32-c3-devkitm/);
  });
});
