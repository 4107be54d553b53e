// npm run bench: prints every benchmark figure with its goal.

import { costModelFigures } from "./cost-model.js";
import { foundationFigures, type Figure } from "./foundation.js";
import { miotFigures } from "./miot.js";
import { profileFigures } from "./profile.js";
import { kvFigures } from "./kv.js";
import { otaFigures } from "./ota.js";
import { thermostatFigures } from "./thermostat.js";
import { fleetFigures } from "./fleet.js";

const mark = (f: Figure): string => (f.met === null ? " " : f.met ? "✓" : "✗");

process.stdout.write(`Sail benchmarks on ${process.platform}/${process.arch}, Node ${process.version}\n\n`);
const report = (f: Figure): void => {
  process.stdout.write(`${mark(f)} ${f.name}\n    ${f.value}   goal ${f.goal}\n`);
};
await foundationFigures(report);
await miotFigures(report);
await profileFigures(report);
// --coremark <path>: a CoreMark build of your own for the cost model's held-out check (docs/decisions.md D99).
const coremarkAt = process.argv.indexOf("--coremark");
await costModelFigures(report, coremarkAt >= 0 ? (process.argv[coremarkAt + 1] ?? null) : null);
kvFigures(report);
await otaFigures(report);
await thermostatFigures(report);
await fleetFigures(report);
