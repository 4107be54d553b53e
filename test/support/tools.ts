// Host tools some tests need (a C compiler, clang-format). Missing outside CI,
// such a test is skipped and names the Debian package to install; under
// CI=true a missing tool fails the test, so CI never passes silently.

import { execFileSync } from "node:child_process";

/** The first of `candidates` that answers `--version`, or null. */
export function findTool(candidates: readonly string[]): string | null {
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ["--version"], { stdio: "ignore" });
      return candidate;
    } catch {
      /* try the next */
    }
  }
  return null;
}

/** Returns the tool, or skips the test (fails it under CI=true) naming the package. */
export function requireTool(context: Mocha.Context, candidates: readonly string[], debianPackage: string): string {
  const tool = findTool(candidates);
  if (tool !== null) return tool;
  const message = `${candidates.join(" or ")} not found: install the Debian package ${debianPackage}`;
  if (process.env["CI"] === "true") throw new Error(message);
  process.stderr.write(`      skipped: ${message}\n`);
  context.skip();
}
