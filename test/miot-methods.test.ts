// MIoT methods: each item is checked against the spec and answered with its
// per-item code before the device is asked.

import assert from "node:assert/strict";
import { join } from "node:path";
import { miotMethods, type MiotDevice } from "../host/miot/methods.js";
import { loadSpec } from "../host/miot/spec.js";
import { ROOT } from "./support/firmware.js";

const spec = loadSpec(join(ROOT, "examples/smart-lamp/spec.json"));

function lamp(): { device: MiotDevice; calls: string[]; state: Map<string, unknown> } {
  const calls: string[] = [];
  const state = new Map<string, unknown>([
    ["2.1", false],
    ["2.2", 50],
    ["2.3", 4000],
    ["1.2", "sail.light.lamp1"],
  ]);
  const device: MiotDevice = {
    info: () => ({ model: "sail.light.lamp1", fw_ver: "1.0.0" }),
    get: (s, p) => {
      calls.push(`get ${s}.${p}`);
      return state.has(`${s}.${p}`) ? { code: 0, value: state.get(`${s}.${p}`) } : { code: -4004 };
    },
    set: (s, p, v) => {
      calls.push(`set ${s}.${p}=${String(v)}`);
      state.set(`${s}.${p}`, v);
      return 0;
    },
    action: (s, a) => {
      calls.push(`action ${s}.${a}`);
      return { code: 0, out: [] };
    },
  };
  return { device, calls, state };
}

describe("MIoT methods", () => {
  it("get_properties answers each item in order, echoing did, with value only when code is 0", () => {
    const { device } = lamp();
    const handle = miotMethods(spec, device);
    const r = handle(
      "get_properties",
      [
        { did: "x", siid: 2, piid: 2 },
        { did: "y", siid: 2, piid: 9 },
        { did: "z", siid: 1, piid: 3 },
      ],
      "a",
    );
    assert.deepEqual(r, {
      result: [
        { did: "x", siid: 2, piid: 2, code: 0, value: 50 },
        { did: "y", siid: 2, piid: 9, code: -4003 },
        { did: "z", siid: 1, piid: 3, code: -4004 },
      ],
    });
  });

  it("set_properties refuses read-only and out-of-range values without calling the device", () => {
    const { device, calls } = lamp();
    const handle = miotMethods(spec, device);
    const r = handle(
      "set_properties",
      [
        { did: "d", siid: 1, piid: 2, value: "hack" },
        { did: "d", siid: 2, piid: 2, value: 101 },
        { did: "d", siid: 2, piid: 3, value: "warm" },
        { did: "d", siid: 2, piid: 1, value: true },
      ],
      "a",
    );
    assert.deepEqual(r, {
      result: [
        { did: "d", siid: 1, piid: 2, code: -4002 },
        { did: "d", siid: 2, piid: 2, code: -4005 },
        { did: "d", siid: 2, piid: 3, code: -4005 },
        { did: "d", siid: 2, piid: 1, code: 0 },
      ],
    });
    assert.deepEqual(calls, ["set 2.1=true"]);
  });

  it("action checks the action exists and its `in` arity", () => {
    const { device, calls } = lamp();
    const handle = miotMethods(spec, device);
    assert.deepEqual(handle("action", { did: "d", siid: 2, aiid: 1, in: [] }, "a"), { result: { code: 0, out: [] } });
    assert.deepEqual(handle("action", { did: "d", siid: 2, aiid: 1, in: [1] }, "a"), {
      result: { code: -4006, out: [] },
    });
    assert.deepEqual(handle("action", { did: "d", siid: 2, aiid: 7 }, "a"), { result: { code: -4003, out: [] } });
    assert.deepEqual(calls, ["action 2.1"]);
  });

  it("miIO.info comes from the device; params are ignored", () => {
    const { device } = lamp();
    assert.deepEqual(miotMethods(spec, device)("miIO.info", { timeout: 5000 }, "a"), {
      result: { model: "sail.light.lamp1", fw_ver: "1.0.0" },
    });
  });

  it("malformed params get -5005, unknown methods null (the session answers -32601)", () => {
    const { device } = lamp();
    const handle = miotMethods(spec, device);
    assert.equal((handle("get_properties", { siid: 2 }, "a") as { error: { code: number } }).error.code, -5005);
    assert.equal(handle("get_prop", [], "a"), null);
  });
});
