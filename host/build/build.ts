// `sail build`: compiles a firmware project with asc (its asconfig.json),
// applies the watchdog metering and adds the manifest, so the image CI tests
// is byte for byte the image that ships.

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { ABI_VERSION } from "../abi/table.js";
import { BuildError, ImageError } from "../errors.js";
import { parseManifest, withManifest, withSpec, type Manifest } from "../flash/manifest.js";
import { loadSpec } from "../miot/spec.js";
import { meterImage } from "../flash/meter.js";
import { CURRENT_METERING } from "../flash/meter-check.js";
import { inBinaryen } from "../wasm/binaryen.js";
import { listBoardIds, loadBoardProfile } from "../boards/profile.js";
import { readWasm } from "../wasm/binary.js";

/** Bytes in a wasm page. */
const PAGE_BYTES = 65536;

export interface BuildOptions {
  /** asconfig target (default "release"). */
  readonly target?: string;
  /** Output path (default <dir>/build/<name>.wasm). */
  readonly outFile?: string;
  /** Where compiler messages go (default: collected into the error). */
  readonly log?: (line: string) => void;
}

export interface BuildResult {
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly manifest: Manifest;
  /** Size asc produced, before metering and manifest. */
  readonly compiledBytes: number;
}

/** Options every Sail firmware needs, whatever its asconfig says. */
const REQUIRED_ASC_ARGS = ["--exportStart", "_start"];

/** Builds the project in `dir` (which holds asconfig.json and sail.json). */
export async function buildProject(dir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const root = resolve(dir);
  const { spec: specFile, memoryPages, ...project } = await readProjectManifest(root);
  const pages = memoryMaximum(join(root, "sail.json"), project.boards, memoryPages);
  let spec: unknown = null;
  if (specFile !== null) {
    loadSpec(join(root, specFile)); // a bad spec fails the build, not the flash
    spec = JSON.parse(await readFile(join(root, specFile), "utf8"));
  }
  const ascConfig = join(root, "asconfig.json");
  const manifestEntry = await writeManifestEntry(root, project);
  const wasm = await compile(ascConfig, options.target ?? "release", pages, manifestEntry, options.log);
  if (specFile !== null) refuseSdkEvent(wasm, join(root, "sail.json"), specFile);
  const compiled = `${project.name} (compiled)`;
  const metered = await inBinaryen(compiled, "metering it", () => meterImage(wasm, compiled));
  // The image carries its memory maximum (docs/decisions.md D113); metering must keep it.
  if (readWasm(metered).memory?.max !== pages)
    throw new BuildError(`${project.name}: the metered image lost its memory maximum of ${pages} pages`);
  const manifest: Manifest = {
    ...project,
    abi: `${ABI_VERSION.major}.${ABI_VERSION.minor}`,
    built: new Date().toISOString(),
    metering: CURRENT_METERING,
  };
  const withManifestBytes = withManifest(metered, manifest);
  const bytes = spec === null ? withManifestBytes : withSpec(withManifestBytes, spec);
  const file = resolve(options.outFile ?? join(root, "build", `${project.name}.wasm`));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return { file, bytes, manifest, compiledBytes: wasm.length };
}

/** The fields of sail.json; "$schema" points editors at schemas/sail.schema.json (docs/schemas.md). */
const PROJECT_KEYS = ["$schema", "name", "version", "model", "boards", "spec", "memoryPages"];

/**
 * The memory maximum the image declares, in pages: sail.json's memoryPages,
 * else the smallest RAM budget among its boards (all boards when it names none).
 * A board whose budget is below memoryPages could never run the image: refused here.
 */
function memoryMaximum(file: string, boards: readonly string[], stated: number | null): number {
  const profiles = (boards.length > 0 ? boards : listBoardIds()).map((id) => loadBoardProfile(id));
  const budgetPages = (ramBytes: number): number => Math.max(1, Math.floor(ramBytes / PAGE_BYTES));
  const smallest = Math.min(...profiles.map((p) => budgetPages(p.app.ramBytes)));
  if (stated === null) return smallest;
  const tight = profiles.find((p) => budgetPages(p.app.ramBytes) < stated);
  if (tight !== undefined)
    throw new BuildError(
      `${file}: memoryPages: ${stated} pages (${stated * 64} KiB) is more than ${tight.id} gives the app ` +
        `(${tight.app.ramBytes / 1024} KiB, app.ramBytes): lower it to ${budgetPages(tight.app.ramBytes)} ` +
        `or remove ${tight.id} from boards`,
    );
  return stated;
}

/** Reads sail.json: name, version, model and boards of the firmware, and its MIoT spec file if any. */
export async function readProjectManifest(
  root: string,
): Promise<Omit<Manifest, "abi" | "built"> & { spec: string | null; memoryPages: number | null }> {
  const file = join(root, "sail.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new BuildError(
      `${file}: missing. A Sail project has sail.json with "name", "version", "model" and "boards", e.g. ` +
        `{"name":"blink","version":"1.0.0","model":"sail.example.blink","boards":["esp32-devkitc"]}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BuildError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  if (typeof json === "object" && json !== null && !Array.isArray(json)) {
    const o = json as Readonly<Record<string, unknown>>;
    for (const k of Object.keys(o)) {
      if (!PROJECT_KEYS.includes(k))
        throw new BuildError(`${file}: ${k}: is not a sail.json field (a typo?); allowed: ${PROJECT_KEYS.join(", ")}`);
    }
    if (o["$schema"] !== undefined && typeof o["$schema"] !== "string")
      throw new BuildError(`${file}: $schema: must be the path or URL of sail.json's JSON Schema, a string`);
  }
  const withDefaults = { abi: "0.0", built: "-", ...(json as object) };
  try {
    const m = parseManifest(withDefaults, file);
    const spec = (json as Record<string, unknown>)["spec"] ?? null;
    if (spec !== null && typeof spec !== "string")
      throw new BuildError(`${file}: spec: must be the path of the MIoT spec JSON, e.g. "spec.json"`);
    const pages = (json as Record<string, unknown>)["memoryPages"] ?? null;
    if (pages !== null && (typeof pages !== "number" || !Number.isInteger(pages) || pages < 1 || pages > 65536))
      throw new BuildError(
        `${file}: memoryPages: must be the 64 KiB pages of memory the firmware may grow to, an integer from 1, ` +
          `e.g. 1; leave it out for the smallest RAM budget among its boards`,
      );
    return { name: m.name, version: m.version, model: m.model, boards: m.boards, spec, memoryPages: pages };
  } catch (e) {
    if (e instanceof ImageError) throw new BuildError(e.message);
    throw e;
  }
}

/**
 * Writes the file `sail build` adds to asc's entries so the firmware can read
 * its own sail.json (the SDK's `manifest.version()`, docs/decisions.md D134):
 * global functions, which the SDK finds with isDefined (constants it could not
 * read before their file runs). Not a --lib file: asc keeps those in a table
 * that outlives the run, so a second build in one process read the first one's.
 * Returns its path relative to the working directory, as asc reads entries.
 */
async function writeManifestEntry(root: string, project: { name: string; version: string; model: string }) {
  const file = join(root, "build", "sail-manifest.ts");
  await mkdir(dirname(file), { recursive: true });
  const fn = (what: string, value: string): string =>
    `@global function __sail_manifest_${what}(): string { return ${JSON.stringify(value)}; }\n`;
  await writeFile(
    file,
    "// Written by `sail build` from sail.json; the SDK's manifest namespace reads it.\n" +
      fn("name", project.name) +
      fn("version", project.version) +
      fn("model", project.model),
  );
  return relative(process.cwd(), file);
}

/**
 * A project with a spec whose entry file re-exports the SDK's sail_event, not
 * the one its bindings define, builds and runs, and then answers every MIoT
 * request -4004: refused here, naming the export to use. The SDK's asconfig
 * keeps a name section (debug), where the SDK's function is …/sail/events/sail_event.
 */
function refuseSdkEvent(wasm: Uint8Array, sailJson: string, specFile: string): void {
  const info = readWasm(wasm);
  const entry = info.exports.find((e) => e.kind === "function" && e.name === "sail_event");
  const name = entry === undefined ? undefined : info.functionNames.get(entry.index);
  if (name === undefined || !/(^|\/)sail\/events\/sail_event$/.test(name)) return;
  throw new BuildError(
    `${sailJson}: spec: the firmware exports the SDK's sail_event, which handles no MIoT request, so clients ` +
      `would get -4004 for every one of ${specFile}'s properties and actions; export the one its bindings ` +
      `define instead: export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./spec"`,
  );
}

async function compile(
  ascConfig: string,
  target: string,
  maxPages: number,
  manifestEntry: string,
  log?: (line: string) => void,
): Promise<Uint8Array> {
  const outName = `${basename(dirname(ascConfig))}.wasm`;
  const memory = ["--maximumMemory", String(maxPages)];
  return compileAssemblyScript(
    ["--config", ascConfig, "--target", target, ...REQUIRED_ASC_ARGS, ...memory, "--outFile", outName, manifestEntry],
    ascConfig,
    log,
  );
}

/** Runs asc with `args` and returns the .wasm it wrote (nothing touches the disk). */
export async function compileAssemblyScript(
  args: readonly string[],
  what: string,
  log?: (line: string) => void,
): Promise<Uint8Array> {
  const asc = (await import("assemblyscript/asc")).default;
  const messages: string[] = [];
  const stream = {
    write(chunk: Uint8Array | string): boolean {
      const text = typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
      messages.push(text);
      log?.(text);
      return true;
    },
  };
  // Assigned by asc's writeFile callback, which the type checker cannot follow.
  let binary = null as Uint8Array | null;
  const result = await asc.main([...args], {
    stdout: stream,
    stderr: stream,
    writeFile: (name, contents) => {
      if (name.endsWith(".wasm") && typeof contents !== "string") binary = contents;
    },
  });
  if (result.error !== null || binary === null) {
    const detail = messages.join("").trim() || (result.error?.message ?? "no output");
    throw new BuildError(`asc failed for ${what}:\n${detail}`);
  }
  return binary;
}
