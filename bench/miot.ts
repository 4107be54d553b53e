// MIoT figures that need no firmware yet: one million fuzzed datagrams.

import { fuzzSession } from "../test/support/fuzz.js";
import type { Figure } from "./foundation.js";

export async function miotFigures(report: (f: Figure) => void): Promise<void> {
  const count = 1_000_000;
  const t0 = performance.now();
  const { answered, executed, drops } = fuzzSession(count, 2026);
  const s = (performance.now() - t0) / 1000;
  report({
    name: "miIO session fuzzing: 10⁶ seeded mutated datagrams",
    value: `${answered} answered without the token, ${executed} executed, ${drops.toLocaleString("en")} drops counted, no crash; ${Math.round(count / s).toLocaleString("en")} datagrams/s`,
    goal: "0 answered, 0 executed",
    met: answered === 0 && executed === 0,
  });
}
