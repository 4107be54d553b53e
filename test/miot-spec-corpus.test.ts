// Real MIoT spec instances, as miot-spec.org publishes them: the patterns that
// Sail used to refuse, each reproduced by a fixture written here (in
// test/fixtures/specs/, citing the instances it comes from), then checked,
// generated and compiled together as a corpus (docs/miot.md "Checking a corpus").

import assert from "node:assert/strict";
import { join } from "node:path";
import { compileBindingsTogether } from "../host/miot/spec-compile.js";
import { generateBindings } from "../host/miot/spec-gen.js";
import { checkValue, loadSpec, parseSpec } from "../host/miot/spec.js";
import { ROOT } from "./support/firmware.js";
import { sail } from "./support/cli.js";

const SPECS = join(ROOT, "test/fixtures/specs");
const fixture = (name: string): string => join(SPECS, name);
const gen = (name: string): string => generateBindings(loadSpec(fixture(name)), "sail", name);

describe("MIoT spec instances as published", () => {
  it(
    "a type repeated in one service with other iids is accepted and named apart: by description, else by iid " +
      "(cnhdm.airrtc.wkq01, zhimi.aircondition.v1, dreame.vacuum.p2009)",
    () => {
      const code = gen("repeated-types.json");
      // cnhdm.airrtc.wkq01: two fan-level and two target-temperature, described alike: named by iid.
      for (const line of [
        "export let fanLevel2: u8 = 0;",
        "export let fanLevel7: u8 = 1;",
        "export let targetTemperature5: u32 = 16;",
        "export let targetTemperature8: i32 = 5;",
        "export function setFanLevel7(value_: u8): i32 {",
        "export let onSetTargetTemperature8: (() => i32) | null = null;",
      ])
        assert.ok(code.includes(line), line);
      // zhimi.aircondition.v1: two temperature, described Indoor and Outdoor: named by description.
      assert.ok(code.includes("export let indoorTemperature: f64 = -40.0;"));
      assert.ok(code.includes("export let outdoorTemperature: f64 = -40.0;"));
      // dreame.vacuum.p2009: two exception-occurred events in a brush-cleaner service.
      assert.ok(code.includes("export function raiseExceptionOccurred1(brushLeftTime: u16): i32 {"));
      assert.ok(code.includes("export function raiseExceptionOccurred2(): i32 {"));
      assert.equal(code, gen("repeated-types.json"), "the same spec gives the same bytes");
    },
  );

  it(
    "an action set-x next to a writable x, and a property set-x next to a notifying x, get members that " +
      "cannot clash (cgllc.airm.cgd1st, zhimi.vacuum.l1, feebo.jumprope.fj6151)",
    () => {
      const code = gen("member-clashes.json");
      for (const line of [
        "export let onSetStartTime: (() => i32) | null = null;", // the write handler of start-time
        "export let onSetStartTimeAction: ((startTime: i32) => i32) | null = null;", // the action set-start-time
        "export let onSetAutoArea: (() => i32) | null = null;",
        "export let onSetAutoAreaAction: ((autoArea: string) => i32) | null = null;",
        "export let setTime: u32 = 0;", // the property set-time keeps its name
        "export function setTimeValue(value_: u32): i32 {", // the setter of time steps aside
        "const handler_ = settings.onSetStartTimeAction;",
      ])
        assert.ok(code.includes(line), line);
    },
  );

  it(
    "format hex and descriptions given as translation objects are accepted; null lists and unknown keys " +
      "pass with warnings naming the nearest known key; gatt-access passes quietly (xiaomi.vacuum.ov42gl)",
    () => {
      const spec = loadSpec(fixture("loose-keys.json"));
      assert.equal(spec.description, "Robot Cleaner");
      const mapKey = spec.services[0]?.properties.find((p) => p.iid === 3);
      assert.ok(mapKey !== undefined);
      assert.equal(mapKey.format, "hex");
      assert.ok(checkValue(mapKey, "0a1B"));
      assert.ok(!checkValue(mapKey, "0x1g"), "hex takes hexadecimal digits only");
      assert.deepEqual(
        spec.warnings.map((w) => `${w.path}: ${w.message}`),
        [
          "services[0].properties[1].value_range: is not a key of a property, so it is ignored; " +
            "did you mean value-range?",
          "services[0].actions[0].out: is null; read as an empty list []",
        ],
      );
      const code = gen("loose-keys.json");
      assert.ok(code.includes('export let mapKey: string = "";'), "hex is a string in the bindings");
      assert.ok(code.includes("export let outdoorCurrent: f64 = 0.0;"), "a doubled dash reads as one");
    },
  );

  it("--strict refuses what would be a warning, naming the file, the JSON path and the nearest key", () => {
    assert.throws(
      () => loadSpec(fixture("loose-keys.json"), { strict: true }),
      new RegExp(
        String.raw`loose-keys\.json: services\[0\]\.properties\[1\]\.value_range: is not a key of a property, so ` +
          String.raw`it is ignored; did you mean value-range\? \(--strict refuses what would be a warning\)`,
      ),
    );
  });

  it("an unknown key far from every known one lists the known keys instead", () => {
    const spec = parseSpec(
      {
        type: "urn:miot-spec-v2:device:light:0000A001:sail-x:1",
        description: "x",
        colour: "red",
        services: [{ iid: 1, type: "urn:miot-spec-v2:service:light:00007802:sail-x:1", description: "Light" }],
      },
      "light.json",
    );
    assert.deepEqual(spec.warnings, [
      {
        path: "colour",
        message: "is not a key of a device, so it is ignored; known keys: type, description, services",
      },
    ]);
  });

  it("sail spec check <folder> checks every spec in it and sums up; --strict exits 1 on a warning", async () => {
    const r = await sail("spec", "check", "test/fixtures/specs");
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^test\/fixtures\/specs\/loose-keys\.json: Robot Cleaner: .*: valid, 2 warnings$/m);
    assert.match(
      r.stdout,
      /^ {2}warning: services\[0\]\.properties\[1\]\.value_range: .* did you mean value-range\?$/m,
    );
    assert.match(
      r.stdout,
      /^checked 4 specs: 4 valid \(4 device types\), 1 of them with warnings, 0 refused$/m,
      r.stdout,
    );
    const strict = await sail("spec", "check", "test/fixtures/specs", "--strict");
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /^checked 4 specs: 3 valid \(3 device types\), 0 of them with warnings, 1 refused$/m);
    assert.match(
      strict.stderr,
      /loose-keys\.json: services\[0\]\.properties\[1\]\.value_range: .* did you mean value-range\?/,
    );
  });

  it("the bindings of many specs compile in one asc run, every member used", async function () {
    this.timeout(120_000);
    const specs = [
      ...["repeated-types.json", "member-clashes.json", "loose-keys.json", "meter-plug.json"].map((f) =>
        loadSpec(fixture(f)),
      ),
      ...["smart-lamp", "thermostat", "air-purifier", "door-sensor", "motion-sensor"].map((e) =>
        loadSpec(join(ROOT, "examples", e, "spec.json")),
      ),
      loadSpec(join(ROOT, "test/fixtures/switch/spec.json")),
    ];
    await compileBindingsTogether(specs);
  });
});
