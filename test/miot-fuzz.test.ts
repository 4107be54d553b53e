// Seeded fuzzing of the device session: 100,000 mutated datagrams. None may
// crash it, none without the token may get an answer (other than hello), and
// none may execute anything. (bench/miot-fuzz runs a million.)

import assert from "node:assert/strict";
import { fuzzSession } from "./support/fuzz.js";

const FUZZ_PACKETS = 100_000;

describe("miIO fuzzing", () => {
  it(
    `${FUZZ_PACKETS.toLocaleString("en")} seeded mutated packets: ` +
      `no crash, no answer without the token, nothing executed`,
    () => {
      const { answered, executed, drops } = fuzzSession(FUZZ_PACKETS, 2026);
      assert.equal(answered, 0);
      assert.equal(executed, 0);
      assert.ok(drops > FUZZ_PACKETS / 3, `${drops} drops counted`);
    },
  );
});
