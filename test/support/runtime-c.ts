// The on-board runtime's C test programs, built once per run with the system
// compiler under AddressSanitizer and UBSan (host/runtime/cc.ts caches them).
// Without a compiler the test is skipped naming the Debian packages, and fails
// under CI=true (docs/decisions.md D97).

import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { buildProgram, C_PACKAGES, LOADER_SOURCES, SANITIZER_FLAGS } from "../../host/runtime/cc.js";
import { ROOT } from "./firmware.js";
import { requireTool } from "./tools.js";

/** One of runtime/test/*.c linked with the loader, sanitized; returns the executable. */
export function loaderTool(
  context: Mocha.Context,
  name: "sail_check_image" | "test_loader" | "fuzz_loader",
  compilers: readonly string[] = ["cc", "gcc", "clang"],
): string {
  const cc = requireTool(context, compilers, C_PACKAGES);
  return buildProgram(
    { name, sources: [...LOADER_SOURCES, `test/${name}.c`], includeDirs: ["core"], flags: SANITIZER_FLAGS },
    { cc },
  );
}

/** The example firmwares, each a folder under examples/ (eight of them). */
export const EXAMPLES: readonly string[] = readdirSync(join(ROOT, "examples"), { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(ROOT, "examples", e.name, "sail.json")))
  .map((e) => `examples/${e.name}`)
  .sort();
