// npm run bench: prints every benchmark figure with its goal. Names given
// after it run only those groups (npm run bench -- memory pin-storm);
// --json <file> also writes the figures there, each with its group and goal.

import { costModelFigures } from "./cost-model.js";
import { foundationFigures, type Figure } from "./foundation.js";
import { miotFigures } from "./miot.js";
import { discoveryFigures } from "./discovery.js";
import { profileFigures } from "./profile.js";
import { kvFigures } from "./kv.js";
import { otaFigures } from "./ota.js";
import { thermostatFigures } from "./thermostat.js";
import { fleetFigures } from "./fleet.js";
import { mutantFigures } from "./mutants.js";
import { memoryFigures } from "./memory.js";
import { pinStormFigures } from "./pin-storm.js";
import { halFigures } from "./hal.js";
import { rolloutFigures } from "./rollout.js";
import { rv32Figures } from "./rv32.js";
import { runtimeFigures } from "./runtime.js";
import { writeFileSync } from "node:fs";
import { devFigures } from "./dev.js";

const mark = (f: Figure): string => (f.met === null ? " " : f.met ? "✓" : "✗");

/** The value given after `--<name>`, or null; a flag given without one stops the bench naming it. */
function option(name: string): string | null {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return null;
  const value = process.argv[at + 1];
  if (value === undefined || value.startsWith("--")) {
    process.stderr.write(`bench: --${name} needs a file name after it\n`);
    process.exit(2);
  }
  return value;
}
// --coremark <path>: a CoreMark build of your own for the cost model's held-out check (docs/decisions.md D115).
const coremark = option("coremark");
const jsonFile = option("json");

process.stdout.write(`Sail benchmarks on ${process.platform}/${process.arch}, Node ${process.version}\n\n`);
const figures: (Figure & { readonly group: string })[] = [];
let group = "";
const report = (f: Figure): void => {
  figures.push({ group, ...f });
  process.stdout.write(`${mark(f)} ${f.name}\n    ${f.value}   goal ${f.goal}\n`);
};
const GROUPS: Readonly<Record<string, () => Promise<void> | void>> = {
  foundation: () => foundationFigures(report),
  miot: () => miotFigures(report),
  discovery: () => discoveryFigures(report),
  profile: () => profileFigures(report),
  "cost-model": () => costModelFigures(report, coremark),
  kv: () => kvFigures(report),
  ota: () => otaFigures(report),
  thermostat: () => thermostatFigures(report),
  fleet: () => fleetFigures(report),
  memory: () => memoryFigures(report),
  "pin-storm": () => pinStormFigures(report),
  hal: () => halFigures(report),
  dev: () => devFigures(report),
  rollout: () => rolloutFigures(report),
  rv32: () => {
    rv32Figures(report);
  },
  mutants: async () => {
    await mutantFigures(report);
  },
  runtime: () => runtimeFigures(report),
};
const OPTIONS = ["--coremark", "--json"];
const asked = process.argv.slice(2).filter((a, i, all) => !OPTIONS.includes(a) && !OPTIONS.includes(all[i - 1] ?? ""));
const unknown = asked.filter((g) => !(g in GROUPS));
if (unknown.length > 0) {
  process.stderr.write(`bench: no group ${unknown.join(", ")}; the groups are ${Object.keys(GROUPS).join(", ")}\n`);
  process.exit(2);
}
for (const [name, run] of Object.entries(GROUPS)) {
  if (asked.length > 0 && !asked.includes(name)) continue;
  group = name;
  await run();
}
if (jsonFile !== null) {
  const machine = { platform: process.platform, arch: process.arch, node: process.version };
  writeFileSync(jsonFile, `${JSON.stringify({ machine, figures }, null, 2)}\n`);
  process.stdout.write(`\n${figures.length} figures written to ${jsonFile}\n`);
}
