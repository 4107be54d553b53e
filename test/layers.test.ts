// The host's folders form layers that import downward only (docs/architecture.md):
// the foundation, then the models a board is built from, then the board, then
// what drives boards. A lower folder that imports a higher one fails here,
// naming the file and the import.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { ROOT } from "./support/firmware.js";

/** Layer of each folder (or top-level file) of host/, lowest first. */
const LAYERS: readonly (readonly string[])[] = [
  // Foundation: the ABI table, errors, time, randomness, wasm reading.
  ["abi", "errors", "defined", "paths", "quote", "random", "time", "wasm", "types"],
  // What a board is made of: profiles, images and flash, storage, OTA, MIoT, parts, peripherals, power,
  // the firmware executor, the state-change stream, the profiler, the build.
  [
    "boards",
    "flash",
    "storage",
    "ota",
    "miot",
    "parts",
    "peripherals",
    "power",
    "firmware",
    "trace",
    "profiler",
    "build",
    "serial",
  ],
  // The composition root.
  ["board"],
  // What drives boards: the world, homes, fleets, scenarios, the test API, the flasher, the C runtime beside a
  // board (co-simulation), sail dev, reports and shards, the CLI, the package entry.
  ["world", "home", "fleet", "scenario", "testing", "flasher", "runtime", "dev", "report", "cli", "index"],
];

function layerOf(path: string): number {
  const [top = ""] = relative("host", path).split("/");
  const name = top.replace(/\.ts$/, "");
  const layer = LAYERS.findIndex((l) => l.includes(name));
  assert.notEqual(layer, -1, `${path}: host/${name} is in no layer of test/layers.test.ts; add it where it belongs`);
  return layer;
}

function hostImports(): { from: string; to: string }[] {
  const files = execFileSync("git", ["ls-files", "host"], { cwd: ROOT, encoding: "utf8" })
    .split("\n")
    .filter((f) => f.endsWith(".ts"));
  const out: { from: string; to: string }[] = [];
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), "utf8");
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      const spec = m[1] ?? "";
      out.push({ from: file, to: normalize(join(dirname(file), spec)).replace(/\.js$/, ".ts") });
    }
  }
  return out;
}

describe("host layers", () => {
  it("every import goes to the same layer or a lower one", () => {
    const upward = hostImports()
      .filter(({ from, to }) => layerOf(to) > layerOf(from))
      .map(({ from, to }) => `${from} imports ${to}`);
    assert.deepEqual(upward, [], "lower layers must not import higher ones");
  });

  it("nothing below the board imports host/board/", () => {
    const intoBoard = hostImports()
      .filter(({ from, to }) => to.startsWith("host/board/") && layerOf(from) < layerOf("host/board/board.ts"))
      .map(({ from, to }) => `${from} imports ${to}`);
    assert.deepEqual(intoBoard, []);
  });
});
