// The runtime's C for the ESP32-C3's instruction set (rv32imc), built with
// Debian's bare-metal RISC-V compiler and picolibc and run under
// qemu-system-riscv32's `virt` machine. The program talks to the host through
// semihosting (picolibc's semihost crt0 and oslib): its arguments, files,
// stdout and exit status are the host's, so a test runs it as it runs the host
// build and compares what both print. Nothing is fetched (docs/decisions.md D117).

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { buildProgram, RuntimeBuildError, type CProgram } from "./cc.js";

/** The Debian packages the rv32 build and run need, named when one is missing. */
export const RV32_PACKAGES = "gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc";

export const RV32_CC = "riscv64-unknown-elf-gcc";
const PICOLIBC_SPECS = "/usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs";
export const RV32_SIZE = "riscv64-unknown-elf-size";
export const QEMU_RV32 = "qemu-system-riscv32";

/** The ESP32-C3's ISA and ABI, optimised for size as an ESP-IDF release build is, with picolibc's headers. */
export const RV32_ARCH_FLAGS: readonly string[] = ["-march=rv32imc", "-mabi=ilp32", "-Os", `--specs=${PICOLIBC_SPECS}`];

/**
 * picolibc with semihosting, and the `virt` machine's memory: the program at
 * 0x80000000 (QEMU loads an ELF where it is linked), 16 MiB of RAM after it.
 */
export const RV32_LINK_FLAGS: readonly string[] = [
  "--oslib=semihost",
  "--crt0=semihost",
  "-Wl,--defsym=__flash=0x80000000",
  "-Wl,--defsym=__flash_size=0x00400000",
  "-Wl,--defsym=__ram=0x80400000",
  "-Wl,--defsym=__ram_size=0x01000000",
];

/** The tools of RV32_PACKAGES that are missing here, by name; empty when all are there. */
export function missingRv32Tools(): string[] {
  const missing: string[] = [];
  for (const tool of [RV32_CC, RV32_SIZE, QEMU_RV32]) {
    try {
      execFileSync(tool, ["--version"], { stdio: "ignore" });
    } catch {
      missing.push(tool);
    }
  }
  if (!existsSync(PICOLIBC_SPECS)) missing.push("picolibc");
  return missing;
}

/** Builds `program` for rv32imc with picolibc (or finds it in the cache); returns the ELF's path. */
export function buildRv32(program: CProgram): string {
  return buildProgram(
    {
      ...program,
      name: `${program.name}.rv32.elf`,
      flags: [...RV32_ARCH_FLAGS, ...(program.flags ?? [])],
      libs: [...(program.libs ?? []), ...RV32_LINK_FLAGS],
    },
    { cc: RV32_CC },
  );
}

export interface Rv32Run {
  /** The program's exit status (its `main`'s return or `exit`), or null when QEMU was stopped. */
  readonly status: number | null;
  /** What the program wrote to its stdout and stderr (semihosting has one console). */
  readonly stdout: string;
  /** What QEMU itself said. */
  readonly stderr: string;
}

/**
 * QEMU's command line that runs an rv32 ELF on the `virt` machine with `args`
 * as its argv[1…] (semihosting's command line, after the argv[0] picolibc
 * gives; a comma is doubled as QEMU's option syntax wants) and its console on
 * QEMU's stdout.
 */
export function qemuArgs(elf: string, args: readonly string[]): string[] {
  const semihosting = [
    "enable=on",
    "target=native",
    "chardev=console",
    ...args.map((a) => `arg=${a.replaceAll(",", ",,")}`),
  ];
  return [
    "-machine",
    "virt",
    "-bios",
    "none",
    "-display",
    "none",
    "-monitor",
    "none",
    "-serial",
    "none",
    "-chardev",
    "stdio,id=console",
    "-semihosting-config",
    semihosting.join(","),
    "-kernel",
    elf,
  ];
}

/**
 * Runs an rv32 ELF under QEMU with `args` as its argv[1…] (qemuArgs), its
 * line ends made the host's, and stops it after `timeoutMs` of wall time, so
 * a program that never exits cannot hang the caller.
 */
export function runRv32(elf: string, args: readonly string[], timeoutMs = 60_000): Rv32Run {
  const run = spawnSync(QEMU_RV32, qemuArgs(elf, args), {
    encoding: "utf8",
    timeout: timeoutMs,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (run.error !== undefined && (run.error as NodeJS.ErrnoException).code !== "ETIMEDOUT")
    throw new RuntimeBuildError(`${QEMU_RV32} could not run ${elf}: ${run.error.message}`);
  const lines = (text: string): string => text.replaceAll("\r\n", "\n");
  return { status: run.signal === null ? run.status : null, stdout: lines(run.stdout), stderr: lines(run.stderr) };
}

export interface SectionSizes {
  readonly text: number;
  readonly data: number;
  readonly bss: number;
}

/**
 * The text, data and bss of Sail's own C for rv32imc: each source compiled to
 * an object with the runtime's flags and summed (picolibc, libgcc and any
 * translated image are not in it, as nothing is linked).
 */
export function rv32ObjectSizes(
  sources: readonly string[],
  includeDirs: readonly string[],
  flags: readonly string[] = [],
): SectionSizes {
  const objects = sources.map((source) =>
    buildProgram(
      {
        name: `${source.replaceAll("/", "_")}.rv32.o`,
        sources: [source],
        includeDirs,
        flags: [...RV32_ARCH_FLAGS, ...flags, "-c"],
      },
      { cc: RV32_CC },
    ),
  );
  const out = execFileSync(RV32_SIZE, ["-t", ...objects], { encoding: "utf8" });
  const total = out
    .trim()
    .split("\n")
    .find((line) => line.includes("(TOTALS)"));
  const [text, data, bss] = (total ?? "").trim().split(/\s+/).map(Number);
  if (text === undefined || data === undefined || bss === undefined || [text, data, bss].some(Number.isNaN))
    throw new RuntimeBuildError(`${RV32_SIZE} printed no totals:\n${out}`);
  return { text, data, bss };
}
