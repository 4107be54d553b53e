// Scenario files for `sail profile` (and `sail run` later): timed inputs to a
// board, as JSON:
//   { "steps": [ { "at": "1s", "press": "boot" }, { "at": "1.2s", "release": "boot" },
//                { "at": "0s", "voltage": { "gpio": 34, "mv": 1200 } },
//                { "at": "2s", "drive": { "gpio": 4, "level": 0 } }, { "at": "2.1s", "float": 4 },
//                { "at": "3s", "miot": { "set": [2, 2, 50] } } ] }
// A malformed file is refused naming the file, the step and what is allowed.
import { readFile } from "node:fs/promises";
import { SailError } from "../errors.js";
import { toMicros } from "../time/duration.js";
const KINDS = ["press", "release", "voltage", "drive", "float", "miot"];
export async function loadScenario(file) {
    let json;
    try {
        json = JSON.parse(await readFile(file, "utf8"));
    }
    catch (e) {
        throw new SailError(`${file}: not a readable JSON file: ${e.message}`);
    }
    const steps = json?.steps;
    if (!Array.isArray(steps))
        throw new SailError(`${file}: (root): must be {"steps": [...]}`);
    return steps.map((s, i) => {
        const where = `${file}: steps[${i}]`;
        if (typeof s !== "object" || s === null)
            throw new SailError(`${where}: must be an object`);
        const o = s;
        if (typeof o["at"] !== "string" && typeof o["at"] !== "number")
            throw new SailError(`${where}.at: must be a duration such as "1.5s"`);
        let atUs;
        try {
            atUs = toMicros(o["at"]);
        }
        catch (e) {
            throw new SailError(`${where}.at: ${e.message}`);
        }
        const kinds = KINDS.filter((k) => k in o);
        if (kinds.length !== 1)
            throw new SailError(`${where}: needs exactly one of ${KINDS.join(", ")}`);
        return { atUs, [kinds[0]]: o[kinds[0]] };
    });
}
/** Schedules every step on the board's clock, relative to now. */
export function applyScenario(board, steps) {
    const start = board.clock.now;
    for (const step of steps) {
        board.clock.at(start + step.atUs, () => {
            if ("press" in step)
                board.button(step.press).press();
            else if ("release" in step)
                board.button(step.release).release();
            else if ("voltage" in step)
                board.pin(step.voltage.gpio).setVoltage(step.voltage.mv);
            else if ("drive" in step)
                board.pin(step.drive.gpio).drive(step.drive.level);
            else if ("float" in step)
                board.pin(step.float).release();
            else {
                const miot = board.miot;
                if (miot === null)
                    throw new SailError("scenario: a miot step needs an image with a MIoT spec");
                if (step.miot.get)
                    miot.get(...step.miot.get);
                if (step.miot.set)
                    miot.set(...step.miot.set);
                if (step.miot.action)
                    miot.action(...step.miot.action);
            }
        });
    }
}
//# sourceMappingURL=scenario.js.map