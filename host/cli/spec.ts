// `sail spec`: check a MIoT spec, or generate typed AssemblyScript bindings from it.

import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { generateBindings } from "../miot/spec-gen.js";
import { loadSpec } from "../miot/spec.js";
import { PACKAGE_ROOT } from "../paths.js";
import { note } from "./format.js";
import type { Command } from "./main.js";

export const specCommand: Command = {
  summary: "check a MIoT-Spec-V2 instance, or generate typed AssemblyScript bindings from it",
  usage: "sail spec check <spec.json> | sail spec gen <spec.json> [--out assembly/spec.ts] [--sdk path]",
  options: {
    out: {
      type: "string",
      value: "file",
      description: "where to write the bindings (default: assembly/spec.ts beside the spec)",
    },
    sdk: {
      type: "string",
      value: "path",
      description: "import path of the Sail SDK (default: relative path to this package's assembly/sail)",
    },
  },
  async run(values, positionals) {
    const [verb, file] = positionals;
    if ((verb !== "check" && verb !== "gen") || file === undefined) {
      note("sail spec: say `check <spec.json>` or `gen <spec.json>`");
      return 2;
    }
    const spec = loadSpec(file);
    const props = spec.services.reduce((n, s) => n + s.properties.length, 0);
    const actions = spec.services.reduce((n, s) => n + s.actions.length, 0);
    const events = spec.services.reduce((n, s) => n + s.events.length, 0);
    if (verb === "check") {
      console.log(
        `${file}: ${spec.description || spec.name}: ${spec.services.length} ` +
          `services, ${props} properties, ${actions} actions, ${events} events: valid`,
      );
      return 0;
    }
    const out = resolve(typeof values["out"] === "string" ? values["out"] : join(dirname(file), "assembly", "spec.ts"));
    const sdk =
      typeof values["sdk"] === "string"
        ? values["sdk"]
        : importPath(dirname(out), join(PACKAGE_ROOT, "assembly", "sail"));
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, generateBindings(spec, sdk, basename(file)));
    console.log(
      `wrote ${relative(process.cwd(), out) || out}: ${spec.services.length} ` +
        `services, ${props} properties, ${actions} actions, ${events} events`,
    );
    return 0;
  },
};

/** A relative import path from `fromDir` to `target`, with forward slashes. */
function importPath(fromDir: string, target: string): string {
  const rel = relative(fromDir, target).split(sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}
