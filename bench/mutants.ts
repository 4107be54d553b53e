// Mutated images: 10^4 seeded mutations of the example images (built with
// sail build): byte flips, truncation, section-length lies, damaged name
// sections, fuel tampering, forged manifests and specs. Each is flashed and
// run for 2 virtual seconds on a worker thread under a wall-time limit, and
// counted: refused by the flash checks, ran, reset (by reason), host crashes
// (anything thrown that is not a project error) and hangs (past the limit).
// Goal: 0 crashes and 0 hangs. `node dist/bench/mutants.js [count] [seed]`
// runs this group alone; SAIL_MUTANTS sets the count in `npm run bench`.

import { readFile, readdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildProject } from "../host/build/build.js";
import { runMutants, type Finding, type NamedImage } from "../test/support/mutant-pool.js";
import type { Figure } from "./foundation.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const COUNT = 10_000;
const SEED = 2026;
/** Two workers: the bench machine is shared, and two cores are what CI has. */
const WORKERS = 2;
const WALL_MS = 10_000;
const VIRTUAL_TIME = "2 s";

export async function exampleImages(): Promise<NamedImage[]> {
  const names = (await readdir(join(ROOT, "examples"), { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const images: NamedImage[] = [];
  for (const name of names) {
    const built = await buildProject(join(ROOT, "examples", name));
    images.push({ name, bytes: new Uint8Array(await readFile(built.file)) });
  }
  return images;
}

function tally(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (k: string): void => void counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const f of findings) {
    add(f.outcome.kind);
    if (f.outcome.kind === "reset") for (const r of new Set(f.outcome.reasons)) add(`reset ${r}`);
  }
  return counts;
}

export async function mutantFigures(
  report: (f: Figure) => void,
  count = Number(process.env["SAIL_MUTANTS"] ?? COUNT),
  seed = SEED,
): Promise<readonly Finding[]> {
  const images = await exampleImages();
  const started = performance.now();
  const findings = await runMutants({
    images,
    seed,
    count,
    workers: WORKERS,
    virtualTime: VIRTUAL_TIME,
    wallMs: WALL_MS,
  });
  const wall = (performance.now() - started) / 1000;
  const c = tally(findings);
  const n = (k: string): number => c.get(k) ?? 0;
  const resets = [...c].filter(([k]) => k.startsWith("reset ")).map(([k, v]) => `${k.slice(6)} ${v}`);
  report({
    name:
      `mutated images (${count} of ${images.length} examples, seed ${seed}, ` +
      `${VIRTUAL_TIME} each, ${WORKERS} workers)`,
    value:
      `refused ${n("refused")}, ran ${n("ran")}, reset ${n("reset")} (${resets.join(", ") || "none"}), ` +
      `crashes ${n("crash")}, hangs ${n("hang")}; ${wall.toFixed(0)} s wall`,
    goal: "0 crashes, 0 hangs",
    met: n("crash") === 0 && n("hang") === 0,
  });
  return findings;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(process.argv[2] ?? COUNT);
  const seed = Number(process.argv[3] ?? SEED);
  const findings = await mutantFigures(
    (f) => process.stdout.write(`${f.met === true ? "✓" : "✗"} ${f.name}\n    ${f.value}   goal ${f.goal}\n`),
    count,
    seed,
  );
  for (const f of findings)
    if (f.outcome.kind === "crash" || f.outcome.kind === "hang")
      process.stdout.write(
        `  #${f.index} ${f.image} ${f.kind}: ${f.outcome.kind}: ${f.outcome.message.split("\n")[0] ?? ""}\n`,
      );
}
