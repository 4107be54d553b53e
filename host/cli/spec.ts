// `sail spec`: check MIoT specs (one, or a folder of them: a corpus), or
// generate typed AssemblyScript bindings from one.

import { readdirSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { SpecError } from "../errors.js";
import { compileBindingsTogether, importPath } from "../miot/spec-compile.js";
import { generateBindings } from "../miot/spec-gen.js";
import { loadSpec, type Spec } from "../miot/spec.js";
import { PACKAGE_ROOT } from "../paths.js";
import { note } from "./format.js";
import type { Command } from "./main.js";

export const specCommand: Command = {
  summary: "check MIoT-Spec-V2 instances (files or folders), or generate typed AssemblyScript bindings from one",
  usage:
    "sail spec check <spec.json | folder>... [--strict] [--compile] | " +
    "sail spec gen <spec.json> [--out assembly/spec.ts] [--sdk path]",
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
    strict: {
      type: "boolean",
      description: "refuse a spec for what would be a warning (an unknown key, a null list)",
    },
    compile: {
      type: "boolean",
      description: "check: also generate the bindings of every valid spec and compile them all in one asc run",
    },
  },
  async run(values, positionals) {
    const [verb, ...files] = positionals;
    const strict = values["strict"] === true;
    if (verb === "check" && files.length > 0) return check(files, strict, values["compile"] === true);
    const [file] = files;
    if (verb !== "gen" || file === undefined || files.length > 1) {
      note("sail spec: say `check <spec.json | folder>...` or `gen <spec.json>`");
      return 2;
    }
    const spec = loadSpec(file, { strict });
    for (const w of spec.warnings) note(`${file}: ${w.path}: ${w.message}`);
    const out = resolve(typeof values["out"] === "string" ? values["out"] : join(dirname(file), "assembly", "spec.ts"));
    const sdk =
      typeof values["sdk"] === "string"
        ? values["sdk"]
        : importPath(dirname(out), join(PACKAGE_ROOT, "assembly", "sail"));
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, generateBindings(spec, sdk, basename(file)));
    console.log(`wrote ${relative(process.cwd(), out) || out}: ${counts(spec)}`);
    return 0;
  },
};

function counts(spec: Spec): string {
  const n = (f: (s: Spec["services"][number]) => number): number => spec.services.reduce((t, s) => t + f(s), 0);
  return (
    `${spec.services.length} services, ${n((s) => s.properties.length)} properties, ` +
    `${n((s) => s.actions.length)} actions, ${n((s) => s.events.length)} events`
  );
}

/** The .json files a path names: the file itself, or every .json under a folder, in name order. */
function specFiles(path: string): string[] {
  if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(path, f));
}

/** Checks every spec named; one line each, and for more than one a summary. Exit 1 if any is refused. */
async function check(paths: readonly string[], strict: boolean, compile: boolean): Promise<number> {
  const files = paths.flatMap(specFiles);
  if (files.length === 0) {
    note(`sail spec check: no .json files in ${paths.join(", ")}; give spec files or folders that hold them`);
    return 2;
  }
  const valid: Spec[] = [];
  let refused = 0;
  let warned = 0;
  for (const file of files) {
    let spec: Spec;
    try {
      spec = loadSpec(file, { strict });
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      note(e.message); // a refusal is an error: stderr, as for one spec
      refused++;
      continue;
    }
    valid.push(spec);
    if (spec.warnings.length > 0) warned++;
    const verdict = spec.warnings.length === 0 ? "valid" : `valid, ${spec.warnings.length} warnings`;
    console.log(`${file}: ${spec.description || spec.name}: ${counts(spec)}: ${verdict}`);
    for (const w of spec.warnings) console.log(`  warning: ${w.path}: ${w.message}`);
  }
  if (files.length > 1) {
    const types = new Set(valid.map((s) => s.name)).size;
    console.log(
      `checked ${files.length} specs: ${valid.length} valid (${types} device types), ` +
        `${warned} of them with warnings, ${refused} refused`,
    );
  }
  if (compile && valid.length > 0) {
    await compileBindingsTogether(valid);
    console.log(`compiled the bindings of ${valid.length} specs in one asc run`);
  }
  return refused > 0 ? 1 : 0;
}
