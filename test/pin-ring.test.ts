// The pin trace's store: the newest changes as numbers, oldest overwritten
// first, read back as the same entries a listener saw.

import assert from "node:assert/strict";
import { Changes, type Change } from "../host/trace/changes.js";
import { PinRing } from "../host/trace/pin-ring.js";
import { PinTrace, type TraceEntry } from "../host/trace/pin-trace.js";

/** Level changes of GPIO 4 at t = 0, 1, 2 … µs, alternating 1, 0. */
function toggles(ring: PinRing, n: number): void {
  for (let t = 0; t < n; t++) ring.level(t, 4, ((t + 1) & 1) as 0 | 1);
}

describe("pin ring: what a board keeps of its pin changes", () => {
  it("keeps the newest changes oldest first once it wraps, counting the dropped ones", () => {
    const ring = new PinRing(1000);
    toggles(ring, 2500); // past three growths and two wraps
    const times = ring.entries.map((e) => e.timeUs);
    assert.equal(times.length, 1000);
    assert.equal(times[0], 1500);
    assert.equal(times[999], 2499);
    assert.ok(times.every((t, i) => i === 0 || t === (times[i - 1] as number) + 1));
    assert.deepEqual(ring.count, { capacity: 1000, kept: 1000, dropped: 1500, total: 2500 });
    assert.equal(ring.oldestUs, 1500);
  });

  it("gives back PWM changes with their duty and frequency, and levels as 0 or 1", () => {
    const ring = new PinRing(10);
    ring.level(5, 2, 1);
    ring.pwm(7, 18, 0.25, 5000);
    ring.level(9, 2, 0);
    assert.deepEqual(ring.entries, [
      { timeUs: 5, kind: "level", gpio: 2, level: 1 },
      { timeUs: 7, kind: "pwm", gpio: 18, dutyFraction: 0.25, freqHz: 5000 },
      { timeUs: 9, kind: "level", gpio: 2, level: 0 },
    ]);
  });

  it("keeps nothing with a capacity of 0, counting every change as dropped", () => {
    const ring = new PinRing(0);
    toggles(ring, 5);
    assert.deepEqual(ring.entries, []);
    assert.deepEqual(ring.count, { capacity: 0, kept: 0, dropped: 5, total: 5 });
    assert.equal(ring.oldestUs, undefined);
  });

  it("counts cleared changes apart from dropped ones and starts again after a clear", () => {
    const ring = new PinRing(300);
    toggles(ring, 400);
    ring.clear();
    assert.deepEqual(ring.entries, []);
    ring.level(1000, 4, 1);
    assert.deepEqual(ring.entries, [{ timeUs: 1000, kind: "level", gpio: 4, level: 1 }]);
    assert.deepEqual(ring.count, { capacity: 300, kept: 1, dropped: 100, total: 401 });
  });

  it("reads the same entries as a listener of the change stream heard", () => {
    const changes = new Changes();
    const trace = new PinTrace(changes, 50);
    const heard: Change[] = [];
    changes.subscribe((c) => heard.push(c), "pins");
    for (let t = 0; t < 80; t++) {
      if (t % 3 === 0) changes.publishPwm(t, 5, t / 100, 1000 + t);
      else changes.publishLevel(t, 4, (t & 1) as 0 | 1);
    }
    assert.deepEqual(trace.entries, heard.slice(-50) as TraceEntry[]);
    assert.equal(trace.dropped, 30);
  });
});
