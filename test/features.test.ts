// Features per interpreter version (docs/fidelity.md "Features"): one probe
// module per feature, each flashed as a Sail image; the board's verdict must
// be the one the docs' table records for its interpreter version, as probed
// on wasm3 builds.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ABI_VERSION } from "../host/abi/table.js";
import { loadBoardProfile, type BoardProfile } from "../host/boards/profile.js";
import { ImageError } from "../host/errors.js";
import { flashImage } from "../host/flash/flash.js";
import { loadBinaryen } from "../host/wasm/binaryen.js";
import { ROOT } from "./support/firmware.js";

/** The probe's own declarations (memory included) and the body of `f`; the same instruction as the wasm3 probe. */
const PROBES: Readonly<Record<string, { readonly decls?: string; readonly memory?: string; readonly f: string }>> = {
  "mutable-globals": {
    decls: '(global $g (export "g") (mut i32) (i32.const 1))',
    f: "(global.set $g (i32.const 2)) (global.get $g)",
  },
  "sign-extension": { f: "(i32.extend8_s (i32.const 255))" },
  "nontrapping-f2i": { f: "(i32.trunc_sat_f32_s (f32.const 1e20))" },
  "memory-copy": { f: "(memory.copy (i32.const 0) (i32.const 8) (i32.const 4)) (i32.const 0)" },
  "memory-fill": { f: "(memory.fill (i32.const 0) (i32.const 7) (i32.const 4)) (i32.load (i32.const 0))" },
  "memory-init": {
    decls: '(data $d "abcd")',
    f: "(memory.init $d (i32.const 0) (i32.const 0) (i32.const 4)) (i32.load (i32.const 0))",
  },
  "data-drop": { decls: '(data $d "abcd")', f: "(data.drop $d) (i32.const 0)" },
  "multi-value": { decls: "(func $two (result i32 i32) (i32.const 1) (i32.const 2))", f: "(call $two) (i32.add)" },
  "reference-types": { decls: "(table 1 funcref)", f: "(ref.is_null (table.get 0 (i32.const 0)))" },
  "tail-call": { decls: "(func $g (result i32) (i32.const 7))", f: "(return_call $g)" },
  "extended-const": { decls: "(global $k i32 (i32.add (i32.const 1) (i32.const 2)))", f: "(global.get $k)" },
  simd: { f: "(i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))" },
  threads: { memory: '(memory (export "memory") 1 1 shared)', f: "(i32.atomic.load (i32.const 0))" },
  "exception-handling": { decls: "(tag $e)", f: "(try (result i32) (do (throw $e)) (catch $e (i32.const 1)))" },
  memory64: { memory: '(memory (export "memory") i64 1)', f: "(i32.load (i64.const 0))" },
  "multi-memory": { decls: "(memory $m2 1)", f: "(i32.load $m2 (i32.const 0))" },
};

interface Row {
  readonly probe: string;
  readonly feature: string;
  readonly verdicts: ReadonlyMap<string, boolean>;
}

/** The Features table of docs/fidelity.md: probe, feature, then one verdict column per engine version. */
function docsTable(): Row[] {
  const text = readFileSync(join(ROOT, "docs/fidelity.md"), "utf8");
  const lines = text.split("\n");
  const head = lines.findIndex((l) => l.startsWith("| Probe | Feature |"));
  assert.ok(head >= 0, "docs/fidelity.md has no features table");
  const versions = (lines[head] ?? "")
    .split("|")
    .slice(3, -1)
    .map((c) => c.trim());
  const rows: Row[] = [];
  for (const line of lines.slice(head + 2)) {
    if (!line.startsWith("|")) break;
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    const verdicts = new Map(versions.map((v, i) => [v, (cells[i + 2] ?? "").startsWith("accepts")]));
    rows.push({ probe: (cells[0] ?? "").replaceAll("`", ""), feature: cells[1] ?? "", verdicts });
  }
  return rows;
}

async function probeImage(name: string): Promise<Uint8Array> {
  const p = PROBES[name];
  assert.ok(p !== undefined, `no probe module for ${name}`);
  const abi = (ABI_VERSION.major << 16) | ABI_VERSION.minor;
  const b = await loadBinaryen();
  const parse = b["parseText"] as (text: string) => {
    setFeatures(f: number): void;
    emitBinary(): Uint8Array;
    dispose(): void;
  };
  const m = parse(`(module
    ${p.memory ?? '(memory (export "memory") 1)'}
    ${p.decls ?? ""}
    (global (export "sail_abi_version") i32 (i32.const ${abi}))
    (func (export "sail_event") (param i32 i32 i64 i64) (result i32) (i32.const 0))
    (func (export "_start"))
    (func (export "sail_setup"))
    (func (export "f") (result i32) ${p.f}))`);
  try {
    m.setFeatures(b.Features["All"] ?? 0);
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

/** Whether the board accepts the probe; a refusal names the file and the feature. */
async function verdict(bytes: Uint8Array, profile: BoardProfile, feature: string): Promise<boolean> {
  try {
    await flashImage(bytes, profile, "probe.wasm");
    return true;
  } catch (e) {
    assert.ok(e instanceof ImageError, String(e));
    assert.ok(e.message.startsWith("probe.wasm"), e.message);
    if (feature !== "multi-memory") assert.ok(e.message.includes(`"${feature}"`), e.message);
    return false;
  }
}

/** The board's verdict must be the table's, unless V8 itself cannot run the probe (the emulator refuses it then). */
async function assertVerdict(row: Row, column: string, profile: BoardProfile): Promise<void> {
  const bytes = await probeImage(row.probe);
  const want = row.verdicts.get(column);
  assert.ok(want !== undefined, `the table has no column ${column}`);
  if (!WebAssembly.validate(bytes)) {
    await assert.rejects(flashImage(bytes, profile, "probe.wasm"), /probe\.wasm: not valid WebAssembly/);
    return;
  }
  assert.equal(await verdict(bytes, profile, row.feature), want, `${row.probe} on ${column}`);
}

describe("features per interpreter version", () => {
  const rows = docsTable();

  it("the docs' table has a row for every probe", () => {
    assert.deepEqual(rows.map((r) => r.probe).sort(), Object.keys(PROBES).sort());
  });

  for (const boardId of ["esp32-devkitc", "esp32-c3-devkitm"]) {
    it(`${boardId}: each probe is accepted or refused as the table says for its wasm3 version`, async () => {
      const profile = loadBoardProfile(boardId);
      const column = `${profile.interpreter.engine} ${profile.interpreter.version}`;
      for (const row of rows) await assertVerdict(row, column, profile);
    });
  }

  it("a profile pinned to wasm3 main accepts what main accepts", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sail-features-"));
    const json = JSON.parse(await readFile(join(ROOT, "boards/esp32-devkitc.json"), "utf8")) as {
      interpreter: { version: string; features: string[] };
    };
    json.interpreter.version = "main@c9b579d";
    json.interpreter.features = [
      ...new Set(rows.filter((r) => r.verdicts.get("wasm3 main@c9b579d")).map((r) => r.feature)),
    ];
    const file = join(dir, "esp32-wasm3-main.json");
    await writeFile(file, JSON.stringify(json));
    const profile = loadBoardProfile(file);
    for (const row of rows) await assertVerdict(row, "wasm3 main@c9b579d", profile);
  });

  it("a profile may not claim for wasm3 0.5.0 a feature 0.5.0 refuses", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sail-features-"));
    const json = JSON.parse(await readFile(join(ROOT, "boards/esp32-devkitc.json"), "utf8")) as {
      interpreter: { features: string[] };
    };
    json.interpreter.features.push("bulk-memory");
    const file = join(dir, "claims-bulk.json");
    await writeFile(file, JSON.stringify(json));
    assert.throws(
      () => loadBoardProfile(file),
      /claims-bulk\.json.*\.interpreter\.features\[5\].*wasm3 0\.5\.0 does not accept "bulk-memory"/s,
    );
  });
});
