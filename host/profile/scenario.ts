// Scenario files for `sail profile` (and `sail run` later): timed inputs to a
// board, as JSON:
//   { "steps": [ { "at": "1s", "press": "boot" }, { "at": "1.2s", "release": "boot" },
//                { "at": "0s", "voltage": { "gpio": 34, "mv": 1200 } },
//                { "at": "2s", "drive": { "gpio": 4, "level": 0 } }, { "at": "2.1s", "float": 4 },
//                { "at": "3s", "miot": { "set": [2, 2, 50] } } ] }
// A malformed file is refused naming the file, the step and what is allowed.

import { readFile } from "node:fs/promises";
import type { Board } from "../board/board.js";
import { SailError } from "../errors.js";
import { toMicros } from "../time/duration.js";

export type Step =
  | { readonly atUs: number; readonly press: string }
  | { readonly atUs: number; readonly release: string }
  | { readonly atUs: number; readonly voltage: { readonly gpio: number; readonly mv: number } }
  | { readonly atUs: number; readonly drive: { readonly gpio: number; readonly level: 0 | 1 } }
  | { readonly atUs: number; readonly float: number }
  | { readonly atUs: number; readonly miot: { readonly get?: readonly [number, number]; readonly set?: readonly [number, number, unknown]; readonly action?: readonly [number, number, readonly unknown[]] } };

const KINDS = ["press", "release", "voltage", "drive", "float", "miot"] as const;

export async function loadScenario(file: string): Promise<Step[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new SailError(`${file}: not a readable JSON file: ${(e as Error).message}`);
  }
  const steps = (json as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) throw new SailError(`${file}: (root): must be {"steps": [...]}`);
  return steps.map((s: unknown, i) => {
    const where = `${file}: steps[${i}]`;
    if (typeof s !== "object" || s === null) throw new SailError(`${where}: must be an object`);
    const o = s as Record<string, unknown>;
    if (typeof o["at"] !== "string" && typeof o["at"] !== "number") throw new SailError(`${where}.at: must be a duration such as "1.5s"`);
    let atUs: number;
    try { atUs = toMicros(o["at"]); } catch (e) { throw new SailError(`${where}.at: ${(e as Error).message}`); }
    const kinds = KINDS.filter((k) => k in o);
    if (kinds.length !== 1) throw new SailError(`${where}: needs exactly one of ${KINDS.join(", ")}`);
    return { atUs, [kinds[0] as string]: o[kinds[0] as string] } as Step;
  });
}

/** Schedules every step on the board's clock, relative to now. */
export function applyScenario(board: Board, steps: readonly Step[]): void {
  const start = board.clock.now;
  for (const step of steps) {
    board.clock.at(start + step.atUs, () => {
      if ("press" in step) board.button(step.press).press();
      else if ("release" in step) board.button(step.release).release();
      else if ("voltage" in step) board.pin(step.voltage.gpio).setVoltage(step.voltage.mv);
      else if ("drive" in step) board.pin(step.drive.gpio).drive(step.drive.level);
      else if ("float" in step) board.pin(step.float).release();
      else {
        const miot = board.miot;
        if (miot === null) throw new SailError("scenario: a miot step needs an image with a MIoT spec");
        if (step.miot.get) miot.get(...step.miot.get);
        if (step.miot.set) miot.set(...step.miot.set);
        if (step.miot.action) miot.action(...step.miot.action);
      }
    });
  }
}
