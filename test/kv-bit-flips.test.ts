// Flash damage in the key-value store (docs/lifecycle.md, NVS damage): one to
// six bits flipped at seeded random places in erased and in written pages of a
// store with known keys. The store mounts, every key whose entries (bytes and
// entry-state bits) and namespace entry are intact reads its value, a lost key
// whose name still reads is named in a warning, and a board with a fully
// damaged partition boots empty with a log line, never "the partition is full".

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { FlashChip } from "../host/flash/chip.js";
import { FlashRegion } from "../host/flash/region.js";
import { SeededRandom } from "../host/random.js";
import { BITMAP_AT, PAGE_BYTES, entryAt } from "../host/storage/format.js";
import { scanPage } from "../host/storage/scan.js";
import { KvStore, type KvValue } from "../host/storage/store.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

const PAGES = 5;
const KEY_BYTES_AT = 8;
const KEY_BYTES_END = 24;

interface Placed {
  readonly key: string;
  readonly value: KvValue;
  readonly ns: number;
  readonly page: number;
  readonly index: number;
  readonly span: number;
}

/** A store of known keys over two written pages, with the rest erased; where each key sits. */
function knownStore(seed: number): { region: FlashRegion; placed: Placed[]; nsEntry: Placed } {
  const region = new FlashRegion(new FlashChip(PAGES * PAGE_BYTES), 0, PAGES * PAGE_BYTES, "nvs");
  const store = KvStore.mount(region);
  const ns = store.openNamespace("app");
  const rnd = new SeededRandom(seed);
  for (let i = 0; i < 150; i++) {
    const kind = rnd.int(0, 2);
    const value: KvValue =
      kind === 0
        ? BigInt(rnd.int(-1e6, 1e6))
        : kind === 1
          ? `v${i}-${"x".repeat(rnd.int(0, 60))}`
          : new Uint8Array([i, 1, 2]);
    store.set(ns, `k${i}`, value);
  }
  const placed: Placed[] = [];
  let nsEntry: Placed | undefined;
  for (let p = 0; p < PAGES; p++) {
    const scan = scanPage(p, region.read(p * PAGE_BYTES, PAGE_BYTES));
    for (const it of scan.items) {
      const at = { key: it.key, ns: it.ns, page: p, index: it.index, span: it.span };
      if (it.ns === 0) nsEntry = { ...at, value: 0n };
      else placed.push({ ...at, value: it.value as KvValue });
    }
  }
  assert.ok(nsEntry !== undefined, "the namespace entry is on flash");
  return { region, placed, nsEntry };
}

/** Byte offsets (partition-relative) an item's intactness depends on: its entries and their state bits. */
function touches(it: Placed, byte: number, bit: number): boolean {
  const base = it.page * PAGE_BYTES;
  if (byte >= base + entryAt(it.index) && byte < base + entryAt(it.index + it.span)) return true;
  for (let e = it.index; e < it.index + it.span; e++)
    if (byte === base + BITMAP_AT + (e >> 2) && bit >> 1 === e % 4) return true;
  return false;
}

/** Whether the head entry's key bytes were hit (then the key cannot be named). */
function keyHit(it: Placed, byte: number): boolean {
  const head = it.page * PAGE_BYTES + entryAt(it.index);
  return byte >= head + KEY_BYTES_AT && byte < head + KEY_BYTES_END;
}

function readBack(store: KvStore, key: string): KvValue | undefined {
  const ns = store.openNamespace("app");
  return store.get(ns, key);
}

describe("kv store bit flips", () => {
  for (const where of ["erased", "written"] as const) {
    it(`1 to 6 flipped bits in ${where} pages lose no intact key and name what was lost (40 seeded cases)`, () => {
      const rnd = new SeededRandom(where === "erased" ? 11 : 12);
      for (let c = 0; c < 40; c++) {
        const { region, placed, nsEntry } = knownStore(c);
        const written = [...new Set(placed.map((p) => p.page))];
        const erased = [...Array(PAGES).keys()].filter((p) => !written.includes(p));
        const pages = where === "erased" ? erased : written;
        const flips: { byte: number; bit: number }[] = [];
        for (let f = rnd.int(1, 6); f > 0; f--) {
          const page = pages[rnd.int(0, pages.length - 1)] ?? 0;
          const byte = page * PAGE_BYTES + rnd.int(0, PAGE_BYTES - 1);
          const bit = rnd.int(0, 7);
          flips.push({ byte, bit });
          region.chip.poke(byte, region.chip.peek(byte) ^ (1 << bit));
        }
        const label = `case ${c}: flips ${flips.map((f) => `0x${f.byte.toString(16)}.${f.bit}`).join(" ")}`;
        let store = KvStore.mount(region);
        const log = store.warnings.join("\n");
        assert.doesNotMatch(log, /is full/, label);
        const nsIntact = !flips.some((f) => touches(nsEntry, f.byte, f.bit));
        for (const it of placed) {
          const hit = flips.filter((f) => touches(it, f.byte, f.bit));
          if (hit.length === 0 && nsIntact) {
            assert.deepEqual(readBack(store, it.key), it.value, `${label}: intact key ${it.key}\n${log}`);
          } else if (
            hit.length > 0 &&
            !hit.some((f) => keyHit(it, f.byte)) &&
            readBack(store, it.key) === undefined &&
            hit.every((f) => f.byte >= it.page * PAGE_BYTES + entryAt(it.index)) // not only its state bits
          ) {
            assert.match(log, new RegExp(`"${it.key}"`), `${label}: lost key ${it.key} is named\n${log}`);
          }
        }
        // The damage is repaired on flash: a second mount has nothing more to say, and the store takes writes.
        store = KvStore.mount(region);
        assert.deepEqual(store.warnings, [], `${label}: second mount`);
        store.set(store.openNamespace("app"), "after", 1n);
        assert.equal(readBack(KvStore.mount(region), "after"), 1n, label);
      }
    });
  }

  describe("on a board", () => {
    let app: Uint8Array;
    before(async () => {
      app = await compileSnippet(
        "kv-flips",
        `${ENTRY}import { Kv, log } from "../../assembly/sail";
const store = new Kv("app");
export function sail_setup(): void {
  const boots = store.getInt("boots", 0) + 1;
  store.setInt("boots", boots);
  store.setString("name", "lamp");
  store.commit();
  log.info("boots " + boots.toString() + " name " + store.getString("name", "none"));
}
`,
        ["--runtime", "minimal", "--exportRuntime"],
      );
    });

    it("a fully damaged nvs partition boots empty with a log line, never 'the partition is full'", async () => {
      const board = Board.load("esp32-devkitc", { seed: 3 });
      await board.flash(app);
      const nvs = board.storage.nvs;
      const rnd = new SeededRandom(4);
      for (let i = 0; i < nvs.size; i++) nvs.chip.poke(nvs.offset + i, rnd.int(0, 255));
      board.powerOn();
      const texts = board.logs.map((l) => l.text);
      assert.ok(
        texts.some((t) => /^nvs: none of the \d+ pages of nvs partition nvs could be read: it starts empty/.test(t)),
        texts.join("\n"),
      );
      assert.ok(!texts.some((t) => /is full/.test(t)), texts.join("\n"));
      assert.deepEqual(
        board.logs.filter((l) => l.source === "app").map((l) => l.text),
        ["boots 1 name lamp", "boots 1 name lamp"],
      );
    });

    it("a damaged header on the page holding the keys: the board boots with them and says what it did", async () => {
      const board = Board.load("esp32-devkitc", { seed: 3 });
      await board.flash(app);
      const nvs = board.storage.nvs;
      nvs.chip.poke(nvs.offset + 6, nvs.chip.peek(nvs.offset + 6) ^ 0x04); // page 0's sequence number
      board.powerOn();
      const texts = board.logs.map((l) => l.text);
      assert.ok(
        texts.some((t) =>
          /^nvs: nvs page 0 \(0x[0-9a-f]+\) is unreadable: its header CRC does not match; its \d+ intact item/.test(t),
        ),
        texts.join("\n"),
      );
      assert.deepEqual(
        board.logs.filter((l) => l.source === "app").map((l) => l.text),
        ["boots 1 name lamp", "boots 2 name lamp"],
      );
    });
  });
});
