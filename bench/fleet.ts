// Fleet figures: 1,000 boards side by side on this machine, in one thread and
// on worker threads (one per core): wall time, aggregate speed (virtual
// seconds simulated per wall second), speed per board, memory per board.
// Every configuration runs REPEATS times; figures give the median and the
// spread (min–max). Prints figures; never fails on a goal.

import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildProject } from "../host/build/build.js";
import { memoryPerBoard, runFleet, type FleetOptions, type FleetReport } from "../host/fleet/fleet.js";
import { scenarioRef } from "../host/fleet/scenarios.js";
import type { Figure } from "./foundation.js";
import { defined } from "../host/defined.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BOARDS = 1000;
const VIRTUAL = "60s";

const REPEATS = 3;

/**
 * The thermostat's room, as test/thermostat.test.ts sets it up: 15 °C inside, 5 °C outside, 1500 W heater on GPIO 26.
 */
const THERMOSTAT_ROOM = { port: 0, heaterGpio: 26, initialC: 15, outsideC: 5, heaterW: 1500 };

async function image(project: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile((await buildProject(join(ROOT, project))).file));
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const int = (n: number): string => Math.round(n).toLocaleString("en");
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MiB`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const spread = (xs: readonly number[], f: (x: number) => string): string =>
  `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;

interface Runs {
  readonly reports: readonly FleetReport[];
  readonly what: string;
}

/** The first of the repeated reports (there is at least one). */
const first = (runs: Runs): FleetReport => defined(runs.reports[0], `a report of ${runs.what}`);

async function repeat(options: FleetOptions, what: string): Promise<Runs> {
  const reports: FleetReport[] = [];
  for (let i = 0; i < REPEATS; i++) reports.push(await runFleet(options));
  return { reports, what };
}

/** Wall time, aggregate speed and speed per board of one configuration. */
function speedFigure(name: string, runs: Runs, goal = "(report)", perBoardGoal?: number): Figure {
  const r = runs.reports;
  const virtualS = first(runs).boards.reduce((a, b) => a + b.virtualUs, 0) / 1e6;
  const wall = r.map((x) => x.wallMs);
  const aggregate = r.map((x) => virtualS / (x.wallMs / 1000));
  const runAggregate = r.map((x) => virtualS / (x.runMs / 1000));
  const perBoard = r.map((x) => virtualS / x.boards.length / (median(x.boardRunMs) / 1000));
  const flashPerBoard = r.map((x) => median(x.threads.map((t) => t.flashMs / t.boards)));
  const failed = Math.max(...r.map((x) => x.failed));
  const events = first(runs).boards.reduce((a, b) => a + b.eventsDelivered, 0);
  const bad = r.flatMap((x) => x.boards).find((b) => b.failures.length > 0 || b.error !== null);
  const problems =
    bad === undefined
      ? ""
      : `; ${failed} board(s) FAILED, e.g. ` +
        `seed ${bad.seed}: ${[...bad.failures, ...(bad.error === null ? [] : [bad.error])].join("; ")}`;
  const met =
    perBoardGoal === undefined
      ? failed === 0 && first(runs).boards.length === BOARDS
        ? true
        : failed === 0
          ? null
          : false
      : failed === 0 && median(perBoard) >= perBoardGoal;
  return {
    name: `${name}, ${runs.what}`,
    value: [
      `wall ${spread(wall, secs)} for ${int(virtualS)} virtual s (${int(events)} events);`,
      `${spread(aggregate, int)} virtual s per wall s (run phase alone ${spread(runAggregate, int)});`,
      `each board ${spread(perBoard, int)}× real time (median board; ${spread(
        r.map((x) => median(x.boardRunMs)),
        (ms) => `${ms.toFixed(2)} ms`,
      )} per board);`,
      `prepare the image ${spread(
        r.map((x) => x.prepareMs),
        (ms) => `${ms.toFixed(0)} ms`,
      )}, setup ${spread(
        r.map((x) => x.setupMs),
        secs,
      )} (flash ${spread(flashPerBoard, (ms) => `${ms.toFixed(2)} ms`)} per board), run ${spread(
        r.map((x) => x.runMs),
        secs,
      )}${problems}`,
    ].join("\n      "),
    goal,
    met,
  };
}

/** Heap + external per board in the boards' threads, and the process RSS they added. */
function memoryFigure(name: string, one: Runs, workers: Runs): Figure {
  const m = one.reports.map(memoryPerBoard);
  const w = workers.reports.map(memoryPerBoard);
  const b = first(one).boards;
  const linear = b.reduce((a, x) => a + x.linearMemoryBytes, 0) / b.length;
  const written = b.reduce((a, x) => a + x.linearMemoryUsedBytes, 0) / b.length;
  const flash = b.reduce((a, x) => a + x.flashResidentBytes, 0) / b.length;
  const trace = b.reduce((a, x) => a + x.traceEntries, 0) / b.length;
  // RSS the workers add beyond their boards: a thread, its isolate and its copy of the modules.
  const fixed = workers.reports.map(
    (r, i) => (r.rss.flashed - r.rss.before - (m[i]?.rss ?? 0) * r.boards.length) / Math.max(1, r.workers),
  );
  return {
    name:
      `${name} memory per board, after flashing (heap + external of the boards' ` +
      `thread after a full GC, minus the same before the first board, over the boards)`,
    value: [
      `${spread(
        m.map((x) => x.total),
        kb,
      )} in one thread (heap ${spread(
        m.map((x) => x.heap),
        kb,
      )}, external ${spread(
        m.map((x) => x.external),
        kb,
      )});`,
      `${spread(
        w.map((x) => x.total),
        kb,
      )} per board on ${first(workers).workers} workers;`,
      `external holds ${kb(linear)} of wasm linear memory (1 page; the firmware wrote ${kb(written)} of it), ` +
        `${kb(flash)} of written flash sectors, 8 KiB of RTC memory and 4 KiB of flash wear counters per board;`,
      `process RSS grows ${spread(
        m.map((x) => x.rss),
        kb,
      )} per board in one thread (untouched wasm pages are not resident);`,
      `each worker adds ${spread(fixed, mib)} RSS of its own (a bare ` +
        `worker with the modules loaded: ~20 MiB; the rest is heap headroom);`,
      `the run added ${spread(
        m.map((x) => x.grown),
        kb,
      )} per board (${int(trace)} pin changes per board; the trace keeps the newest 100,000)`,
    ].join("\n      "),
    goal: "(report)",
    met: null,
  };
}

export async function fleetFigures(report: (f: Figure) => void): Promise<void> {
  const workers = availableParallelism();
  const blink: FleetOptions = {
    profile: "esp32-devkitc",
    image: await image("examples/blink"),
    file: "blink.wasm",
    boards: BOARDS,
    duration: VIRTUAL,
    checks: [{ resets: 0 }, { state: "running" }],
  };
  const blinkOne = await repeat({ ...blink, workers: 0 }, "1 thread");
  const blinkWorkers = await repeat({ ...blink, workers }, `${workers} worker threads`);
  report(speedFigure("fleet: 1,000 blink boards × 60 s virtual", blinkOne));
  report(speedFigure("fleet: 1,000 blink boards × 60 s virtual", blinkWorkers));
  report(memoryFigure("fleet: blink", blinkOne, blinkWorkers));
  const own = await runFleet({ ...blink, workers: 0, shareImage: false });
  const ownMem = memoryPerBoard(own);
  report({
    name: "fleet: blink, each board preparing its own image (validate, compile) instead of one per fleet",
    value:
      `flash ${(defined(own.threads[0], "the thread").flashMs / BOARDS).toFixed(2)} ms per board, ` +
      `${kb(ownMem.total)} per board ` +
      `(heap ${kb(ownMem.heap)}, external ${kb(ownMem.external)}), RSS +${kb(ownMem.rss)} per board; ` +
      `wall ${secs(own.wallMs)}`,
    goal: "(report: what sharing the image saves)",
    met: null,
  });

  // The smart lamp (MIoT, two PWM channels): a wall-button press about every
  // 10 s and a miIO client setting on/off and brightness about every 5 s.
  const lamp: FleetOptions = {
    profile: "esp32-devkitc",
    image: await image("examples/smart-lamp"),
    file: "smart-lamp.wasm",
    boards: BOARDS,
    duration: VIRTUAL,
    step: "100ms",
    scenario: [scenarioRef("presses", { gpio: 4, meanIntervalMs: 10_000 }), scenarioRef("miio", { everyMs: 5000 })],
    checks: [{ resets: 0 }, { state: "running" }],
  };
  const lampOne = await repeat({ ...lamp, workers: 0 }, "1 thread");
  const lampWorkers = await repeat({ ...lamp, workers }, `${workers} worker threads`);
  const calls = first(lampOne).boards.reduce((a, b) => a + Number(b.extra["calls"] ?? 0), 0);
  const ok = first(lampOne).boards.reduce((a, b) => a + Number(b.extra["ok"] ?? 0), 0);
  const lampName =
    `fleet: 1,000 smart lamps × 60 s virtual (button ~10 s, miIO ` +
    `set_properties ~5 s: ${int(ok)} of ${int(calls)} calls answered)`;
  report(speedFigure(lampName, lampOne));
  report(speedFigure(lampName, lampWorkers));
  report(memoryFigure("fleet: smart lamp", lampOne, lampWorkers));

  if (!existsSync(join(ROOT, "examples/thermostat/sail.json"))) {
    report({
      name: "fleet: 1,000 thermostats (SHT3x on I2C 0 in a World)",
      value:
        "NOT MEASURED: examples/thermostat does not exist " +
        '(scenario "thermostat" in host/fleet/scenarios.ts is ready for it)',
      goal: "≥ 10,000× real time per board",
      met: null,
    });
    return;
  }
  // The thermostat (MIoT, I2C, key-value store) in its room: an SHT3x reading
  // every 5 s; from 15 °C the relay closes 5 min after boot and stays closed.
  const thermostat: FleetOptions = {
    profile: "esp32-devkitc",
    image: await image("examples/thermostat"),
    file: "thermostat.wasm",
    boards: BOARDS,
    duration: VIRTUAL,
    scenario: scenarioRef("thermostat", THERMOSTAT_ROOM),
    checks: [{ resets: 0 }, { log: "sensor fault", count: 0 }, { log: "heater relay on GPIO 26" }],
  };
  const goal = "≥ 10,000× real time per board";
  const name = "fleet: 1,000 thermostats × 60 s virtual (SHT3x on I2C 0 in a World, sampled every 5 s)";
  const thermoOne = await repeat({ ...thermostat, workers: 0 }, "1 thread");
  const thermoWorkers = await repeat({ ...thermostat, workers }, `${workers} worker threads`);
  report(speedFigure(name, thermoOne, goal, 10_000));
  report(speedFigure(name, thermoWorkers, goal, 10_000));
  report(memoryFigure("fleet: thermostat", thermoOne, thermoWorkers));
  // An hour each: the run dominates the set-up, so the threads' share shows; the heater is on by the end.
  const hour: FleetOptions = {
    ...thermostat,
    duration: "1h",
    checks: [...(thermostat.checks ?? []), { pin: 26, level: 1 }],
  };
  const hourName = "fleet: 1,000 thermostats × 1 h virtual (heater on after 5 min)";
  report(speedFigure(hourName, await repeat({ ...hour, workers: 0 }, "1 thread"), goal, 10_000));
  report(speedFigure(hourName, await repeat({ ...hour, workers }, `${workers} worker threads`), goal, 10_000));
}
