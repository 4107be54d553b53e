// What a partner met building a metering plug (issue 15, item 4): a kWh
// counter that must not lose digits, events a test waits for, the power-on
// reset counted, the firmware's own version, and the board naming the
// sail_event export to use when the SDK's is exported instead (sail build
// refuses such a project; an image built otherwise is told at its first request).

import assert from "node:assert/strict";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildProject } from "../host/build/build.js";
import { BuildError } from "../host/errors.js";
import { withSpec } from "../host/flash/manifest.js";
import { generateBindings } from "../host/miot/spec-gen.js";
import { loadSpec } from "../host/miot/spec.js";
import { flash, MiotCodeError, type TestBoard } from "../host/testing/index.js";
import { ROOT } from "./support/firmware.js";
import { compileSnippet } from "./support/snippets.js";

const SPEC = join(ROOT, "test/fixtures/specs/meter-plug.json");
const PROJECT = join(ROOT, "build", "partner-test", "meter");

const FIRMWARE = [
  `import { Timer, log, manifest } from "../../../../assembly/sail";`,
  `import { powerConsumption } from "./spec";`,
  `export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./spec";`,
  "export function sail_setup(): void {",
  `  log.info("meter " + manifest.version() + " (" + manifest.name() + ", " + manifest.model() + ")");`,
  "  powerConsumption.setPowerConsumption(123456.789);",
  "  Timer.after(5000, overPower); // after the radio is up and the test has subscribed",
  "}",
  "function overPower(): void {",
  "  powerConsumption.electricPower = 3999.9;",
  "  powerConsumption.raiseOverPower(powerConsumption.electricPower, powerConsumption.powerConsumption);",
  "}",
  "",
].join("\n");

/** A partner project: sail.json with a version, the spec, its bindings and the firmware above. */
async function meterProject(): Promise<string> {
  await mkdir(join(PROJECT, "assembly"), { recursive: true });
  await cp(join(ROOT, "test/fixtures/stack/asconfig.json"), join(PROJECT, "asconfig.json"));
  await cp(SPEC, join(PROJECT, "spec.json"));
  await writeFile(
    join(PROJECT, "sail.json"),
    JSON.stringify({
      name: "meter",
      version: "2.3.4",
      model: "sail.plug.meter1",
      boards: ["esp32-devkitc"],
      spec: "spec.json",
    }),
  );
  await writeFile(
    join(PROJECT, "assembly", "spec.ts"),
    generateBindings(loadSpec(SPEC), "../../../../assembly/sail", "spec.json"),
  );
  await writeFile(join(PROJECT, "assembly", "index.ts"), FIRMWARE);
  return PROJECT;
}

describe("a metering plug, as a partner builds it", function () {
  this.timeout(120_000);
  let project: string;
  let board: TestBoard;
  before(async () => {
    // Another project built first in this process must not lend it its sail.json (asc keeps --lib files).
    await buildProject(join(ROOT, "examples", "blink"));
    project = await meterProject();
  });
  beforeEach(async () => {
    board = await flash(project);
  });

  it("the firmware reads its own name, version and model from sail.json (manifest.version())", () => {
    assert.equal(
      board.logsMatching("meter 2.3.4 (meter, sail.plug.meter1)").length,
      1,
      board.logs.map((l) => l.text).join("\n"),
    );
  });

  it("a float property is an f64 end to end: 123456.789 kWh reads back whole", async () => {
    assert.equal(await board.miot().get("3.1"), 123456.789);
  });

  it("waitForEvent resolves with the event's decoded arguments; events() lists the events seen", async () => {
    const phone = board.miot();
    await phone.subscribe();
    const event = await phone.waitForEvent(3, 1, "10s");
    assert.deepEqual(event.values, [3999.9, 123456.789]);
    assert.deepEqual(event.arguments, [
      { piid: 2, value: 3999.9 },
      { piid: 1, value: 123456.789 },
    ]);
    assert.deepEqual(
      phone.events().map((e) => [e.siid, e.eiid, e.values]),
      [[3, 1, [3999.9, 123456.789]]],
    );
    await assert.rejects(phone.waitForEvent("3.1", "200ms"), /an event_occured push for event 3\.1 did not happen/);
  });

  it("board.resets counts the power-on reset, as the boot log does, and each powerOn()", async () => {
    assert.deepEqual(
      board.resets.map((r) => [r.timeUs, r.reason]),
      [[0, "POWERON"]],
    );
    assert.equal(board.resetReason, "POWERON");
    await board.advance("100ms");
    await board.powerOn();
    assert.deepEqual(
      board.resets.map((r) => r.reason),
      ["POWERON", "POWERON"],
    );
  });
});

describe("a firmware that exports the SDK's sail_event next to a spec", () => {
  it("is refused by sail build, naming sail.json and the export to use", async function () {
    this.timeout(120_000);
    const dir = join(ROOT, "build", "partner-test", "meter-sdk");
    await mkdir(join(dir, "assembly"), { recursive: true });
    const meter = await meterProject();
    for (const f of ["asconfig.json", "sail.json", "spec.json", "assembly/spec.ts"])
      await cp(join(meter, f), join(dir, f));
    await writeFile(
      join(dir, "assembly", "index.ts"),
      FIRMWARE.replace(
        `export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./spec";`,
        `export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "../../../../assembly/sail";`,
      ),
    );
    await assert.rejects(buildProject(dir), (e: unknown) => {
      assert.ok(e instanceof BuildError);
      assert.match(
        e.message,
        new RegExp(
          String.raw`meter-sdk/sail\.json: spec: the firmware exports the SDK's sail_event, .* -4004 .* ` +
            String.raw`export \{ sail_event, sail_abi_version, sail_buffer, sail_buffer_size \} from "\./spec"`,
        ),
      );
      return true;
    });
    await buildProject(meter); // the same firmware exporting the bindings' sail_event builds
  });

  it("gets -4004 for MIoT requests, and the board says once which export to use", async function () {
    this.timeout(120_000);
    const dir = join(ROOT, "build", "test-snippets");
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, "meter-bindings.ts"),
      generateBindings(loadSpec(SPEC), "../../assembly/sail", "spec.json"),
    );
    const wasm = await compileSnippet(
      "meter-sdk-event",
      [
        `import { powerConsumption } from "./meter-bindings";`,
        `export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "../../assembly/sail";`,
        "export function sail_setup(): void { powerConsumption.powerConsumption = 1.5; }",
        "",
      ].join("\n"),
    );
    const board = await flash(withSpec(wasm, JSON.parse(await readFile(SPEC, "utf8"))));
    const phone = board.miot();
    for (const iid of ["3.1", "2.1"] as const) {
      await assert.rejects(phone.get(iid), (e) => e instanceof MiotCodeError && e.code === -4004);
    }
    const told = board.logsMatching("Export the one the spec's bindings define");
    assert.equal(told.length, 1, "said once per image");
    assert.match(
      told[0]?.text ?? "",
      new RegExp(
        String.raw`MIoT MIOT_GET 3\.1: the firmware's sail_event answered ERR_NOT_FOUND, .* export \{ sail_event, ` +
          String.raw`sail_abi_version, sail_buffer, sail_buffer_size \} from "\./spec"`,
      ),
    );
    assert.equal(told[0]?.level, "W");
  });
});
