// Delivering an update over HTTP on loopback: Range requests in 16 KiB chunks
// into the inactive slot, the SHA-256 checked before it can boot.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SeededRandom } from "../host/random.js";
import { FlashChip } from "../host/flash/chip.js";
import { readManifest, withManifest } from "../host/flash/manifest.js";
import { FlashRegion } from "../host/flash/region.js";
import { OtaError, type RefusalReason } from "../host/ota/checks.js";
import { DOWNLOAD_CHUNK_BYTES, downloadUpdate } from "../host/ota/download.js";
import { parseRange, serveImage, type ImageServer } from "../host/ota/http-server.js";
import { OtaManager } from "../host/ota/manager.js";
import { OTA_IMG } from "../host/ota/otadata.js";
import { generateSigningKeys, loadPrivateKey, signImage } from "../host/ota/signature.js";
import { appendCustomSection, readWasm } from "../host/wasm/binary.js";
import { firmware, SMART_LAMP } from "./support/firmware.js";
import { defined } from "../host/defined.js";

const keys = generateSigningKeys();
const priv = loadPrivateKey(keys.privatePem, "release.pem");

/** The board's partitions (boards/esp32-devkitc.json) on a 4 MB chip. */
function options(chip: FlashChip): ConstructorParameters<typeof OtaManager>[0] {
  return {
    slots: [new FlashRegion(chip, 0x10000, 0x180000, "ota_0"), new FlashRegion(chip, 0x190000, 0x180000, "ota_1")],
    otadata: new FlashRegion(chip, 0xd000, 0x2000, "otadata"),
    trustedKey: keys.publicPem,
    board: "esp32-devkitc",
  };
}

/** A board flashed with `old` over serial, booted. */
function board(old: Uint8Array): { chip: FlashChip; ota: OtaManager } {
  const chip = new FlashChip(4 * 1024 * 1024);
  const ota = new OtaManager(options(chip));
  ota.flashDirect(old);
  ota.bootImage();
  return { chip, ota };
}

const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
const refusedWith =
  (reason: RefusalReason, pattern: RegExp) =>
  (e: unknown): boolean =>
    e instanceof OtaError && e.reason === reason && pattern.test(e.message);

describe("OTA over HTTP", () => {
  let old: Uint8Array;
  let next: Uint8Array;
  let server: ImageServer;

  before(async () => {
    const lamp = await firmware(SMART_LAMP);
    const m = defined(readManifest(readWasm(lamp), "lamp"), "the manifest");
    const release = (version: string, padding: number): Uint8Array => {
      let bytes = withManifest(lamp, { ...m, version });
      // Assets make a real update larger than the lamp's code: a few chunks' worth.
      if (padding > 0) {
        const r = new SeededRandom(padding);
        bytes = appendCustomSection(
          bytes,
          "assets",
          Uint8Array.from({ length: padding }, () => r.nextU32() & 0xff),
        );
      }
      return signImage(bytes, priv, `lamp-${version}.wasm`);
    };
    old = release("1.0.0", 0);
    next = release("1.1.0", 50_000);
    server = await serveImage(next, { name: "lamp-1.1.0.wasm" });
  });
  after(async () => {
    await server.close();
  });

  describe("image server", () => {
    it("listens on loopback, on an ephemeral port", () => {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/lamp-1\.1\.0\.wasm$/);
      assert.notEqual(server.port, 54321);
    });

    it("answers a Range request with 206 and Content-Range", async () => {
      const res = await fetch(server.url, { headers: { Range: "bytes=10-19" } });
      assert.equal(res.status, 206);
      assert.equal(res.headers.get("content-range"), `bytes 10-19/${next.length}`);
      assert.deepEqual(new Uint8Array(await res.arrayBuffer()), next.subarray(10, 20));
    });

    it("answers without Range with the whole image, and a range past the end with 416", async () => {
      const all = await fetch(server.url);
      assert.equal(all.status, 200);
      assert.equal(all.headers.get("accept-ranges"), "bytes");
      assert.deepEqual(new Uint8Array(await all.arrayBuffer()), next);
      const past = await fetch(server.url, { headers: { Range: `bytes=${next.length}-` } });
      assert.equal(past.status, 416);
      assert.equal(past.headers.get("content-range"), `bytes */${next.length}`);
      await past.arrayBuffer();
    });

    it("serves nothing else", async () => {
      const res = await fetch(server.url.replace(/[^/]+$/, "other.wasm"));
      assert.equal(res.status, 404);
      await res.arrayBuffer();
    });

    it("parses byte ranges as RFC 9110 §14 says", () => {
      assert.deepEqual(parseRange("bytes=0-99", 1000), { start: 0, end: 99 });
      assert.deepEqual(parseRange("bytes=900-", 1000), { start: 900, end: 999 });
      assert.deepEqual(parseRange("bytes=-100", 1000), { start: 900, end: 999 });
      assert.deepEqual(parseRange("bytes=990-2000", 1000), { start: 990, end: 999 });
      assert.equal(parseRange("bytes=1000-", 1000), "unsatisfiable");
      assert.equal(parseRange("bytes=0-1,5-6", 1000), null, "several ranges: the whole image");
      assert.equal(parseRange("items=0-1", 1000), null);
      assert.equal(parseRange(undefined, 1000), null);
    });
  });

  it("downloads in 16 KiB Range requests into the inactive slot, which boots on trial", async () => {
    const { chip, ota } = board(old);
    const progress: number[] = [];
    const before = server.requests.length;
    const result = await downloadUpdate(server.url, ota, {
      sha256: sha256(next),
      onProgress: (received) => progress.push(received),
    });
    assert.equal(result.manifest.version, "1.1.0");
    assert.equal(result.requests, Math.ceil(next.length / DOWNLOAD_CHUNK_BYTES));
    const mine = server.requests.slice(before);
    assert.deepEqual(
      mine.map((r) => r.status),
      mine.map(() => 206),
    );
    assert.equal(mine[0]?.range, `bytes=0-${DOWNLOAD_CHUNK_BYTES - 1}`);
    assert.equal(progress.at(-1), next.length);
    const boot = new OtaManager(options(chip)).bootImage();
    assert.deepEqual([boot.slot, boot.manifest?.version, boot.state], [1, "1.1.0", OTA_IMG.PENDING_VERIFY]);
    assert.deepEqual(boot.image, next);
  });

  it("refuses a download whose SHA-256 is not the one announced; the old image keeps booting", async () => {
    const { chip, ota } = board(old);
    const wrong = sha256(old);
    await assert.rejects(
      downloadUpdate(server.url, ota, { sha256: wrong }),
      refusedWith("sha-mismatch", new RegExp(`not the announced ${wrong}`)),
    );
    const boot = new OtaManager(options(chip)).bootImage();
    assert.deepEqual([boot.slot, boot.manifest?.version], [0, "1.0.0"]);
  });

  it("a signed image tampered on the server is refused after download", async () => {
    const tampered = next.slice();
    const at = tampered.length - 200; // inside the signed assets
    tampered[at] = defined(tampered[at], "byte") ^ 0xff;
    const evil = await serveImage(tampered);
    try {
      const { ota } = board(old);
      await assert.rejects(downloadUpdate(evil.url, ota), refusedWith("tampered", /signature does not verify/));
    } finally {
      await evil.close();
    }
  });

  it("takes the whole image from a server that ignores Range", async () => {
    const plain = createServer((_req, res) => {
      res.writeHead(200, { "Content-Length": next.length });
      res.end(next);
    });
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
    try {
      const { ota } = board(old);
      const r = await downloadUpdate(`http://127.0.0.1:${(plain.address() as AddressInfo).port}/fw.wasm`, ota);
      assert.deepEqual([r.requests, r.manifest.version], [1, "1.1.0"]);
    } finally {
      plain.closeAllConnections();
      await new Promise((resolve) => plain.close(resolve));
    }
  });

  it("a download cut off midway leaves the old image booting, and the next try succeeds", async () => {
    let served = 0;
    const flaky = createServer((req, res) => {
      const m = /bytes=(\d+)-(\d+)/.exec(req.headers.range ?? "");
      if (m === null || ++served > 2) {
        res.writeHead(503).end();
        return;
      }
      const start = Number(m[1]);
      const end = Math.min(Number(m[2]), next.length - 1);
      res.writeHead(206, {
        "Content-Range": `bytes ${start}-${end}/${next.length}`,
        "Content-Length": end - start + 1,
      });
      res.end(next.subarray(start, end + 1));
    });
    await new Promise<void>((resolve) => flaky.listen(0, "127.0.0.1", resolve));
    try {
      const { chip, ota } = board(old);
      const url = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/fw.wasm`;
      await assert.rejects(downloadUpdate(url, ota), refusedWith("download", /HTTP 503 .* for bytes 32768-49151/));
      assert.equal(new OtaManager(options(chip)).bootImage().manifest?.version, "1.0.0");
      const retry = await downloadUpdate(server.url, ota, { sha256: sha256(next) });
      assert.equal(retry.manifest.version, "1.1.0");
    } finally {
      flaky.closeAllConnections();
      await new Promise((resolve) => flaky.close(resolve));
    }
  });

  it("says so when the server is gone or the image is missing, leaving the old image", async () => {
    const gone = await serveImage(next);
    const url = gone.url;
    await gone.close();
    const { chip, ota } = board(old);
    await assert.rejects(downloadUpdate(url, ota), refusedWith("download", /cannot fetch bytes 0-16383/));
    await assert.rejects(
      downloadUpdate(server.url.replace(/[^/]+$/, "nope.wasm"), ota),
      refusedWith("download", /HTTP 404/),
    );
    assert.equal(new OtaManager(options(chip)).bootImage().manifest?.version, "1.0.0");
  });
});
