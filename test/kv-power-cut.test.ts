// ESP-IDF NVS's power-loss guarantee, tested: 1,000 seeded power cuts strike a
// random workload (ints, strings and blobs in three namespaces, overwrites and
// erases, page moves) at random flash steps, some aimed at page moves; after
// each, a remount (itself sometimes cut) must find every key holding its old or
// its new value, never garbage, report nothing as corrupt, and keep working.

import assert from "node:assert/strict";
import { FlashChip, PowerCut } from "../host/flash/chip.js";
import { FlashRegion } from "../host/flash/region.js";
import { SeededRandom } from "../host/random.js";
import { KvError } from "../host/storage/errors.js";
import { KvStore, type KvValue } from "../host/storage/store.js";
import { defined } from "../host/defined.js";

const NVS_OFFSET = 0x9000;
const PAGE = 4096;
const PAGES = 4;
const CUTS = 1000;
const OPS_PER_ROUND = 20;
const NAMESPACES = ["wifi", "lamp", "log"];
const KEYS_PER_NAMESPACE = 10;

/** Records the steps at which page erases and page-state writes begin, to aim cuts at page moves. */
class TracingChip extends FlashChip {
  readonly marks: number[] = [];

  override erase(offset: number, length: number): void {
    this.marks.push(this.steps + 1);
    super.erase(offset, length);
  }

  override write(offset: number, data: Uint8Array): void {
    if ((offset - NVS_OFFSET) % PAGE === 0 && data.length === 4) this.marks.push(this.steps + 1);
    super.write(offset, data);
  }
}

type Op = { readonly ns: string; readonly key: string; readonly value: KvValue | null };

function randomValue(rnd: SeededRandom): KvValue {
  const pick = rnd.int(0, 9);
  if (pick < 4) return BigInt.asIntN(64, (BigInt(rnd.nextU32()) << 32n) | BigInt(rnd.nextU32()));
  if (pick < 7) {
    const chars = "abcdefgh é☕";
    return Array.from({ length: rnd.int(0, 120) }, () => chars[rnd.int(0, chars.length - 1)]).join("");
  }
  return Uint8Array.from({ length: rnd.int(0, 300) }, () => rnd.nextU32() & 0xff);
}

function randomOps(rnd: SeededRandom): Op[] {
  return Array.from({ length: OPS_PER_ROUND }, () => ({
    ns: defined(NAMESPACES[rnd.int(0, NAMESPACES.length - 1)], "namespace"),
    key: `key${rnd.int(0, KEYS_PER_NAMESPACE - 1)}`,
    value: rnd.next() < 0.15 ? null : randomValue(rnd),
  }));
}

/** Runs ops, recording each into the model once it returned; `pending` is the op in progress. */
function run(store: KvStore, ops: readonly Op[], model: Map<string, KvValue>, onStart: (op: Op) => void): void {
  const handles = new Map(NAMESPACES.map((n) => [n, store.openNamespace(n)]));
  for (const op of ops) {
    onStart(op);
    const ns = defined(handles.get(op.ns), `handle of ${op.ns}`);
    const id = `${op.ns}/${op.key}`;
    try {
      if (op.value === null) store.erase(ns, op.key);
      else store.set(ns, op.key, op.value);
    } catch (e) {
      if (e instanceof KvError && (e.status === "ERR_NVS_NOT_FOUND" || e.status === "ERR_NVS_NOT_ENOUGH_SPACE"))
        continue;
      throw e;
    }
    if (op.value === null) model.delete(id);
    else model.set(id, op.value);
  }
}

function mountThroughCuts(
  region: FlashRegion,
  rnd: SeededRandom,
  tear: SeededRandom,
): { store: KvStore; cuts: number } {
  let cuts = 0;
  for (;;) {
    if (rnd.next() < 0.6) region.chip.armPowerCut(rnd.int(1, 12), tear);
    try {
      const store = KvStore.mount(region);
      region.chip.disarmPowerCut();
      return { store, cuts };
    } catch (e) {
      if (!(e instanceof PowerCut)) throw e;
      cuts++;
    }
  }
}

function sameValue(a: KvValue | undefined, b: KvValue | undefined): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

describe("kv store power cuts", () => {
  it(`after each of ${CUTS} power cuts every key holds its old or its new value`, function () {
    this.timeout(60_000);
    const chip = new TracingChip(0x10000);
    const region = new FlashRegion(chip, NVS_OFFSET, PAGES * PAGE, "nvs");
    const rnd = new SeededRandom(2024);
    const tear = new SeededRandom(99);
    const model = new Map<string, KvValue>();
    let store = KvStore.mount(region);
    let cuts = 0;
    let aimed = 0;
    let mountCuts = 0;
    let moves = 0;
    while (cuts < CUTS) {
      const ops = randomOps(rnd);
      // Dry run to learn this round's steps, then put the flash back as it was.
      const saved = { bytes: chip.snapshot(), steps: chip.steps, erases: chip.eraseCounts.slice() };
      chip.marks.length = 0;
      const dryModel = new Map(model);
      run(store, ops, dryModel, () => {});
      moves += store.stats().pageMoves;
      const first = saved.steps + 1;
      const last = chip.steps;
      const marks = chip.marks.filter((m) => m >= first);
      if (last < first) {
        // nothing was written: no step to cut
        for (const k of [...model.keys()]) if (!dryModel.has(k)) model.delete(k);
        for (const [k, v] of dryModel) model.set(k, v);
        continue;
      }
      chip.restore(saved.bytes);
      chip.steps = saved.steps;
      chip.eraseCounts.set(saved.erases);
      store = KvStore.mount(region);

      let at = rnd.int(first, last);
      if (marks.length > 0 && rnd.next() < 0.9) {
        at = Math.min(last, Math.max(first, defined(marks[rnd.int(0, marks.length - 1)], "mark") + rnd.int(-3, 1)));
        aimed++;
      }
      chip.armPowerCut(at - chip.steps, tear);
      let pending: Op | null = null;
      assert.throws(
        () =>
          run(store, ops, model, (op) => {
            pending = op;
          }),
        PowerCut,
      );
      cuts++;
      const op = pending as Op | null; // null: the cut struck while a namespace was being created
      const id = op === null ? null : `${op.ns}/${op.key}`;
      const before = id === null ? undefined : model.get(id);

      const mounted = mountThroughCuts(region, rnd, tear);
      store = mounted.store;
      mountCuts += mounted.cuts;
      assert.deepEqual(store.warnings, [], `cut ${cuts} at step ${at} was reported as corruption`);
      assert.equal(store.stats().corruptPages, 0);
      const found = new Map(store.entries().map((e) => [`${e.namespace}/${e.key}`, e.value]));
      for (const k of new Set([...model.keys(), ...found.keys()])) {
        const actual = found.get(k);
        if (k === id) {
          const after = op?.value ?? undefined;
          assert.ok(
            sameValue(actual, before) || sameValue(actual, after),
            `cut ${cuts}: ${k} holds ${String(actual)}, neither old ${String(before)} nor new ${String(after)}`,
          );
          if (actual === undefined) model.delete(k);
          else model.set(k, actual);
        } else {
          assert.ok(
            sameValue(actual, model.get(k)),
            `cut ${cuts}: ${k} holds ${String(actual)}, expected ${String(model.get(k))}`,
          );
        }
      }
    }
    assert.ok(moves > 100, `only ${moves} page moves`);
    assert.ok(aimed > 200, `only ${aimed} cuts aimed at page moves`);
    assert.ok(mountCuts > 100, `only ${mountCuts} cuts during mount`);
    const erases = chip.eraseCounts.slice(NVS_OFFSET / PAGE, NVS_OFFSET / PAGE + PAGES).reduce((a, b) => a + b, 0);
    assert.ok(erases > 100, `only ${erases} page erases`);
  });
});
