// The wasm3 engine's host build, for `sail verify --engine wasm3`: wasm3 has
// no Debian or npm package, so it is compiled from the checkout the user
// names (v0.5.0, the version the board profiles name) into objects kept under
// a key of its sources, and linked with the core, the generated wasm3 glue
// and the host port. The program reads the image the board runs from a file
// (wasm3 parses it at boot). Nothing is fetched (docs/decisions.md D108).

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PACKAGE_ROOT } from "../paths.js";
import { buildProgram, findCompiler, RuntimeBuildError, RUNTIME_DIR } from "./cc.js";
import { HOST_RUNTIME_INCLUDES, HOST_RUNTIME_SOURCES, run, type HostRuntime } from "./wasm2c.js";

export interface Wasm3RuntimeOptions {
  /** A wasm3 checkout: its source/ folder holds wasm3.h and the interpreter. */
  readonly wasm3Dir: string;
  readonly cc?: string;
  readonly flags?: readonly string[];
  readonly cacheDir?: string;
}

export function buildWasm3Runtime(code: Uint8Array, options: Wasm3RuntimeOptions): HostRuntime {
  const cc = options.cc ?? findCompiler();
  if (cc === null) throw new RuntimeBuildError("no C compiler found ($CC, cc, gcc, clang): install gcc and libc6-dev");
  const source = join(resolve(options.wasm3Dir), "source");
  if (!existsSync(join(source, "wasm3.h")))
    throw new RuntimeBuildError(
      `--wasm3-dir ${options.wasm3Dir}: no source/wasm3.h there; give a wasm3 v0.5.0 checkout`,
    );
  const cacheDir = options.cacheDir ?? join(PACKAGE_ROOT, "build", "runtime");
  const flags = options.flags ?? ["-O2"];
  const objects = compileWasm3(source, cc, flags, cacheDir);
  const program = buildProgram(
    {
      name: "sail-host-runtime-wasm3",
      sources: [...HOST_RUNTIME_SOURCES, "engine/wasm3/sail_wasm3_engine.c", "engine/wasm3/sail_wasm3_glue.c"],
      includeDirs: [...HOST_RUNTIME_INCLUDES, source],
      flags: [...flags, "-DSAIL_HOST_STACK_ALARM", "-Wno-unused-parameter"],
      libs: [...objects, "-lm"],
    },
    { cc, cacheDir, runtimeDir: RUNTIME_DIR },
  );
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const image = join(cacheDir, `image-${hash}.wasm`);
  if (!existsSync(image)) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(`${image}.${process.pid}.partial`, code);
    renameSync(`${image}.${process.pid}.partial`, image);
  }
  return { program, args: [image] };
}

function compileWasm3(source: string, cc: string, flags: readonly string[], cacheDir: string): string[] {
  const files = readdirSync(source)
    .filter((f) => f.endsWith(".c"))
    .sort();
  const foreign = ["-std=gnu11", "-w", ...flags, "-Dd_m3HasWASI=0"];
  const hash = createHash("sha256").update(run(cc, ["--version"]));
  for (const f of foreign) hash.update(f).update("\0");
  const hashed = readdirSync(source).filter((f) => /\.[ch]$/.test(f));
  for (const f of hashed.sort())
    hash
      .update(f)
      .update("\0")
      .update(readFileSync(join(source, f)));
  const dir = join(cacheDir, `wasm3-${hash.digest("hex").slice(0, 16)}`);
  const objects = files.map((f) => join(dir, f.replace(/\.c$/, ".o")));
  if (objects.every((o) => existsSync(o))) return objects;
  mkdirSync(dir, { recursive: true });
  files.forEach((f, i) => {
    const out = objects[i] as string;
    run(cc, [...foreign, `-I${source}`, "-c", join(source, f), "-o", `${out}.${process.pid}.partial`]);
    renameSync(`${out}.${process.pid}.partial`, out);
  });
  return objects;
}
