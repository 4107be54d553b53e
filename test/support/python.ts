// Debian's Python with the modules a test drives (python3-miio, python3-zeroconf). Missing
// outside CI, the test is skipped naming the package; under CI=true it fails (D97).

import { execFileSync } from "node:child_process";

/** The Python that imports `module`, or skips the test (fails it under CI=true) naming `debianPackage`. */
export function requirePython(context: Mocha.Context, module: string, debianPackage: string): string {
  for (const python of ["/usr/bin/python3", "python3"]) {
    try {
      execFileSync(python, ["-c", `import ${module}`], { stdio: "ignore" });
      return python;
    } catch {
      /* try the next */
    }
  }
  const message = `python3 cannot import ${module}: install the Debian package ${debianPackage}`;
  if (process.env["CI"] === "true") throw new Error(message);
  process.stderr.write(`      skipped: ${message}\n`);
  context.skip();
}
