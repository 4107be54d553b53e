// The virtual clock: alarms in time order, same-instant alarms in the order
// scheduled, advance and runUntil, durations.

import assert from "node:assert/strict";
import { TimeoutError } from "../host/errors.js";
import { VirtualClock } from "../host/time/clock.js";
import { toMicros } from "../host/time/duration.js";

describe("virtual clock", () => {
  it("parses durations as the test API and CLI take them", () => {
    assert.equal(toMicros("50us"), 50);
    assert.equal(toMicros("10ms"), 10_000);
    assert.equal(toMicros("1.5s"), 1_500_000);
    assert.equal(toMicros("10 min"), 600_000_000);
    assert.equal(toMicros("1h"), 3_600_000_000);
    assert.equal(toMicros(250), 250);
    assert.throws(() => toMicros("ten seconds"), /duration "ten seconds" is not understood; write a number and a unit/);
    assert.throws(() => toMicros(-1), /must be a non-negative number/);
  });

  it("fires alarms in time order, and same-instant alarms in the order scheduled", () => {
    const c = new VirtualClock();
    const fired: string[] = [];
    c.at(300, () => fired.push("c"));
    c.at(100, () => fired.push("a1"));
    c.at(100, () => fired.push("a2"));
    c.at(200, () => fired.push("b"));
    c.advance(1000);
    assert.deepEqual(fired, ["a1", "a2", "b", "c"]);
    assert.equal(c.now, 1000);
  });

  it("advance(d) runs everything due at or before now + d, and nothing after", () => {
    const c = new VirtualClock();
    const fired: number[] = [];
    for (const t of [10, 20, 30]) c.at(t, () => fired.push(c.now));
    c.advance(20);
    assert.deepEqual(fired, [10, 20]);
    assert.equal(c.now, 20);
  });

  it("a cancelled alarm does not fire", () => {
    const c = new VirtualClock();
    let fired = false;
    const a = c.after(5, () => {
      fired = true;
    });
    c.cancel(a);
    c.advance(10);
    assert.equal(fired, false);
  });

  it("runUntil stops as soon as the condition holds", () => {
    const c = new VirtualClock();
    let n = 0;
    const tick = (): void => {
      n++;
      c.after(1000, tick);
    };
    c.after(1000, tick);
    c.runUntil(() => n === 3, "1s");
    assert.equal(c.now, 3000);
  });

  it("runUntil throws a clear TimeoutError and leaves time at the deadline", () => {
    const c = new VirtualClock();
    assert.throws(
      () => c.runUntil(() => false, "2s", "the LED is on"),
      (e: unknown) =>
        e instanceof TimeoutError && /the LED is on did not hold within 2 s of virtual time/.test(e.message),
    );
    assert.equal(c.now, 2_000_000);
  });

  it("a day of virtual time passes in one call", () => {
    const c = new VirtualClock();
    let ticks = 0;
    const tick = (): void => {
      ticks++;
      c.after(60_000_000, tick);
    };
    c.after(60_000_000, tick);
    c.advance("1d");
    assert.equal(ticks, 24 * 60);
  });
});

describe("real-time pacing", () => {
  it("never runs virtual time ahead of the wall clock, and stops at the end time", async () => {
    const { runPaced } = await import("../host/time/pacer.js");
    const c = new VirtualClock();
    let fired = 0;
    const tick = (): void => {
      fired++;
      c.after(10_000, tick);
    };
    c.after(10_000, tick);
    const t0 = performance.now();
    await runPaced(c, 60_000, new AbortController().signal);
    const wallUs = (performance.now() - t0) * 1000;
    assert.equal(c.now, 60_000);
    assert.equal(fired, 6);
    assert.ok(wallUs >= 60_000, `60 ms of virtual time took only ${wallUs.toFixed(0)} µs of wall time`);
  });

  it("fires input and firmware alarms in one time order when no firmware runs", () => {
    const c = new VirtualClock();
    const fired: string[] = [];
    c.at(200, () => fired.push("timer"));
    c.input(100, () => fired.push("press"));
    c.input(200, () => fired.push("release"));
    c.at(100, () => fired.push("edge"));
    c.advance(1000);
    assert.deepEqual(fired, ["press", "edge", "timer", "release"]);
  });

  it("inside firmware, applyInputs fires inputs due by the device time, each at its own time; firmware waits", () => {
    const c = new VirtualClock();
    const fired: string[] = [];
    c.input(300, () => fired.push(`release at ${c.now}, current ${c.current}`));
    c.input(900, () => fired.push("too late"));
    c.at(200, () => fired.push("timer"));
    let device = 0;
    c.enterFirmware(() => device);
    device = 250;
    c.applyInputs();
    assert.deepEqual(fired, [], "nothing is due by 250 µs but the timer, which waits");
    device = 400;
    assert.equal(c.current, 400, "inside firmware the current time is the device time");
    c.applyInputs();
    c.leaveFirmware();
    assert.deepEqual(fired, ["release at 300, current 300"]);
    c.applyInputs();
    assert.equal(fired.length, 1, "outside firmware applyInputs leaves alarms to stepping");
    c.moveTo(400);
    c.advance(1000);
    assert.deepEqual(fired.slice(1), ["timer", "too late"]);
  });

  it("stops when aborted", async () => {
    const { runPaced } = await import("../host/time/pacer.js");
    const c = new VirtualClock();
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 30);
    await runPaced(c, null, stop.signal);
    assert.ok(c.now > 0 && c.now < 10_000_000);
  });
});
