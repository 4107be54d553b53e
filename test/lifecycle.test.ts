// A device's life on the board: settings in the key-value store across
// reboots, power cuts and runs (a flash file), its identity kept in flash, and
// signed OTA updates booted on trial, confirmed or rolled back.

import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Board } from "../host/board/board.js";
import { SeededRandom } from "../host/random.js";
import { PowerCut } from "../host/flash/chip.js";
import { loadFlashImage, saveFlashImage } from "../host/flash/file.js";
import { withManifest } from "../host/flash/manifest.js";
import { OtaError } from "../host/ota/checks.js";
import { generateSigningKeys, loadPrivateKey, signImage } from "../host/ota/signature.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";
import { createHash } from "node:crypto";
import { readManifest } from "../host/flash/manifest.js";
import { serveImage } from "../host/ota/http-server.js";
import { MiioClient } from "../host/miot/client.js";
import { VirtualLan, virtualTimers } from "../host/miot/virtual-lan.js";
import { readWasm } from "../host/wasm/binary.js";
import { firmware, SMART_LAMP } from "./support/firmware.js";

const APP = `${ENTRY}import { Kv, Pin, Timer, Status, log, ota } from "../../assembly/sail";
const store = new Kv("app");
let n: i64 = 0;
const writer = new Timer(write);
export function sail_setup(): void {
  const boots = store.getInt("boots", 0) + 1;
  store.setInt("boots", boots);
  store.commit();
  n = store.getInt("n", 0);
  log.info("boots " + boots.toString() + " ota " + ota.state().toString() + " n " + n.toString());
  if (new Pin(25).input().read()) log.info("confirm " + ota.confirm().toString());
  if (new Pin(26).input().read()) writer.startPeriodic(20_000);
  if (new Pin(27).input().read()) ota.reject();
  const mismatch = store.getString("boots", "none") == "none" && store.status == Status.ERR_NVS_TYPE_MISMATCH;
  log.info("mismatch " + (mismatch ? "yes" : "no"));
  log.info("factory " + new Kv("sail.factory").handle.toString());
}
function write(): void {
  n++;
  store.setInt("n", n);
  store.setString("s", "value " + n.toString());
}
`;

const keys = generateSigningKeys();
const signer = loadPrivateKey(keys.privatePem, "release.pem");

function release(bytes: Uint8Array, version: string, signed = true): Uint8Array {
  const image = withManifest(bytes, {
    name: "app",
    version,
    model: "sail.test.app",
    boards: ["esp32-devkitc"],
    abi: "1.3",
    built: "2026-11-24T00:00:00Z",
  });
  return signed ? signImage(image, signer, `app-${version}.wasm`) : image;
}

function appLogs(board: Board): string[] {
  return board.logs.filter((l) => l.source === "app").map((l) => l.text);
}

const bootLines = (board: Board): string[] =>
  board.logs.filter((l) => /^boot: /.test(l.text)).map((l) => l.text.replace(/ on esp32-devkitc$/, ""));

describe("device lifecycle on the board", () => {
  let app: Uint8Array;
  before(async () => {
    app = await compileSnippet("lifecycle", APP, ["--runtime", "minimal", "--exportRuntime"]);
  });

  it(
    "keeps settings in the key-value store across reboots and " +
      "reflashing; type mismatch and the board's namespace are refused",
    async () => {
      const board = Board.load("esp32-devkitc");
      await board.flash(app);
      board.powerOn();
      await board.flash(app);
      const boots = appLogs(board).filter((l) => l.startsWith("boots"));
      assert.deepEqual(boots, ["boots 1 ota -1 n 0", "boots 2 ota -1 n 0", "boots 3 ota -1 n 0"]);
      assert.ok(appLogs(board).includes("mismatch yes"));
      assert.ok(appLogs(board).includes(`factory ${-0x1106}`), "sail.* namespaces belong to the board");
    },
  );

  it(
    "the typed Kv API stores strings and blobs whole, " +
      "or refuses them with ERR_NVS_VALUE_TOO_LONG: never cut short",
    async () => {
      const limits = await compileSnippet(
        "kv-limits",
        `${ENTRY}import { Kv, log } from "../../assembly/sail";
const blob = memory.data(4001);
export function sail_setup(): void {
  const kv = new Kv("limits");
  const cases: string[] = [
    "a".repeat(3999), "a".repeat(4000), "€".repeat(1333), "€".repeat(1334), "a".repeat(3998) + "€",
    "😀".repeat(999) + "abc", "😀".repeat(1000), String.fromCharCode(0xd800).repeat(1333),
  ];
  for (let i = 0; i < cases.length; i++) {
    const status = kv.setString("s" + i.toString(), cases[i]);
    const back = kv.getString("s" + i.toString(), "absent");
    const replaced = back.length == cases[i].length && back.charCodeAt(0) == 0xfffd;
    const how = back == cases[i] ? "whole" : back == "absent" ? "absent"
      : replaced ? "as U+FFFD" : "CUT " + back.length.toString();
    log.info("string " + i.toString() + " " + status.toString() + " " + how);
    kv.erase("s" + i.toString()); // each fills a page: free it for the next
  }
  log.info("blob 4000 " + kv.setBlob("b", blob, 4000).toString() + " " + kv.getBlob("b", blob, 4001).toString());
  log.info("blob 4001 " + kv.setBlob("c", blob, 4001).toString() + " " + kv.getBlob("c", blob, 4001).toString());
}
`,
        ["--runtime", "minimal", "--exportRuntime"],
      );
      const board = Board.load("esp32-devkitc");
      await board.flash(limits);
      const TOO_LONG = -4366;
      const NOT_FOUND = -4354;
      assert.deepEqual(appLogs(board), [
        "string 0 0 whole", // 3,999 ASCII bytes, the most a string holds
        `string 1 ${TOO_LONG} absent`,
        "string 2 0 whole", // 3,999 bytes of three-byte characters
        `string 3 ${TOO_LONG} absent`,
        `string 4 ${TOO_LONG} absent`, // 4,001 bytes: refused, not stored as its first 3,998
        "string 5 0 whole", // four-byte characters
        `string 6 ${TOO_LONG} absent`,
        "string 7 0 as U+FFFD", // unpaired surrogates: each stored as U+FFFD, 3 bytes, counted so
        "blob 4000 0 4000",
        `blob 4001 ${TOO_LONG} ${NOT_FOUND}`,
      ]);
    },
  );

  it("a power cut at any flash step leaves every key with its old or new value", async () => {
    const board = Board.load("esp32-devkitc", { seed: 5 });
    board.pin(26).drive(1);
    await board.flash(app);
    const random = new SeededRandom(99);
    for (let cut = 0; cut < 40; cut++) {
      board.storage.chip.armPowerCut(random.int(1, 400), random);
      await board.advance("1 s");
      assert.equal(board.state, "off", `cut ${cut} struck`);
      board.powerOn();
      const kv = board.storage.kv;
      assert.ok(kv !== null, "the store mounts after the cut");
      assert.deepEqual(kv.warnings, [], "a torn write is not corruption");
      const ns = kv.openNamespace("app");
      const n = kv.get(ns, "n");
      const s = kv.get(ns, "s");
      assert.ok(n === undefined || typeof n === "bigint");
      if (s !== undefined) {
        const m = /^value (\d+)$/.exec(String(s));
        assert.ok(m !== null, `s holds garbage: ${String(s)}`);
        // s is written after n, so a cut between them leaves s behind n, never ahead.
        assert.ok(n !== undefined && BigInt(m[1] ?? "") <= n, `s ${String(s)} with n ${n}`);
      }
    }
  });

  it("a flash file keeps the store and the device identity across runs", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "sail-flash-")), "dev.bin");
    const first = Board.load("esp32-devkitc", { seed: 1, flash: loadFlashImage(file, 4 << 20) });
    await first.flash(app);
    saveFlashImage(file, first.storage.chip);

    const second = Board.load("esp32-devkitc", { seed: 2, flash: loadFlashImage(file, 4 << 20) });
    await second.bootFromFlash();
    assert.deepEqual(
      appLogs(second).filter((l) => l.startsWith("boots")),
      ["boots 2 ota -1 n 0"],
    );
    assert.equal(second.identity.did, first.identity.did, "the identity lives in flash, not in the seed");
    assert.deepEqual(second.identity.token, first.identity.token);
  });

  describe("OTA", () => {
    it("boots a signed update on trial; unconfirmed, it rolls back at the trial's end", async () => {
      const board = Board.load("esp32-devkitc", { otaKey: keys.publicPem });
      await board.flash(release(app, "1.0.0"));
      await board.update(release(app, "1.1.0"));
      await board.advance("1 s");
      assert.equal(board.otaState, 1, "PENDING_VERIFY");
      await board.advance("60 s");
      assert.deepEqual(bootLines(board), [
        "boot: reset reason POWERON; app 1.0.0",
        "boot: reset reason SW; app 1.1.0",
        "boot: reset reason WDT; app 1.0.0",
      ]);
      assert.ok(board.logs.some((l) => /did not confirm itself \(ota_confirm\) within 1 min/.test(l.text)));
      assert.equal(board.otaState, -1, "back on the image flashed directly");
    });

    it("a confirmed update stays after resets; ota_reject rolls back at once", async () => {
      const board = Board.load("esp32-devkitc", { otaKey: keys.publicPem });
      board.pin(25).drive(1);
      await board.flash(release(app, "1.0.0"));
      await board.update(release(app, "1.1.0"));
      await board.advance("2 min");
      board.powerOn();
      assert.equal(board.image?.manifest?.version, "1.1.0");
      assert.equal(board.otaState, 2);

      board.pin(25).drive(0);
      await board.update(release(app, "1.2.0"));
      board.pin(27).drive(1);
      await board.advance("1 s");
      assert.equal(board.image.manifest.version, "1.1.0", "rejected at once");
    });

    it(
      "refuses unsigned, tampered, wrong-board, " + "downgrade images and boards without a key, with the reason",
      async () => {
        const board = Board.load("esp32-devkitc", { otaKey: keys.publicPem });
        await board.flash(release(app, "1.5.0"));
        const refused = async (image: Uint8Array, reason: string): Promise<void> => {
          await assert.rejects(board.update(image), (e: unknown) => e instanceof OtaError && e.reason === reason);
        };
        await refused(release(app, "1.6.0", false), "unsigned");
        const tampered = release(app, "1.6.0");
        tampered[100] = (tampered[100] ?? 0) ^ 1;
        await assert.rejects(board.update(tampered), (e: unknown) => e instanceof OtaError);
        await refused(release(app, "1.4.0"), "downgrade");
        const other = signImage(
          withManifest(app, {
            name: "app",
            version: "2.0.0",
            model: "m",
            boards: ["esp32-c3-devkitm"],
            abi: "1.3",
            built: "x",
          }),
          signer,
          "c3.wasm",
        );
        await refused(other, "wrong-board");
        const keyless = Board.load("esp32-devkitc");
        await keyless.flash(app);
        await assert.rejects(
          keyless.update(release(app, "1.6.0")),
          (e: unknown) => e instanceof OtaError && e.reason === "no-trusted-key",
        );
        assert.equal(board.image?.manifest?.version, "1.5.0", "still running the old image");
      },
    );

    it("takes an update announced by miIO.ota: downloads it over HTTP, boots it on trial", async () => {
      const lamp = await firmware(SMART_LAMP);
      const m = readManifest(readWasm(lamp), "lamp");
      assert.ok(m !== null);
      const v2 = signImage(withManifest(lamp, { ...m, version: "1.1.0" }), signer, "lamp-1.1.0.wasm");
      const server = await serveImage(v2, { name: "lamp-1.1.0.wasm" });
      try {
        const board = Board.load("esp32-devkitc", { otaKey: keys.publicPem, seed: 3 });
        await board.flash(lamp);
        await board.runUntil(() => board.online, "5 s", "the radio to connect");
        const lan = new VirtualLan(board.clock);
        board.miot?.attach(lan, "10.0.0.2:54321");
        const phone = new MiioClient(lan.endpoint("10.0.0.9:50000"), virtualTimers(board.clock), {
          address: "10.0.0.2:54321",
          token: board.identity.token,
        });
        const call = async (method: string, params: unknown): Promise<unknown> => {
          const p = phone.call(method, params);
          await board.advance("50 ms");
          return p;
        };
        const sha = createHash("sha256").update(v2).digest("hex");
        assert.deepEqual(await call("miIO.ota", { app_url: server.url, file_sha256: sha }), ["ok"]);
        await board.otaAgent.done;
        await board.advance("1 s");
        assert.equal(board.image?.manifest?.version, "1.1.0");
        assert.equal(board.otaState, 1, "on trial");
        assert.ok(server.requests.length >= 1, "downloaded over HTTP");
        await board.runUntil(() => board.online, "5 s", "the radio to reconnect");
        assert.deepEqual(await call("miIO.get_ota_state", []), ["idle"]);
        assert.deepEqual(await call("miIO.get_ota_progress", []), [100]);
        await assert.rejects(
          call("miIO.ota", { app_url: server.url, file_md5: "00" }),
          /file_sha256 must be the image's SHA-256/,
        );
      } finally {
        await server.close();
      }
    });

    it(
      "an update over miIO.ota that this board cannot run is not booted: " + "the agent fails and the old image stays",
      async () => {
        const unrunnable = release(
          await compileSnippet(
            "unknown-import",
            `${ENTRY}@external("sail", "gpio_toggle") declare function gpio_toggle(pin: i32): i32;
export function sail_setup(): void { gpio_toggle(2); }
`,
          ),
          "2.0.0",
        );
        const server = await serveImage(unrunnable, { name: "app-2.0.0.wasm" });
        try {
          const board = Board.load("esp32-devkitc", { otaKey: keys.publicPem });
          await board.flash(release(app, "1.0.0"));
          const sha = createHash("sha256").update(unrunnable).digest("hex");
          assert.equal(board.otaAgent.request({ app_url: server.url, file_sha256: sha }).constructor, Object);
          await board.otaAgent.done;
          assert.equal(board.otaAgent.state, "failed");
          assert.match(board.otaAgent.error ?? "", /app 2\.0\.0 cannot run on esp32-devkitc: .*gpio_toggle/);
          board.powerOn();
          assert.equal(board.image?.manifest?.version, "1.0.0", "the running image is selected again");
          assert.equal(board.state, "running");
        } finally {
          await server.close();
        }
      },
    );

    it("a board that trusts no key refuses miIO.ota at once, before downloading or erasing anything", async () => {
      const server = await serveImage(release(app, "2.0.0"), { name: "app-2.0.0.wasm" });
      try {
        const board = Board.load("esp32-devkitc");
        await board.flash(release(app, "1.0.0"));
        const erasesBefore = board.storage.chip.eraseCounts.reduce((a, b) => a + b, 0);
        const answer = board.otaAgent.request({ app_url: server.url, file_sha256: "0".repeat(64) });
        assert.deepEqual(answer, {
          error: {
            code: -5001,
            message: "no trusted key: this board refuses every update; give it the .pub.pem from `sail ota keygen`",
          },
        });
        assert.equal(board.otaAgent.state, "idle");
        assert.equal(server.requests.length, 0, "nothing downloaded");
        assert.equal(
          board.storage.chip.eraseCounts.reduce((a, b) => a + b, 0),
          erasesBefore,
          "nothing erased",
        );
      } finally {
        await server.close();
      }
    });

    it("a power cut during an update leaves the old firmware booting", async () => {
      const update = release(app, "1.1.0");
      for (const step of [1, 7, 100, 900, 1500]) {
        const board = Board.load("esp32-devkitc", { otaKey: keys.publicPem });
        await board.flash(release(app, "1.0.0"));
        board.storage.chip.armPowerCut(step, new SeededRandom(step));
        await assert.rejects(board.update(update), (e: unknown) => e instanceof PowerCut);
        board.powerCut();
        board.powerOn();
        assert.equal(board.image?.manifest?.version, "1.0.0", `cut at step ${step}`);
        assert.equal(board.state, "running");
      }
    });
  });
});
