// The JSON Schemas in schemas/ (docs/schemas.md) agree with the loaders: every
// shipped document validates, a broken one is refused by both (the loader
// naming the file and the field), and every "$schema" points at the schema.

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { loadBoardProfile } from "../host/boards/profile.js";
import { readProjectManifest } from "../host/build/build.js";
import { ProfileError, SailError } from "../host/errors.js";
import { PACKAGE_ROOT } from "../host/paths.js";
import { loadScenario } from "../host/scenario/scenario.js";
import { loadDevSetup } from "../host/dev/setup.js";

type Doc = Record<string, unknown>;
type Edit = (d: Doc) => void;

const SCHEMAS = join(PACKAGE_ROOT, "schemas");
const ajv = new Ajv2020.default({ strict: true, strictRequired: false, allErrors: true });
const validators = {
  board: ajv.compile(readJson(join(SCHEMAS, "board-profile.schema.json"))),
  sail: ajv.compile(readJson(join(SCHEMAS, "sail.schema.json"))),
  scenario: ajv.compile(readJson(join(SCHEMAS, "scenario.schema.json"))),
  dev: ajv.compile(readJson(join(SCHEMAS, "dev.schema.json"))),
};
const SCHEMA_FILE = {
  board: "board-profile.schema.json",
  sail: "sail.schema.json",
  scenario: "scenario.schema.json",
  dev: "dev.schema.json",
};
type Kind = keyof typeof validators;

function readJson(file: string): Doc {
  return JSON.parse(readFileSync(file, "utf8")) as Doc;
}

/** The .json files in `folder`, or with `name`, every `folder`/<dir>/`name` there is. */
function shipped(folder: string, name: string | null): string[] {
  const dir = join(PACKAGE_ROOT, folder);
  if (name === null)
    return readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => join(dir, f));
  return readdirSync(dir)
    .map((d) => join(dir, d, name))
    .filter((f) => existsSync(f));
}

const DOCUMENTS: Record<Kind, string[]> = {
  board: shipped("boards", null),
  sail: [
    ...shipped("examples", "sail.json"),
    ...shipped("bench/firmware", "sail.json"),
    ...shipped("test/fixtures", "sail.json"),
    join(PACKAGE_ROOT, "templates", "project", "sail.json"),
  ],
  scenario: shipped("examples", "scenario.json"),
  dev: shipped("examples", "dev.json"),
};

function schemaErrors(kind: Kind, doc: unknown): string {
  const validate = validators[kind];
  return validate(doc) ? "" : ajv.errorsText(validate.errors);
}

const dir = mkdtempSync(join(tmpdir(), "sail-schemas-"));

/** The loader's refusal of `doc`, or null when it accepts it. */
async function loaderError(kind: Kind, doc: unknown): Promise<SailError | null> {
  const text = JSON.stringify(doc);
  try {
    if (kind === "board") {
      writeFileSync(join(dir, "board.json"), text);
      loadBoardProfile(join(dir, "board.json"));
    } else if (kind === "sail") {
      await mkdir(join(dir, "project"), { recursive: true });
      await writeFile(join(dir, "project", "sail.json"), text);
      await readProjectManifest(join(dir, "project"));
    } else if (kind === "dev") {
      await mkdir(join(dir, "dev-project"), { recursive: true });
      await writeFile(join(dir, "dev-project", "dev.json"), text);
      await loadDevSetup(join(dir, "dev-project"));
    } else {
      await writeFile(join(dir, "scenario.json"), text);
      await loadScenario(join(dir, "scenario.json"));
    }
  } catch (e) {
    assert.ok(e instanceof SailError, String(e));
    if (kind === "board") assert.ok(e instanceof ProfileError, String(e));
    return e;
  }
  return null;
}

const FILE_OF: Record<Kind, string> = {
  board: "board.json",
  sail: "sail.json",
  scenario: "scenario.json",
  dev: "dev.json",
};

function edited(base: Doc, edit: Edit): Doc {
  const d = structuredClone(base);
  edit(d);
  return d;
}

/** `o` at a path of keys and indexes, e.g. at(d, "flash", "partitions", 0). */
function at(o: unknown, ...path: (string | number)[]): Doc {
  return path.reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], o) as Doc;
}

/** Both refuse `doc`; the loader's message names the file, then matches `field`. */
async function bothRefuse(kind: Kind, doc: unknown, field: RegExp): Promise<void> {
  assert.notEqual(schemaErrors(kind, doc), "", `the ${kind} schema accepted ${JSON.stringify(doc).slice(0, 200)}`);
  const e = await loaderError(kind, doc);
  assert.ok(e !== null, `the ${kind} loader accepted it`);
  assert.match(e.message, new RegExp(`${FILE_OF[kind].replace(".", "\\.")}: `), e.message);
  assert.match(e.message, field);
}

async function bothAccept(kind: Kind, doc: unknown): Promise<void> {
  assert.equal(schemaErrors(kind, doc), "");
  const e = await loaderError(kind, doc);
  assert.equal(e, null, e?.message);
}

const BOARD = readJson(join(PACKAGE_ROOT, "boards", "esp32-devkitc.json"));
const SAIL = readJson(join(PACKAGE_ROOT, "examples", "smart-lamp", "sail.json"));
const SCENARIO = readJson(join(PACKAGE_ROOT, "examples", "smart-lamp", "scenario.json"));
const DEV = {
  ...readJson(join(PACKAGE_ROOT, "examples", "smart-lamp", "dev.json")),
  parts: [{ part: "sht3x", i2c: 0 }],
};
const partitions = (d: Doc): Doc[] => at(d, "flash", "partitions") as unknown as Doc[];

describe("JSON Schemas", () => {
  it("ships every shipped document valid against its schema, and the loaders take them", async () => {
    for (const [kind, files] of Object.entries(DOCUMENTS) as [Kind, string[]][]) {
      assert.ok(files.length > 0, kind);
      for (const file of files) {
        assert.equal(schemaErrors(kind, readJson(file)), "", file);
        if (!file.includes("templates")) assert.equal((await loaderError(kind, readJson(file)))?.message, undefined);
      }
    }
    assert.deepEqual(
      DOCUMENTS.board.map((f) => readJson(f)["id"]),
      ["esp32-c3-devkitm", "esp32-devkitc"],
    );
  });

  it('points every "$schema" at the schema file, also from a project that depends on sail-sdk', () => {
    const pkg = readJson(join(PACKAGE_ROOT, "package.json"));
    assert.ok((pkg["files"] as string[]).includes("schemas"), "package.json files ships schemas/");
    for (const [kind, files] of Object.entries(DOCUMENTS) as [Kind, string[]][]) {
      for (const file of files) {
        const ref = readJson(file)["$schema"];
        assert.equal(typeof ref, "string", `${file} has a "$schema"`);
        const installed = "./node_modules/sail-sdk/";
        const target = file.includes("templates")
          ? join(PACKAGE_ROOT, (ref as string).slice(installed.length))
          : resolve(dirname(file), ref as string);
        if (file.includes("templates")) assert.ok((ref as string).startsWith(installed), `${file}: ${String(ref)}`);
        assert.equal(target, join(SCHEMAS, SCHEMA_FILE[kind]), file);
        assert.ok(existsSync(target), target);
      }
    }
  });

  it("gives every property a description", () => {
    const CONDITIONS = ["if", "then", "else", "contains"];
    const missing: string[] = [];
    const walk = (s: unknown, path: string): void => {
      if (typeof s !== "object" || s === null) return;
      const props = (s as Doc)["properties"] as Record<string, Doc> | undefined;
      for (const [k, p] of Object.entries(props ?? {})) {
        if (p["description"] === undefined && p["$ref"] === undefined) missing.push(`${path}.${k}`);
      }
      // Conditions (if/then, contains) restate documented properties.
      for (const [k, v] of Object.entries(s)) if (!CONDITIONS.includes(k)) walk(v, `${path}/${k}`);
    };
    for (const name of Object.values(SCHEMA_FILE)) walk(readJson(join(SCHEMAS, name)), name);
    assert.deepEqual(missing, []);
  });

  describe("board profile: the schema and the loader refuse the same mistakes", () => {
    const cases: [string, Edit, RegExp][] = [
      ["a wrong type", (d) => (at(d, "chip")["cpuMhz"] = "240"), /\.chip\.cpuMhz: must be an integer from 1 to 1000/],
      [
        "an unknown key (a typo)",
        (d) => (at(d, "chip")["cpuMHz"] = 240),
        /\.chip\.cpuMHz: is not a field here; allowed/,
      ],
      ["an unknown top-level key", (d) => (d["button"] = []), /: \.button: is not a field here; allowed: \$schema, id/],
      ["an unknown pin key", (d) => (at(d, "pins", 3)["notes"] = "x"), /\.pins\[3\]\.notes: is not a field here/],
      ["a missing field", (d) => delete at(d, "watchdog")["rebootMs"], /\.watchdog\.rebootMs: .* got undefined/],
      ["a missing section", (d) => delete d["power"], /\.power: must be an object/],
      [
        "an out-of-range value",
        (d) => (at(d, "ledc")["maxBits"] = 21),
        /\.ledc\.maxBits: must be an integer from 1 to 20/,
      ],
      ["a console port below -1", (d) => (at(d, "uart")["console"] = -2), /\.uart\.console: must be an integer/],
      ["a bad enum", (d) => (at(d, "sleep")["pinWakeCause"] = "EXT0"), /\.sleep\.pinWakeCause: must be "EXT1"/],
      ["a pin io that is not inout/input", (d) => (at(d, "pins", 0)["io"] = "output"), /\.pins\[0\]\.io: must be/],
      ["a strap level of 2", (d) => (at(d, "pins", 0)["strap"] = 2), /\.pins\[0\]\.strap: must be 0 or 1/],
      [
        "an unknown wasm feature",
        (d) => (at(d, "interpreter", "features") as unknown as string[]).push("simd128"),
        /\.interpreter\.features\[\d+\]: "simd128" is not a wasm feature/,
      ],
      ["an id with capitals", (d) => (d["id"] = "ESP32"), /\.id: "ESP32" must be lower-case/],
      ["an empty name", (d) => (d["name"] = ""), /\.name: must be a non-empty string/],
      [
        "three ADC ranges",
        (d) => (at(d, "adc", "rangeMv") as unknown as unknown[]).pop(),
        /\.adc\.rangeMv: must give 4/,
      ],
      ["no pins", (d) => (d["pins"] = []), /\.pins: must list at least one pin/],
      ["a note that is not text", (d) => (at(d, "chip")["note"] = 5), /\.chip\.note: must be a non-empty string/],
      ["a $schema that is not a string", (d) => (d["$schema"] = 5), /\.\$schema: must be the path or URL/],
      [
        "an app slot off 64 KiB",
        (d) => (at(d, "flash", "partitions", 3)["offset"] = 0x11000),
        /partitions\[3\]\.offset: 0x11000 must/,
      ],
      [
        "a size off the sector",
        (d) => (at(d, "flash", "partitions", 2)["size"] = 5000),
        /partitions\[2\]\.size: .* 4 KiB sector/,
      ],
      [
        "a small nvs",
        (d) => (at(d, "flash", "partitions", 0)["size"] = 0x2000),
        /the nvs partition nvs must be at least 0x3000/,
      ],
      [
        "a large otadata",
        (d) => (at(d, "flash", "partitions", 1)["size"] = 0x1000),
        /the otadata partition otadata must be 0x2000/,
      ],
      ["no second app slot", (d) => partitions(d).splice(4, 1), /needs exactly one app\/ota_1 partition .*, found 0/],
      [
        "an unknown subtype",
        (d) => (at(d, "flash", "partitions", 6)["subtype"] = "sail"),
        /partitions\[6\]\.subtype: "sail" is not a subtype of data partitions; allowed: .*sail_image/,
      ],
      [
        "a partition over the partition table",
        (d) => (at(d, "flash", "partitions", 0)["offset"] = 0x8000),
        /partitions\[0\]\.offset: 0x8000 is below 0x9000/,
      ],
      [
        "a name of 17 bytes",
        (d) => (at(d, "flash", "partitions", 2)["name"] = "phy_init_01234567"),
        /partitions\[2\]\.name: "phy_init_01234567" must be 1 to 16/,
      ],
      [
        "a large sail_otadata",
        (d) => (at(d, "flash", "partitions", 5)["size"] = 0x1000),
        /the sail_otadata partition sail_otadata must be 0x2000/,
      ],
      [
        "two nvs",
        (d) => (at(d, "flash", "partitions", 2)["subtype"] = "nvs"),
        /needs exactly one data\/nvs partition .*, found 2/,
      ],
    ];
    for (const [what, edit, field] of cases) {
      it(`refuses ${what}`, async () => bothRefuse("board", edited(BOARD, edit), field));
    }

    it('takes a "note" on any object', async () => {
      await bothAccept(
        "board",
        edited(BOARD, (d) => {
          at(d, "chip")["note"] = "a note";
          at(d, "pins", 0, "adc")["note"] = "a note";
          at(d, "flash", "timing")["note"] = "a note";
          d["note"] = "a note";
        }),
      );
    });

    // Rules across fields, which JSON Schema cannot state: the loader alone refuses these.
    const loaderOnly: [string, Edit, RegExp][] = [
      ["a GPIO listed twice", (d) => (at(d, "pins", 1)["gpio"] = 0), /\.pins\[1\]\.gpio: GPIO 0 is listed twice/],
      ["an LED on a pin not listed", (d) => (at(d, "led")["gpio"] = 63), /\.led\.gpio: GPIO 63 is not in \.pins/],
      ["a wake pin not listed", (d) => (at(d, "sleep", "wakePins") as unknown as number[]).push(63), /wakePins\[16\]/],
      ["a console past the ports", (d) => (at(d, "uart")["console"] = 3), /\.uart\.console: port 3 is not one of/],
      ["an ADC range low above high", (d) => (at(d, "adc", "rangeMv", 0)[0] = 2000), /\.adc\.rangeMv\[0\]: must be/],
      ["more app RAM than SRAM", (d) => (at(d, "app")["ramBytes"] = 1 << 24), /\.app\.ramBytes: must be an integer/],
      [
        "a partition past the flash",
        (d) => (at(d, "flash", "partitions", 4)["offset"] = 0x300000),
        /ends at 0x440000, past/,
      ],
      [
        "overlapping partitions",
        (d) => (at(d, "flash", "partitions", 4)["offset"] = 0x100000),
        /ota_0 and ota_1 overlap/,
      ],
      [
        "a Sail slot missing",
        (d) => (at(d, "flash", "partitions", 7)["subtype"] = "undefined"),
        /needs exactly two data\/sail_image partitions named sail_0 and sail_1 .*, found sail_0/,
      ],
      [
        "Sail slots of two sizes",
        (d) => (at(d, "flash", "partitions", 7)["size"] = 0x90000),
        /sail_0 and sail_1 must be the same size/,
      ],
    ];
    for (const [what, edit, field] of loaderOnly) {
      it(`leaves ${what} to the loader`, async () => {
        const doc = edited(BOARD, edit);
        assert.equal(schemaErrors("board", doc), "");
        assert.match((await loaderError("board", doc))?.message ?? "accepted", field);
      });
    }
  });

  describe("sail.json: the schema and the loader refuse the same mistakes", () => {
    const cases: [string, Edit, RegExp][] = [
      ["a wrong type", (d) => (d["boards"] = "esp32-devkitc"), /: boards: must be an array of board ids/],
      ["a board that is not a string", (d) => (d["boards"] = [1]), /: boards: must be an array of board ids/],
      ["a spec that is not a path", (d) => (d["spec"] = 5), /: spec: must be the path of the MIoT spec JSON/],
      ["an unknown key (a typo)", (d) => (d["board"] = ["esp32-devkitc"]), /: board: is not a sail\.json field/],
      [
        "a manifest-only field",
        (d) => (d["abi"] = "1.0"),
        /: abi: is not a sail\.json field .*allowed: \$schema, name/,
      ],
      ["a missing model", (d) => delete d["model"], /: model: must be a non-empty string, got undefined/],
      ["an empty name", (d) => (d["name"] = ""), /: name: must be a non-empty string/],
      ["a version that is not semver", (d) => (d["version"] = "1.0"), /: version: "1\.0" is not a semantic version/],
      ["a $schema that is not a string", (d) => (d["$schema"] = true), /: \$schema: must be the path or URL/],
    ];
    for (const [what, edit, field] of cases) {
      it(`refuses ${what}`, async () => bothRefuse("sail", edited(SAIL, edit), field));
    }

    it("takes a pre-release version, no boards and no spec", async () => {
      await bothAccept("sail", { name: "x", version: "1.2.3-rc.1+b5", model: "a.b.c" });
    });
  });

  describe("scenario: the schema and the loader refuse the same mistakes", () => {
    const first = (d: Doc): Doc => at(d, "steps", 0);
    const cases: [string, Edit, RegExp][] = [
      ["steps that are not an array", (d) => (d["steps"] = {}), /: \(root\): must be \{"steps": \[\.\.\.\]\}/],
      ["no steps", (d) => delete d["steps"], /: \(root\): must be \{"steps"/],
      [
        "an unknown top-level key",
        (d) => (d["step"] = []),
        /: step: is not a scenario field .*allowed: \$schema, steps/,
      ],
      ["a step that is not an object", (d) => (d["steps"] = [5]), /: steps\[0\]: must be an object/],
      ["a step without a time", (d) => delete first(d)["at"], /: steps\[0\]\.at: must be a duration such as "1\.5s"/],
      ["a time that is not a duration", (d) => (first(d)["at"] = "soon"), /steps\[0\]\.at: duration "soon" is not/],
      ["a negative time", (d) => (first(d)["at"] = -5), /steps\[0\]\.at: duration -5 must be a non-negative/],
      ["an unknown step key (a typo)", (d) => (first(d)["pres"] = "boot"), /steps\[0\]\.pres: is not a step field/],
      [
        "two inputs in one step",
        (d) => (first(d)["press"] = "boot"),
        /steps\[0\]: needs exactly one of press, release/,
      ],
      ["no input", (d) => delete first(d)["miot"], /steps\[0\]: needs exactly one of/],
      ["a button that is not a name", (d) => (d["steps"] = [{ at: 0, press: 5 }]), /steps\[0\]\.press: 5 is not/],
      ["a level of 2", (d) => (at(d, "steps", 3, "drive")["level"] = 2), /steps\[3\]\.drive: .* is not \{"gpio"/],
      ["a drive with more keys", (d) => (at(d, "steps", 3, "drive")["pull"] = 1), /steps\[3\]\.drive: .* is not/],
      ["a negative GPIO", (d) => (at(d, "steps", 4)["float"] = -1), /steps\[4\]\.float: -1 is not a GPIO number/],
      ["negative millivolts", (d) => (d["steps"] = [{ at: 0, voltage: { gpio: 34, mv: -1 } }]), /voltage: .* is not/],
      ["two MIoT requests", (d) => (first(d)["miot"] = { get: [2, 1], set: [2, 1, 1] }), /steps\[0\]\.miot: .* is not/],
      ["a get with three ids", (d) => (at(d, "steps", 2, "miot")["get"] = [2, 2, 2]), /steps\[2\]\.miot: .* is not/],
      ["a set without a value", (d) => (first(d)["miot"] = { set: [2, 1] }), /steps\[0\]\.miot: .* is not/],
      ["action inputs not a list", (d) => (at(d, "steps", 5, "miot")["action"] = [2, 1, 5]), /steps\[5\]\.miot:/],
      ["a $schema that is not a string", (d) => (d["$schema"] = 1), /: \$schema: must be the path or URL/],
    ];
    for (const [what, edit, field] of cases) {
      it(`refuses ${what}`, async () => bothRefuse("scenario", edited(SCENARIO, edit), field));
    }

    it("reads durations as the loader does", async () => {
      const ok = ["1s", "1.5s", " 2 ms ", "10 min", "1H", "3d", "50us", "50µs", "50µS", "1sec", "2m", "1.5SEC", 0, 2.5];
      const bad = ["1", "s", "1.s", ".5s", "1ks", "-1s", "1 s s", "1μs", "1Μs", "1e3ms", "1,5s", "", "1 ms!"];
      for (const at of ok) await bothAccept("scenario", { steps: [{ at, float: 4 }] });
      for (const at of bad) await bothRefuse("scenario", { steps: [{ at, float: 4 }] }, /steps\[0\]\.at: /);
    });
  });
  describe("dev.json: the schema and the loader refuse the same mistakes", () => {
    const cases: [string, Edit, RegExp][] = [
      ["an unknown top-level key", (d) => (d["button"] = []), /: button: is not a dev\.json field .*allowed: \$schema/],
      ["buttons that are not a list", (d) => (d["buttons"] = {}), /: buttons: must be a list/],
      ["a button without a name", (d) => delete at(d, "buttons", 0)["name"], /buttons\[0\]\.name: give the button/],
      ["a GPIO above 63", (d) => (at(d, "buttons", 0)["gpio"] = 64), /buttons\[0\]\.gpio: 64 is not a GPIO number/],
      ["an activeLow of 1", (d) => (at(d, "buttons", 0)["activeLow"] = 1), /buttons\[0\]\.activeLow: 1 is not true/],
      ["a colour by name", (d) => (at(d, "leds", 0)["color"] = "orange"), /leds\[0\]\.color: "orange" is not a colour/],
      ["an LED name that is a number", (d) => (at(d, "leds", 1)["name"] = 2), /leds\[1\]\.name: must be a label/],
      ["an unknown LED key (a typo)", (d) => (at(d, "leds", 0)["colour"] = "#ffffff"), /leds\[0\]\.colour: is not a/],
      ["an unknown part", (d) => (at(d, "parts", 0)["part"] = "bme280"), /parts\[0\]\.part: "bme280" is not one of/],
      ["an I2C part on a UART", (d) => (d["parts"] = [{ part: "sht3x", uart: 1 }]), /parts\[0\]\.i2c: give the I2C/],
      ["a part on both buses", (d) => (at(d, "parts", 0)["uart"] = 1), /parts\[0\]\.uart: a sht3x is wired to I2C/],
      ["an unknown load", (d) => (at(d, "loads", 0)["kind"] = "fan"), /loads\[0\]\.kind: "fan" is not one of heater/],
      ["a load on no GPIO", (d) => (at(d, "loads", 0)["gpio"] = []), /loads\[0\]\.gpio: give at least one GPIO/],
      ["a $schema that is not a string", (d) => (d["$schema"] = 1), /: \$schema: must be the path or URL/],
    ];
    for (const [what, edit, field] of cases) {
      it(`refuses ${what}`, async () => bothRefuse("dev", edited(DEV, edit), field));
    }

    it("takes an empty file and the defaults", async () => {
      await bothAccept("dev", {});
      await bothAccept("dev", {
        leds: [{ gpio: 2 }],
        loads: [{ kind: "heater", gpio: 26 }],
        buttons: [{ name: "a", gpio: 0 }],
      });
    });
  });
});
