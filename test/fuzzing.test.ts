// The seeded fuzzing suite (docs/testing.md, fuzzing): mutated images, mutated
// JSON (board profiles, MIoT specs, scenarios, OTA packages) and hostile
// firmware. What each case asserts: the host throws nothing but the project's
// errors, whose messages name the file; nothing runs past its wall-time limit
// (images and firmware run on worker threads that are terminated past it);
// a faulty firmware resets its board with a recorded reason. Fixed seeds:
// the same cases every run. SAIL_FUZZ_SCALE=n multiplies every count for a
// longer campaign.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Board } from "../host/board/board.js";
import { loadBoardProfile } from "../host/boards/profile.js";
import { SailError } from "../host/errors.js";
import { withManifest } from "../host/flash/manifest.js";
import { loadSpec } from "../host/miot/spec.js";
import { checkUpdate } from "../host/ota/checks.js";
import { generateSigningKeys, loadPrivateKey, loadPublicKey, signImage } from "../host/ota/signature.js";
import { SeededRandom } from "../host/random.js";
import { applyScenario, loadScenario } from "../host/scenario/scenario.js";
import { firmware, ROOT, BLINK, COLOR_LAMP, SMART_LAMP } from "./support/firmware.js";
import { HOSTILE_MODES, HOSTILE_SELECT, HOSTILE_SOURCE } from "./support/hostile.js";
import { MUTATION_KINDS, mutateImage } from "./support/image-mutants.js";
import { mutateJson } from "./support/json-mutants.js";
import { runMutants, type Finding } from "./support/mutant-pool.js";
import { compileSnippet } from "./support/snippets.js";

const SCALE = Math.max(1, Number(process.env["SAIL_FUZZ_SCALE"] ?? 1));
const WALL_MS = 10_000;
const dir = mkdtempSync(join(tmpdir(), "sail-fuzz-"));

function show(f: Finding): string {
  return `#${f.index} ${f.image} ${f.kind}: ${f.outcome.kind}: ${"message" in f.outcome ? f.outcome.message : ""}`;
}

/** Runs `load` on each mutant of `text` written to a file: it loads, or throws a project error naming the file. */
async function fuzzFile(
  name: string,
  text: string,
  seed: number,
  count: number,
  load: (file: string) => unknown,
): Promise<{ loaded: number; refused: number }> {
  const rng = new SeededRandom(seed);
  const file = join(dir, name);
  let loaded = 0;
  let refused = 0;
  for (let i = 0; i < count; i++) {
    const mutant = mutateJson(rng, text);
    writeFileSync(file, mutant);
    try {
      await load(file);
      loaded++;
    } catch (e) {
      const what = `${name} mutant ${i} (${mutant.length} chars)`;
      assert.ok(e instanceof SailError, `${what} threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      assert.ok(e.message.includes(file), `${what}: the refusal does not name the file: ${e.message}`);
      assert.doesNotMatch(e.message, /\[object Object\]/, `${what}: ${e.message}`);
      refused++;
    }
  }
  return { loaded, refused };
}

describe("fuzzing", () => {
  it(`mutated images: flashed and run 1 s each, refused, run or reset, never a crash or a hang`, async () => {
    const images = [
      { name: "blink", bytes: await firmware(BLINK) },
      { name: "smart-lamp", bytes: await firmware(SMART_LAMP) },
    ];
    const findings = await runMutants({
      images,
      kinds: MUTATION_KINDS,
      seed: 11,
      count: 8 * MUTATION_KINDS.length * SCALE,
      workers: 2,
      virtualTime: "1 s",
      wallMs: WALL_MS,
    });
    const bad = findings.filter((f) => f.outcome.kind === "crash" || f.outcome.kind === "hang");
    assert.deepEqual(bad.map(show), []);
    const kinds = new Set(findings.map((f) => f.outcome.kind));
    assert.ok(kinds.has("refused") && kinds.has("ran"), `outcomes: ${[...kinds].join(", ")}`);
  });

  it("hostile firmware runs 6 s per mode: a faulty one resets with a recorded reason; no crash, no hang", async () => {
    const bytes = await compileSnippet("hostile", HOSTILE_SOURCE, ["--runtime", "incremental"]);
    const images = HOSTILE_MODES.map(({ mode, what }) => ({
      name: `mode ${mode}: ${what}`,
      bytes,
      drive: HOSTILE_SELECT.filter((_, bit) => ((mode >> bit) & 1) === 1),
    }));
    const findings = await runMutants({
      images,
      mutate: false,
      seed: 0,
      count: images.length,
      workers: 2,
      virtualTime: "6 s",
      wallMs: 30_000,
    });
    assert.equal(findings.length, HOSTILE_MODES.length);
    for (const [i, f] of findings.entries()) {
      const faulty = HOSTILE_MODES[i]?.faulty ?? false;
      assert.ok(f.outcome.kind === "ran" || f.outcome.kind === "reset", show(f));
      if (faulty) assert.equal(f.outcome.kind, "reset", `${show(f)}: a faulty firmware resets its board`);
    }
  });

  it("mutated board profiles load or are refused naming the file (200 seeded)", async () => {
    const text = readFileSync(join(ROOT, "boards", "esp32-devkitc.json"), "utf8");
    const r = await fuzzFile("board.json", text, 21, 200 * SCALE, (f) => loadBoardProfile(f));
    assert.ok(r.refused > 0);
  });

  it("mutated MIoT specs load or are refused naming the file (200 seeded)", async () => {
    const text = readFileSync(join(ROOT, "examples", "smart-lamp", "spec.json"), "utf8");
    const r = await fuzzFile("spec.json", text, 22, 200 * SCALE, (f) => loadSpec(f));
    assert.ok(r.refused > 0);
  });

  it("mutated scenarios load and run 6 s on the smart lamp, or are refused naming the file (60 seeded)", async () => {
    const text = readFileSync(join(ROOT, "examples", "smart-lamp", "scenario.json"), "utf8");
    const lamp = await firmware(SMART_LAMP);
    const r = await fuzzFile("scenario.json", text, 23, 60 * SCALE, async (f) => {
      const steps = await loadScenario(f);
      const board = Board.load("esp32-devkitc", { seed: 1 });
      await board.flash(lamp);
      applyScenario(board, steps, f);
      await board.advance("6 s");
    });
    assert.ok(r.refused > 0 && r.loaded > 0);
  });

  it("mutated network scenarios (wifi, date) run 6 s on the colour lamp, or are refused (60 seeded)", async () => {
    const text = readFileSync(join(ROOT, "examples", "color-lamp", "scenario.json"), "utf8");
    const lamp = await firmware(COLOR_LAMP);
    const r = await fuzzFile("scenario.json", text, 24, 60 * SCALE, async (f) => {
      const steps = await loadScenario(f);
      const board = Board.load("esp32-devkitc", { seed: 1 });
      await board.flash(lamp);
      applyScenario(board, steps, f);
      await board.advance("6 s");
    });
    assert.ok(r.refused > 0 && r.loaded > 0);
  });

  it("mutated OTA packages are checked without throwing: accepted or refused with a reason (120 seeded)", async () => {
    const keys = generateSigningKeys();
    const signer = loadPrivateKey(keys.privatePem, "release.pem");
    const trusted = loadPublicKey(keys.publicPem, "release.pub.pem");
    const lamp = await firmware(SMART_LAMP);
    const policy = { trustedKey: trusted, board: "esp32-devkitc", abi: { major: 1, minor: 2 }, running: "1.0.0" };
    const rng = new SeededRandom(24);
    let accepted = 0;
    for (let i = 0; i < 120 * SCALE; i++) {
      // Either the signed bytes are damaged, or a forged manifest is signed (a key holder's mistake).
      const signed =
        i % 2 === 0
          ? mutateImage(rng, signImage(withManifest(lamp, manifestOf(rng)), signer, "u.wasm"), "byte-flips").bytes
          : signImage(mutateImage(rng, lamp, i % 4 === 1 ? "forged-manifest" : "forged-spec").bytes, signer, "u.wasm");
      let verdict;
      try {
        verdict = checkUpdate(signed, "update.wasm", policy);
      } catch (e) {
        assert.fail(`OTA mutant ${i} threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
      if (verdict.accepted) accepted++;
      else assert.match(verdict.message, /^update\.wasm: /, `OTA mutant ${i}`);
    }
    assert.ok(accepted < 120 * SCALE);
  });
});

function manifestOf(rng: SeededRandom): Parameters<typeof withManifest>[1] {
  return {
    name: "lamp",
    version: `1.${rng.int(0, 3)}.0`,
    model: "sail.test.lamp",
    boards: ["esp32-devkitc"],
    abi: "1.3",
    built: "2026-12-01T00:00:00Z",
  };
}
