// `sail build`: compile a firmware project and print its size.

import { relative } from "node:path";
import { buildProject } from "../build/build.js";
import { MANIFEST_SECTION } from "../flash/manifest.js";
import { readWasm } from "../wasm/binary.js";
import { note } from "./format.js";
import type { Command } from "./main.js";

export const buildCommand: Command = {
  summary: "compile a firmware project (asconfig.json + sail.json) to a metered .wasm image",
  usage: "sail build [project-dir] [--target release] [--out file.wasm]",
  options: {
    target: { type: "string", value: "name", description: "asconfig.json target (default release)" },
    out: { type: "string", value: "file", description: "where to write the image (default <dir>/build/<name>.wasm)" },
  },
  async run(values, positionals) {
    const dir = positionals[0] ?? ".";
    const started = performance.now();
    note(`building ${dir} ...`);
    const target = typeof values["target"] === "string" ? values["target"] : undefined;
    const out = typeof values["out"] === "string" ? values["out"] : undefined;
    const result = await buildProject(dir, { ...(target ? { target } : {}), ...(out ? { outFile: out } : {}) });
    const manifestBytes =
      readWasm(result.bytes).customSections.find((s) => s.name === MANIFEST_SECTION)?.data.length ?? 0;
    const m = result.manifest;
    console.log(
      `${m.name} ${m.version} → ${relative(process.cwd(), result.file) || result.file}: ` +
        `${result.bytes.length} bytes (asc output ${result.compiledBytes} B; with metering, names ` +
        `and a ${manifestBytes} B manifest) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  },
};
