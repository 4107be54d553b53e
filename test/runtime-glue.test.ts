// The on-board runtime's generated C glue: the checked-in files are what
// `sail abi --runtime` writes today, every C file under runtime/ is formatted
// as .clang-format says, the wasm2c definitions match the prototypes wabt
// 1.0.32 declares for each example, the glue compiles with Sail's flags, and
// an import nobody implements is a link error (docs/decisions.md D107).

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { runtimeGlue, wasm2cMangle } from "../host/abi/generate-c.js";
import { ABI_IMPORTS } from "../host/abi/table.js";
import { C_PACKAGES, RUNTIME_DIR, RUNTIME_FLAGS } from "../host/runtime/cc.js";
import { readWasm } from "../host/wasm/binary.js";
import { firmware, ROOT } from "./support/firmware.js";
import { EXAMPLES } from "./support/runtime-c.js";
import { requireTool } from "./support/tools.js";

const WABT_VERSION = "1.0.32";

function cFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return cFiles(path);
    return /\.[ch]$/.test(e.name) ? [path] : [];
  });
}

/** wasm2c, checked to be the version the glue's names are made for. */
function wasm2c(context: Mocha.Context): string {
  const tool = requireTool(context, ["wasm2c"], "wabt");
  const version = execFileSync(tool, ["--version"], { encoding: "utf8" }).trim();
  assert.equal(version, WABT_VERSION, `wasm2c ${version}: the glue is generated for wabt ${WABT_VERSION}'s names`);
  return tool;
}

describe("runtime glue", () => {
  it("the checked-in glue under runtime/ is what sail abi --runtime writes from the table", () => {
    for (const [path, text] of runtimeGlue()) {
      assert.equal(
        readFileSync(join(RUNTIME_DIR, path), "utf8"),
        text,
        `runtime/${path}: run sail abi --runtime runtime`,
      );
    }
  });

  it("sail abi --runtime <dir> writes the five glue files under that folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "sail-glue-"));
    const out = execFileSync(process.execPath, [join(ROOT, "dist/host/cli/main.js"), "abi", "--runtime", dir], {
      encoding: "utf8",
      stdio: "pipe",
    });
    assert.equal(out, "");
    for (const [path, text] of runtimeGlue()) assert.equal(readFileSync(join(dir, path), "utf8"), text, path);
  });

  it("every C file under runtime/ is formatted as .clang-format says", function () {
    const clangFormat = requireTool(this, ["clang-format"], "clang-format");
    const files = cFiles(RUNTIME_DIR);
    assert.ok(files.length >= 10, `C files found: ${files.length}`);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const formatted = execFileSync(clangFormat, ["--style=file:.clang-format", `--assume-filename=${file}`], {
        cwd: ROOT,
        input: text,
        encoding: "utf8",
      });
      const line = text.split("\n").findIndex((l, i) => l !== formatted.split("\n")[i]);
      assert.equal(line, -1, `${relative(ROOT, file)}:${line + 1} is not clang-format's layout; run clang-format -i`);
    }
  });

  it("names every import as wabt 1.0.32 mangles it", () => {
    assert.equal(wasm2cMangle("gpio_write"), "Z_gpio_write");
    assert.equal(wasm2cMangle("sail_app"), "Z_sail_app");
    // "Z" and anything not [A-Za-z0-9_] are escaped, byte by byte.
    assert.equal(wasm2cMangle("aZb.c"), "Z_aZ5AbZ2Ec");
    assert.equal(wasm2cMangle("é"), "Z_ZC3ZA9");
  });

  describe("against each example translated by wasm2c -n sail_app", () => {
    for (const example of EXAMPLES) {
      it(`${example}: the glue defines every import it declares, with its prototype`, async function () {
        const tool = wasm2c(this);
        const cc = requireTool(this, ["cc", "gcc", "clang"], C_PACKAGES);
        const image = await firmware(example);
        const dir = mkdtempSync(join(tmpdir(), "sail-wasm2c-"));
        writeFileSync(join(dir, "app.wasm"), image);
        execFileSync(tool, ["-n", "sail_app", join(dir, "app.wasm"), "-o", join(dir, "app.c")]);
        const header = readFileSync(join(dir, "app.h"), "utf8");
        for (const imp of readWasm(image).imports) {
          const name = `${wasm2cMangle(imp.module)}${wasm2cMangle(imp.name)}`;
          assert.match(header, new RegExp(`\\b${name}\\(`), `${imp.module}.${imp.name} is declared as ${name}`);
          assert.ok(
            ABI_IMPORTS.some((e) => e.module === imp.module && e.name === imp.name),
            `${imp.module}.${imp.name} is in the ABI table`,
          );
        }
        // One translation unit: the image's declarations, then the glue's definitions.
        // A definition whose types differ from wasm2c's declaration does not compile.
        writeFileSync(join(dir, "check.c"), `#include "app.h"\n#include "sail_wasm2c_glue.c"\n`);
        const include = ["core", "engine/wasm2c"].map((d) => `-I${join(RUNTIME_DIR, d)}`);
        execFileSync(
          cc,
          [...RUNTIME_FLAGS, `-I${dir}`, ...include, "-c", join(dir, "check.c"), "-o", join(dir, "check.o")],
          {
            stdio: "pipe",
          },
        );
      });
    }
  });

  it("an import nobody implements is a link error naming it", function () {
    const cc = requireTool(this, ["cc", "gcc", "clang"], C_PACKAGES);
    requireTool(this, ["wasm2c"], "wabt"); // wasm-rt.h comes with wabt
    const dir = mkdtempSync(join(tmpdir(), "sail-link-"));
    writeFileSync(join(dir, "main.c"), "int main(void)\n{\n    return 0;\n}\n");
    const include = ["core", "engine/wasm2c"].map((d) => `-I${join(RUNTIME_DIR, d)}`);
    const glue = join(RUNTIME_DIR, "engine/wasm2c/sail_wasm2c_glue.c");
    const link = spawnSync(cc, [...RUNTIME_FLAGS, ...include, glue, join(dir, "main.c"), "-o", join(dir, "app")], {
      encoding: "utf8",
    });
    assert.notEqual(link.status, 0, "linked without the imports' implementations");
    assert.match(link.stderr, /undefined reference to [`']sail_import_sail_gpio_write'/);
    assert.match(link.stderr, /undefined reference to [`']sail_app_stopping'/);
  });

  it("the wasm3 glue compiles against wasm3's own header (SAIL_WASM3_DIR, a wasm3 checkout)", function () {
    const cc = requireTool(this, ["cc", "gcc", "clang"], C_PACKAGES);
    const wasm3 = process.env["SAIL_WASM3_DIR"];
    // wasm3 has no Debian or npm package, so CI has no checkout: skipped, saying how to run it.
    if (wasm3 === undefined || wasm3 === "") {
      process.stderr.write("      skipped: set SAIL_WASM3_DIR to a wasm3 v0.5.0 checkout to compile the wasm3 glue\n");
      this.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), "sail-wasm3-"));
    execFileSync(
      cc,
      [
        ...RUNTIME_FLAGS,
        `-I${join(RUNTIME_DIR, "core")}`,
        `-I${join(wasm3, "source")}`,
        "-c",
        join(RUNTIME_DIR, "engine/wasm3/sail_wasm3_glue.c"),
        "-o",
        join(dir, "glue.o"),
      ],
      { stdio: "pipe" },
    );
  });
});
