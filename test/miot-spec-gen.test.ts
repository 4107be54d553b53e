// `sail spec gen`: typed bindings from a spec, deterministic, and in sync with
// the smart lamp's committed copy.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generateBindings } from "../host/miot/spec-gen.js";
import { loadSpec, parseSpec } from "../host/miot/spec.js";
import { ROOT } from "./support/firmware.js";
import { compileSnippet } from "./support/snippets.js";
import { mkdir, writeFile } from "node:fs/promises";

const lampSpec = join(ROOT, "examples/smart-lamp/spec.json");

describe("sail spec gen", () => {
  it(
    "the smart lamp's assembly/spec.ts is what the generator writes (run: sail spec gen " +
      "examples/smart-lamp/spec.json)",
    () => {
      const generated = generateBindings(loadSpec(lampSpec), "../../../assembly/sail", "spec.json");
      assert.equal(readFileSync(join(ROOT, "examples/smart-lamp/assembly/spec.ts"), "utf8"), generated);
    },
  );

  it("is deterministic and names things after the spec", () => {
    const a = generateBindings(loadSpec(lampSpec), "sail", "spec.json");
    assert.equal(a, generateBindings(loadSpec(lampSpec), "sail", "spec.json"));
    assert.match(a, /export namespace light \{/);
    assert.match(a, /export let colorTemperature: u32 = 2700;/);
    assert.match(a, /export function setBrightness\(value_: u8\): i32 \{/);
    assert.match(a, /export let onToggle: \(\(\) => i32\) \| null = null;/);
    assert.doesNotMatch(a, /setManufacturer/, "read-only properties get no notifying setter");
  });

  it("an action set-on next to a writable on is accepted; its handler steps aside (onSetOnAction)", () => {
    const spec = parseSpec(
      {
        type: "urn:miot-spec-v2:device:light:0000A001:x-y:1",
        description: "x",
        services: [
          {
            iid: 2,
            type: "urn:miot-spec-v2:service:light:00007802:x-y:1",
            description: "Light",
            properties: [
              {
                iid: 1,
                type: "urn:miot-spec-v2:property:on:00000006:x-y:1",
                description: "On",
                format: "bool",
                access: ["read", "write"],
              },
            ],
            actions: [
              { iid: 1, type: "urn:miot-spec-v2:action:set-on:00002801:x-y:1", description: "x", in: [], out: [] },
            ],
          },
        ],
      },
      "clash.json",
    );
    const code = generateBindings(spec, "sail", "clash.json");
    assert.match(code, /export let onSetOn: \(\(\) => i32\) \| null = null;/);
    assert.match(code, /export let onSetOnAction: \(\(\) => i32\) \| null = null;/);
  });

  it("types action inputs, raises events with typed arguments, and escapes reserved words", async () => {
    const spec = loadSpec(join(ROOT, "test/fixtures/switch/spec.json"));
    const code = generateBindings(spec, "sail", "switch.json");
    assert.match(code, /export namespace switch_ \{/);
    assert.match(code, /export let onTurnOnLater: \(\(delay: u16\) => i32\) \| null = null;/);
    assert.match(code, /return handler_ !== null \? handler_\(<u16>miot_\.argInt\(0\)\) : MiotCode_\.INTERNAL;/);
    assert.match(
      code,
      new RegExp(
        String.raw`export function raiseOverheat\(temperature: f64\): i32 \{\n    ` +
          String.raw`miot_\.replyFloat\(temperature\);\n    return miot_\.event\(SIID, 1\);`,
      ),
    );

    // And asc compiles it, used as a firmware would.
    const dir = join(ROOT, "build", "test-snippets");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "switch-spec.ts"), generateBindings(spec, "../../assembly/sail", "switch.json"));
    const wasm = await compileSnippet(
      "switch-firmware",
      [
        `import { switch_ } from "./switch-spec";`,
        `export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./switch-spec";`,
        "export function sail_setup(): void {",
        "  switch_.onTurnOnLater = (delay: u16): i32 => <i32>delay - <i32>delay;",
        "  switch_.setOn(true);",
        "  switch_.raiseOverheat(81.5);",
        "}",
        "",
      ].join("\n"),
    );
    assert.ok(wasm.length > 0);
  });
});
