// `sail verify`: runs each image and scenario twice on the same board models,
// once in V8 and once in the C runtime (built for the host, cached), and
// compares the canonical event streams (docs/runtime.md, "sail verify").
// Exit 0 when they all agree, printing what was compared; 1 when one diverges,
// quoting both sides with five records of context; 2 for usage. `--shard k/n`
// verifies only a deterministic part of the firmwares given, for CI matrices.

import { readFile, stat, writeFile } from "node:fs/promises";
import { loadBoardProfile } from "../boards/profile.js";
import { readManifest } from "../flash/manifest.js";
import { SailError } from "../errors.js";
import { parseShard, pickShard, type ShardPick } from "../report/shard.js";
import { buildRv32Runtime } from "../runtime/rv32-runtime.js";
import { buildWasm2cRuntime } from "../runtime/wasm2c.js";
import { buildWasm3Runtime } from "../runtime/wasm3.js";
import { firstDivergence, runStream, type Divergence } from "../runtime/verify.js";
import { loadScenario, type Step } from "../scenario/scenario.js";
import type { BoardProfile } from "../boards/profile.js";
import { junitXml } from "../testing/junit-xml.js";
import { formatDuration, toMicros } from "../time/duration.js";
import { readWasm } from "../wasm/binary.js";
import { note } from "./format.js";
import type { Command } from "./main.js";
import { resolveFirmware } from "./run.js";

const USAGE =
  "sail verify <project-dir | image.wasm>... [--board id] [--scenario file] [--for 60s] " +
  "[--engine wasm2c | wasm3 --wasm3-dir path] [--target host | rv32] [--junit file] [--shard k/n]";

export const verifyCommand: Command = {
  summary: "run a firmware in the emulator and in the C runtime on the same board models and compare what they do",
  usage: USAGE,
  options: {
    board: {
      type: "string",
      value: "id",
      description: "board profile id (default: the first board the image's manifest names, else esp32-devkitc)",
    },
    scenario: { type: "string", value: "file", description: "scenario of timed inputs (docs/scenarios.md)" },
    for: { type: "string", value: "duration", description: "virtual time to run each side, e.g. 10s (default 10s)" },
    seed: { type: "string", value: "n", description: "seed for the board's random generator (default 1)" },
    engine: {
      type: "string",
      value: "name",
      description: "the C runtime's engine: wasm2c (default; Debian's wabt) or wasm3 (needs --wasm3-dir)",
    },
    "wasm3-dir": {
      type: "string",
      value: "path",
      description: "a wasm3 v0.5.0 checkout to build the wasm3 engine with",
    },
    target: {
      type: "string",
      value: "name",
      description: "where the C runtime runs: host (default) or rv32 (rv32imc under qemu-system-riscv32; wasm2c only)",
    },
    junit: { type: "string", value: "file", description: "also write the results as a JUnit XML report for CI" },
    shard: {
      type: "string",
      value: "k/n",
      description:
        "verify only shard k of n of the firmwares given (by sorted path, round-robin); " +
        "sail report merge joins the JUnit reports",
    },
  },
  async run(values, positionals) {
    if (positionals.length === 0) {
      note(`sail verify: give a firmware, a project folder or a .wasm image (or several); usage: ${USAGE}`);
      return 2;
    }
    for (const firmware of positionals) {
      if (
        !(await stat(firmware).then(
          () => true,
          () => false,
        ))
      ) {
        note(
          `sail verify: ${firmware}: no such file or folder; give a .wasm image or a project folder (with sail.json)`,
        );
        return 1;
      }
    }
    const engine = typeof values["engine"] === "string" ? values["engine"] : "wasm2c";
    const wasm3Dir = values["wasm3-dir"];
    if (engine !== "wasm2c" && engine !== "wasm3") {
      note(`sail verify: --engine ${engine}: the engines are wasm2c and wasm3`);
      return 2;
    }
    if (engine === "wasm3" && typeof wasm3Dir !== "string") {
      note("sail verify: --engine wasm3 needs --wasm3-dir <path> of a wasm3 v0.5.0 checkout (it has no package)");
      return 2;
    }
    const target = typeof values["target"] === "string" ? values["target"] : "host";
    if (target !== "host" && target !== "rv32") {
      note(`sail verify: --target ${target}: the targets are host and rv32`);
      return 2;
    }
    if (target === "rv32" && engine !== "wasm2c") {
      note("sail verify: --target rv32 runs the wasm2c engine; leave out --engine wasm3");
      return 2;
    }
    let shard: ShardPick | null = null;
    if (typeof values["shard"] === "string") {
      try {
        shard = parseShard(values["shard"]);
      } catch (e) {
        if (!(e instanceof SailError)) throw e;
        note(`sail verify: ${e.message}`);
        return 2;
      }
    }
    const forUs = parseFor(typeof values["for"] === "string" ? values["for"] : "10s");
    const seedText = typeof values["seed"] === "string" ? values["seed"] : "1";
    const seed = Number(seedText);
    if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff)
      throw new SailError(`--seed ${seedText}: give a whole number from 0 to 4294967295`);
    const boardId = typeof values["board"] === "string" ? values["board"] : null;
    const scenarioFile = typeof values["scenario"] === "string" ? values["scenario"] : undefined;
    const steps: Step[] = scenarioFile === undefined ? [] : await loadScenario(scenarioFile);
    const build =
      engine === "wasm3"
        ? (code: Uint8Array) => buildWasm3Runtime(code, { wasm3Dir: wasm3Dir as string })
        : target === "rv32"
          ? (code: Uint8Array) => buildRv32Runtime(code)
          : (code: Uint8Array) => buildWasm2cRuntime(code);
    const firmwares = shard === null ? [...positionals] : pickShard(positionals, (f) => f, shard);
    if (shard !== null)
      note(
        `sail verify: shard ${shard.index}/${shard.count}: ${firmwares.length} of ${positionals.length} firmwares` +
          (firmwares.length === 0 ? " (nothing to verify here)" : `: ${firmwares.join(", ")}`),
      );
    const where = target === "rv32" ? " on rv32imc under QEMU" : "";
    const results: Verified[] = [];
    for (const firmware of firmwares) {
      const file = await resolveFirmware(firmware);
      const image = new Uint8Array(await readFile(file));
      const profile: BoardProfile = loadBoardProfile(boardId ?? imageBoards(image, file)[0] ?? "esp32-devkitc");
      const run = { image, file, profile, steps, forUs, seed, ...(scenarioFile === undefined ? {} : { scenarioFile }) };
      const scenarioText = scenarioFile === undefined ? "" : ` with ${scenarioFile}`;
      const what = `${file} on ${profile.id}${scenarioText}, ${formatDuration(forUs)}`;
      note(`sail verify: ${what}: the emulator (V8), then the C runtime (${engine}${where})`);
      const emulator = await runStream(run, null);
      const runtime = await runStream(run, build);
      const divergence = firstDivergence(emulator.records, runtime.records);
      results.push({ what, divergence, records: emulator.records.length });
      if (divergence === null)
        console.log(
          `agree: ${emulator.records.length} records compared ` +
            `(logs, pin changes, PWM, LED frames, resets; virtual µs), ${emulator.events} events handled on each side`,
        );
      else console.log(describe(divergence));
    }
    const junit = typeof values["junit"] === "string" ? values["junit"] : null;
    if (junit !== null) await writeFile(junit, report(results));
    const diverged = results.filter((r) => r.divergence !== null).length;
    if (results.length > 1) console.log(`${results.length - diverged} agree, ${diverged} diverge`);
    return diverged === 0 ? 0 : 1;
  },
};

interface Verified {
  readonly what: string;
  readonly divergence: Divergence | null;
  readonly records: number;
}

function parseFor(text: string): number {
  try {
    const us = toMicros(text);
    if (us > 0) return us;
  } catch {
    /* said below */
  }
  throw new SailError(`--for ${text}: give a positive duration such as 10s, 500ms or 2min`);
}

function imageBoards(image: Uint8Array, file: string): readonly string[] {
  try {
    return readManifest(readWasm(image), file)?.boards ?? [];
  } catch {
    return []; // the board's flashing names what is wrong with the image
  }
}

export function describe(d: Divergence): string {
  const lines = [`diverge at record ${d.index + 1}:`];
  for (const r of d.before) lines.push(`    ${r}`);
  lines.push(`  emulator:  ${d.emulator}`, `  C runtime: ${d.runtime}`);
  lines.push("  then, emulator:");
  for (const r of d.emulatorAfter) lines.push(`    ${r}`);
  lines.push("  then, C runtime:");
  for (const r of d.runtimeAfter) lines.push(`    ${r}`);
  return lines.join("\n");
}

function report(results: readonly Verified[]): string {
  return junitXml({
    name: "sail verify",
    timeSec: 0,
    cases: results.map(({ what, divergence: d, records }) => ({
      suite: "sail verify",
      name: what,
      timeSec: 0,
      state: d === null ? "passed" : "failed",
      ...(d === null
        ? {}
        : {
            failure: {
              message: `diverge at record ${d.index + 1} of ${records}`,
              type: "divergence",
              stack: describe(d),
            },
          }),
    })),
  });
}
