// `sail new` and `sail test` as a partner runs them: scaffold a project into
// build/, link sail-sdk into its node_modules (no network: a symlink instead of
// npm install), build it, run its tests with JUnit XML, then break things.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify, stripVTControlCharacters } from "node:util";
import { ENV_IMAGE, ENV_PROJECT } from "../host/testing/env.js";
import { ROOT } from "./support/firmware.js";

/** The compiled output this test runs from (dist/ under npm test). */
const DIST = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SAIL = join(DIST, "host", "cli", "main.js");
const WORK = join(ROOT, "build", "sail-new-test");
const PROJECT = join(WORK, "porch-light");
/** What node_modules/sail-sdk points at: this repository, its `dist` being the compiled output under test. */
const PACKAGE = join(WORK, "sail-sdk");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; colour codes (mocha colours its report when FORCE_COLOR is set, as on some CI) are stripped. */
async function sail(cwd: string, ...args: string[]): Promise<Run> {
  const plain = (r: Run): Run => ({
    code: r.code,
    stdout: stripVTControlCharacters(r.stdout),
    stderr: stripVTControlCharacters(r.stderr),
  });
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== ENV_PROJECT && k !== ENV_IMAGE));
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SAIL, ...args], { cwd, env });
    return plain({ code: 0, stdout, stderr });
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return plain({ code: x.code, stdout: x.stdout, stderr: x.stderr });
  }
}

/** The repository as an installed package would look, with `dist` → the output under test. */
async function linkPackage(): Promise<void> {
  await mkdir(PACKAGE, { recursive: true });
  for (const entry of [
    "package.json",
    "assembly",
    "asconfig.json",
    "boards",
    "templates",
    "schemas",
    "docs",
    "node_modules",
  ]) {
    await symlink(join(ROOT, entry), join(PACKAGE, entry));
  }
  await symlink(DIST, join(PACKAGE, "dist"));
}

/** Throws unless `xml` is well-formed: one root, balanced tags, quoted attributes, known entities. */
function checkWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let at = 0;
  for (let m = token.exec(body); m !== null; m = token.exec(body)) {
    at = token.lastIndex;
    const [, close, name, attrs, selfClose, text] = m;
    const entities = (text ?? attrs ?? "").match(/&[^;\s]*;?/g) ?? [];
    for (const e of entities) assert.match(e, /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/, `bad entity ${e}`);
    if (text !== undefined) {
      assert.ok(stack.length > 0 || text.trim() === "", `text outside the root: ${text.slice(0, 40)}`);
      continue;
    }
    if (close === "/") {
      assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    } else {
      if (stack.length === 0) roots++;
      if (selfClose !== "/") stack.push(name as string);
    }
  }
  assert.equal(at, body.length, `not XML at: ${body.slice(at, at + 60)}`);
  assert.deepEqual(stack, [], "unclosed elements");
  assert.equal(roots, 1, "one root element");
}

describe("sail new and sail test", () => {
  before(async () => {
    await rm(WORK, { recursive: true, force: true });
    await mkdir(WORK, { recursive: true });
    await linkPackage();
  });

  it(
    "sail new scaffolds a project and prints the next steps; " +
      "refuses a bad name, a non-empty folder, a wrong --sail",
    async () => {
      const r = await sail(WORK, "new", "porch-light", "--sail", PACKAGE);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^created porch-light\/: a MIoT light/);
      assert.match(r.stdout, /next:\n {2}cd porch-light\n {2}npm install .*\n {2}npx sail build .*\n {2}npx sail test/);
      for (const f of [
        ".gitignore",
        "README.md",
        "asconfig.json",
        "assembly/index.ts",
        "assembly/spec.ts",
        "package.json",
        "sail.json",
        "spec.json",
        "test/light.test.ts",
        "tsconfig.json",
      ]) {
        assert.ok((await stat(join(PROJECT, f))).isFile(), f);
        assert.match(r.stdout, new RegExp(`^ {2}${f.replace(/\./g, "\\.")}$`, "m"));
      }
      const pkg = JSON.parse(await readFile(join(PROJECT, "package.json"), "utf8")) as {
        name: string;
        devDependencies: Record<string, string>;
      };
      assert.equal(pkg.name, "porch-light");
      assert.equal(pkg.devDependencies["sail-sdk"], "file:../sail-sdk");
      assert.deepEqual(JSON.parse(await readFile(join(PROJECT, "sail.json"), "utf8")), {
        $schema: "./node_modules/sail-sdk/schemas/sail.schema.json",
        name: "porch-light",
        version: "0.1.0",
        model: "sail.light.porchlight",
        boards: ["esp32-devkitc"],
        spec: "spec.json",
      });
      assert.match(
        await readFile(join(PROJECT, "assembly", "spec.ts"), "utf8"),
        /^\/\/ Generated by `sail spec gen` from spec\.json[\s\S]*from "sail-sdk\/assembly\/sail";/,
      );
      assert.doesNotMatch(await readFile(join(PROJECT, "test", "light.test.ts"), "utf8"), /\{\{/);

      const again = await sail(WORK, "new", "porch-light");
      assert.equal(again.code, 2);
      assert.match(again.stderr, /porch-light already exists and is not empty .*; choose another name or remove it/);
      const bad = await sail(WORK, "new", "Porch Light");
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /project name "Porch Light" must be lowercase letters, digits and single dashes/);
      const wrong = await sail(WORK, "new", "other", "--sail", join(ROOT, "docs"));
      assert.equal(wrong.code, 2);
      assert.match(wrong.stderr, /not the Sail package \(its package\.json must name "sail-sdk"\)/);
    },
  );

  it("sail new and sail test explain themselves with --help", async () => {
    for (const c of ["new", "test"]) {
      const h = await sail(WORK, c, "--help");
      assert.equal(h.code, 0);
      assert.match(h.stdout, new RegExp(`^usage: sail ${c} `, "m"));
    }
    assert.match((await sail(WORK, "test", "--help")).stdout, /--junit <file> +also write the results as JUnit XML/);
  });

  it("the scaffold builds, and sail test passes it and writes JUnit XML", async () => {
    await mkdir(join(PROJECT, "node_modules"), { recursive: true });
    await symlink(PACKAGE, join(PROJECT, "node_modules", "sail-sdk"));
    const built = await sail(PROJECT, "build");
    assert.equal(built.code, 0, built.stderr);
    assert.match(built.stdout, /^porch-light 0\.1\.0 → build\/porch-light\.wasm: \d+ bytes/);

    const r = await sail(PROJECT, "test", "--junit", "out.xml");
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /✔ switches on over MIoT and off with the BOOT button/);
    assert.match(r.stdout, /^1 passed, 0 failed$/m);
    const xml = await readFile(join(PROJECT, "out.xml"), "utf8");
    checkWellFormed(xml);
    assert.match(xml, /<testsuites name="sail test porch-light" tests="1" failures="0" errors="0" skipped="0"/);
    assert.match(
      xml,
      new RegExp(
        String.raw`<testcase classname="porch-light" name="switches on over MIoT and off with the BOOT button" ` +
          String.raw`time="\d+\.\d{3}" file="test\/light\.test\.ts"\/>`,
      ),
    );
  });

  it(
    "a failing test exits 1 and its <failure> carries the message; " + "--grep picks tests; JavaScript tests run too",
    async () => {
      const testFile = join(PROJECT, "test", "light.test.ts");
      const original = await readFile(testFile, "utf8");
      const extra = join(PROJECT, "test", "models.test.js");
      try {
        await writeFile(testFile, original.replace("board.expectPin(2).toBe(1);", "board.expectPin(2).toBe(0);"));
        await writeFile(
          extra,
          [
            `import { flash } from "sail-sdk/test";`,
            `describe("models", () => {`,
            `  it("meets a command a model lacks", async () => {`,
            `    const board = await flash();`,
            `    board.board.log("W", "SHT3x: command 0xF32D not implemented");`,
            `  });`,
            `});`,
          ].join("\n"),
        );
        const r = await sail(PROJECT, "test", "--junit", "out.xml");
        assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
        assert.match(r.stdout, /^0 passed, 2 failed$/m);
        assert.match(r.stdout, /GPIO 2: expected level 0 at \d+\.\d{6} s, but it is 1\n/);
        const xml = await readFile(join(PROJECT, "out.xml"), "utf8");
        checkWellFormed(xml);
        assert.match(xml, /<testsuites [^>]*tests="2" failures="2"/);
        assert.match(
          xml,
          new RegExp(
            String.raw`<failure message="GPIO 2: expected level 0 at \d+\.\d{6} s, but it is 1&#10; {2}board: ` +
              String.raw`esp32-devkitc, running[^"]*" type="AssertionError">AssertionError \[ERR_ASSERTION\]: GPIO 2`,
          ),
        );
        assert.match(
          xml,
          /at Context\.&lt;anonymous&gt; \(test\/light\.test\.ts:\d+:\d+\)/,
          "stack points at the TypeScript source",
        );
        assert.match(
          xml,
          new RegExp(
            String.raw`<testcase classname="models" name="meets a command a model lacks" ` +
              String.raw`[^>]*file="test\/models\.test\.js">\n {6}<failure message="esp32-devkitc: the firmware used ` +
              String.raw`something a model does not implement`,
          ),
        );

        const grep = await sail(PROJECT, "test", "--grep", "lacks");
        assert.equal(grep.code, 1);
        assert.match(grep.stdout, /^0 passed, 1 failed$/m);
        const none = await sail(PROJECT, "test", "--grep", "no such test");
        assert.equal(none.code, 2);
        assert.match(none.stderr, /no test title contains "no such test"/);
      } finally {
        await writeFile(testFile, original);
        await rm(extra, { force: true });
      }
    },
  );

  it("firmware or tests that do not compile exit 2 and say why", async () => {
    const index = join(PROJECT, "assembly", "index.ts");
    const original = await readFile(index, "utf8");
    try {
      await writeFile(index, original.replace("led.write(light.on);", "led.write(light.brightness);"));
      const r = await sail(PROJECT, "test");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /sail test: the firmware does not build: asc failed/);
      assert.match(r.stderr, /brightness/);
    } finally {
      await writeFile(index, original);
    }
    const broken = join(PROJECT, "test", "broken.test.ts");
    try {
      await writeFile(broken, 'describe("x", () => { it("y", async () => { const = 1; }); });\n');
      const r = await sail(PROJECT, "test");
      assert.equal(r.code, 2);
      assert.match(
        r.stderr,
        new RegExp(
          String.raw`sail test: cannot run the tests: the TypeScript tests do not ` +
            String.raw`compile:\ntest\/broken\.test\.ts\(1,\d+\): error TS\d+`,
        ),
      );
    } finally {
      await rm(broken, { force: true });
    }
    const outside = await sail(WORK, "test");
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /is not a Sail project \(no sail\.json\)/);
  });
});
