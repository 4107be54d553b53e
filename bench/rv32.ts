// The runtime's size on the ESP32-C3's instruction set: Sail's own C compiled
// for rv32imc with -Os, as objects, so picolibc, libgcc, wasm-rt and any
// translated image are not in the figures. First every source under
// runtime/core; then what runs under QEMU as sail verify's C side (the core's
// event loop and imports, the host port, the wasm2c engine), each folder and
// in total. Needs Debian's gcc-riscv64-unknown-elf and picolibc-riscv64-unknown-elf.

import { existsSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { RUNTIME_DIR } from "../host/runtime/cc.js";
import { RV32_RUNTIME_FLAGS, RV32_RUNTIME_INCLUDES, RV32_RUNTIME_PARTS } from "../host/runtime/rv32-runtime.js";
import { missingRv32Tools, RV32_PACKAGES, rv32ObjectSizes, type SectionSizes } from "../host/runtime/rv32.js";
import type { Figure } from "./foundation.js";

const GOAL_TEXT = 64 * 1024;
const GOAL = "≤ 64 KiB text";

function sizes({ text, data, bss }: SectionSizes, files: number): string {
  return `${[text, data, bss].map((n) => n.toLocaleString("en")).join(" / ")} B (${files} files)`;
}

export function rv32Figures(report: (f: Figure) => void): void {
  const name = "runtime size on rv32imc (-Os): text / data / bss of Sail's own objects (runtime/core)";
  const missing = missingRv32Tools();
  if (missing.length > 0) {
    report({ name, value: `not measured: ${missing.join(", ")} missing (${RV32_PACKAGES})`, goal: GOAL, met: null });
    return;
  }
  const sources = readdirSync(join(RUNTIME_DIR, "core"))
    .filter((f) => f.endsWith(".c"))
    .sort()
    .map((f) => `core/${f}`);
  if (!existsSync("/usr/include/sodium.h")) {
    report({ name, value: "not measured: sodium.h missing (libsodium-dev)", goal: GOAL, met: null });
    return;
  }
  const core = rv32ObjectSizes(sources, ["core", "engine"], ["-isystem", sodiumHeaders()]);
  report({ name, value: sizes(core, sources.length), goal: GOAL, met: core.text <= GOAL_TEXT });

  const what = "the runtime under QEMU (sail verify --target rv32)";
  const total = { text: 0, data: 0, bss: 0 };
  let files = 0;
  for (const part of RV32_RUNTIME_PARTS) {
    const s = rv32ObjectSizes(part.sources, RV32_RUNTIME_INCLUDES, RV32_RUNTIME_FLAGS);
    report({
      name: `rv32imc text / data / bss, ${what}: ${part.folder}`,
      value: sizes(s, part.sources.length),
      goal: "reported",
      met: null,
    });
    total.text += s.text;
    total.data += s.data;
    total.bss += s.bss;
    files += part.sources.length;
  }
  report({
    name: `rv32imc text / data / bss, ${what}: Sail's own objects in total`,
    value: sizes(total, files),
    goal: GOAL,
    met: total.text <= GOAL_TEXT,
  });
}

/**
 * A folder holding only libsodium's headers, for the core's update check
 * (sail_update.c): /usr/include as a whole would bring glibc's headers into a
 * picolibc build. Nothing is linked, so the library itself is not needed.
 */
function sodiumHeaders(): string {
  const dir = join(dirname(RUNTIME_DIR), "build", "rv32-sodium");
  mkdirSync(dir, { recursive: true });
  for (const name of ["sodium.h", "sodium"]) {
    if (!existsSync(join(dir, name))) symlinkSync(join("/usr/include", name), join(dir, name));
  }
  return dir;
}
