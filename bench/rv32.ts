// The runtime's size on the ESP32-C3's instruction set: Sail's own C (every
// source under runtime/core) compiled for rv32imc with -Os, as objects, so
// picolibc, libgcc, wasm-rt and any translated image are not in the figure.
// Needs Debian's gcc-riscv64-unknown-elf and picolibc-riscv64-unknown-elf.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { RUNTIME_DIR } from "../host/runtime/cc.js";
import { missingRv32Tools, RV32_PACKAGES, rv32ObjectSizes } from "../host/runtime/rv32.js";
import type { Figure } from "./foundation.js";

const GOAL_TEXT = 64 * 1024;

export function rv32Figures(report: (f: Figure) => void): void {
  const name = "runtime size on rv32imc (-Os): text / data / bss of Sail's own objects (runtime/core)";
  const missing = missingRv32Tools();
  if (missing.length > 0) {
    report({
      name,
      value: `not measured: ${missing.join(", ")} missing (${RV32_PACKAGES})`,
      goal: "≤ 64 KiB text",
      met: null,
    });
    return;
  }
  const sources = readdirSync(join(RUNTIME_DIR, "core"))
    .filter((f) => f.endsWith(".c"))
    .sort()
    .map((f) => `core/${f}`);
  const { text, data, bss } = rv32ObjectSizes(sources, ["core"]);
  const bytes = [text, data, bss].map((n) => n.toLocaleString("en")).join(" / ");
  report({
    name,
    value: `${bytes} B (${sources.length} files)`,
    goal: "≤ 64 KiB text",
    met: text <= GOAL_TEXT,
  });
}
