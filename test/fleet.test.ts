// A fleet of boards sharded over worker threads: the same boards give the
// same results on any thread, each seed gives its own inputs, and per-board
// checks name the boards that fail them.

import assert from "node:assert/strict";
import { runFleet, type FleetOptions } from "../host/fleet/fleet.js";
import { scenarioRef } from "../host/fleet/scenarios.js";
import { BUTTON_LED, firmware } from "./support/firmware.js";
import { defined } from "../host/defined.js";

/** button-led, its BOOT button (GPIO 0) pressed at seeded times; LED on GPIO 2. */
async function pressedFleet(overrides: Partial<FleetOptions> = {}): Promise<FleetOptions> {
  return {
    profile: "esp32-devkitc",
    image: await firmware(BUTTON_LED),
    boards: 8,
    duration: "30s",
    scenario: scenarioRef("presses", { gpio: 0, meanIntervalMs: 4000 }),
    pins: [2],
    checks: [{ resets: 0 }, { state: "running" }],
    ...overrides,
  };
}

describe("fleet", () => {
  it("8 boards on 2 workers give exactly the per-board results of one thread", async () => {
    const options = await pressedFleet();
    const threaded = await runFleet({ ...options, workers: 2 });
    const single = await runFleet({ ...options, workers: 0 });
    assert.equal(threaded.workers, 2);
    assert.deepEqual(
      threaded.threads.map((t) => t.boards),
      [4, 4],
    );
    assert.equal(single.workers, 0);
    assert.deepEqual(
      threaded.boards.map((b) => [b.index, b.seed]),
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => [i, i + 1]),
    );
    assert.deepEqual(threaded.boards, single.boards);
    assert.equal(threaded.failed, 0, JSON.stringify(threaded.boards.flatMap((b) => b.failures)));
    for (const b of threaded.boards) {
      assert.equal(b.virtualUs >= 30_000_000, true);
      assert.equal(b.error, null);
    }
    // One prepared image for the fleet: no board compiled its own.
    assert.deepEqual(
      threaded.threads.map((t) => t.ownCompiles),
      [0, 0],
    );
  });

  it("each seed presses its own way, and the LED follows the presses", async () => {
    const report = await runFleet({ ...(await pressedFleet({ boards: [11, 12, 13, 14, 11] })), workers: 2 });
    for (const b of report.boards) {
      const n = b.extra["presses"];
      assert.equal(typeof n, "number");
      assert.ok((n as number) >= 3, `seed ${b.seed} pressed ${n} times in 30 s`);
      // Every press toggles the LED once: it ends lit after an odd number of presses.
      assert.equal(b.pins["2"], (n as number) % 2, `seed ${b.seed}`);
      assert.ok(b.eventsDelivered >= 2 * (n as number), "an edge and a debounce timer per press at least");
    }
    assert.equal(new Set(report.boards.slice(0, 4).map((b) => b.logDigest)).size, 4, "different seeds log differently");
    // The same seed on another thread does exactly the same.
    const [first, again] = [defined(report.boards[0], "board 0"), defined(report.boards[4], "board 4")];
    assert.deepEqual({ ...again, index: 0 }, { ...first, index: 0 }, "all but the index");
  });

  it("lists the boards that fail a check", async () => {
    const report = await runFleet({
      ...(await pressedFleet({ checks: [{ pin: 2, level: 1 }, { log: "LED on" }] })),
      workers: 2,
    });
    const unlit = report.boards.filter((b) => b.pins["2"] === 0);
    assert.ok(unlit.length > 0 && unlit.length < 8, "some boards end with the LED off");
    assert.equal(report.failed, unlit.length);
    for (const b of report.boards) {
      assert.deepEqual(b.failures, b.pins["2"] === 1 ? [] : ["GPIO 2 is 0 at the end, expected 1"]);
    }
  });

  it("boards that prepare their own image, or run in steps, end the same", async () => {
    const options = await pressedFleet({ boards: 3 });
    const shared = await runFleet({ ...options, workers: 0 });
    const own = await runFleet({ ...options, workers: 0, shareImage: false, step: "700ms", clearTrace: true });
    assert.deepEqual(
      own.threads.map((t) => t.ownCompiles),
      [3],
    );
    assert.deepEqual(own.boards, shared.boards);
  });
});
