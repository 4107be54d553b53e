// npm run bench: prints every benchmark figure with its goal. Names given
// after it run only those groups (npm run bench -- memory pin-storm).

import { costModelFigures } from "./cost-model.js";
import { foundationFigures, type Figure } from "./foundation.js";
import { miotFigures } from "./miot.js";
import { profileFigures } from "./profile.js";
import { kvFigures } from "./kv.js";
import { otaFigures } from "./ota.js";
import { thermostatFigures } from "./thermostat.js";
import { fleetFigures } from "./fleet.js";
import { mutantFigures } from "./mutants.js";
import { memoryFigures } from "./memory.js";
import { pinStormFigures } from "./pin-storm.js";
import { halFigures } from "./hal.js";

const mark = (f: Figure): string => (f.met === null ? " " : f.met ? "✓" : "✗");

process.stdout.write(`Sail benchmarks on ${process.platform}/${process.arch}, Node ${process.version}\n\n`);
const report = (f: Figure): void => {
  process.stdout.write(`${mark(f)} ${f.name}\n    ${f.value}   goal ${f.goal}\n`);
};
// --coremark <path>: a CoreMark build of your own for the cost model's held-out check (docs/decisions.md D115).
const coremarkAt = process.argv.indexOf("--coremark");
const coremark = coremarkAt >= 0 ? (process.argv[coremarkAt + 1] ?? null) : null;
const GROUPS: Readonly<Record<string, () => Promise<void> | void>> = {
  foundation: () => foundationFigures(report),
  miot: () => miotFigures(report),
  profile: () => profileFigures(report),
  "cost-model": () => costModelFigures(report, coremark),
  kv: () => kvFigures(report),
  ota: () => otaFigures(report),
  thermostat: () => thermostatFigures(report),
  fleet: () => fleetFigures(report),
  memory: () => memoryFigures(report),
  "pin-storm": () => pinStormFigures(report),
  hal: () => halFigures(report),
  mutants: async () => {
    await mutantFigures(report);
  },
};
const asked = process.argv.slice(2).filter((a, i, all) => a !== "--coremark" && all[i - 1] !== "--coremark");
const unknown = asked.filter((g) => !(g in GROUPS));
if (unknown.length > 0) {
  process.stderr.write(`bench: no group ${unknown.join(", ")}; the groups are ${Object.keys(GROUPS).join(", ")}\n`);
  process.exit(2);
}
for (const [name, run] of Object.entries(GROUPS)) if (asked.length === 0 || asked.includes(name)) await run();
