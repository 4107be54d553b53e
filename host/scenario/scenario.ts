// Scenario files for `sail profile` (and `sail run` later): timed inputs to a
// board, as JSON:
//   { "steps": [ { "at": "1s", "press": "boot" }, { "at": "1.2s", "release": "boot" },
//                { "at": "0s", "voltage": { "gpio": 34, "mv": 1200 } },
//                { "at": "2s", "drive": { "gpio": 4, "level": 0 } }, { "at": "2.1s", "float": 4 },
//                { "at": "3s", "miot": { "set": [2, 2, 50] } },
//                { "at": "4s", "wifi": "drop" }, { "at": "5s", "wifi": { "rssi": -80 } },
//                { "at": "6s", "wifi": "restore" },
//                { "at": "0s", "date": "2026-03-01T21:59:00Z" } ] }
// A malformed file is refused naming the file, the step and what is allowed.
// "$schema" at the top points editors at schemas/scenario.schema.json (docs/schemas.md).

import { readFile } from "node:fs/promises";
import type { Board } from "../board/board.js";
import { SailError } from "../errors.js";
import { toMicros } from "../time/duration.js";
import { miotStepProblem, type MiotStep } from "./miot-step.js";
import { quoteValue } from "../quote.js";

export type Step =
  | { readonly atUs: number; readonly press: string }
  | { readonly atUs: number; readonly release: string }
  | { readonly atUs: number; readonly voltage: { readonly gpio: number; readonly mv: number } }
  | { readonly atUs: number; readonly drive: { readonly gpio: number; readonly level: 0 | 1 } }
  | { readonly atUs: number; readonly float: number }
  | {
      readonly atUs: number;
      readonly miot: MiotStep;
    }
  | { readonly atUs: number; readonly wifi: WifiStep }
  | { readonly atUs: number; readonly date: string };

/** The access point goes away or comes back, or the signal the board sees changes (dBm). */
export type WifiStep = "drop" | "restore" | { readonly rssi: number };

const KINDS = ["press", "release", "voltage", "drive", "float", "miot", "wifi", "date"] as const;

export async function loadScenario(file: string): Promise<Step[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new SailError(`${file}: not a readable JSON file: ${(e as Error).message}`);
  }
  const steps = (json as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) throw new SailError(`${file}: (root): must be {"steps": [...]}`);
  const root = json as Record<string, unknown>;
  for (const k of Object.keys(root)) {
    if (k !== "steps" && k !== "$schema")
      throw new SailError(`${file}: ${k}: is not a scenario field (a typo?); allowed: $schema, steps`);
  }
  if (root["$schema"] !== undefined && typeof root["$schema"] !== "string")
    throw new SailError(`${file}: $schema: must be the path or URL of the scenario's JSON Schema, a string`);
  return steps.map((s: unknown, i) => {
    const where = `${file}: steps[${i}]`;
    if (typeof s !== "object" || s === null || Array.isArray(s)) throw new SailError(`${where}: must be an object`);
    const o = s as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (k !== "at" && !(KINDS as readonly string[]).includes(k))
        throw new SailError(
          `${where}.${k}: is not a step field (a typo?); a step has "at" and one of ${KINDS.join(", ")}`,
        );
    }
    if (typeof o["at"] !== "string" && typeof o["at"] !== "number")
      throw new SailError(`${where}.at: must be a duration such as "1.5s"`);
    let atUs: number;
    try {
      atUs = toMicros(o["at"]);
    } catch (e) {
      throw new SailError(`${where}.at: ${(e as Error).message}`);
    }
    const kinds = KINDS.filter((k) => k in o);
    if (kinds.length !== 1) throw new SailError(`${where}: needs exactly one of ${KINDS.join(", ")}`);
    const kind = kinds[0] as (typeof KINDS)[number];
    checkStep(kind, o[kind], `${where}.${kind}`);
    return { atUs, [kind]: o[kind] } as Step;
  });
}

const isInt = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x) && x >= 0;
/** True when `o` has no keys but `keys`. */
const only = (o: Record<string, unknown>, ...keys: string[]): boolean => Object.keys(o).every((k) => keys.includes(k));

/** The shape of one step's value; what the board has is checked by applyScenario. */
function checkStep(kind: (typeof KINDS)[number], v: unknown, where: string): void {
  const fail = (allowed: string): never => {
    throw new SailError(`${where}: ${quoteValue(v)} is not ${allowed}`);
  };
  const o = typeof v === "object" && v !== null ? (v as Record<string, unknown>) : null;
  switch (kind) {
    case "press":
    case "release":
      if (typeof v !== "string") fail(`a button name such as "boot"`);
      break;
    case "float":
      if (!isInt(v)) fail("a GPIO number");
      break;
    case "drive":
      if (o === null || !only(o, "gpio", "level") || !isInt(o["gpio"]) || (o["level"] !== 0 && o["level"] !== 1))
        fail(`{"gpio": <n>, "level": 0 or 1}`);
      break;
    case "voltage":
      if (o === null || !only(o, "gpio", "mv") || !isInt(o["gpio"]) || typeof o["mv"] !== "number" || !(o["mv"] >= 0))
        fail(`{"gpio": <n>, "mv": <millivolts>}`);
      break;
    case "wifi":
      if (
        v !== "drop" &&
        v !== "restore" &&
        !(o !== null && only(o, "rssi") && typeof o["rssi"] === "number" && o["rssi"] >= -100 && o["rssi"] <= 0)
      )
        fail(`"drop", "restore" or {"rssi": <dBm, -100..0>}`);
      break;
    case "date":
      if (typeof v !== "string" || !Number.isFinite(Date.parse(v)))
        fail(`an ISO 8601 date and time such as "2026-03-01T21:59:00Z"`);
      break;
    case "miot": {
      const ok =
        o !== null &&
        Object.keys(o).length === 1 &&
        ((Array.isArray(o["get"]) && o["get"].length === 2 && o["get"].every(isInt)) ||
          (Array.isArray(o["set"]) && o["set"].length === 3 && isInt(o["set"][0]) && isInt(o["set"][1])) ||
          (Array.isArray(o["action"]) &&
            o["action"].length === 3 &&
            isInt(o["action"][0]) &&
            isInt(o["action"][1]) &&
            Array.isArray(o["action"][2])));
      if (!ok) fail(`{"get": [siid, piid]}, {"set": [siid, piid, value]} or {"action": [siid, aiid, [inputs]]}`);
      break;
    }
  }
}

/** Schedules every step on the board's clock, relative to now; refuses steps the board cannot take before any runs. */
export function applyScenario(board: Board, steps: readonly Step[], file?: string): void {
  steps.forEach((step, i) => {
    const where = file === undefined ? `scenario steps[${i}]` : `${file}: steps[${i}]`;
    try {
      if ("press" in step) board.button(step.press);
      else if ("release" in step) board.button(step.release);
      else if ("voltage" in step) board.pin(step.voltage.gpio);
      else if ("drive" in step) board.pin(step.drive.gpio);
      else if ("float" in step) board.pin(step.float);
      else if ("wifi" in step || "date" in step) return;
      else if (board.miot === null) throw new SailError("a miot step needs an image with a MIoT spec");
      else {
        const problem = miotStepProblem(board.miot.spec, step.miot);
        if (problem !== null) throw new SailError(problem);
      }
    } catch (e) {
      throw new SailError(`${where}: ${(e as Error).message}`);
    }
  });
  const start = board.clock.now;
  for (const step of steps) {
    if ("miot" in step) {
      // A request is delivered to the firmware: a firmware alarm, after any handler running at that time.
      board.clock.at(start + step.atUs, () => {
        const miot = board.miot;
        if (miot === null) return; // checked above; a reflash in between may have dropped the spec
        if (step.miot.get) miot.get(...step.miot.get);
        if (step.miot.set) miot.set(...step.miot.set);
        if (step.miot.action) miot.action(...step.miot.action);
      });
      continue;
    }
    if ("wifi" in step || "date" in step) {
      // The network is the world outside the board too; its changes reach the firmware as events, after any handler.
      board.clock.at(start + step.atUs, () => {
        if ("date" in step) board.network.setDate(step.date);
        else if (step.wifi === "drop") board.network.dropAp();
        else if (step.wifi === "restore") board.network.restoreAp();
        else board.network.setRssi(step.wifi.rssi);
      });
      continue;
    }
    // Pads and voltages are the world outside the chip: input alarms, applied at their time even while a
    // handler blocks (host/time/clock.ts).
    board.clock.input(start + step.atUs, () => {
      if ("press" in step) board.button(step.press).press();
      else if ("release" in step) board.button(step.release).release();
      else if ("voltage" in step) board.pin(step.voltage.gpio).setVoltage(step.voltage.mv);
      else if ("drive" in step) board.pin(step.drive.gpio).drive(step.drive.level);
      else board.pin(step.float).release();
    });
  }
}
