// `sail abi`: writes what derives from the ABI table.

import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { assemblyScriptBindings, assemblyScriptConstants, cHeader, markdownReference } from "../abi/generate.js";
import { runtimeGlue } from "../abi/generate-c.js";
import { note } from "./format.js";
import type { Command } from "./main.js";

export const abiCommand: Command = {
  summary: "print or write the ABI: C header, AssemblyScript bindings, Markdown reference",
  usage: "sail abi --header [file] | --assemblyscript <dir> | --runtime <dir> | --markdown",
  options: {
    header: { type: "boolean", description: "the C header for the on-board runtime (to the file given, or stdout)" },
    assemblyscript: { type: "string", value: "dir", description: "write bindings.ts and abi.ts into this SDK folder" },
    runtime: {
      type: "string",
      value: "dir",
      description: "write the C runtime's generated glue (header, import declarations, engine glue) under this folder",
    },
    markdown: { type: "boolean", description: "the reference tables in Markdown" },
  },
  async run(values, positionals) {
    if (values["header"]) {
      const file = positionals[0];
      if (file === undefined) process.stdout.write(cHeader());
      else {
        await writeFile(file, cHeader());
        note(`wrote ${file}`);
      }
      return 0;
    }
    const dir = values["assemblyscript"];
    if (typeof dir === "string") {
      await writeFile(join(dir, "bindings.ts"), assemblyScriptBindings());
      await writeFile(join(dir, "abi.ts"), assemblyScriptConstants());
      note(`wrote ${join(dir, "bindings.ts")} and ${join(dir, "abi.ts")}`);
      return 0;
    }
    const runtime = values["runtime"];
    if (typeof runtime === "string") {
      for (const [path, text] of runtimeGlue()) {
        await mkdir(dirname(join(runtime, path)), { recursive: true });
        await writeFile(join(runtime, path), text);
      }
      note(`wrote ${[...runtimeGlue().keys()].map((p) => join(runtime, p)).join(", ")}`);
      return 0;
    }
    if (values["markdown"]) {
      console.log(markdownReference());
      return 0;
    }
    note("sail abi: say what to write: --header [file], --assemblyscript <dir>, --runtime <dir> or --markdown");
    return 2;
  },
};
