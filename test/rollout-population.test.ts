// The population file of `sail fleet rollout` (docs/rollout.md "The
// population file"): a malformed file is refused naming the file, the field
// and the fix; a device's draw depends on its seed alone.

import assert from "node:assert/strict";
import { SailError } from "../host/errors.js";
import { DEFAULT_POPULATION, drawDevice, parsePopulation } from "../host/fleet/population.js";

const refusal = (json: unknown): string => {
  try {
    parsePopulation(json, "population.json");
  } catch (e) {
    if (e instanceof SailError) return e.message;
    throw e;
  }
  return "accepted";
};

describe("sail fleet rollout: the population file", () => {
  it("refuses a malformed file naming the file, the field and the fix", () => {
    const setting = { namespace: "lamp", key: "scene", value: "night" };
    const cases: [unknown, string][] = [
      [[], "population.json: the file is []; write an object"],
      [{ population: 2 }, 'population.json: population is 2; write "population": 1'],
      [{ population: 1, size: 3 }, "population.json: size is not a population field"],
      [
        { population: 1, settings: [{ ...setting, share: 1.5 }] },
        "population.json: settings[0].share is 1.5; write a fraction from 0 to 1, e.g. 0.03 for 3 %",
      ],
      [
        { population: 1, settings: [{ ...setting, int: { min: 1, max: 2 } }] },
        'population.json: settings[0] gives value and int; give exactly one of "value", "values" or "int"',
      ],
      [
        { population: 1, settings: [{ ...setting, key: "a-key-too-long-for-nvs" }] },
        'population.json: settings[0].key is "a-key-too-long-for-nvs"; write a name of 1 to 15 characters',
      ],
      [
        { population: 1, uptime: { min: "2h", max: "1h" } },
        "population.json: uptime has max below min; give min ≤ max",
      ],
      [
        { population: 1, asleep: { for: { min: 5, max: "1h" } } },
        "population.json: asleep.for.min is 5; write a duration",
      ],
      [{ population: 1, network: { offline: -1 } }, "population.json: network.offline is -1; write a fraction"],
    ];
    for (const [json, start] of cases) {
      const message = refusal(json);
      assert.ok(message.startsWith(start), `${JSON.stringify(json)}: ${message}`);
      assert.match(message, /\(docs\/rollout\.md "The population file"\)$/);
    }
  });

  it("fills what a file leaves out from the default population, and draws a device from its seed alone", () => {
    const p = parsePopulation(
      { population: 1, settings: [{ namespace: "lamp", key: "scene", share: 0.5, value: "night" }] },
      "p.json",
    );
    assert.deepEqual(p.network, DEFAULT_POPULATION.network);
    assert.deepEqual(p.uptimeUs, DEFAULT_POPULATION.uptimeUs);
    assert.deepEqual(drawDevice(p, 42), drawDevice(p, 42));
    const held = Array.from({ length: 1000 }, (_, s) => drawDevice(p, s).settings.length).reduce((a, b) => a + b, 0);
    assert.ok(held > 400 && held < 600, `${held} of 1000 devices hold a setting half of them should`);
  });
});
