// `sail new <name>`: scaffolds a partner project in ./<name> from templates/
// project — a MIoT light with firmware, spec, generated bindings and a passing
// test — depending on Sail by a file: path or a packed tarball (docs/decisions.md D64).

import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { SailError } from "../errors.js";
import { generateBindings } from "../miot/spec-gen.js";
import { loadSpec } from "../miot/spec.js";
import { PACKAGE_ROOT } from "../paths.js";
import { note } from "./format.js";
import type { Command } from "./main.js";

/** How the scaffold's firmware and bindings import the SDK (asc finds it through asconfig's "path"). */
export const SDK_IMPORT = "sail-sdk/assembly/sail";
const TEMPLATE_DIR = join(PACKAGE_ROOT, "templates", "project");
/** Template files stored under another name (npm drops .gitignore from packages). */
const RENAMED: Readonly<Record<string, string>> = { gitignore: ".gitignore" };

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const NAME_MAX = 40;
const MODEL = /^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+$/;

export interface ScaffoldOptions {
  readonly name: string;
  /** Folder the project goes in (default ./<name>). */
  readonly dir?: string;
  /** A Sail package folder or tarball (default: this package). */
  readonly sail?: string;
  /** MIoT model, vendor.type.id (default sail.light.<name without dashes>). */
  readonly model?: string;
}

/** Writes the project; returns its folder and the files written (relative to it). */
export async function scaffold(o: ScaffoldOptions): Promise<{ dir: string; files: string[] }> {
  if (!NAME.test(o.name) || o.name.length > NAME_MAX) {
    throw new SailError(
      `project name "${o.name}" must be lowercase letters, digits and single dashes, start with a letter and be ` +
        `at most ${NAME_MAX} characters (it names the folder, the npm package and the image), e.g. "porch-light"`,
    );
  }
  const model = o.model ?? `sail.light.${o.name.replace(/-/g, "")}`;
  if (!MODEL.test(model))
    throw new SailError(
      `--model "${model}" must be vendor.type.id in lowercase letters and digits, e.g. "acme.light.porch1"`,
    );
  const dir = resolve(o.dir ?? o.name);
  await refuseNonEmpty(dir);
  const sail = await sailDependency(o.sail === undefined ? PACKAGE_ROOT : resolve(o.sail), dir, o.sail !== undefined);
  const [vendor = "sail", , id = "light"] = model.split(".");
  const values: Readonly<Record<string, string>> = {
    name: o.name,
    model,
    sail,
    manufacturer: vendor,
    product: `${vendor}-${id}`,
  };

  const files: string[] = [];
  for (const rel of await listFiles(TEMPLATE_DIR)) {
    const text = await readFile(join(TEMPLATE_DIR, rel), "utf8");
    const parts = rel.split(sep);
    const last = parts.pop() as string;
    const target = join(...parts, RENAMED[last] ?? last);
    await mkdir(join(dir, ...parts), { recursive: true });
    await writeFile(join(dir, target), fill(text, values, rel));
    files.push(target);
  }
  // The same generator `sail spec gen` runs, with the import partners use.
  const spec = loadSpec(join(dir, "spec.json"));
  await writeFile(join(dir, "assembly", "spec.ts"), generateBindings(spec, SDK_IMPORT, "spec.json"));
  files.push(join("assembly", "spec.ts"));
  return { dir, files: files.sort() };
}

export const newCommand: Command = {
  summary: "scaffold a firmware project (a MIoT light with a passing test) in ./<name>",
  usage: "sail new <name> [--sail path-or-tarball] [--model vendor.type.id]",
  options: {
    sail: {
      type: "string",
      value: "path",
      description: "the Sail package the project depends on: a folder or a .tgz from npm pack (default: this one)",
    },
    model: { type: "string", value: "model", description: "MIoT model, vendor.type.id (default sail.light.<name>)" },
  },
  async run(values, positionals) {
    const [name, ...extra] = positionals;
    if (name === undefined || extra.length > 0) {
      note("sail new: give one project name, e.g. sail new porch-light");
      return 2;
    }
    let made;
    try {
      made = await scaffold({
        name,
        ...(typeof values["sail"] === "string" ? { sail: values["sail"] } : {}),
        ...(typeof values["model"] === "string" ? { model: values["model"] } : {}),
      });
    } catch (e) {
      if (!(e instanceof SailError)) throw e;
      note(`sail new: ${e.message}`);
      return 2;
    }
    const where = relative(process.cwd(), made.dir) || ".";
    console.log(
      [
        `created ${where}/: a MIoT light for esp32-devkitc (LED on GPIO 2, BOOT button on GPIO 0)`,
        ...made.files.map((f) => `  ${f}`),
        "",
        "next:",
        `  cd ${where}`,
        "  npm install                   # brings sail-sdk (and TypeScript for the tests)",
        "  npx sail build                # → build/" + name + ".wasm",
        "  npx sail test                 # runs test/*.test.ts on an emulated board",
        "  npx sail run . --trace --for 5s",
      ].join("\n"),
    );
    return 0;
  },
};

async function refuseNonEmpty(dir: string): Promise<void> {
  let entries: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new SailError(`${dir} exists and is not a folder; choose another name`);
    entries = await readdir(dir);
  } catch (e) {
    if (e instanceof SailError) throw e;
    return; // does not exist yet
  }
  if (entries.length > 0)
    throw new SailError(
      `${dir} already exists and is not empty ` +
        `(${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", …" : ""}); choose another name or remove it`,
    );
}

/** The package.json dependency on Sail: "file:<path from the project>" to a package folder or tarball. */
async function sailDependency(path: string, projectDir: string, given: boolean): Promise<string> {
  const what = given ? `--sail ${path}` : `this Sail package (${path})`;
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw new SailError(
      `${what}: nothing there; give the Sail package folder or a tarball made by npm pack (sail-sdk-<version>.tgz)`,
    );
  }
  if (isDir) {
    let name: unknown;
    try {
      name = (JSON.parse(await readFile(join(path, "package.json"), "utf8")) as { name?: unknown }).name;
    } catch {
      name = undefined;
    }
    if (name !== "sail-sdk")
      throw new SailError(`${what}: not the Sail package (its package.json must name "sail-sdk")`);
  } else if (!/\.(tgz|tar\.gz)$/.test(path)) {
    throw new SailError(`${what}: a file must be a package tarball (.tgz, made by npm pack)`);
  }
  return `file:${relative(projectDir, path).split(sep).join("/")}`;
}

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = join(prefix, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out;
}

/** Replaces {{key}} placeholders; an unknown one is a bug in the template. */
function fill(text: string, values: Readonly<Record<string, string>>, file: string): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined) throw new SailError(`template ${file}: unknown placeholder {{${key}}}`);
    return file.endsWith(".json") ? JSON.stringify(v).slice(1, -1) : v;
  });
}
