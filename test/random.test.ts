// The seeded Gaussian every noise source draws from. The pinned values are
// what the parts' and the world's separate generators gave for seed 7 before
// they became one: a change here changes every seeded trace.

import assert from "node:assert/strict";
import { SeededRandom } from "../host/random.js";

describe("seeded Gaussian", () => {
  it("single draws (the parts' noise) give the same numbers as before, per seed", () => {
    const r = new SeededRandom(7);
    const draws = [0, 1, 2, 3].map(() => r.gaussian(1, "single"));
    assert.deepEqual(draws, [2.2114989448709004, 1.2794278774004892, -0.7053743141797364, 0.09225707779717389]);
  });

  it("paired draws (the world's noise) keep the second of each pair and give the same numbers as before", () => {
    const r = new SeededRandom(7);
    const draws = [0, 1, 2, 3].map(() => r.gaussian(2, "pairs"));
    assert.deepEqual(draws, [4.422997889741801, -3.9955092463013875, 2.5588557548009785, 0.734594805698153]);
  });

  it("a sigma of 0 draws nothing: the next draw is the one it would have been", () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    assert.equal(a.gaussian(0, "pairs"), 0);
    assert.equal(a.gaussian(2, "pairs"), b.gaussian(2, "pairs"));
  });
});
