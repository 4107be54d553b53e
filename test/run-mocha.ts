// Runs the mocha suite and ends with the plain count CI reads:
// "N passed, N failed", taken from mocha's own results. As under `sail test`,
// a board's "not implemented" line fails its test (docs/testing.md).

import Mocha from "mocha";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { failOnNotImplemented } from "../host/testing/index.js";

const here = dirname(fileURLToPath(import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return testFiles(path);
      return e.name.endsWith(".test.js") ? [path] : [];
    })
    .sort();
}

const mocha = failOnNotImplemented(new Mocha({ reporter: "spec", timeout: 120_000 }));
const grep = process.argv[2];
if (grep !== undefined) mocha.grep(grep);
for (const f of testFiles(here)) mocha.addFile(f);
await mocha.loadFilesAsync();
const runner = mocha.run((failures) => {
  const { passes = 0 } = runner.stats ?? {};
  // Exit once the count is out, as mocha's --exit does: a failed test that left a child process or a socket
  // open must not keep the run (and CI) waiting forever.
  process.stdout.write(`\n${passes} passed, ${failures} failed\n`, () => process.exit(failures > 0 ? 1 : 0));
});
