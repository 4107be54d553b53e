// The C runtime built for rv32imc, the ESP32-C3's instruction set, and run
// under qemu-system-riscv32 as `sail verify`'s C side: the same core, host
// port and wasm2c engine as the host build, with the image translated by the
// same wasm2c and wasm-rt compiled by Debian's riscv64-unknown-elf-gcc and
// picolibc. The pipe to the emulator is two named FIFOs the program opens
// through semihosting's file calls (`--pipe <replies> <requests>`), since
// semihosting's console does not carry binary data (docs/decisions.md D137).

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../paths.js";
import { buildProgram, RuntimeBuildError, RUNTIME_DIR } from "./cc.js";
import {
  missingRv32Tools,
  qemuArgs,
  QEMU_RV32,
  RV32_ARCH_FLAGS,
  RV32_CC,
  RV32_LINK_FLAGS,
  RV32_PACKAGES,
} from "./rv32.js";
import {
  HOST_RUNTIME_INCLUDES,
  HOST_RUNTIME_SOURCES,
  translate,
  WASM2C_ENGINE_SOURCES,
  WASM_RT_DEFINES,
  WASM_RT_DIR,
  type HostRuntime,
} from "./wasm2c.js";

/** wabt's copy of wasm-rt.h outside /usr/include, whose glibc headers a picolibc build must not see. */
const WASM_RT_HEADER_DIR = "/usr/src/wasm2c";

/**
 * The C stack: wasm2c's code calls C function for wasm function, so the
 * emulator's stack model (served over the pipe) decides overflow long before
 * wasm-rt's depth limit; 1 MiB leaves room for both.
 */
const STACK_BYTES = 0x100000;

/** Sail's own C in the rv32 runtime, by folder (the size figures of bench/rv32.ts). */
export const RV32_RUNTIME_PARTS: readonly { readonly folder: string; readonly sources: readonly string[] }[] = [
  "core",
  "port/host",
  "engine",
].map((folder) => ({
  folder: `runtime/${folder}`,
  sources: [...HOST_RUNTIME_SOURCES, ...WASM2C_ENGINE_SOURCES].filter((s) => s.startsWith(`${folder}/`)),
}));

/** The include folders and flags Sail's own C of the rv32 runtime is compiled with. */
export const RV32_RUNTIME_INCLUDES: readonly string[] = [
  ...HOST_RUNTIME_INCLUDES,
  "engine/wasm2c",
  WASM_RT_DIR,
  WASM_RT_HEADER_DIR,
];
export const RV32_RUNTIME_FLAGS: readonly string[] = WASM_RT_DEFINES;

export interface Rv32RuntimeOptions {
  readonly wasm2c?: string;
  readonly cacheDir?: string;
  /** The runtime sources' folder; default the package's runtime/. */
  readonly runtimeDir?: string;
}

/**
 * wasm-rt-impl.c includes <sys/mman.h>, which picolibc lacks, for mapping
 * functions it calls only with the signal handler on (it is off); a header of
 * their declarations, written into the build cache, lets it compile, and the
 * unused static functions that name them are dropped.
 */
const MMAN_SHIM = `/* Declarations only: wasm-rt's mmap paths are off on rv32 (host/runtime/rv32-runtime.ts). */
#include <stddef.h>
#include <sys/types.h>
#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_PRIVATE 2
#define MAP_ANONYMOUS 0x20
#define MAP_FAILED ((void *)-1)
void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t length);
int mprotect(void *addr, size_t length, int prot);
`;

function mmanShim(cacheDir: string): string {
  const dir = join(cacheDir, "rv32-shim");
  mkdirSync(join(dir, "sys"), { recursive: true });
  writeFileSync(join(dir, "sys", "mman.h"), MMAN_SHIM);
  return dir;
}

/** The rv32 runtime for `code` (a wasm binary), built or found in the cache: QEMU's command line for it. */
export function buildRv32Runtime(code: Uint8Array, options: Rv32RuntimeOptions = {}): HostRuntime {
  const missing = missingRv32Tools();
  if (missing.length > 0)
    throw new RuntimeBuildError(`${missing.join(", ")} not found: install the Debian packages ${RV32_PACKAGES}`);
  const cacheDir = options.cacheDir ?? join(PACKAGE_ROOT, "build", "runtime");
  // wasm2c.ts compiles the image and wasm-rt with these flags: the shim and wasm-rt.h come through them.
  const flags = [...RV32_ARCH_FLAGS, `-I${mmanShim(cacheDir)}`, `-I${WASM_RT_HEADER_DIR}`];
  const objects = translate(code, RV32_CC, options.wasm2c ?? "wasm2c", flags, cacheDir);
  const elf = buildProgram(
    {
      name: "sail-runtime.rv32.elf",
      sources: [...HOST_RUNTIME_SOURCES, ...WASM2C_ENGINE_SOURCES],
      includeDirs: RV32_RUNTIME_INCLUDES,
      flags: [...flags, ...RV32_RUNTIME_FLAGS],
      libs: [...objects, "-lm", ...RV32_LINK_FLAGS, `-Wl,--defsym=__stack_size=${STACK_BYTES}`],
    },
    { cc: RV32_CC, cacheDir, runtimeDir: options.runtimeDir ?? RUNTIME_DIR },
  );
  return {
    program: QEMU_RV32,
    args: [],
    pipeArgs: (replies, requests) => qemuArgs(elf, ["--pipe", replies, requests]),
  };
}
