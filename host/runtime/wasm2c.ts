// The wasm2c engine's build: the code the board runs (the emulator's copy
// with its counters, docs/decisions.md D38) translated by wabt 1.0.32's
// `wasm2c -n sail_app`, a binder written for its imports and exports, all
// compiled as wasm2c's C with `-std=gnu11 -w` into objects kept under a key of
// the code and the tools, then linked with the core and the host port by
// cc.ts (docs/decisions.md D47). Nothing is fetched.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { wasm2cMangle } from "../abi/generate-c.js";
import { PACKAGE_ROOT } from "../paths.js";
import { buildProgram, findCompiler, RuntimeBuildError, RUNTIME_DIR } from "./cc.js";

/** The wabt version the glue's names are made for. */
export const WABT_VERSION = "1.0.32";
/** The Debian package that has wasm2c and wasm-rt. */
export const WABT_PACKAGE = "wabt";
export const WASM_RT_DIR = "/usr/share/wabt/wasm2c";

/** wasm-rt's settings for every translation unit that includes wasm-rt.h. */
export const WASM_RT_DEFINES: readonly string[] = [
  "-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=0",
  "-DWASM_RT_MAX_CALL_STACK_DEPTH=10000",
];

/** The core, the wasm2c engine and the host port: Sail's own C of the host runtime. */
export const HOST_RUNTIME_SOURCES: readonly string[] = [
  "core/sail_frame.c",
  "core/sail_handler.c",
  "core/sail_loop.c",
  "core/sail_memory.c",
  "core/sail_imports_system.c",
  "core/sail_imports_io.c",
  "core/sail_imports_bus.c",
  "core/sail_imports_kv.c",
  "core/sail_imports_sleep.c",
  "core/sail_imports_miot.c",
  "core/sail_imports_asc.c",
  "core/sail_imports_spi.c",
  "core/sail_imports_leds.c",
  "core/sail_imports_clock.c",
  "engine/sail_trap.c",
  "port/host/sail_host_pipe.c",
  "port/host/sail_port_host.c",
  "port/host/sail_port_host_data.c",
  "port/host/sail_port_host_net.c",
  "port/host/sail_port_host_hal.c",
  "port/host/sail_host_main.c",
];

/** The wasm2c engine's own sources. */
export const WASM2C_ENGINE_SOURCES: readonly string[] = [
  "engine/wasm2c/sail_wasm2c_engine.c",
  "engine/wasm2c/sail_wasm2c_glue.c",
  "port/host/sail_host_stack_wasm2c.c",
];

/** A built host runtime: the program and its arguments (the wasm3 build is given the image's file). */
export interface HostRuntime {
  readonly program: string;
  readonly args: readonly string[];
  /**
   * When set, the program opens the pipe's two FIFOs itself, by the paths
   * these arguments give it (after `args`), instead of taking them as its
   * stdin and stdout: the rv32 build under QEMU does (host/runtime/rv32-runtime.ts).
   */
  readonly pipeArgs?: (replies: string, requests: string) => readonly string[];
}

export const HOST_RUNTIME_INCLUDES: readonly string[] = ["core", "engine", "port/host"];

export interface HostRuntimeOptions {
  readonly cc?: string;
  readonly wasm2c?: string;
  /** Flags for Sail's own C (sanitizers, optimisation); default -O1. */
  readonly flags?: readonly string[];
  readonly cacheDir?: string;
  /** The runtime sources' folder; default the package's runtime/ (a test builds an altered copy). */
  readonly runtimeDir?: string;
}

/** The host runtime for `code` (a wasm binary), built or found in the cache; returns the executable. */
export function buildWasm2cRuntime(code: Uint8Array, options: HostRuntimeOptions = {}): HostRuntime {
  const cc = options.cc ?? findCompiler();
  if (cc === null) throw new RuntimeBuildError("no C compiler found ($CC, cc, gcc, clang): install gcc and libc6-dev");
  const wasm2c = options.wasm2c ?? "wasm2c";
  const cacheDir = options.cacheDir ?? join(PACKAGE_ROOT, "build", "runtime");
  const flags = options.flags ?? ["-O1"];
  const objects = translate(code, cc, wasm2c, flags, cacheDir);
  const program = buildProgram(
    {
      name: "sail-host-runtime",
      sources: [...HOST_RUNTIME_SOURCES, ...WASM2C_ENGINE_SOURCES],
      includeDirs: [...HOST_RUNTIME_INCLUDES, "engine/wasm2c", WASM_RT_DIR],
      flags: [...flags, ...WASM_RT_DEFINES],
      libs: [...objects, "-lm"],
    },
    { cc, cacheDir, runtimeDir: options.runtimeDir ?? RUNTIME_DIR },
  );
  return { program, args: [] };
}

/**
 * wasm2c's translation of `code` with wasm-rt and the binder, as objects
 * compiled by `cc` with `flags` (the rv32 build gives its compiler and target).
 */
export function translate(
  code: Uint8Array,
  cc: string,
  wasm2c: string,
  flags: readonly string[],
  cacheDir: string,
): string[] {
  const version = run(wasm2c, ["--version"]).trim();
  if (version !== WABT_VERSION)
    throw new RuntimeBuildError(
      `wasm2c ${version}: the runtime's glue is made for wabt ${WABT_VERSION}'s names ` +
        `(Debian's ${WABT_PACKAGE} package)`,
    );
  const foreignFlags = ["-std=gnu11", "-w", ...flags.filter((f) => f !== "-Werror"), ...WASM_RT_DEFINES];
  const hash = createHash("sha256")
    .update(code)
    .update(version)
    .update(run(cc, ["--version"]));
  for (const f of foreignFlags) hash.update(f).update("\0");
  hash.update(readFileSync(join(RUNTIME_DIR, "engine/wasm2c/sail_wasm2c_bind.h")));
  const dir = join(cacheDir, `w2c-${hash.digest("hex").slice(0, 16)}`);
  const names = ["image.o", "wasm-rt-impl.o", "bind.o"];
  const objects = names.map((n) => join(dir, n));
  if (objects.every((o) => existsSync(o))) return objects;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "image.wasm"), code);
  run(wasm2c, ["-n", "sail_app", join(dir, "image.wasm"), "-o", join(dir, "image.c")]);
  writeFileSync(join(dir, "bind.c"), binder(readFileSync(join(dir, "image.h"), "utf8")));
  const include = [`-I${dir}`, `-I${WASM_RT_DIR}`, `-I${join(RUNTIME_DIR, "core")}`];
  include.push(`-I${join(RUNTIME_DIR, "engine")}`, `-I${join(RUNTIME_DIR, "engine/wasm2c")}`);
  const sources = [join(dir, "image.c"), join(WASM_RT_DIR, "wasm-rt-impl.c"), join(dir, "bind.c")];
  sources.forEach((source, i) => {
    const partial = `${objects[i] as string}.${process.pid}.partial`;
    run(cc, [...foreignFlags, ...include, "-c", source, "-o", partial]);
    renameSync(partial, objects[i] as string);
  });
  return objects;
}

export function run(tool: string, args: readonly string[]): string {
  try {
    return execFileSync(tool, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 26 });
  } catch (e) {
    const err = e as { stderr?: string; code?: string };
    if (err.code === "ENOENT")
      throw new RuntimeBuildError(`${tool} is not installed: install the Debian packages ${WABT_PACKAGE} and gcc`);
    throw new RuntimeBuildError(`${tool} ${args.join(" ")} failed:\n${(err.stderr ?? String(e)).trim()}`);
  }
}

const ENTRY_EXPORTS: readonly (readonly [string, string, string])[] = [
  ["SAIL_ENTRY_START", "_start", "()"],
  ["SAIL_ENTRY_SETUP", "sail_setup", "()"],
  ["SAIL_ENTRY_COLLECT", "__collect", "()"],
];

/** The binder (sail_wasm2c_bind.h) for a translated image, from wasm2c's header. */
export function binder(header: string): string {
  const instantiate = /void Z_sail_app_instantiate\(Z_sail_app_instance_t\*([^)]*)\);/.exec(header);
  if (instantiate === null) throw new RuntimeBuildError("wasm2c's header has no Z_sail_app_instantiate");
  const modules = [...(instantiate[1] ?? "").matchAll(/struct Z_(\w+)_instance_t\*/g)].map((m) => m[1] ?? "");
  const argFor: Record<string, string> = { sail: "sail", env: "env", sail_emulator: "emulator" };
  const args = modules.map((m) => {
    const a = argFor[m];
    if (a === undefined)
      throw new RuntimeBuildError(`the image imports module "${m}", which the runtime does not serve`);
    return a;
  });
  const fn = (name: string): string => `Z_sail_app${wasm2cMangle(name)}`;
  const has = (name: string): boolean => header.includes(`${fn(name)}(`);
  const lines = [
    "/* Written by host/runtime/wasm2c.ts for one translated image. */",
    '#include "image.h"',
    '#include "sail_wasm2c_bind.h"',
    "",
    "static Z_sail_app_instance_t instance;",
    "",
    "void sail_w2c_instantiate(struct Z_sail_instance_t *sail, struct Z_env_instance_t *env,",
    "                          struct Z_sail_emulator_instance_t *emulator)",
    "{",
    "    (void)sail, (void)env, (void)emulator;",
    "    Z_sail_app_init_module();",
    `    Z_sail_app_instantiate(&instance${args.map((a) => `, ${a}`).join("")});`,
    "}",
    "",
    "bool sail_w2c_call(sail_entry_t entry, int32_t kind, int32_t id, int64_t a, int64_t b, int32_t *status)",
    "{",
    "    (void)kind, (void)id, (void)a, (void)b;",
    "    switch (entry) {",
  ];
  for (const [entry, name] of ENTRY_EXPORTS) {
    lines.push(`    case ${entry}:`);
    lines.push(has(name) ? `        ${fn(name)}(&instance);\n        return true;` : "        return false;");
  }
  lines.push("    case SAIL_ENTRY_EVENT:");
  lines.push(
    has("sail_event")
      ? `        *status = (int32_t)${fn("sail_event")}(&instance, (u32)kind, (u32)id, (u64)a, (u64)b);\n` +
          "        return true;"
      : "        return false;",
  );
  lines.push("    }", "    return false;", "}", "");
  lines.push("wasm_rt_memory_t *sail_w2c_memory(void)", "{");
  lines.push(has("memory") ? `    return ${fn("memory")}(&instance);` : "    return NULL;", "}", "");
  for (const [c, name] of [
    ["fuel", "sail_fuel"],
    ["count", "sail_count"],
    ["calls", "sail_calls"],
  ] as const) {
    lines.push(`uint32_t *sail_w2c_${c}(void)`, "{");
    lines.push(has(name) ? `    return ${fn(name)}(&instance);` : "    return NULL;", "}", "");
  }
  return lines.join("\n");
}
