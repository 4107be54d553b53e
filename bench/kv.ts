// Key-value store figures (the NVS model behind kv_*): host sets per second for
// integers and 100-byte strings on the boards' 16 KiB nvs partition, page moves
// included, with the flash program steps (4-byte words) and sector erases each
// set costs; and the time to mount a partition in use.

import { FlashChip } from "../host/flash/chip.js";
import { FlashRegion } from "../host/flash/region.js";
import { SeededRandom } from "../host/random.js";
import { KvStore, type KvValue } from "../host/storage/store.js";
import type { Figure } from "./foundation.js";
import { defined } from "../host/defined.js";

const CHIP_BYTES = 4 * 1024 * 1024;
/** The nvs partition of boards/esp32-devkitc.json. */
const NVS_OFFSET = 0x9000;
const NVS_BYTES = 0x4000;
const KEYS = 20;
const WARMUP_SETS = 5_000;
const MOUNT_RUNS = 51;
const STRING_BYTES = 100;

interface Run {
  readonly perSecond: number;
  readonly steps: number;
  readonly erases: number;
  readonly moves: number;
}

function region(): FlashRegion {
  return new FlashRegion(new FlashChip(CHIP_BYTES), NVS_OFFSET, NVS_BYTES, "nvs");
}

function totalErases(chip: FlashChip): number {
  return chip.eraseCounts.reduce((a, b) => a + b, 0);
}

/** `sets` sets of `value(i)` to random keys (every value differs from the one it replaces). */
function runSets(sets: number, value: (i: number) => KvValue): Run {
  const nvs = region();
  const store = KvStore.mount(nvs);
  const ns = store.openNamespace("bench");
  const rnd = new SeededRandom(1);
  for (let i = 0; i < WARMUP_SETS; i++) store.set(ns, `key${rnd.int(0, KEYS - 1)}`, value(i));
  const steps0 = nvs.chip.steps;
  const erases0 = totalErases(nvs.chip);
  const moves0 = store.stats().pageMoves;
  const t0 = performance.now();
  for (let i = 0; i < sets; i++) store.set(ns, `key${rnd.int(0, KEYS - 1)}`, value(WARMUP_SETS + i));
  const ms = performance.now() - t0;
  return {
    perSecond: (sets * 1000) / ms,
    steps: (nvs.chip.steps - steps0) / sets,
    erases: (totalErases(nvs.chip) - erases0) / sets,
    moves: store.stats().pageMoves - moves0,
  };
}

function setFigure(what: string, sets: number, run: Run): Figure {
  return {
    name: `kv set, ${what}, ${KEYS} keys on a ${NVS_BYTES / 1024} KiB partition (page moves included)`,
    value:
      `${Math.round(run.perSecond).toLocaleString("en")} sets/s; per set ` +
      `${run.steps.toFixed(1)} program steps and ${run.erases.toFixed(4)} sector erases ` +
      `(${run.moves.toLocaleString("en")} page moves in ${sets.toLocaleString("en")} sets)`,
    goal: "(report)",
    met: null,
  };
}

function mountFigure(): Figure {
  const nvs = region();
  const store = KvStore.mount(nvs);
  const ns = store.openNamespace("bench");
  for (let i = 0; i < 1000; i++) store.set(ns, `key${i % 60}`, i % 2 === 0 ? BigInt(i) : `value ${i}`);
  const times: number[] = [];
  for (let i = 0; i < MOUNT_RUNS; i++) {
    const t0 = performance.now();
    KvStore.mount(nvs);
    times.push(performance.now() - t0);
  }
  const median = defined([...times].sort((a, b) => a - b)[Math.floor(times.length / 2)], "median mount time");
  const s = store.stats();
  return {
    name:
      `kv mount of a ${NVS_BYTES / 1024} KiB partition in use (${s.keys} ` +
      `keys, ${s.usedEntries} live and ${s.erasedEntries} erased entries)`,
    value: `${(median * 1000).toFixed(0)} µs (median of ${MOUNT_RUNS})`,
    goal: "(report)",
    met: null,
  };
}

export function kvFigures(report: (f: Figure) => void): void {
  const intSets = 200_000;
  report(
    setFigure(
      "i64 values",
      intSets,
      runSets(intSets, (i) => BigInt(i)),
    ),
  );
  const strSets = 50_000;
  const text = "x".repeat(STRING_BYTES - 8);
  report(
    setFigure(
      `${STRING_BYTES}-byte strings`,
      strSets,
      runSets(strSets, (i) => `${text}${String(i).padStart(8, "0")}`),
    ),
  );
  report(mountFigure());
}
