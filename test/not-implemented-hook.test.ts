// The "not implemented" check is registered by name (docs/decisions.md D96):
// mocha's own CLI with the root-hook plugin, or a script's own Mocha with
// failOnNotImplemented, fails a test whose board logged "not implemented";
// without either, the same test passes.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { BLINK, firmware, ROOT } from "./support/firmware.js";

const DIR = join(ROOT, "build", "not-implemented-hook");
const TESTING = join(ROOT, "dist", "host", "testing");
const MOCHA = join(ROOT, "node_modules", "mocha", "bin", "mocha.js");

interface Run {
  readonly code: number;
  readonly output: string;
}

async function node(args: readonly string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, { cwd: DIR });
    return { code: 0, output: stdout + stderr };
  } catch (e) {
    const r = e as { code?: number; stdout?: string; stderr?: string };
    return { code: r.code ?? -1, output: (r.stdout ?? "") + (r.stderr ?? "") };
  }
}

describe("the not-implemented check, registered by name", () => {
  let spec = "";

  before(async () => {
    await mkdir(DIR, { recursive: true });
    const image = join(DIR, "blink.wasm");
    await writeFile(image, await firmware(BLINK));
    spec = join(DIR, "model-gap.test.mjs");
    await writeFile(
      spec,
      [
        `import { flash } from ${JSON.stringify(join(TESTING, "index.js"))};`,
        `describe("a board whose model lacks a command", () => {`,
        `  it("logs not implemented", async () => {`,
        `    const board = await flash(${JSON.stringify(image)});`,
        `    board.board.log("W", "SHT3x at I2C 0 0x44: command 0xbeef not implemented");`,
        `  });`,
        `});`,
        "",
      ].join("\n"),
    );
  });

  it("plain mocha passes the test; with the root-hook plugin it fails, quoting the line", async () => {
    // A cold import and flash in a fresh process can pass mocha's 2 s default on a loaded machine.
    const plain = await node([MOCHA, "--timeout", "30000", spec]);
    assert.equal(plain.code, 0, plain.output);
    const hooked = await node([MOCHA, "--timeout", "30000", "--require", join(TESTING, "mocha-hooks.js"), spec]);
    assert.equal(hooked.code, 1, hooked.output);
    assert.match(hooked.output, /NotImplementedError/);
    assert.match(hooked.output, /command 0xbeef not implemented/);
  });

  it("a script's own Mocha fails the test once it calls failOnNotImplemented", async () => {
    const script = join(DIR, "run.mjs");
    await writeFile(
      script,
      [
        `import Mocha from ${JSON.stringify(join(ROOT, "node_modules", "mocha", "index.js"))};`,
        `import { failOnNotImplemented } from ${JSON.stringify(join(TESTING, "index.js"))};`,
        `const mocha = new Mocha({ reporter: "dot", timeout: 30000 });`,
        `if (process.argv[2] === "check") failOnNotImplemented(mocha);`,
        `mocha.addFile(${JSON.stringify(spec)});`,
        `await mocha.loadFilesAsync();`,
        `mocha.run((failures) => { process.exitCode = failures > 0 ? 1 : 0; });`,
        "",
      ].join("\n"),
    );
    assert.equal((await node([script])).code, 0, "without the call the test passes");
    const checked = await node([script, "check"]);
    assert.equal(checked.code, 1, checked.output);
    assert.match(checked.output, /not implemented/);
  });
});
