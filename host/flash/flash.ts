// Flashing: parse an image, validate it against a board profile, meter it if
// it was not built by `sail build`, and compile it. Every refusal is an
// ImageError naming the file and the offending import, function or feature.

import { ABI_EXPORTS, ABI_IMPORTS, ABI_VERSION, formatAbiVersion, signatureOf, type WasmType } from "../abi/table.js";
import type { BoardProfile } from "../boards/profile.js";
import { ImageError } from "../errors.js";
import { readWasm, WasmFormatError, type FuncType, type WasmInfo } from "../wasm/binary.js";
import { inBinaryen, loadBinaryen, readModule } from "../wasm/binaryen.js";
import { STACK_IMPORT, STACK_IMPORT_MODULE } from "../wasm/stack-depth.js";
import { allowedFeatures, findFeatureUses } from "./features.js";
import { MANIFEST_SECTION, readManifest, readSpecSection, type Manifest } from "./manifest.js";
import type { Spec } from "../miot/spec.js";
import { isMetered } from "./meter.js";
import { CURRENT_METERING, KNOWN_METERINGS, meteringProblem } from "./meter-check.js";
import { bareReason, budgetPages, PAGE_BYTES, prepareBareImage } from "./bare.js";
import { emulatorCopy } from "./stack-model.js";
import { countable } from "./counting.js";

export { PAGE_BYTES };

export interface FlashedImage {
  readonly file: string;
  /** The image written to the app partition: as given, or the new image a bare .wasm became (`file`). */
  readonly bytes: Uint8Array;
  readonly manifest: Manifest | null;
  /** The MIoT spec the image carries (sail.spec), or null. */
  readonly spec: Spec | null;
  /** The code the board runs: the image with the emulator's counters (counting.ts) and stack model added. */
  readonly module: WebAssembly.Module;
  /** The bytes of `module`. */
  readonly code: Uint8Array;
  readonly info: WasmInfo;
  readonly abiVersion: number;
  /** What the board did on its own: "metered a raw image" ... */
  readonly notes: readonly string[];
}

/** Validates `bytes` for `profile` and prepares it to run. */
export async function flashImage(
  bytes: Uint8Array,
  profile: BoardProfile,
  file = "firmware.wasm",
): Promise<FlashedImage> {
  const notes: string[] = [];
  if (!WebAssembly.validate(bytes)) {
    let why = "not valid WebAssembly";
    try {
      new WebAssembly.Module(bytes);
    } catch (e) {
      why = `not valid WebAssembly: ${(e as Error).message}`;
    }
    throw new ImageError(file, why);
  }
  let info: WasmInfo;
  try {
    info = readWasm(bytes);
  } catch (e) {
    if (e instanceof WasmFormatError) throw new ImageError(file, e.message);
    throw e;
  }
  const partition = profile.app.partition;
  if (bytes.length > partition.size) {
    throw new ImageError(
      file,
      `is ${bytes.length} bytes; the ${partition.name} image partition of ${profile.id} holds ${partition.size} bytes`,
    );
  }
  const manifest = readManifest(info, file);
  if (manifest === null)
    notes.push("bare .wasm without a sail.manifest: name, version and board list unknown; running it anyway");
  else if (manifest.boards.length > 0 && !manifest.boards.includes(profile.id)) {
    throw new ImageError(file, `is built for ${manifest.boards.join(", ")}; it cannot be flashed onto ${profile.id}`);
  }

  if (info.hasStart) {
    throw new ImageError(
      file,
      "has a wasm start function, which would run while the board " +
        "instantiates it; build with --exportStart _start (sail build does)",
    );
  }
  const spec = readSpecSection(info, file);
  const abiVersion = checkExports(info, file);
  if (manifest !== null && manifest.abi !== formatAbiVersion(abiVersion)) {
    throw new ImageError(
      file,
      `manifest says ABI ${manifest.abi} but the code exports sail_abi_version ${formatAbiVersion(abiVersion)}`,
    );
  }
  checkImports(info, file, abiVersion);
  checkMemory(info, file, profile);

  const metered = isMetered(info.exports);
  const metering = manifest?.metering ?? null;
  if (metering !== null && !KNOWN_METERINGS.includes(metering)) {
    throw new ImageError(
      file,
      `${MANIFEST_SECTION} metering: "${metering}" is not a metering this board knows ` +
        `(it knows ${KNOWN_METERINGS.join(", ")}); rebuild it with this SDK's sail build`,
    );
  }
  if (metering !== null && !metered) {
    throw new ImageError(
      file,
      `${MANIFEST_SECTION} says the code is metered (${metering}) but it does not export sail_fuel; ` +
        `rebuild it with sail build`,
    );
  }
  const b = await loadBinaryen();
  const m = readModule(b, bytes, file);
  try {
    // An image that claims the metering runs as it ships: a forged metering is refused, never repaired.
    const problem = metered ? meteringProblem(b, m, metering ?? CURRENT_METERING) : null;
    if (problem !== null)
      throw new ImageError(
        file,
        `exports sail_fuel but is not metered as sail build meters: ${problem}; rebuild it with sail build`,
      );
    const allowed = allowedFeatures(profile.interpreter.features);
    for (const use of findFeatureUses(b, m, info)) {
      if (!allowed.has(use.feature)) {
        throw new ImageError(
          file,
          `${use.where} uses the wasm feature "${use.feature}", which ` +
            `${profile.interpreter.engine} ${profile.interpreter.version} on ${profile.id} ` +
            `does not support (supported: ${profile.interpreter.features.join(", ")})`,
        );
      }
    }
  } finally {
    m.dispose();
  }

  // The board stores and runs the image as given, or the new image a bare one becomes.
  let shipped = { file, bytes, info };
  const why = bareReason(info);
  if (why !== null) {
    const prepared = await prepareBareImage(bytes, info, profile, file, why);
    notes.push(prepared.note);
    shipped = { file: prepared.file, bytes: prepared.bytes, info: readWasm(prepared.bytes) };
  }
  const code = await inBinaryen(shipped.file, "making the board's copy", () =>
    emulatorCopy(shipped.bytes, shipped.info, profile, shipped.file),
  );
  if (!countable(shipped.info))
    notes.push(
      "the image returns several values from a function (multi-value): the board's clock charges the " +
        "watchdog metering's fuel for it, not exact instruction counts",
    );
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(code);
  } catch (e) {
    // The image itself validated above: an invalid copy is the emulator's fault, said as such.
    throw new ImageError(
      file,
      `the emulator's copy of it does not compile (a fault of the board, please report it): ${(e as Error).message}`,
    );
  }
  checkInstantiates(module, file);
  const { file: runFile, bytes: runBytes } = shipped;
  return { file: runFile, bytes: runBytes, manifest, spec, module, code, info: readWasm(code), abiVersion, notes };
}

function sig(t: FuncType): string {
  return signatureOf(
    t.params.map((type, i) => ({ name: `p${i}`, type: type as WasmType })),
    (t.results[0] as WasmType | undefined) ?? null,
  );
}

function checkImports(info: WasmInfo, file: string, abiVersion: number): void {
  const byKey = new Map<string, (typeof ABI_IMPORTS)[number]>(ABI_IMPORTS.map((e) => [`${e.module}.${e.name}`, e]));
  for (const imp of info.imports) {
    const key = `${imp.module}.${imp.name}`;
    if (imp.desc.kind !== "function") {
      throw new ImageError(
        file,
        `imports ${imp.desc.kind} ${key}; a Sail board gives firmware ` +
          `only functions (build without --importMemory / --importTable)`,
      );
    }
    const entry = byKey.get(key);
    if (entry === undefined) {
      const sailNames = ABI_IMPORTS.filter((e) => e.module === imp.module).map((e) => e.name);
      const hint =
        sailNames.length > 0
          ? `; ${imp.module} has: ${sailNames.join(", ")}`
          : `; imports come from module "sail" (and AssemblyScript's env.abort, env.trace, env.seed)`;
      throw new ImageError(
        file,
        `imports ${key}, which ABI ${formatAbiVersion(abiVersion)} on this board does not have${hint}`,
      );
    }
    const want = signatureOf(entry.params, entry.result);
    const got = sig(imp.desc.type);
    if (want !== got || imp.desc.type.results.length > 1) {
      throw new ImageError(file, `imports ${key} as ${got}; the ABI defines ${key}${want}`);
    }
  }
}

/** Checks the required exports and returns the exported ABI version. */
function checkExports(info: WasmInfo, file: string): number {
  for (const e of ABI_EXPORTS) {
    const exp = info.exports.find((x) => x.name === e.name);
    if (exp === undefined) {
      if (e.required)
        throw new ImageError(
          file,
          `does not export ${e.name} (${e.doc}); re-export the SDK's entry points: ` +
            `export { sail_event, sail_abi_version } from ".../assembly/sail"`,
        );
      continue;
    }
    if (exp.kind !== e.kind)
      throw new ImageError(file, `exports ${e.name} as a ${exp.kind}; the ABI needs a ${e.kind}`);
    if (e.kind === "function") {
      const t = info.functionTypes[exp.index];
      const want = signatureOf(e.params, e.result);
      if (t === undefined || sig(t) !== want)
        throw new ImageError(file, `exports ${e.name} as ${t ? sig(t) : "?"}; the ABI defines ${e.name}${want}`);
    }
  }
  const g = info.exports.find((x) => x.name === "sail_abi_version");
  const global = g === undefined ? undefined : info.globals[g.index];
  if (global === undefined || global.type !== "i32" || global.mutable || global.init === null) {
    throw new ImageError(file, "sail_abi_version must be an immutable i32 global with a constant value");
  }
  const version = global.init;
  if (version >>> 16 !== ABI_VERSION.major) {
    throw new ImageError(
      file,
      `is built for ABI ${formatAbiVersion(version)}; this board speaks ABI ` +
        `${ABI_VERSION.major}.${ABI_VERSION.minor} (major versions must match): rebuild the firmware with this SDK`,
    );
  }
  return version;
}

/**
 * Instantiates once with inert imports (nothing runs: there is no start
 * function), so data that does not fit memory is refused here, not at boot.
 */
function checkInstantiates(module: WebAssembly.Module, file: string): void {
  const inert: Record<string, Record<string, () => never>> = {};
  for (const e of [...ABI_IMPORTS, { module: STACK_IMPORT_MODULE, name: STACK_IMPORT }])
    (inert[e.module] ??= {})[e.name] = () => {
      throw new Error("not running");
    };
  try {
    new WebAssembly.Instance(module, inert);
  } catch (e) {
    throw new ImageError(file, `cannot be instantiated: ${(e as Error).message}`);
  }
}

function checkMemory(info: WasmInfo, file: string, profile: BoardProfile): void {
  const budget = profile.app.ramBytes;
  const initialBytes = (info.memory?.min ?? 0) * PAGE_BYTES;
  if (info.staticDataEnd > initialBytes) {
    throw new ImageError(
      file,
      `static data ends at byte ${info.staticDataEnd}, past the ${initialBytes} bytes of memory the image starts with`,
    );
  }
  if (info.staticDataEnd > budget) {
    throw new ImageError(
      file,
      `static data ends at byte ${info.staticDataEnd}; ${profile.id} gives the app ${budget} bytes of RAM`,
    );
  }
  const max = info.memory?.max ?? null;
  if (max !== null && max > budgetPages(profile)) {
    throw new ImageError(
      file,
      `declares a memory maximum of ${max} pages (${max * 64} KiB); ${profile.id} gives the app ` +
        `${budget / 1024} KiB (app.ramBytes): set "memoryPages": ${budgetPages(profile)} in sail.json and ` +
        `rebuild, or flash it onto a board with more RAM`,
    );
  }
  const initial = (info.memory?.min ?? 0) * PAGE_BYTES;
  // Below one page the on-board runtime clamps memory to the budget, as wasm3's memoryLimit does.
  if (initial > Math.max(budget, PAGE_BYTES)) {
    throw new ImageError(
      file,
      `starts with ${info.memory?.min} pages (${initial / 1024} KiB) of memory; ${profile.id} ` +
        `gives the app ${budget / 1024} KiB: lower --initialMemory or use a board with more RAM`,
    );
  }
}
