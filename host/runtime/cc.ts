// Builds the on-board runtime's C programs for this host with the system C
// compiler into a cache folder: the same sources, flags and compiler give the
// same cached program, so a second build is a lookup. Nothing is fetched
// (docs/decisions.md D108).

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { join, resolve } from "node:path";
import { SailError } from "../errors.js";
import { PACKAGE_ROOT } from "../paths.js";

/** The runtime's C sources, under the package root. */
export const RUNTIME_DIR = join(PACKAGE_ROOT, "runtime");

/** The core's image loader: what runs before the engine (docs/runtime.md). */
export const LOADER_SOURCES: readonly string[] = [
  "core/sail_abi_table.c",
  "core/sail_image.c",
  "core/sail_image_sections.c",
  "core/sail_json.c",
  "core/sail_json_decode.c",
  "core/sail_manifest.c",
  "core/sail_signature.c",
  "core/sail_text.c",
  "core/sail_wasm_read.c",
];

/** Sail's own C: C11, every warning an error (docs/runtime.md). */
export const RUNTIME_FLAGS: readonly string[] = ["-std=c11", "-Wall", "-Wextra", "-Werror"];

/** AddressSanitizer and UBSan, stopping at the first report. */
export const SANITIZER_FLAGS: readonly string[] = [
  "-fsanitize=address,undefined",
  "-fno-sanitize-recover=all",
  "-fno-omit-frame-pointer",
  "-g",
  "-O1",
];

/** The Debian packages the host build needs, named when the compiler is missing. */
export const C_PACKAGES = "gcc libc6-dev";

/** A C build failed: the compiler's own diagnostics, with the program named. */
export class RuntimeBuildError extends SailError {
  override name = "RuntimeBuildError";
}

export interface CProgram {
  /** File name of the program in the cache. */
  readonly name: string;
  /** C files, relative to the runtime folder or absolute. */
  readonly sources: readonly string[];
  /** Include folders, likewise; every header in them is part of the cache key. */
  readonly includeDirs: readonly string[];
  /** Flags after RUNTIME_FLAGS (sanitizers, optimisation, defines). */
  readonly flags?: readonly string[];
  /** Libraries and linker flags, last on the command line. */
  readonly libs?: readonly string[];
}

export interface BuildOptions {
  /** The compiler; default $CC, else the first of cc, gcc, clang that answers. */
  readonly cc?: string;
  /** Where built programs are kept; default build/runtime under the package root. */
  readonly cacheDir?: string;
  /** The runtime folder the relative paths start from. */
  readonly runtimeDir?: string;
}

/** The first C compiler that answers `--version`: $CC, cc, gcc, clang; null if none. */
export function findCompiler(): string | null {
  const env = process.env["CC"];
  for (const candidate of [...(env === undefined || env === "" ? [] : [env]), "cc", "gcc", "clang"]) {
    try {
      execFileSync(candidate, ["--version"], { stdio: "ignore" });
      return candidate;
    } catch {
      /* try the next */
    }
  }
  return null;
}

/** Whether `cc` finds every one of `headers` (a library's development package is installed). */
export function compilerFindsHeaders(cc: string, headers: readonly string[]): boolean {
  try {
    execFileSync(cc, ["-fsyntax-only", "-x", "c", "-"], {
      input: headers.map((h) => `#include <${h}>\n`).join(""),
      stdio: ["pipe", "ignore", "ignore"],
    });
    return true;
  } catch {
    return false;
  }
}

/** Builds `program` (or finds it in the cache) and returns the executable's path. */
export function buildProgram(program: CProgram, options: BuildOptions = {}): string {
  const cc = options.cc ?? findCompiler();
  if (cc === null)
    throw new RuntimeBuildError(`no C compiler found ($CC, cc, gcc, clang): install the Debian packages ${C_PACKAGES}`);
  const base = options.runtimeDir ?? RUNTIME_DIR;
  const sources = program.sources.map((s) => resolve(base, s));
  const includes = program.includeDirs.map((d) => resolve(base, d));
  const args = [
    ...RUNTIME_FLAGS,
    ...(program.flags ?? []),
    ...includes.map((d) => `-I${d}`),
    ...sources,
    ...(program.libs ?? []),
  ];
  const key = cacheKey(cc, args, sources, includes);
  const dir = join(options.cacheDir ?? join(PACKAGE_ROOT, "build", "runtime"), key);
  const out = join(dir, program.name);
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true });
  const partial = `${out}.${process.pid}.partial`;
  try {
    execFileSync(cc, [...args, "-o", partial], { stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? String(e);
    throw new RuntimeBuildError(`${cc} could not build ${program.name}:\n${stderr.trim()}`);
  }
  renameSync(partial, out);
  return out;
}

/** A hash of the compiler, its version, the arguments and every source and header. */
function cacheKey(
  cc: string,
  args: readonly string[],
  sources: readonly string[],
  includes: readonly string[],
): string {
  const hash = createHash("sha256");
  hash
    .update(cc)
    .update("\0")
    .update(execFileSync(cc, ["--version"], { encoding: "utf8" }));
  for (const a of args) hash.update(a).update("\0");
  const headers = includes.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith(".h"))
      .sort()
      .map((f) => join(d, f)),
  );
  for (const file of [...sources, ...headers]) hash.update(file).update("\0").update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}
