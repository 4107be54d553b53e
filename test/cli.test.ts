// The sail command as a user runs it.

import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Board } from "../host/board/board.js";
import { BLINK, firmware, ROOT, SMART_LAMP } from "./support/firmware.js";
import { sail } from "./support/cli.js";

describe("sail CLI", () => {
  let blinkFile: string;
  before(async () => {
    blinkFile = join(ROOT, "build", "cli-blink.wasm");
    await writeFile(blinkFile, await firmware(BLINK));
  });

  it("--help lists the commands, and every command has its own --help", async () => {
    const top = await sail("--help");
    assert.equal(top.code, 0);
    for (const c of ["build", "run", "boards", "abi", "spec", "miot", "start"]) {
      assert.match(top.stdout, new RegExp(`^  ${c} `, "m"));
      const h = await sail(c, "--help");
      assert.equal(h.code, 0);
      assert.match(h.stdout, new RegExp(`^usage: sail ${c}`, "m"));
    }
  });

  it("an unknown command or option exits 2 with the usage", async () => {
    const a = await sail("flsh");
    assert.equal(a.code, 2);
    assert.match(a.stderr, /unknown command "flsh"/);
    const b = await sail("run", "--boards", "x");
    assert.equal(b.code, 2);
    assert.match(b.stderr, /Unknown option '--boards'/);
    const seed = await sail("run", blinkFile, "--seed", "abc");
    assert.equal(seed.code, 2);
    assert.match(seed.stderr, /^sail run: --seed abc: give a whole number from 0 to 4294967295$/m);
    const time = await sail("run", blinkFile, "--for", "2hours");
    assert.equal(time.code, 2);
    assert.match(
      time.stderr,
      /^sail run: --for 2hours: duration "2hours" is not understood; write a number and a unit/m,
    );
  });

  it("sail boards lists the profiles", async () => {
    const r = await sail("boards");
    assert.match(r.stdout, /^esp32-c3-devkitm +ESP32-C3-DevKitM-1/m);
    assert.match(r.stdout, /^esp32-devkitc +ESP32-DevKitC V4/m);
  });

  it("sail run prints logs and, with --trace, pin changes with virtual timestamps", async () => {
    const r = await sail("run", blinkFile, "--board", "esp32-devkitc", "--for", "2s", "--trace");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ +0\.5000\d\d +pin +GPIO2 ↑ 1$/m);
    assert.equal((r.stdout.match(/GPIO2 ↑ 1/g) ?? []).length, 2);
    assert.match(r.stderr, /ran 2 s of virtual time in \d+ ms .*: 4 events, 0 resets/);
  });

  it("sail run --vcd writes the pin activity as a VCD file", async () => {
    const vcd = join(ROOT, "build", "cli-blink.vcd");
    const r = await sail("run", blinkFile, "--for", "2s", "--vcd", vcd);
    assert.equal(r.code, 0, r.stderr);
    const { readFile } = await import("node:fs/promises");
    const text = await readFile(vcd, "utf8");
    assert.match(text, /\$timescale 1 us \$end/);
    const id = /\$var wire 1 (\S+) gpio2 \$end/.exec(text)?.[1];
    assert.ok(id !== undefined);
    assert.equal(text.split("\n").filter((l) => l === `1${id}`).length, 2, "two rising edges in 2 s");
  });

  it("sail run names a missing board and the known ones", async () => {
    const r = await sail("run", blinkFile, "--board", "esp8266");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no such board profile; known boards: esp32-c3-devkitm, esp32-devkitc/);
  });

  it("sail build compiles a project and prints its size", async () => {
    const out = join(ROOT, "build", "cli-built.wasm");
    const r = await sail("build", "examples/fade", "--out", out);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^fade 1\.0\.0 → build\/cli-built\.wasm: \d+ bytes/m);
  });

  it("sail build names a missing sail.json and what it must hold", async () => {
    const r = await sail("build", "boards");
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /boards\/sail\.json: missing\. A Sail project has sail\.json with "name", "version", "model" and "boards"/,
    );
  });

  it("sail spec check validates a spec, and names the JSON path of a problem", async () => {
    const ok = await sail("spec", "check", "examples/smart-lamp/spec.json");
    assert.equal(ok.code, 0);
    assert.match(ok.stdout, /Light: 2 services, 7 properties, 1 actions, 0 events: valid/);
    const bad = join(ROOT, "build", "bad-spec.json");
    await writeFile(
      bad,
      JSON.stringify({
        type: "urn:miot-spec-v2:device:light:0000A001:x:1",
        description: "x",
        services: [{ iid: 0, type: "urn:miot-spec-v2:service:light:00007802:x:1", description: "x" }],
      }),
    );
    const r = await sail("spec", "check", bad);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad-spec\.json: services\[0\]\.iid: /);
  });

  it("sail miot gets, sets and acts on a lamp served over UDP, like miiocli", async () => {
    const board = Board.load("esp32-devkitc", { seed: 4 });
    await board.flash(await firmware(SMART_LAMP));
    await board.runUntil(() => board.online, "5 s", "the radio to connect");
    const endpoint = await board.miot?.serveUdp("127.0.0.1", 0);
    assert.ok(endpoint);
    const base = [
      "miot",
      "--host",
      "127.0.0.1",
      "--port",
      String(endpoint.port),
      "--token",
      Buffer.from(board.identity.token).toString("hex"),
    ];
    try {
      const info = await sail(...base, "info");
      assert.equal(info.code, 0, info.stderr);
      assert.match(info.stdout, /"model": "sail\.light\.lamp1"/);
      const set = await sail(...base, "set", "2.2", "42");
      assert.equal(set.stdout.trim(), "2.2 ← 42: ok");
      const get = await sail(...base, "get", "2.1", "2.2", "7.7");
      assert.equal(get.stdout, "2.1 = false\n2.2 = 42\n7.7: error -4003 (no such property or action)\n");
      const refused = await sail(...base, "set", "2.2", "0");
      assert.equal(refused.code, 1);
      assert.match(refused.stdout, /2\.2 ← 0: error -4005 \(value refused\)/);
      const act = await sail(...base, "action", "2.1");
      assert.equal(act.stdout.trim(), "action 2.1: ok");
      assert.ok((board.pin(25).pwm?.dutyFraction ?? 0) > 0, "the toggle action lit the lamp");
    } finally {
      await endpoint.close();
    }
  });

  it("sail miot ota delivers a signed update over miIO.ota and HTTP; call sends any method", async () => {
    const { generateSigningKeys, loadPrivateKey, signImage } = await import("../host/ota/signature.js");
    const { runPaced } = await import("../host/time/pacer.js");
    const { mkdtemp } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const keys = generateSigningKeys();
    const lamp = await firmware(SMART_LAMP);
    const signed = join(await mkdtemp(join(tmpdir(), "sail-cli-ota-")), "lamp.signed.wasm");
    await writeFile(signed, signImage(lamp, loadPrivateKey(keys.privatePem, "key"), "lamp.wasm"));
    const board = Board.load("esp32-devkitc", { seed: 4, otaKey: keys.publicPem });
    await board.flash(lamp);
    await board.runUntil(() => board.online, "5 s", "the radio to connect");
    const endpoint = await board.miot?.serveUdp("127.0.0.1", 0);
    assert.ok(endpoint);
    const stop = new AbortController();
    const pacing = runPaced(board.clock, null, stop.signal); // the board lives in real time while the CLI talks to it
    const base = [
      "miot",
      "--port",
      String(endpoint.port),
      "--token",
      Buffer.from(board.identity.token).toString("hex"),
    ];
    try {
      const call = await sail(...base, "call", "miIO.get_ota_state");
      assert.equal(call.code, 0, call.stderr);
      assert.deepEqual(JSON.parse(call.stdout), ["idle"]);
      const r = await sail(...base, "ota", signed);
      assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      assert.match(
        r.stderr,
        new RegExp(
          String.raw`^serving .*lamp\.signed\.wasm \([\d,]+ bytes, sha256 [0-9a-f]{16}…\) at ` +
            String.raw`http:\/\/127\.0\.0\.1:\d+\/lamp\.signed\.wasm$`,
          "m",
        ),
      );
      assert.match(r.stdout, /^miIO\.ota: \["ok"\]$/m);
      assert.match(r.stdout, /^installed: the device runs 1\.0\.0 on trial/m);
      assert.ok(
        board.otaState === 1 || board.otaState === 2,
        "booted on trial (confirmed, if 10 s of real time have passed)",
      );
      assert.ok(board.logs.some((l) => /bootloader: sail_1 is a new image: booting it on trial/.test(l.text)));
      const usage = await sail(...base, "ota");
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /ota needs one signed image/);
    } finally {
      stop.abort();
      await pacing;
      await endpoint.close();
    }
  });

  it("sail miot with a wrong token times out with a clear message", async () => {
    const board = Board.load("esp32-devkitc", { seed: 4 });
    await board.flash(await firmware(SMART_LAMP));
    await board.runUntil(() => board.online, "5 s", "the radio to connect");
    const endpoint = await board.miot?.serveUdp("127.0.0.1", 0);
    assert.ok(endpoint);
    try {
      const r = await sail(
        "miot",
        "--port",
        String(endpoint.port),
        "--timeout",
        "150",
        "--token",
        "00".repeat(16),
        "get",
        "2.1",
      );
      assert.equal(r.code, 1);
      assert.match(r.stderr, /127\.0\.0\.1:\d+.*get_properties|get_properties.*127\.0\.0\.1/);
      assert.ok((board.miot?.session.drops.get("bad-checksum") ?? 0) > 0, "the lamp dropped the forged packets");
    } finally {
      await endpoint.close();
    }
  });

  it("sail abi --header writes the C header", async () => {
    const r = await sail("abi", "--header");
    assert.match(r.stdout, /#define SAIL_ABI_VERSION 0x00010003u/);
  });
  it(
    "sail run --flash keeps the key-value store and the identity across runs; --energy reports mAh and " +
      "battery life",
    async () => {
      const { compileSnippet, ENTRY } = await import("./support/snippets.js");
      const { mkdtemp } = await import("node:fs/promises");
      const { tmpdir } = await import("node:os");
      const counter = join(ROOT, "build", "cli-kv-counter.wasm");
      await writeFile(
        counter,
        await compileSnippet(
          "cli-kv-counter",
          `${ENTRY}import { Kv, log } from "../../assembly/sail";
export function sail_setup(): void {
  const kv = new Kv("app");
  const boots = kv.getInt("boots", 0) + 1;
  kv.setInt("boots", boots);
  log.info("boots " + boots.toString());
}
`,
          ["--runtime", "minimal", "--exportRuntime"],
        ),
      );
      const flash = join(await mkdtemp(join(tmpdir(), "sail-cli-flash-")), "dev.bin");
      const first = await sail("run", counter, "--flash", flash, "--for", "1s");
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /boots 1$/m);
      const did = /device did (\d+)/.exec(first.stderr)?.[1];
      assert.ok(did !== undefined, first.stderr);
      assert.match(first.stderr, /saved the board's flash to .*dev\.bin/);

      const second = await sail("run", "--flash", flash, "--for", "1s", "--seed", "9", "--energy", "--battery", "620");
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /boots 2$/m, "the store survived");
      assert.match(
        second.stderr,
        new RegExp(`device did ${did}`),
        "the identity lives in the flash file, not in the seed",
      );
      assert.match(second.stderr, /energy over [\d.]+ (min|s|h)?.*: [\d.]+ mAh, average [\d.]+ mA/);
      assert.match(second.stderr, /battery: 620 mAh lasts \d+ days/);
    },
  );

  it(
    "a file the user named that cannot be used is one line naming it, " + "before the run, never a stack trace",
    async () => {
      const cases: ReadonlyArray<readonly [readonly string[], RegExp]> = [
        [["run", "nope.wasm"], /^sail: cannot find nope\.wasm: no such file or folder; check the path \(ENOENT\)$/m],
        [["run", blinkFile, "--ota-key", "nope.pem"], /^sail: cannot open nope\.pem: no such file or folder/m],
        [["run", blinkFile, "--flash", "docs"], /^sail: --flash docs is a folder: give the path of a file$/m],
        [["run", blinkFile, "--ota-key", "docs"], /^sail: cannot read docs: it is a folder; give a file \(EISDIR\)$/m],
        [
          ["miot", "--token", "00".repeat(16), "ota", "docs"],
          /^sail: cannot read docs: it is a folder; give a file \(EISDIR\)$/m,
        ],
        [
          ["run", blinkFile, "--vcd", "no-such-folder/out.vcd"],
          /^sail: cannot find no-such-folder: no such file or folder/m,
        ],
        [
          ["run", blinkFile, "--vcd", "package.json/out.vcd"],
          /^sail: --vcd package\.json\/out\.vcd: package\.json is not a folder$/m,
        ],
        [
          ["ota", "keygen", "--out", "no-such-folder/key"],
          /^sail: cannot open no-such-folder\/key\.pem: no such file or folder/m,
        ],
      ];
      for (const [args, message] of cases) {
        const r = await sail(...args);
        assert.equal(r.code, 1, args.join(" "));
        assert.match(r.stderr, message);
        assert.doesNotMatch(r.stderr, /^\s+at /m, `no stack trace for ${args.join(" ")}`);
        assert.doesNotMatch(r.stderr, /^ran /m, "refused before running");
      }
    },
  );

  it("sail run --flash on a file with nothing bootable says so and how to flash one", async () => {
    const { mkdtemp } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const flash = join(await mkdtemp(join(tmpdir(), "sail-cli-empty-")), "new.bin");
    const r = await sail("run", "--flash", flash, "--for", "1s");
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      new RegExp(
        String.raw`^sail: the flash holds no bootable firmware \(no bootable image in sail_0 or sail_1\): ` +
          String.raw`flash one first ` +
          String.raw`\(sail run <firmware> --flash <file>`,
        "m",
      ),
    );
    assert.doesNotMatch(r.stderr, /^\s+at /m);
  });
});
