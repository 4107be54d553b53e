// The key-value store as firmware and users see it (ESP-IDF NVS semantics):
// types, namespaces, name and size limits, a full store, corrupt pages,
// page moves, the on-flash layout, and persistence through a flash image file.

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { crc32 } from "node:zlib";
import { join } from "node:path";
import type { StatusName } from "../host/abi/table.js";
import { FlashChip, FlashError, PowerCut } from "../host/flash/chip.js";
import { eraseCountsPath, loadFlashImage, saveFlashImage } from "../host/flash/file.js";
import { FlashRegion } from "../host/flash/region.js";
import { SeededRandom } from "../host/random.js";
import { KvError } from "../host/storage/errors.js";
import { KvStore } from "../host/storage/store.js";

const NVS_OFFSET = 0x9000;
const CHIP_BYTES = 0x20000;
const PAGE = 4096;

function nvs(pages = 4, chip = new FlashChip(CHIP_BYTES)): FlashRegion {
  return new FlashRegion(chip, NVS_OFFSET, pages * PAGE, "nvs");
}

function refusal(fn: () => unknown, status: StatusName, message?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof KvError, `expected a KvError, got ${String(e)}`);
    assert.equal(e.status, status, e.message);
    if (message !== undefined) assert.match(e.message, message);
    return true;
  });
}

describe("kv store", () => {
  it("a blank partition mounts empty, with nothing to report", () => {
    const store = KvStore.mount(nvs());
    assert.deepEqual(store.warnings, []);
    assert.deepEqual(store.entries(), []);
    const s = store.stats();
    assert.equal(s.pages, 4);
    assert.equal(s.freePages, 4);
    assert.equal(s.keys, 0);
    assert.equal(s.corruptPages, 0);
  });

  it("stores integers, strings and blobs and reads each back with its type", () => {
    const store = KvStore.mount(nvs());
    const ns = store.openNamespace("app");
    store.set(ns, "min", -(1n << 63n));
    store.set(ns, "max", (1n << 63n) - 1n);
    store.set(ns, "name", "lampe à café ☕");
    store.set(ns, "empty", "");
    store.set(ns, "blob", new Uint8Array([0, 1, 0xff, 0xfe]));
    assert.equal(store.getInt(ns, "min"), -(1n << 63n));
    assert.equal(store.getInt(ns, "max"), (1n << 63n) - 1n);
    assert.equal(store.getString(ns, "name"), "lampe à café ☕");
    assert.equal(store.getString(ns, "empty"), "");
    assert.deepEqual(store.getBlob(ns, "blob"), new Uint8Array([0, 1, 0xff, 0xfe]));
    assert.equal(store.get(ns, "absent"), undefined);
    refusal(() => store.set(ns, "big", 1n << 63n), "ERR_INVALID_ARG", /outside the i64 range/);
  });

  it("a set replaces both value and type; a wrong-type get is ERR_NVS_TYPE_MISMATCH", () => {
    const store = KvStore.mount(nvs());
    const ns = store.openNamespace("app");
    store.set(ns, "k", 1n);
    store.set(ns, "k", 2n);
    assert.equal(store.getInt(ns, "k"), 2n);
    store.set(ns, "k", "two");
    assert.equal(store.getString(ns, "k"), "two");
    refusal(
      () => store.getInt(ns, "k"),
      "ERR_NVS_TYPE_MISMATCH",
      /key "k" in namespace "app" holds a string, not an integer/,
    );
    refusal(() => store.getBlob(ns, "k"), "ERR_NVS_TYPE_MISMATCH");
    refusal(() => store.getInt(ns, "nope"), "ERR_NVS_NOT_FOUND", /key "nope" in namespace "app" is not set/);
    assert.equal(store.stats().keys, 1);
  });

  it("erase deletes a key; erasing a missing key is ERR_NVS_NOT_FOUND", () => {
    const region = nvs();
    const store = KvStore.mount(region);
    const ns = store.openNamespace("app");
    store.set(ns, "a", 1n);
    store.set(ns, "b", 2n);
    store.erase(ns, "a");
    assert.equal(store.get(ns, "a"), undefined);
    refusal(() => store.erase(ns, "a"), "ERR_NVS_NOT_FOUND", /key "a" is not in namespace "app"/);
    const again = KvStore.mount(region);
    assert.equal(again.get(ns, "a"), undefined);
    assert.equal(again.get(ns, "b"), 2n);
  });

  it("namespaces keep equal keys apart; opening a namespace again returns the same handle", () => {
    const region = nvs();
    const store = KvStore.mount(region);
    const a = store.openNamespace("wifi");
    const b = store.openNamespace("lamp");
    assert.notEqual(a, b);
    assert.equal(store.openNamespace("wifi"), a);
    store.set(a, "x", "from wifi");
    store.set(b, "x", 7n);
    assert.equal(store.get(a, "x"), "from wifi");
    assert.equal(store.get(b, "x"), 7n);
    assert.deepEqual(store.entries(b), [{ namespace: "lamp", key: "x", value: 7n }]);
    assert.equal(store.namespaceName(a), "wifi");
    refusal(
      () => store.get(99, "x"),
      "ERR_NVS_INVALID_HANDLE",
      /namespace handle 99 is not one openNamespace returned \(open namespaces: wifi, lamp\)/,
    );
    const again = KvStore.mount(region);
    assert.equal(again.openNamespace("lamp"), b);
    assert.equal(again.stats().namespaces, 2);
  });

  it("names are 1..15 printable ASCII characters, for keys and namespaces alike", () => {
    const store = KvStore.mount(nvs());
    const ns = store.openNamespace("fifteen_chars_x");
    store.set(ns, "k23456789012345", 1n);
    assert.equal(store.getInt(ns, "k23456789012345"), 1n);
    refusal(
      () => store.set(ns, "k234567890123456", 1n),
      "ERR_NVS_KEY_TOO_LONG",
      /key "k234567890123456" is 16 characters: NVS names hold at most 15/,
    );
    refusal(() => store.openNamespace("sixteen_chars_xx"), "ERR_NVS_KEY_TOO_LONG", /namespace/);
    refusal(() => store.set(ns, "", 1n), "ERR_NVS_INVALID_NAME", /the key name is empty/);
    refusal(() => store.openNamespace(""), "ERR_NVS_INVALID_NAME");
    refusal(() => store.set(ns, "café", 1n), "ERR_NVS_INVALID_NAME", /character "é"/);
    refusal(() => store.get(ns, "a\u0000b"), "ERR_NVS_INVALID_NAME");
  });

  it(
    "a value fits one page: a blob up to 4000 bytes, a string " +
      "up to 3999 plus its NUL; longer is ERR_NVS_VALUE_TOO_LONG",
    () => {
      const region = nvs();
      const store = KvStore.mount(region);
      const ns = store.openNamespace("app");
      const full = new Uint8Array(4000).map((_, i) => i & 0xff);
      store.set(ns, "blob", full);
      const text = `${"é".repeat(1999)}x`;
      store.set(ns, "text", text);
      refusal(
        () => store.set(ns, "blob", new Uint8Array(4001)),
        "ERR_NVS_VALUE_TOO_LONG",
        /blob for key "blob" in namespace "app" is 4001 bytes: a blob holds at most 4000 \(one page\)/,
      );
      refusal(
        () => store.set(ns, "text", "é".repeat(2000)),
        "ERR_NVS_VALUE_TOO_LONG",
        /string .* is 4000 bytes of UTF-8: a string holds at most 3999 \(4000 with its NUL terminator, one page\)/,
      );
      const again = KvStore.mount(region);
      assert.deepEqual(again.getBlob(ns, "blob"), full);
      assert.equal(again.getString(ns, "text"), text);
    },
  );

  it("setting the value a key already holds writes nothing to flash", () => {
    const region = nvs();
    const store = KvStore.mount(region);
    const ns = store.openNamespace("app");
    store.set(ns, "n", 5n);
    store.set(ns, "b", new Uint8Array([1, 2, 3]));
    const steps = region.chip.steps;
    store.set(ns, "n", 5n);
    store.set(ns, "b", new Uint8Array([1, 2, 3]));
    assert.equal(region.chip.steps, steps);
    store.set(ns, "n", 6n);
    assert.ok(region.chip.steps > steps);
  });

  it("values survive a remount, and a blob read back cannot change the stored one", () => {
    const region = nvs();
    const store = KvStore.mount(region);
    const ns = store.openNamespace("app");
    store.set(ns, "count", 41n);
    store.set(ns, "count", 42n);
    store.set(ns, "blob", new Uint8Array([9, 9]));
    store.set(ns, "no bytes", new Uint8Array(0));
    store.set(ns, "no text", "");
    store.getBlob(ns, "blob")[0] = 0;
    const again = KvStore.mount(region);
    assert.deepEqual(again.entries(), [
      { namespace: "app", key: "blob", value: new Uint8Array([9, 9]) },
      { namespace: "app", key: "count", value: 42n },
      { namespace: "app", key: "no bytes", value: new Uint8Array(0) },
      { namespace: "app", key: "no text", value: "" },
    ]);
    assert.deepEqual(again.warnings, []);
  });

  it("many overwrites move pages, keep one page free, and keep every key", () => {
    const region = nvs(4);
    const store = KvStore.mount(region);
    const ns = store.openNamespace("app");
    const rnd = new SeededRandom(7);
    const model = new Map<string, bigint | string>();
    for (let i = 0; i < 3000; i++) {
      const key = `k${rnd.int(0, 29)}`;
      const value = rnd.next() < 0.5 ? BigInt(i) : "x".repeat(rnd.int(0, 100));
      store.set(ns, key, value);
      model.set(key, value);
    }
    const s = store.stats();
    assert.ok(s.pageMoves > 10, `${s.pageMoves} page moves`);
    assert.ok(s.freePages >= 1);
    for (const [k, v] of model) assert.equal(store.get(ns, k), v);
    const again = KvStore.mount(region);
    assert.equal(again.entries().length, model.size);
    for (const [k, v] of model) assert.equal(again.get(ns, k), v);
    const erases = [...region.chip.eraseCounts.slice(NVS_OFFSET / PAGE, NVS_OFFSET / PAGE + 4)];
    assert.ok(
      erases.every((n) => n > 0),
      `wear goes round the partition: ${erases.join(", ")}`,
    );
  });

  it("a full store refuses with ERR_NVS_NOT_ENOUGH_SPACE, keeps its keys, and takes sets again after erases", () => {
    const region = nvs(3);
    const store = KvStore.mount(region);
    const ns = store.openNamespace("app");
    let stored = 0;
    for (;;) {
      try {
        store.set(ns, `k${stored}`, BigInt(stored));
      } catch (e) {
        assert.ok(e instanceof KvError);
        assert.equal(e.status, "ERR_NVS_NOT_ENOUGH_SPACE");
        assert.match(
          e.message,
          /^the nvs partition \(12 KiB\) is full: erase keys or enlarge the partition in the board profile/,
        );
        break;
      }
      stored++;
    }
    assert.ok(stored >= 2 * 126 - 2 && stored <= 2 * 126, `${stored} keys fit in two pages`);
    refusal(() => store.set(ns, "k0", 99n), "ERR_NVS_NOT_ENOUGH_SPACE");
    assert.equal(store.getInt(ns, "k0"), 0n);
    for (let i = 0; i < 10; i++) store.erase(ns, `k${i}`);
    store.set(ns, "fresh", "space again");
    assert.equal(store.getString(ns, "fresh"), "space again");
    const again = KvStore.mount(region);
    assert.equal(again.stats().keys, stored - 10 + 1);
    assert.equal(again.getInt(ns, `k${stored - 1}`), BigInt(stored - 1));
  });

  it("a page with a damaged header has its intact items moved out, is erased and used again", () => {
    const region = nvs(4);
    const store = KvStore.mount(region);
    const ns = store.openNamespace("app");
    for (let i = 0; i < 200; i++) store.set(ns, `k${i}`, BigInt(i)); // page 0 full, page 1 active
    region.chip.poke(NVS_OFFSET + 5, region.chip.peek(NVS_OFFSET + 5) ^ 0x01); // a bit of page 0's sequence number
    const again = KvStore.mount(region);
    assert.deepEqual(again.warnings, [
      "nvs page 0 (0x9000) is unreadable: its header CRC does not match; its 126 intact item(s) are moved " +
        "to page 2 and the page is erased and used again",
    ]);
    assert.equal(again.stats().corruptPages, 0);
    assert.equal(again.namespaceName(ns), "app");
    for (let i = 0; i < 200; i++) assert.equal(again.getInt(ns, `k${i}`), BigInt(i), `k${i}`);
    assert.ok(
      region.read(0, PAGE).every((b) => b === 0xff),
      "page 0 is erased",
    );
    again.set(ns, "after", "still works");
    for (let i = 0; i < 300; i++) again.set(ns, `n${i % 40}`, BigInt(i));
    const third = KvStore.mount(region);
    assert.deepEqual(third.warnings, []);
    assert.equal(third.getString(ns, "after"), "still works");
    assert.equal(third.getInt(ns, "k7"), 7n);
    assert.equal(third.getInt(ns, "n39"), 279n);
  });

  it("a page of garbage is erased and used again, a corrupted entry is named and skipped, never a crash", () => {
    const region = nvs(4);
    const store = KvStore.mount(region);
    const ns = store.openNamespace("app");
    store.set(ns, "keep", "me");
    store.set(ns, "hit", 12345n);
    const rnd = new SeededRandom(3);
    for (let i = 0; i < PAGE; i++) region.chip.poke(NVS_OFFSET + 2 * PAGE + i, rnd.nextU32() & 0xff);
    // the value of "hit" (entry 3, after the namespace and "keep")
    region.chip.poke(NVS_OFFSET + 64 + 3 * 32 + 24, region.chip.peek(NVS_OFFSET + 64 + 3 * 32 + 24) ^ 0x10);
    const again = KvStore.mount(region);
    assert.equal(again.warnings.length, 2, again.warnings.join("\n"));
    assert.match(
      again.warnings.join("\n"),
      /nvs page 0 \(0x9000\): entry 3 \(key "hit"\): CRC mismatch; the entry is skipped/,
    );
    assert.match(
      again.warnings.join("\n"),
      /nvs page 2 \(0xb000\) is unreadable: .*; it held no intact entry, so it is erased/,
    );
    assert.equal(again.get(ns, "hit"), undefined);
    assert.equal(again.get(ns, "keep"), "me");
    again.set(ns, "hit", 1n);
    assert.equal(KvStore.mount(region).getInt(ns, "hit"), 1n);
  });

  it("a partition with no readable page mounts empty with one line per page and a summary, never full", () => {
    const region = nvs(3);
    for (let i = NVS_OFFSET; i < NVS_OFFSET + 3 * PAGE; i++) region.chip.poke(i, 0x00);
    const store = KvStore.mount(region);
    assert.equal(store.warnings.length, 4, store.warnings.join("\n"));
    assert.match(store.warnings.join("\n"), /nvs page 2 \(0xb000\) is unreadable: its state word 0x00000000/);
    assert.equal(
      store.warnings[3],
      "none of the 3 pages of nvs partition nvs could be read: it starts empty (every key it held is lost)",
    );
    store.set(store.openNamespace("app"), "k", 1n);
    assert.deepEqual(KvStore.mount(region).warnings, []);
  });

  it("refuses a partition smaller than three pages", () => {
    refusal(
      () => KvStore.mount(nvs(2)),
      "ERR_INVALID_SIZE",
      /nvs partition nvs is 8192 bytes: the store needs at least 3 pages/,
    );
  });

  it("after a power cut mid-write the store refuses use until mounted again", () => {
    const region = nvs();
    const store = KvStore.mount(region);
    const ns = store.openNamespace("app");
    store.set(ns, "k", 1n);
    region.chip.armPowerCut(2, new SeededRandom(1));
    assert.throws(() => store.set(ns, "k", 2n), PowerCut);
    refusal(() => store.set(ns, "k", 3n), "ERR_INVALID_STATE", /mount the partition again/);
    const v = KvStore.mount(region).getInt(ns, "k");
    assert.ok(v === 1n || v === 2n);
  });

  it(
    "a cut between appending the new value and erasing the old: " +
      "mount keeps the new one and erases the old for good",
    () => {
      const region = nvs();
      const store = KvStore.mount(region);
      const ns = store.openNamespace("app"); // entry 0
      store.set(ns, "k", 1n); // entry 1
      region.chip.armPowerCut(10, new SeededRandom(1)); // 8 words of entry 2, its bitmap word, then the old one's erase
      assert.throws(() => store.set(ns, "k", 2n), PowerCut);
      assert.equal(region.chip.peek(NVS_OFFSET + 32), 0b11101010, "both copies of k left committed");
      const again = KvStore.mount(region);
      assert.equal(again.getInt(ns, "k"), 2n);
      again.erase(ns, "k");
      assert.equal(KvStore.mount(region).get(ns, "k"), undefined, "the old copy does not come back");
    },
  );

  it("lays pages out as ESP-IDF NVS does: header, entry bitmap, 32-byte items", () => {
    const region = nvs();
    const store = KvStore.mount(region);
    const ns = store.openNamespace("lamp");
    store.set(ns, "on", 1n);
    store.set(ns, "name", "desk");
    const p = region.read(0, PAGE);
    const u32 = (at: number): number => new DataView(p.buffer).getUint32(at, true);
    assert.equal(u32(0), 0xfffffffe, "page state ACTIVE");
    assert.equal(u32(4), 0, "first sequence number");
    assert.equal(p[8], 0xfe, "format version");
    // bitmap: entries 0..3 WRITTEN (0b10), the rest EMPTY
    assert.equal(p[32], 0b10101010);
    assert.equal(p[33], 0xff);
    const entry = (i: number): Uint8Array => p.subarray(64 + 32 * i, 96 + 32 * i);
    const key = (e: Uint8Array): string => new TextDecoder().decode(e.subarray(8, 24)).replace(/\0+$/, "");
    assert.deepEqual([...entry(0).subarray(0, 4)], [0, 0x01, 1, 0xff], "namespace entry: ns 0, U8, span 1");
    assert.equal(key(entry(0)), "lamp");
    assert.equal(entry(0)[24], ns);
    assert.deepEqual([...entry(1).subarray(0, 4)], [ns, 0x18, 1, 0xff], "I64 item");
    assert.equal(key(entry(1)), "on");
    assert.deepEqual([...entry(2).subarray(0, 4)], [ns, 0x21, 2, 0xff], "string item: head + one data entry");
    assert.equal(new DataView(p.buffer).getUint16(64 + 64 + 24, true), 5, "string size, NUL included");
    assert.deepEqual([...entry(3).subarray(0, 6)], [0x64, 0x65, 0x73, 0x6b, 0, 0xff], "desk, NUL, erased padding");
  });

  it("reads a partition laid out by ESP-IDF's tools: u8, i32 and string items, NUL-terminated strings", () => {
    // Built here byte by byte, as nvs_partition_gen.py writes a version-2 page.
    const page = new Uint8Array(PAGE).fill(0xff);
    const dv = new DataView(page.buffer);
    dv.setUint32(0, 0xfffffffe, true); // ACTIVE
    dv.setUint32(4, 0, true); // seq
    page[8] = 0xfe; // version 2
    dv.setUint32(28, crc32(page.subarray(4, 28), 0xffffffff), true);
    const entries: Uint8Array[] = [];
    const item = (ns: number, type: number, span: number, key: string, data: number[]): Uint8Array => {
      const e = new Uint8Array(32).fill(0xff);
      e.set([ns, type, span, 0xff]);
      e.fill(0, 8, 24);
      e.set(new TextEncoder().encode(key), 8);
      e.set(data, 24);
      new DataView(e.buffer).setUint32(4, crc32(e.subarray(8), crc32(e.subarray(0, 4), 0xffffffff)), true);
      entries.push(e);
      return e;
    };
    item(0, 0x01, 1, "storage", [1]);
    item(1, 0x01, 1, "u8_key", [255]);
    item(1, 0x14, 1, "i32_key", [0x00, 0x00, 0x00, 0x80]);
    const hello = new TextEncoder().encode("hello\0");
    const crc = crc32(hello, 0xffffffff);
    item(1, 0x21, 2, "str_key", [6, 0, 0xff, 0xff, crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24]);
    const data = new Uint8Array(32).fill(0xff);
    data.set(hello);
    entries.push(data);
    entries.forEach((e, i) => page.set(e, 64 + 32 * i));
    page[32] = 0b10101010; // entries 0..3 written
    page[33] = 0b11111110; // entry 4 written
    const region = nvs(3);
    region.write(0, page);

    const store = KvStore.mount(region);
    assert.deepEqual(store.warnings, []);
    const ns = store.openNamespace("storage");
    assert.equal(ns, 1);
    assert.equal(store.getInt(ns, "u8_key"), 255n);
    assert.equal(store.getInt(ns, "i32_key"), -2147483648n);
    assert.equal(store.getString(ns, "str_key"), "hello");
    store.set(ns, "u8_key", 7n);
    assert.equal(KvStore.mount(region).getInt(ns, "u8_key"), 7n);
  });

  it("persists through a flash image file, erase counts included", () => {
    const dir = mkdtempSync(join(tmpdir(), "sail-kv-"));
    const file = join(dir, "dev.bin");
    const chip = loadFlashImage(file, CHIP_BYTES);
    assert.ok(
      chip.snapshot().every((b) => b === 0xff),
      "a missing image is an erased chip",
    );
    const store = KvStore.mount(nvs(4, chip));
    const ns = store.openNamespace("app");
    for (let i = 0; i < 600; i++) store.set(ns, `k${i % 20}`, `value ${i}`);
    saveFlashImage(file, chip);
    assert.deepEqual(readdirSync(dir).sort(), ["dev.bin", "dev.bin.erase-counts.json"], "no temporary file left");
    const loaded = loadFlashImage(file, CHIP_BYTES);
    assert.deepEqual(loaded.eraseCounts, chip.eraseCounts);
    assert.ok(loaded.eraseCounts.some((n) => n > 0));
    const again = KvStore.mount(nvs(4, loaded));
    assert.equal(again.getString(ns, "k19"), "value 599");
    assert.equal(again.entries().length, 20);
  });

  it("refuses a flash image of the wrong size, naming the file and both sizes", () => {
    const dir = mkdtempSync(join(tmpdir(), "sail-kv-"));
    const file = join(dir, "small.bin");
    writeFileSync(file, new Uint8Array(1000));
    assert.throws(
      () => loadFlashImage(file, CHIP_BYTES),
      (e: unknown) => {
        assert.ok(e instanceof FlashError);
        assert.ok(
          e.message.includes(`flash image ${file} is 1000 bytes; the board's flash is 131072 bytes`),
          e.message,
        );
        return true;
      },
    );
    writeFileSync(join(dir, "ok.bin"), new Uint8Array(CHIP_BYTES).fill(0xff));
    writeFileSync(eraseCountsPath(join(dir, "ok.bin")), '{"sectorBytes": 4096, "eraseCounts": [1, 2]}');
    assert.throws(
      () => loadFlashImage(join(dir, "ok.bin"), CHIP_BYTES),
      /ok\.bin\.erase-counts\.json: expected .*32 non-negative integers.*delete it/,
    );
    assert.equal(existsSync(join(dir, "missing.bin")), false);
  });
});
