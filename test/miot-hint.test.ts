// What `sail run --miot` suggests trying (issue 15, item 4): the command as the
// user runs it where they are, on properties the spec has (the metering plug
// of test/fixtures/specs/meter-plug.json has no 2.2 or 2.3).

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { cliPrefix, miotTryLines, sampleValue } from "../host/cli/miot-hint.js";
import { withSpec } from "../host/flash/manifest.js";
import { generateBindings } from "../host/miot/spec-gen.js";
import { loadSpec, parseSpec } from "../host/miot/spec.js";
import { ROOT } from "./support/firmware.js";
import { compileSnippet } from "./support/snippets.js";

const run = promisify(execFile);
const METER = join(ROOT, "test/fixtures/specs/meter-plug.json");

describe("sail run --miot: what it suggests trying", () => {
  let partner: string;
  before(async () => {
    partner = await mkdtemp(join(tmpdir(), "sail-partner-"));
    await writeFile(
      join(partner, "package.json"),
      JSON.stringify({ name: "meter-plug", devDependencies: { "sail-sdk": "^0.1.0" } }),
    );
    await mkdir(join(partner, "assembly"), { recursive: true });
  });
  after(async () => {
    await rm(partner, { recursive: true, force: true });
  });

  it("says npm run sail -- in this repository and npx sail in a partner project, even from a subfolder", () => {
    assert.equal(cliPrefix(ROOT), "npm run sail --");
    assert.equal(cliPrefix(join(ROOT, "examples", "smart-lamp")), "npm run sail --");
    assert.equal(cliPrefix(partner), "npx sail");
    assert.equal(cliPrefix(join(partner, "assembly")), "npx sail");
  });

  it("suggests only properties and actions the spec has, with a value its check accepts", () => {
    assert.deepEqual(miotTryLines(loadSpec(METER), "npx sail", "--token t"), [
      "try:  npx sail miot --token t get 2.1 3.1 3.2",
      "      npx sail miot --token t set 2.1 true",
    ]);
    const lamp = loadSpec(join(ROOT, "examples/smart-lamp/spec.json"));
    const lines = miotTryLines(lamp, "npm run sail --", "--token t");
    assert.match(lines[0] ?? "", /^try: {2}npm run sail -- miot --token t get 2\.1 2\.2 2\.3$/);
    assert.ok(lines.some((l) => / set 2\.1 true$/.test(l)));
  });

  it("picks a set value inside the range, on its step, or from the value list", () => {
    const spec = parseSpec(
      {
        type: "urn:miot-spec-v2:device:light:0000A001:sail-hint:1",
        description: "Hint",
        services: [
          {
            iid: 2,
            type: "urn:miot-spec-v2:service:light:00007802:sail-hint:1",
            description: "Light",
            properties: [
              ...[
                ["brightness", "uint8", [1, 100, 1]],
                ["color-temperature", "uint32", [2700, 6500, 100]],
              ].map(([name, format, range], i) => ({
                iid: i + 1,
                type: `urn:miot-spec-v2:property:${String(name)}:00000001:sail-hint:1`,
                description: String(name),
                format,
                access: ["read", "write"],
                "value-range": range,
              })),
              {
                iid: 3,
                type: "urn:miot-spec-v2:property:mode:00000008:sail-hint:1",
                description: "Mode",
                format: "uint8",
                access: ["write"],
                "value-list": [
                  { value: 0, description: "Day" },
                  { value: 4, description: "Night" },
                ],
              },
            ],
          },
        ],
      },
      "hint.json",
    );
    const props = spec.services[0]?.properties ?? [];
    assert.deepEqual(
      props.map((p) => sampleValue(p)),
      ["50", "4600", "4"],
    );
  });

  it("run inside a partner project, it prints npx sail and the spec's own iids", async function () {
    this.timeout(120_000);
    const bindings = join(ROOT, "build", "test-snippets", "hint-bindings.ts");
    await mkdir(join(ROOT, "build", "test-snippets"), { recursive: true });
    await writeFile(bindings, generateBindings(loadSpec(METER), "../../assembly/sail", "spec.json"));
    const wasm = await compileSnippet(
      "hint-meter",
      [
        `export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./hint-bindings";`,
        "export function sail_setup(): void {}",
        "",
      ].join("\n"),
    );
    const image = join(partner, "meter.wasm");
    await writeFile(image, withSpec(wasm, JSON.parse(await readFile(METER, "utf8"))));
    const { stderr } = await run(
      process.execPath,
      [join(ROOT, "dist/host/cli/main.js"), "run", "meter.wasm", "--miot", "127.0.0.1:0", "--for", "1s"],
      { cwd: partner },
    );
    assert.match(
      stderr,
      /try: {2}npx sail miot --host 127\.0\.0\.1 --port \d+ --token [0-9a-f]{32} get 2\.1 3\.1 3\.2\n/,
    );
    assert.match(stderr, / {6}npx sail miot --host 127\.0\.0\.1 --port \d+ --token [0-9a-f]{32} set 2\.1 true\n/);
    assert.doesNotMatch(stderr, /npm run sail|2\.2|2\.3/);
  });
});
