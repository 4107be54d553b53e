// The ABI table is the one source of truth: the AssemblyScript bindings are
// generated from it, a compiled probe's import section matches it name by
// name and signature by signature, and the C header compiles.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assemblyScriptBindings, assemblyScriptConstants, cHeader, markdownReference } from "../host/abi/generate.js";
import { ABI_EXPORTS, ABI_IMPORTS, signatureOf, type WasmType } from "../host/abi/table.js";
import { meterImage } from "../host/flash/meter.js";
import { readWasm, type WasmInfo } from "../host/wasm/binary.js";
import { ROOT } from "./support/firmware.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";
import { requireTool } from "./support/tools.js";

function importSignatures(info: WasmInfo): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of info.imports) {
    if (i.desc.kind !== "function") continue;
    const t = i.desc.type;
    out.set(
      `${i.module}.${i.name}`,
      signatureOf(
        t.params.map((type, n) => ({ name: `p${n}`, type: type as WasmType })),
        (t.results[0] as WasmType | undefined) ?? null,
      ),
    );
  }
  return out;
}

/** An entry file that calls every SDK binding and triggers asc's own imports. */
function probeSource(): string {
  const calls = ABI_IMPORTS.filter((e) => e.module === "sail" && e.source === "sdk").map(
    (e) => `  b.${e.name}(${e.params.map((p) => (p.type === "i64" ? "<i64>0" : "0")).join(", ")});`,
  );
  return [
    `import * as b from "../../assembly/sail/bindings";`,
    ENTRY,
    "export function sail_setup(): void {",
    ...calls,
    `  trace("probe", 1, 1.0);`,
    `  if (Math.random() > 2.0) throw new Error("never");`,
    "}",
    "",
  ].join("\n");
}

describe("ABI", () => {
  it("the committed AssemblyScript bindings and constants are generated from the table", () => {
    assert.equal(
      readFileSync(join(ROOT, "assembly/sail/bindings.ts"), "utf8"),
      assemblyScriptBindings(),
      "run: sail abi --assemblyscript assembly/sail",
    );
    assert.equal(
      readFileSync(join(ROOT, "assembly/sail/abi.ts"), "utf8"),
      assemblyScriptConstants(),
      "run: sail abi --assemblyscript assembly/sail",
    );
  });

  describe("a probe firmware that calls every binding", () => {
    let probe: WasmInfo;
    before(async () => {
      probe = readWasm(await compileSnippet("abi-probe", probeSource()));
    });

    it("imports exactly the table's sdk and asc entries, each with the table's signature", () => {
      const got = importSignatures(probe);
      const want = new Map(
        ABI_IMPORTS.filter((e) => e.source !== "meter").map((e) => [
          `${e.module}.${e.name}`,
          signatureOf(e.params, e.result),
        ]),
      );
      assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
      for (const [name, sig] of want) assert.equal(got.get(name), sig, name);
    });

    it("exports the required entry points with the table's signatures", () => {
      for (const e of ABI_EXPORTS.filter((x) => x.required)) {
        const exp = probe.exports.find((x) => x.name === e.name);
        assert.ok(exp, `exports ${e.name}`);
        assert.equal(exp.kind, e.kind);
        if (e.kind === "function") {
          const t = probe.functionTypes[exp.index];
          assert.deepEqual(
            { params: t?.params, results: t?.results },
            { params: e.params.map((p) => p.type), results: e.result === null ? [] : [e.result] },
            e.name,
          );
        }
      }
    });

    it("after metering imports sail.meter_exhausted and exports sail_fuel as the table says", async () => {
      const metered = readWasm(await meterImage(await compileSnippet("abi-probe", probeSource()), "probe"));
      const meter = ABI_IMPORTS.find((e) => e.source === "meter");
      assert.ok(meter);
      assert.equal(importSignatures(metered).get(`sail.${meter.name}`), signatureOf(meter.params, meter.result));
      const fuel = metered.exports.find((e) => e.name === "sail_fuel");
      assert.equal(fuel?.kind, "global");
      assert.equal(metered.globals[fuel.index]?.mutable, true);
    });
  });

  it("the generated C header compiles with the host C compiler, warnings as errors", function () {
    const cc = requireTool(this, ["cc", "gcc", "clang"], "gcc");
    const dir = mkdtempSync(join(tmpdir(), "sail-abi-"));
    writeFileSync(join(dir, "sail_abi.h"), cHeader());
    writeFileSync(
      join(dir, "check.c"),
      [
        `#include "sail_abi.h"`,
        `#include <string.h>`,
        `_Static_assert(SAIL_ABI_VERSION_MAJOR == 1, "major");`,
        `int main(void) { return (int)strlen(SAIL_M3_SIG_SAIL_GPIO_WRITE) ` +
          `== 5 && SAIL_ERR_NOT_FOUND == -261 ? 0 : 1; }`,
      ].join("\n"),
    );
    execFileSync(cc, ["-std=c11", "-Wall", "-Wextra", "-Werror", "-o", join(dir, "check"), join(dir, "check.c")], {
      stdio: "pipe",
    });
    execFileSync(join(dir, "check"));
  });

  it("the generated C header is formatted as .clang-format says", function () {
    const clangFormat = requireTool(this, ["clang-format"], "clang-format");
    const header = cHeader();
    const formatted = execFileSync(clangFormat, ["--style=file:.clang-format", "--assume-filename=sail_abi.h"], {
      cwd: ROOT,
      input: header,
      encoding: "utf8",
    });
    const lines = header.split("\n");
    const wanted = formatted.split("\n");
    const differing = Array.from({ length: Math.max(lines.length, wanted.length) }, (_, i) => i).find(
      (i) => lines[i] !== wanted[i],
    );
    assert.equal(
      differing,
      undefined,
      `line ${(differing ?? 0) + 1} differs from clang-format's: ${wanted[differing ?? 0]}`,
    );
    assert.equal(header, formatted);
  });

  it("the header gives wasm3 signature strings, return type first", () => {
    const h = cHeader();
    assert.match(h, /#define SAIL_M3_SIG_SAIL_GPIO_WRITE "i\(ii\)"/);
    assert.match(h, /#define SAIL_M3_SIG_SAIL_TIMER_START "i\(iII\)"/);
    assert.match(h, /#define SAIL_M3_SIG_ENV_ABORT "v\(iiii\)"/);
  });

  it("the README carries the reference generated from the table", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    assert.ok(
      readme.includes(markdownReference()),
      "run: sail abi --markdown, and paste it into the README's ABI section",
    );
  });
});
