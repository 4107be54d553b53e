// The on-board runtime's image loader (runtime/core, C): its unit tests under
// AddressSanitizer and UBSan; the ten examples loaded as the emulator loads
// them; a table of broken images refused with the emulator's own words; the
// signature section's structure read as the emulator reads it; and 10,000
// seeded mutations of the examples with no sanitizer report.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import binaryen from "binaryen";
import type { BoardProfile } from "../host/boards/profile.js";
import { loadBoardProfile } from "../host/boards/profile.js";
import { ImageError } from "../host/errors.js";
import { flashImage } from "../host/flash/flash.js";
import { MANIFEST_SECTION } from "../host/flash/manifest.js";
import {
  generateSigningKeys,
  loadPrivateKey,
  readSignature,
  SIGNATURE_PAYLOAD_BYTES,
  SIGNATURE_SECTION,
  signImage,
} from "../host/ota/signature.js";
import { appendCustomSection, removeCustomSections } from "../host/wasm/binary.js";
import { BLINK, BUTTON_LED, firmware } from "./support/firmware.js";
import { EXAMPLES, loaderTool } from "./support/runtime-c.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

const devkitc = loadBoardProfile("esp32-devkitc");
const c3 = loadBoardProfile("esp32-c3-devkitm");
const FILE = "app.wasm";

interface Verdict {
  readonly loaded: boolean;
  /** The refusal, "<file>: <problem>"; "" when loaded. */
  readonly message: string;
}

/** What the emulator says when flashing. */
async function emulator(bytes: Uint8Array, profile: BoardProfile): Promise<Verdict> {
  try {
    await flashImage(bytes, profile, FILE);
    return { loaded: true, message: "" };
  } catch (e) {
    assert.ok(e instanceof ImageError, `the emulator throws an ImageError, not ${String(e)}`);
    return { loaded: false, message: e.message };
  }
}

/** What the C loader says, through runtime/test/sail_check_image.c; `signature` is its signature line. */
function cLoader(
  tool: string,
  bytes: Uint8Array,
  profile: BoardProfile = devkitc,
): Verdict & { readonly status: string; readonly signature: string } {
  const dir = mkdtempSync(join(tmpdir(), "sail-loader-"));
  writeFileSync(join(dir, FILE), bytes);
  const { partition } = profile.app;
  const args = [
    join(dir, FILE),
    FILE,
    profile.id,
    partition.name,
    String(partition.size),
    String(profile.app.ramBytes),
  ];
  const run = spawnSync(tool, args, { encoding: "utf8" });
  assert.equal(run.stderr, "", "no sanitizer report");
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stdout}`);
  const [head = "", second = ""] = run.stdout.split("\n");
  const loaded = run.status === 0;
  return {
    loaded,
    message: loaded ? "" : second,
    signature: loaded ? second : "",
    status: head.replace(/^(ok|refused) ?/, ""),
  };
}

/** A built example with its manifest replaced by `json` (any text). */
async function withManifestText(project: string, json: string): Promise<Uint8Array> {
  const bytes = removeCustomSections(await firmware(project), [MANIFEST_SECTION]);
  return appendCustomSection(bytes, MANIFEST_SECTION, new TextEncoder().encode(json));
}

/** The manifest of a built example as an object, to change one field of. */
async function manifestOf(project: string): Promise<Record<string, unknown>> {
  const { readManifest } = await import("../host/flash/manifest.js");
  const { readWasm } = await import("../host/wasm/binary.js");
  return { ...readManifest(readWasm(await firmware(project)), FILE) };
}

interface ModuleShape {
  readonly start?: boolean;
  readonly mutableVersion?: boolean;
  readonly setupAsGlobal?: boolean;
  readonly eventParams?: number[];
}

/** A minimal Sail-shaped module made with binaryen, bent one way. */
function module(shape: ModuleShape): Uint8Array {
  const m = new binaryen.Module();
  m.setMemory(1, 1, "memory");
  m.addFunction("setup", binaryen.none, binaryen.none, [], m.nop());
  const params = shape.eventParams ?? [binaryen.i32, binaryen.i32, binaryen.i64, binaryen.i64];
  m.addFunction("event", binaryen.createType(params), binaryen.i32, [], m.i32.const(0));
  m.addGlobal("abi", binaryen.i32, shape.mutableVersion === true, m.i32.const(0x10002));
  if (shape.setupAsGlobal === true) m.addGlobalExport("abi", "sail_setup");
  else m.addFunctionExport("setup", "sail_setup");
  m.addFunctionExport("setup", "_start");
  m.addFunctionExport("event", "sail_event");
  m.addGlobalExport("abi", "sail_abi_version");
  if (shape.start === true) m.setStart(m.getFunction("setup"));
  const bytes = m.emitBinary();
  m.dispose();
  return bytes;
}

interface Case {
  readonly what: string;
  readonly image: () => Promise<Uint8Array>;
  readonly profile?: BoardProfile;
  /** Compare only up to here: the rest quotes the JSON parser, which differs. */
  readonly prefixOnly?: string;
}

const CASES: readonly Case[] = [
  { what: "built for another board", image: () => firmware(BUTTON_LED), profile: c3 },
  {
    what: "another ABI major",
    image: () =>
      compileSnippet(
        "abi2",
        `export { sail_event } from "../../assembly/sail";\nexport const ` +
          `sail_abi_version: i32 = 2 << 16;\nexport function sail_setup(): void {}\n`,
      ),
  },
  {
    what: "manifest ABI other than the exported one",
    image: async () => withManifestText(BLINK, JSON.stringify({ ...(await manifestOf(BLINK)), abi: "1.1" })),
  },
  { what: "a wasm start function", image: () => Promise.resolve(module({ start: true })) },
  {
    what: "a missing entry point",
    image: () => compileSnippet("no-setup", `${ENTRY}export function setup(): void {}\n`),
  },
  { what: "an entry point of the wrong kind", image: () => Promise.resolve(module({ setupAsGlobal: true })) },
  {
    what: "an entry point of the wrong signature",
    image: () => Promise.resolve(module({ eventParams: [binaryen.i32] })),
  },
  { what: "a mutable sail_abi_version", image: () => Promise.resolve(module({ mutableVersion: true })) },
  {
    what: "an import the ABI does not have",
    image: () =>
      compileSnippet(
        "unknown-import",
        `${ENTRY}@external("sail", "gpio_toggle") declare function gpio_toggle(pin: ` +
          `i32): void;\nexport function sail_setup(): void { gpio_toggle(2); }\n`,
      ),
  },
  {
    what: "an import with the wrong signature",
    image: () =>
      compileSnippet(
        "wrong-signature",
        `${ENTRY}@external("sail", "gpio_write") declare function gpio_write(pin: ` +
          `i32): i32;\nexport function sail_setup(): void { gpio_write(2); }\n`,
      ),
  },
  {
    what: "an imported memory",
    image: () => compileSnippet("import-memory", `${ENTRY}export function sail_setup(): void {}\n`, ["--importMemory"]),
  },
  {
    what: "more memory than the RAM budget",
    image: () =>
      compileSnippet("big-memory", `${ENTRY}export function sail_setup(): void {}\n`, ["--initialMemory", "3"]),
    profile: c3,
  },
  {
    what: "static data past the RAM budget",
    image: () => firmware(BLINK),
    profile: { ...devkitc, app: { ...devkitc.app, ramBytes: 200 } },
  },
  {
    what: "an image larger than the app partition",
    image: () => firmware(BLINK),
    profile: { ...devkitc, app: { ...devkitc.app, partition: { ...devkitc.app.partition, size: 1000 } } },
  },
  { what: "a manifest that is not an object", image: () => withManifestText(BLINK, "[1, 2]") },
  {
    what: "a manifest that is not JSON",
    image: () => withManifestText(BLINK, '{"name": '),
    prefixOnly: "is not valid UTF-8 JSON: ",
  },
  {
    what: "two manifests",
    image: async () =>
      appendCustomSection(await firmware(BLINK), MANIFEST_SECTION, new TextEncoder().encode(JSON.stringify({}))),
  },
  ...(
    [
      ["version", "1.2"],
      ["version", 3],
      ["abi", "1"],
      ["abi", null],
      ["boards", [1]],
      ["boards", "esp32-devkitc"],
      ["name", ""],
      ["name", { first: [1, "x"] }],
      ["model", true],
      ["built", undefined],
    ] as const
  ).map(([field, value]): Case => ({
    what: `manifest ${field}: ${value === undefined ? "missing" : JSON.stringify(value)}`,
    image: async () => withManifestText(BLINK, JSON.stringify({ ...(await manifestOf(BLINK)), [field]: value })),
  })),
];

describe("runtime image loader (C)", () => {
  it("passes its unit tests under AddressSanitizer and UBSan", function () {
    const tool = loaderTool(this, "test_loader");
    const run = spawnSync(tool, [], { encoding: "utf8" });
    assert.equal(run.stderr, "", "no sanitizer report");
    assert.match(run.stdout, /^\d+ passed, 0 failed$/m, run.stdout);
    assert.equal(run.status, 0);
  });

  it("loads all ten examples where the emulator flashes them, and refuses the rest alike", async function () {
    const tool = loaderTool(this, "sail_check_image");
    assert.equal(EXAMPLES.length, 10);
    let loaded = 0;
    for (const example of EXAMPLES) {
      const bytes = await firmware(example);
      for (const profile of [devkitc, c3]) {
        const want = await emulator(bytes, profile);
        const got = cLoader(tool, bytes, profile);
        assert.deepEqual({ loaded: got.loaded, message: got.message }, want, `${example} on ${profile.id}`);
        if (got.loaded) loaded++;
        if (profile === devkitc) assert.ok(got.loaded, `${example} loads on ${profile.id}`);
      }
    }
    assert.ok(loaded >= 8, `${loaded} loads`);
  });

  describe("refuses what the emulator refuses, in the same words", () => {
    for (const c of CASES) {
      it(c.what, async function () {
        const tool = loaderTool(this, "sail_check_image");
        const bytes = await c.image();
        const profile = c.profile ?? devkitc;
        const want = await emulator(bytes, profile);
        assert.equal(want.loaded, false, "the emulator refuses it");
        const got = cLoader(tool, bytes, profile);
        assert.equal(got.loaded, false, "the C loader refuses it");
        assert.match(got.status, /^ERR_/);
        if (c.prefixOnly === undefined) assert.equal(got.message, want.message);
        else {
          const cut = want.message.indexOf(c.prefixOnly);
          assert.ok(cut > 0, want.message);
          assert.equal(
            got.message.slice(0, cut + c.prefixOnly.length),
            want.message.slice(0, cut + c.prefixOnly.length),
          );
        }
      });
    }
  });

  describe("reads sail.signature's structure as the emulator does", () => {
    const keys = generateSigningKeys();
    const signed = async (): Promise<Uint8Array> =>
      signImage(await firmware(BLINK), loadPrivateKey(keys.privatePem, "key.pem"), FILE);
    const payload = (algorithm: number): Uint8Array =>
      new Uint8Array(SIGNATURE_PAYLOAD_BYTES).fill(7, 1).fill(algorithm, 0, 1);

    it("a signed image: the key id and the signed length", async function () {
      const tool = loaderTool(this, "sail_check_image");
      const bytes = await signed();
      const want = readSignature(bytes, FILE);
      assert.ok(want);
      assert.equal(cLoader(tool, bytes).signature, `signature ${want.keyId} ${want.signedLength}`);
      assert.equal(cLoader(tool, await firmware(BLINK)).signature, "signature none");
    });

    const broken: readonly { readonly what: string; readonly image: () => Promise<Uint8Array> }[] = [
      { what: "two signatures", image: async () => appendCustomSection(await signed(), SIGNATURE_SECTION, payload(1)) },
      {
        what: "bytes after the signature",
        image: async () => appendCustomSection(await signed(), "x", new Uint8Array(3)),
      },
      {
        what: "a payload of the wrong size",
        image: async () => appendCustomSection(await firmware(BLINK), SIGNATURE_SECTION, new Uint8Array(10)),
      },
      {
        what: "an unknown algorithm",
        image: async () => appendCustomSection(await firmware(BLINK), SIGNATURE_SECTION, payload(2)),
      },
    ];
    for (const b of broken) {
      it(`${b.what}: refused in the same words`, async function () {
        const tool = loaderTool(this, "sail_check_image");
        const bytes = await b.image();
        const want = ((): string => {
          try {
            readSignature(bytes, FILE);
          } catch (e) {
            assert.ok(e instanceof ImageError);
            return e.message;
          }
          return assert.fail("the emulator accepts it");
        })();
        const got = cLoader(tool, bytes);
        assert.equal(got.loaded, false);
        assert.equal(got.message, want);
      });
    }
  });

  it("survives 10,000 seeded mutations of the examples with no sanitizer report (gcc)", async function () {
    const tool = loaderTool(this, "fuzz_loader", ["gcc"]);
    const dir = mkdtempSync(join(tmpdir(), "sail-fuzz-"));
    const files: string[] = [];
    for (const example of EXAMPLES) {
      const file = join(dir, `${example.split("/").pop() ?? "x"}.wasm`);
      writeFileSync(file, await firmware(example));
      files.push(file);
    }
    const run = spawnSync(tool, ["1", "10000", ...files], { encoding: "utf8" });
    assert.equal(run.stderr, "", "no sanitizer report");
    assert.equal(run.status, 0, run.stdout);
    const summary = /^10000 cases: (.*)$/m.exec(run.stdout);
    assert.ok(summary, run.stdout);
    // Mutations reach past the section walk: some images still load, some fail the board's checks.
    assert.match(summary[1] ?? "", /\bOK [1-9]/);
    assert.match(summary[1] ?? "", /\bERR_NOT_SUPPORTED [1-9]/);
  });
});
