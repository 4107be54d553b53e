// MIoT end to end on a switch with an action that takes an input and an
// event with a float argument: typed action inputs reach the firmware, and
// event_occured reaches a subscriber.

import assert from "node:assert/strict";
import { readFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Board } from "../host/board/board.js";
import { withSpec } from "../host/flash/manifest.js";
import { MiioClient } from "../host/miot/client.js";
import { generateBindings } from "../host/miot/spec-gen.js";
import { loadSpec } from "../host/miot/spec.js";
import { VirtualLan, virtualTimers } from "../host/miot/virtual-lan.js";
import { ROOT } from "./support/firmware.js";
import { compileSnippet } from "./support/snippets.js";

const SPEC = join(ROOT, "test/fixtures/switch/spec.json");

const FIRMWARE = [
  `import { MiotCode, Timer, log, miot } from "../../assembly/sail";`,
  `import { switch_ } from "./switch-bindings";`,
  `export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./switch-bindings";`,
  "export function sail_setup(): void {",
  "  switch_.temperature = 21.5;",
  "  switch_.onTurnOnLater = later;",
  "  switch_.onMeasure = measure;",
  "  Timer.after(3000, overheat);",
  "}",
  'function later(delay: u16): i32 { log.info("turn on in " + delay.toString() + " s"); return MiotCode.OK; }',
  "function measure(): i32 { miot.replyBool(switch_.on); " +
    "miot.replyFloat(<f64>switch_.temperature); return MiotCode.OK; }",
  "function overheat(): void { switch_.temperature = 81.5; switch_.raiseOverheat(switch_.temperature); }",
  "",
].join("\n");

describe("MIoT actions with inputs and events", () => {
  let image: Uint8Array;
  before(async () => {
    const dir = join(ROOT, "build", "test-snippets");
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, "switch-bindings.ts"),
      generateBindings(loadSpec(SPEC), "../../assembly/sail", "spec.json"),
    );
    const wasm = await compileSnippet("switch-events", FIRMWARE, ["--runtime", "minimal", "--exportRuntime"]);
    image = withSpec(wasm, JSON.parse(await readFile(SPEC, "utf8")));
  });

  async function device(): Promise<{ board: Board; phone: MiioClient; settle: <T>(p: Promise<T>) => Promise<T> }> {
    const board = Board.load("esp32-devkitc", { seed: 8 });
    await board.flash(image, "switch.wasm");
    await board.runUntil(() => board.online, "5 s", "the radio to connect");
    const lan = new VirtualLan(board.clock);
    board.miot?.attach(lan, "10.0.0.3:54321");
    const phone = new MiioClient(lan.endpoint("10.0.0.9:50000"), virtualTimers(board.clock), {
      address: "10.0.0.3:54321",
      token: board.identity.token,
    });
    return {
      board,
      phone,
      settle: async (p) => {
        await board.advance("20ms");
        return p;
      },
    };
  }

  it("an action's typed input reaches the firmware; a wrong input is refused with -4006", async () => {
    const { board, phone, settle } = await device();
    assert.deepEqual(await settle(phone.action(2, 1, [30])), { code: 0, out: [] });
    assert.ok(board.logs.some((l) => l.source === "app" && l.text === "turn on in 30 s"));
    assert.equal((await settle(phone.action(2, 1, [4000]))).code, -4006);
    assert.equal((await settle(phone.action(2, 1, []))).code, -4006);
  });

  it("a float property reads back as written by the firmware", async () => {
    const { phone, settle } = await device();
    assert.equal((await settle(phone.getProperties([{ siid: 2, piid: 3 }])))[0]?.value, 21.5);
  });

  it("an action's outputs come back as JSON values of their properties' formats", async () => {
    const { phone, settle } = await device();
    assert.deepEqual(await settle(phone.action(2, 2, [])), { code: 0, out: [false, 21.5] });
  });

  it(
    "an event raised by the firmware reaches a subscriber as " +
      "event_occured with its arguments, after reads and actions too",
    async () => {
      const { board, phone, settle } = await device();
      const pushes: { method: string; params: unknown }[] = [];
      phone.onPush((method, params) => pushes.push({ method, params }));
      await settle(phone.call("miIO.sub", { version: "2.0", did: "phone", update_ts: 0, sub_method: "." }));
      await settle(phone.getProperties([{ siid: 2, piid: 3 }]));
      await settle(phone.action(2, 2, []));
      await board.advance("2s");
      assert.deepEqual(pushes, [
        {
          method: "event_occured",
          params: { did: String(board.identity.did), siid: 2, eiid: 1, arguments: [{ piid: 3, value: 81.5 }] },
        },
      ]);
    },
  );
});
