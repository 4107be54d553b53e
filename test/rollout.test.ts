// Staged rollouts of three smart-lamp updates on small simulated fleets
// (docs/rollout.md): a key rename with migration completes; a build that
// crashes on a setting 3 % of homes hold halts at the second stage, the crash
// rate named, having reached at most that stage's share; a build that never
// confirms is rolled back by the trial timeout on every device it reached.

import assert from "node:assert/strict";
import { runRollout, type RolloutReport } from "../host/fleet/rollout.js";
import { DEFAULT_MIN_DEVICES, parseRules, type RolloutPlan } from "../host/fleet/rollout-plan.js";
import { LAMP_POPULATION, rolloutLamps, type LampVariant } from "./rollout-lamps.js";

const PLAN: RolloutPlan = {
  devices: 120,
  seed: 1,
  stages: [1, 10, 50, 100],
  soakUs: 2 * 3_600_000_000,
  rules: parseRules("crash>2%,rollback>1%,unconfirmed>5%"),
  minDevices: DEFAULT_MIN_DEVICES,
  rate: 30,
  rollbackOnAbort: false,
};

async function rollout(to: LampVariant, plan: Partial<RolloutPlan> = {}): Promise<RolloutReport> {
  const lamps = await rolloutLamps();
  return runRollout({
    rollback: lamps.images.restore,
    profile: "esp32-devkitc",
    from: lamps.images.old,
    to: lamps.images[to],
    fromFile: "old.signed.wasm",
    toFile: `${to}.signed.wasm`,
    publicKeyPem: lamps.publicPem,
    plan: { ...PLAN, ...plan },
    population: LAMP_POPULATION,
    workers: 2,
  });
}

const updatedDevices = (r: RolloutReport): number =>
  r.devices.filter((d) => d.events.some((e) => e[1] === "booted")).length;

describe("sail fleet rollout: staged updates of the smart lamp", function () {
  this.timeout(600_000);

  it("a key rename with a migration completes: every reachable lamp confirms and reads its settings back", async () => {
    const r = await rollout("rename");
    assert.equal(r.outcome, "completed", r.reason ?? "");
    const last = r.stages.at(-1);
    assert.ok(last !== undefined);
    assert.equal(last.rolledBack, 0);
    assert.equal(last.crashed, 0);
    assert.equal(last.unread, 0);
    assert.equal(last.confirmed, last.updated);
    // Offline lamps (2 %) never take it; every other one does.
    const offline = r.devices.length - last.updated;
    assert.ok(last.updated >= 100 && offline <= 10, `${last.updated} updated of ${r.devices.length}`);
  });

  it("the same rename without a migration is reported: the new image never reads the old setting back", async () => {
    const r = await rollout("forgetful", { rules: parseRules("unread>5%") });
    assert.equal(r.outcome, "halted");
    assert.equal(r.haltedAt, 1);
    assert.match(r.reason ?? "", /unread 100\.0% > 5%/);
    assert.ok(r.devices.some((d) => d.events.some((e) => e[1] === "unread" && e[2] === "lamp/bright")));
  });

  it("a build that crashes on a setting 3 % hold halts at the second stage, naming the crash rate", async () => {
    const r = await rollout("crash");
    assert.equal(r.outcome, "halted");
    assert.equal(r.haltedAt, 1, r.reason ?? "");
    assert.match(r.reason ?? "", /^stage 2 \(10 %\): crash \d+\.\d% > 2%/);
    const stage2 = r.stages[1];
    assert.ok(stage2 !== undefined && stage2.crashed > 0 && stage2.rolledBack === stage2.crashed);
    assert.equal(stage2.rollbackWhy.reset, stage2.crashed);
    // At most the second stage's share of the fleet (10 % of 120) ever ran the build.
    assert.ok(updatedDevices(r) <= 12, `${updatedDevices(r)} devices took the update`);
    assert.ok(r.devices.every((d) => d.stage <= 1 || d.offerUs === null));
  });

  it("a build that never confirms is rolled back by the trial timeout wherever it went", async () => {
    const r = await rollout("unconfirmed");
    assert.equal(r.outcome, "halted");
    assert.match(r.reason ?? "", /rollback 100\.0% > 1%/);
    const took = r.devices.filter((d) => d.events.some((e) => e[1] === "booted"));
    assert.ok(took.length >= DEFAULT_MIN_DEVICES);
    for (const d of took) {
      assert.deepEqual(
        d.events.filter((e) => e[1] === "rolled-back").map((e) => e[2]),
        ["trial-timeout"],
        `device ${d.index}`,
      );
      assert.ok(!d.events.some((e) => e[1] === "confirmed"), `device ${d.index} confirmed`);
    }
  });

  it("--rollback-on-abort sends the rollback image to every lamp that took the halted update", async () => {
    const r = await rollout("forgetful", { rules: parseRules("unread>5%"), rollbackOnAbort: true });
    assert.equal(r.outcome, "halted");
    const took = r.devices.filter((d) => d.events.some((e) => e[1] === "booted"));
    assert.ok(took.length >= DEFAULT_MIN_DEVICES, `${took.length} took the update`);
    for (const d of took)
      assert.ok(
        d.events.some((e) => e[1] === "reverted"),
        `device ${d.index} was not reverted`,
      );
    assert.ok(
      r.devices.every((d) => d.events.some((e) => e[1] === "booted") || !d.events.some((e) => e[1] === "reverted")),
    );
  });
});
