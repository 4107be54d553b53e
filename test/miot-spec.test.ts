// MIoT-Spec-V2 instances are validated when loaded; an error names the file,
// the JSON path and what is allowed. checkValue answers code -4005.
// Run from the repository root: the smart-lamp spec is found from process.cwd().

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  MIOT_CODE,
  SpecError,
  checkValue,
  findAction,
  findProperty,
  loadSpec,
  parseSpec,
  type SpecProperty,
} from "../host/miot/spec.js";

type J = Record<string, unknown>;

const LAMP = join(process.cwd(), "examples/smart-lamp/spec.json");
const dir = mkdtempSync(join(tmpdir(), "sail-specs-"));
const base = JSON.parse(readFileSync(LAMP, "utf8")) as J;

const services = (s: J): J[] => s["services"] as J[];
const service = (s: J, i: number): J => services(s)[i] as J;
const props = (s: J, i: number): J[] => service(s, i)["properties"] as J[];
const prop = (s: J, i: number, j: number): J => props(s, i)[j] as J;
const action = (s: J, i: number, j: number): J => (service(s, i)["actions"] as J[])[j] as J;

function refused(edit: (s: J) => void): SpecError {
  const s = structuredClone(base);
  edit(s);
  const file = join(dir, "broken.json");
  writeFileSync(file, JSON.stringify(s));
  try {
    loadSpec(file);
  } catch (e) {
    assert.ok(e instanceof SpecError, String(e));
    assert.ok(e.message.startsWith(`${file}: `), e.message);
    return e;
  }
  assert.fail("the spec was accepted");
}

describe("MIoT spec", () => {
  describe("the smart-lamp spec", () => {
    const spec = loadSpec(LAMP);

    it("is a light with device information and a light service", () => {
      assert.equal(spec.file, LAMP);
      assert.equal(spec.type, "urn:miot-spec-v2:device:light:0000A001:sail-lamp1:1");
      assert.equal(spec.name, "light");
      assert.equal(spec.description, "Light");
      assert.deepEqual(
        spec.services.map((s) => [s.iid, s.name]),
        [
          [1, "device-information"],
          [2, "light"],
        ],
      );
    });

    it("has the four device-information strings, read-only", () => {
      const info = spec.services[0];
      assert.deepEqual(
        info?.properties.map((p) => [p.iid, p.name, p.format, p.access]),
        [
          [1, "manufacturer", "string", ["read"]],
          [2, "model", "string", ["read"]],
          [3, "serial-number", "string", ["read"]],
          [4, "firmware-revision", "string", ["read"]],
        ],
      );
      assert.equal(info.properties[3]?.type, "urn:miot-spec-v2:property:firmware-revision:00000005:sail-lamp1:1");
      assert.deepEqual(info.actions, []);
      assert.deepEqual(info.events, []);
    });

    it("has on, brightness and color-temperature as written", () => {
      const rw = ["read", "write", "notify"];
      assert.deepEqual(findProperty(spec, 2, 1), {
        iid: 1,
        type: "urn:miot-spec-v2:property:on:00000006:sail-lamp1:1",
        name: "on",
        description: "Switch Status",
        format: "bool",
        access: rw,
        unit: null,
        range: null,
        values: null,
      });
      assert.deepEqual(findProperty(spec, 2, 2), {
        iid: 2,
        type: "urn:miot-spec-v2:property:brightness:0000000D:sail-lamp1:1",
        name: "brightness",
        description: "Brightness",
        format: "uint8",
        access: rw,
        unit: "percentage",
        range: { min: 1, max: 100, step: 1 },
        values: null,
      });
      assert.deepEqual(findProperty(spec, 2, 3), {
        iid: 3,
        type: "urn:miot-spec-v2:property:color-temperature:0000000F:sail-lamp1:1",
        name: "color-temperature",
        description: "Color Temperature",
        format: "uint32",
        access: rw,
        unit: "kelvin",
        range: { min: 2700, max: 6500, step: 1 },
        values: null,
      });
    });

    it("has a toggle action without in or out", () => {
      assert.deepEqual(findAction(spec, 2, 1), {
        iid: 1,
        type: "urn:miot-spec-v2:action:toggle:00002811:sail-lamp1:1",
        name: "toggle",
        description: "Toggle",
        in: [],
        out: [],
      });
    });

    it("finds nothing at ids it does not have", () => {
      assert.equal(findProperty(spec, 2, 4), null);
      assert.equal(findProperty(spec, 3, 1), null);
      assert.equal(findAction(spec, 1, 1), null);
      assert.equal(findAction(spec, 2, 2), null);
    });
  });

  it("parses the same object without a file", () => {
    assert.equal(parseSpec(base, "lamp.json").services[1]?.properties[1]?.name, "brightness");
    assert.throws(() => parseSpec([], "lamp.json"), /^SpecError: lamp\.json: \(root\): must be an object, got \[\]$/);
  });

  it("has the per-item codes of the protocol", () => {
    assert.equal(MIOT_CODE.VALUE_ERROR, -4005);
    assert.equal(MIOT_CODE.NOT_FOUND, -4003);
    assert.equal(MIOT_CODE.ACCEPTED, 1);
  });

  it("refuses invalid JSON, naming the file", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, "{ nope");
    assert.throws(
      () => loadSpec(file),
      (e: unknown) => e instanceof SpecError && e.message.startsWith(`${file}: (file): is not valid JSON`),
    );
  });

  it("refuses a file that is not there, naming it", () => {
    const file = join(dir, "missing.json");
    assert.throws(
      () => loadSpec(file),
      (e: unknown) => e instanceof SpecError && e.message.startsWith(`${file}: (file): cannot be read`),
    );
  });

  const cases: [string, (s: J) => void, RegExp][] = [
    [
      "a device type with the wrong kind",
      (s) => {
        s["type"] = "urn:miot-spec-v2:service:light:0000A001:sail-lamp1:1";
      },
      new RegExp(
        String.raw`: type: "urn:miot-spec-v2:service:light:0000A001:sail-lamp1:1" has kind "service"; a device must ` +
          String.raw`have kind "device"$`,
      ),
    ],
    [
      "a URN with seven hex digits",
      (s) => {
        prop(s, 1, 0)["type"] = "urn:miot-spec-v2:property:on:0000006";
      },
      new RegExp(
        String.raw`: services\[1\]\.properties\[0\]\.type: "urn:miot-spec-v2:property:on:0000006" is not a ` +
          String.raw`URN of the ` +
          String.raw`form urn:<namespace>:<kind>:<name>:<8 hex ` +
          String.raw`digits>\[:<vendor-product>:<version>\[:<template id>\]\]$`,
      ),
    ],
    [
      "a URN with a version that is not a number",
      (s) => {
        prop(s, 1, 0)["type"] = "urn:miot-spec-v2:property:on:00000006:sail-lamp1:one";
      },
      /: services\[1\]\.properties\[0\]\.type: .* is not a URN of the form /,
    ],
    [
      "a property whose URN says action",
      (s) => {
        prop(s, 1, 0)["type"] = "urn:miot-spec-v2:action:on:00000006";
      },
      /: services\[1\]\.properties\[0\]\.type: .* has kind "action"; a property must have kind "property"$/,
    ],
    [
      "a service whose URN says property",
      (s) => {
        service(s, 0)["type"] = "urn:miot-spec-v2:property:device-information:00007801";
      },
      /: services\[0\]\.type: .* has kind "property"; a service must have kind "service"$/,
    ],
    [
      "an action whose URN says event",
      (s) => {
        action(s, 1, 0)["type"] = "urn:miot-spec-v2:event:toggle:00002811";
      },
      /: services\[1\]\.actions\[0\]\.type: .* has kind "event"; an? action must have kind "action"$/,
    ],
    [
      "a name that is no identifier",
      (s) => {
        prop(s, 1, 1)["type"] = "urn:miot-spec-v2:property:pm.25-density:00000034";
      },
      new RegExp(
        String.raw`: services\[1\]\.properties\[1\]\.type: name "pm\.25-density" must be lower-case letters ` +
          String.raw`and digits ` +
          String.raw`in words joined by single dashes \(a dot only between digits, as in pm2\.5\), starting ` +
          String.raw`with a letter, ` +
          String.raw`so it becomes an identifier in camelCase$`,
      ),
    ],
    [
      "a siid of 0",
      (s) => {
        service(s, 0)["iid"] = 0;
      },
      /: services\[0\]\.iid: must be a positive integer \(siid count from 1\), got 0$/,
    ],
    [
      "a piid that is not an integer",
      (s) => {
        prop(s, 1, 0)["iid"] = 1.5;
      },
      /: services\[1\]\.properties\[0\]\.iid: must be a positive integer \(piid count from 1\), got 1\.5$/,
    ],
    [
      "a siid used twice",
      (s) => {
        service(s, 1)["iid"] = 1;
      },
      /: services\[1\]\.iid: siid 1 is used twice; each siid must be unique in its device$/,
    ],
    [
      "a piid used twice in one service",
      (s) => {
        prop(s, 1, 2)["iid"] = 2;
      },
      /: services\[1\]\.properties\[2\]\.iid: piid 2 is used twice; each piid must be unique in its service$/,
    ],
    [
      "an aiid used twice in one service",
      (s) => {
        (service(s, 1)["actions"] as J[]).push({
          ...action(s, 1, 0),
          type: "urn:miot-spec-v2:action:toggle-again:00002811",
        });
      },
      /: services\[1\]\.actions\[1\]\.iid: aiid 1 is used twice; each aiid must be unique in its service$/,
    ],
    [
      "a format MIoT does not have",
      (s) => {
        prop(s, 1, 1)["format"] = "double";
      },
      new RegExp(
        String.raw`: services\[1\]\.properties\[1\]\.format: "double" is not a MIoT format; allowed: bool, uint8, ` +
          String.raw`uint16, uint32, int8, int16, int32, int64, float, string, hex$`,
      ),
    ],
    [
      "an unknown access right",
      (s) => {
        prop(s, 1, 0)["access"] = ["read", "execute"];
      },
      /: services\[1\]\.properties\[0\]\.access\[1\]: "execute" is not an access right; allowed: read, write, notify$/,
    ],
    [
      "an access right listed twice",
      (s) => {
        prop(s, 1, 0)["access"] = ["read", "write", "read"];
      },
      /: services\[1\]\.properties\[0\]\.access\[2\]: "read" is listed twice; each access right may appear once$/,
    ],
    [
      "a missing access list",
      (s) => {
        delete prop(s, 1, 0)["access"];
      },
      new RegExp(
        String.raw`: services\[1\]\.properties\[0\]\.access: must be an array of read, write, notify \(it may be ` +
          String.raw`empty\), got nothing$`,
      ),
    ],
    [
      "a unit that is not a string",
      (s) => {
        prop(s, 1, 1)["unit"] = 5;
      },
      /: services\[1\]\.properties\[1\]\.unit: must be a string, got 5$/,
    ],
    [
      "a value-range of two numbers",
      (s) => {
        prop(s, 1, 1)["value-range"] = [1, 100];
      },
      /: services\[1\]\.properties\[1\]\.value-range: must be \[min, max, step\] with three numbers, got \[1,100\]$/,
    ],
    [
      "a value-range with min above max",
      (s) => {
        prop(s, 1, 1)["value-range"] = [100, 1, 1];
      },
      new RegExp(
        String.raw`: services\[1\]\.properties\[1\]\.value-range: min 100 is above max 1; must be \[min, max, step\] ` +
          String.raw`with min <= max$`,
      ),
    ],
    [
      "a value-range with step 0",
      (s) => {
        prop(s, 1, 1)["value-range"] = [1, 100, 0];
      },
      /: services\[1\]\.properties\[1\]\.value-range: step 0 must be above 0$/,
    ],
    [
      "a value-range on a bool",
      (s) => {
        prop(s, 1, 0)["value-range"] = [0, 1, 1];
      },
      new RegExp(
        String.raw`: services\[1\]\.properties\[0\]\.value-range: is only allowed for numeric formats \(uint8…int64, ` +
          String.raw`float\), not bool$`,
      ),
    ],
    [
      "a value-range outside uint8",
      (s) => {
        prop(s, 1, 1)["value-range"] = [0, 300, 1];
      },
      /: services\[1\]\.properties\[1\]\.value-range: \[0,300,1\] is outside what uint8 holds \(0 to 255\)$/,
    ],
    [
      "a negative value-range on a uint32",
      (s) => {
        prop(s, 1, 2)["value-range"] = [-1, 6500, 1];
      },
      /: services\[1\]\.properties\[2\]\.value-range: \[-1,6500,1\] is outside what uint32 holds \(0 to 4294967295\)$/,
    ],
    [
      "a fractional step on an integer format",
      (s) => {
        prop(s, 1, 1)["value-range"] = [1, 100, 0.5];
      },
      new RegExp(
        String.raw`: services\[1\]\.properties\[1\]\.value-range: \[1,100,0\.5\] must be whole numbers for ` +
          String.raw`the integer ` +
          String.raw`format uint8$`,
      ),
    ],
    [
      "a value-list on a string",
      (s) => {
        prop(s, 0, 0)["value-list"] = [{ value: 1, description: "Sail" }];
      },
      new RegExp(
        String.raw`: services\[0\]\.properties\[0\]\.value-list: is only allowed for integer formats \(uint8, ` +
          String.raw`uint16, ` +
          String.raw`uint32, int8, int16, int32, int64\), not string$`,
      ),
    ],
    [
      "a value listed twice",
      (s) => {
        delete prop(s, 1, 1)["value-range"];
        prop(s, 1, 1)["value-list"] = [
          { value: 1, description: "Low" },
          { value: 1, description: "High" },
        ];
      },
      /: services\[1\]\.properties\[1\]\.value-list\[1\]\.value: 1 is listed twice; each value must be unique$/,
    ],
    [
      "a listed value that is not an integer",
      (s) => {
        delete prop(s, 1, 1)["value-range"];
        prop(s, 1, 1)["value-list"] = [{ value: "1", description: "Low" }];
      },
      /: services\[1\]\.properties\[1\]\.value-list\[0\]\.value: must be an integer uint8 holds \(0 to 255\), got "1"$/,
    ],
    [
      "a listed value without a description",
      (s) => {
        delete prop(s, 1, 1)["value-range"];
        prop(s, 1, 1)["value-list"] = [{ value: 1 }];
      },
      new RegExp(
        String.raw`: services\[1\]\.properties\[1\]\.value-list\[0\]\.description: must be a string or a ` +
          String.raw`translation object such as \{"en": "Light"\}, got nothing$`,
      ),
    ],
    [
      "both value-range and value-list",
      (s) => {
        prop(s, 1, 1)["value-list"] = [{ value: 1, description: "Low" }];
      },
      new RegExp(
        String.raw`: services\[1\]\.properties\[1\]: has both value-range and value-list; a property may have one or ` +
          String.raw`the other, not both$`,
      ),
    ],
    [
      "an action in that is not a piid of the service",
      (s) => {
        action(s, 1, 0)["in"] = [2, 4];
      },
      /: services\[1\]\.actions\[0\]\.in\[1\]: 4 is not the piid of a property in this service; piids here: 1, 2, 3$/,
    ],
    [
      "an action out that is not a piid",
      (s) => {
        action(s, 1, 0)["out"] = ["on"];
      },
      new RegExp(
        String.raw`: services\[1\]\.actions\[0\]\.out\[0\]: "on" is not the piid of a property in this ` +
          String.raw`service; piids ` +
          String.raw`here: 1, 2, 3$`,
      ),
    ],
    [
      "an event argument that is not a piid of the service",
      (s) => {
        service(s, 1)["events"] = [
          { iid: 1, type: "urn:miot-spec-v2:event:changed:00005001", description: "Changed", arguments: [1, 9] },
        ];
      },
      new RegExp(
        String.raw`: services\[1\]\.events\[0\]\.arguments\[1\]: 9 is not the piid of a property in this ` +
          String.raw`service; piids ` +
          String.raw`here: 1, 2, 3$`,
      ),
    ],
    [
      "a spec without services",
      (s) => {
        s["services"] = [];
      },
      /: services: must list at least one service$/,
    ],
    [
      "services that are not an array",
      (s) => {
        s["services"] = {};
      },
      /: services: must be an array, got \{\}$/,
    ],
    [
      "a property without a description",
      (s) => {
        delete prop(s, 1, 0)["description"];
      },
      new RegExp(
        String.raw`: services\[1\]\.properties\[0\]\.description: must be a string or a translation object such ` +
          String.raw`as \{"en": "Light"\}, got nothing$`,
      ),
    ],
    [
      "a property that is not an object",
      (s) => {
        (service(s, 1)["properties"] as unknown[])[0] = 1;
      },
      /: services\[1\]\.properties\[0\]: must be an object, got 1$/,
    ],
  ];
  for (const [what, edit, message] of cases) {
    it(`refuses ${what}, naming the JSON path`, () => {
      assert.match(refused(edit).message, message);
    });
  }

  describe("checkValue", () => {
    const rule = (
      format: SpecProperty["format"],
      range: SpecProperty["range"] = null,
      values: SpecProperty["values"] = null,
    ): SpecProperty => ({
      iid: 1,
      type: "urn:miot-spec-v2:property:x:00000000",
      name: "x",
      description: "X",
      format,
      access: ["read", "write"],
      unit: null,
      range,
      values,
    });
    const spec = loadSpec(LAMP);
    const brightness = findProperty(spec, 2, 2);
    assert.ok(brightness !== null);

    it("takes an integer inside the value-range and nothing else", () => {
      for (const v of [1, 50, 100]) assert.equal(checkValue(brightness, v), true, String(v));
      for (const v of [0, 101, 50.5, "50", null, undefined, true])
        assert.equal(checkValue(brightness, v), false, String(v));
    });

    it("respects the step, counted from min", () => {
      const p = rule("uint16", { min: 1, max: 100, step: 5 });
      for (const v of [1, 6, 96]) assert.equal(checkValue(p, v), true, String(v));
      for (const v of [0, 5, 10, 100, 101]) assert.equal(checkValue(p, v), false, String(v));
    });

    it("takes only listed values from a value-list", () => {
      const p = rule("uint8", null, [
        { value: 0, description: "Auto" },
        { value: 1, description: "Sleep" },
        { value: 3, description: "Favorite" },
      ]);
      for (const v of [0, 1, 3]) assert.equal(checkValue(p, v), true, String(v));
      for (const v of [2, 4, -1, 1.5]) assert.equal(checkValue(p, v), false, String(v));
    });

    it("takes a boolean for bool, not 0 or 1", () => {
      const on = findProperty(spec, 2, 1);
      assert.ok(on !== null);
      assert.equal(checkValue(on, true), true);
      assert.equal(checkValue(on, false), true);
      for (const v of [0, 1, "true", null]) assert.equal(checkValue(on, v), false, String(v));
    });

    it("keeps integers inside their format's bounds", () => {
      const bounds: [SpecProperty["format"], number, number][] = [
        ["uint8", 0, 255],
        ["uint16", 0, 65535],
        ["uint32", 0, 4294967295],
        ["int8", -128, 127],
        ["int16", -32768, 32767],
        ["int32", -2147483648, 2147483647],
      ];
      for (const [format, min, max] of bounds) {
        const p = rule(format);
        assert.equal(checkValue(p, min), true, `${format} ${min}`);
        assert.equal(checkValue(p, max), true, `${format} ${max}`);
        assert.equal(checkValue(p, min - 1), false, `${format} ${min - 1}`);
        assert.equal(checkValue(p, max + 1), false, `${format} ${max + 1}`);
      }
      assert.equal(checkValue(rule("uint32"), 7n), false, "a bigint is only for int64");
    });

    it("takes an int64 as a bigint or a number, inside 64 bits", () => {
      const p = rule("int64");
      for (const v of [2n ** 63n - 1n, -(2n ** 63n), 0n, 2 ** 53, -(2 ** 62)])
        assert.equal(checkValue(p, v), true, String(v));
      for (const v of [2n ** 63n, -(2n ** 63n) - 1n, 2 ** 63, 0.5, "1"])
        assert.equal(checkValue(p, v), false, String(v));
      const ranged = rule("int64", { min: 0, max: 1000, step: 10 });
      assert.equal(checkValue(ranged, 990n), true);
      assert.equal(checkValue(ranged, 995n), false);
      assert.equal(checkValue(ranged, 1010n), false);
    });

    it("takes a finite float inside the range, off the step grid too", () => {
      const p = rule("float", { min: -30, max: 100, step: 0.1 });
      for (const v of [-30, 21.5, 21.55, 100]) assert.equal(checkValue(p, v), true, String(v));
      for (const v of [-30.1, 100.01, Number.NaN, "21.5", 21n]) assert.equal(checkValue(p, v), false, String(v));
      assert.equal(checkValue(rule("float"), 1e300), true);
      assert.equal(checkValue(rule("float"), Number.POSITIVE_INFINITY), false);
    });

    it("takes a string for string", () => {
      const model = findProperty(spec, 1, 2);
      assert.ok(model !== null);
      assert.equal(checkValue(model, "sail.light.lamp1"), true);
      assert.equal(checkValue(model, ""), true);
      for (const v of [1, null, ["a"]]) assert.equal(checkValue(model, v), false, String(v));
    });
  });
});
