// A rollout's population: what the devices in homes are like before the
// update. Key-value settings (fixed values, lists, integer ranges, each held
// by a share of devices), uptime, network quality (latency, loss, a share
// offline) and a share asleep. Each device's draw comes from its own seed
// only, so a device is the same whichever shard or thread runs it
// (docs/rollout.md "The population file").

import { SailError } from "../errors.js";
import { SeededRandom } from "../random.js";
import { toMicros } from "../time/duration.js";

export type SettingValue = number | string;

export interface SettingSpec {
  readonly namespace: string;
  readonly key: string;
  /** Fraction of devices holding the setting, 0..1. */
  readonly share: number;
  /** Exactly one of: a fixed value, a list to pick from, an integer range. */
  readonly value?: SettingValue;
  readonly values?: readonly SettingValue[];
  readonly int?: { readonly min: number; readonly max: number };
}

export interface Range {
  readonly min: number;
  readonly max: number;
}

export interface Population {
  readonly population: 1;
  readonly settings: readonly SettingSpec[];
  /** How long devices have been running the old image when the rollout starts, µs. */
  readonly uptimeUs: Range;
  readonly network: {
    readonly latencyMs: Range;
    /** Fraction of datagrams and HTTP requests lost. */
    readonly loss: Range;
    /** Fraction of devices that never come online during the rollout. */
    readonly offline: number;
  };
  /** A share of devices asleep (radio off) from the rollout's start, for a drawn time. */
  readonly asleep: { readonly share: number; readonly forUs: Range };
}

/** One device's draw from the population. */
export interface DeviceProfile {
  readonly settings: readonly { readonly namespace: string; readonly key: string; readonly value: SettingValue }[];
  readonly uptimeUs: number;
  readonly latencyUs: number;
  readonly lossRate: number;
  readonly offline: boolean;
  /** The device sleeps until this much after the rollout's start (0: awake). */
  readonly asleepUs: number;
}

/** The population used without --population: the smart lamp's two settings, a home network. */
export const DEFAULT_POPULATION: Population = {
  population: 1,
  settings: [
    { namespace: "lamp", key: "bright", share: 0.95, int: { min: 1, max: 100 } },
    { namespace: "lamp", key: "ct", share: 0.8, int: { min: 2700, max: 6500 } },
  ],
  uptimeUs: { min: toMicros("10 min"), max: toMicros("30d") },
  network: { latencyMs: { min: 2, max: 80 }, loss: { min: 0, max: 0.02 }, offline: 0.01 },
  asleep: { share: 0.05, forUs: { min: toMicros("10 min"), max: toMicros("8h") } },
};

/** Draws device `seed`'s state; the same seed gives the same device on any machine. */
export function drawDevice(population: Population, seed: number): DeviceProfile {
  const r = new SeededRandom((seed ^ 0x5eed_7011) >>> 0);
  const between = (x: Range): number => x.min + (x.max - x.min) * r.next();
  const settings: DeviceProfile["settings"][number][] = [];
  for (const s of population.settings) {
    // Every setting draws the same numbers whether held or not, so adding one changes no other.
    const held = r.next() < s.share;
    const pick = r.next();
    const value: SettingValue =
      s.value !== undefined
        ? s.value
        : s.values !== undefined
          ? (s.values[Math.min(s.values.length - 1, Math.floor(pick * s.values.length))] as SettingValue)
          : Math.min(
              s.int?.max ?? 0,
              Math.floor((s.int?.min ?? 0) + pick * ((s.int?.max ?? 0) - (s.int?.min ?? 0) + 1)),
            );
    if (held) settings.push({ namespace: s.namespace, key: s.key, value });
  }
  const uptimeUs = Math.round(between(population.uptimeUs));
  const latencyUs = Math.round(between(population.network.latencyMs) * 1000);
  const lossRate = between(population.network.loss);
  const offline = r.next() < population.network.offline;
  const asleep = r.next() < population.asleep.share;
  const asleepFor = Math.round(between(population.asleep.forUs));
  return { settings, uptimeUs, latencyUs, lossRate, offline, asleepUs: asleep ? asleepFor : 0 };
}

function shown(v: unknown): string {
  return v === undefined ? "missing" : JSON.stringify(v);
}

/** Reads a population file's JSON; every refusal names the file, the field and the fix. */
export function parsePopulation(json: unknown, file: string): Population {
  const fail = (field: string, problem: string, fix: string): never => {
    throw new SailError(`${file}: ${field} ${problem}; ${fix} (docs/rollout.md "The population file")`);
  };
  const obj = (v: unknown, field: string): Readonly<Record<string, unknown>> =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Readonly<Record<string, unknown>>)
      : fail(field, `is ${shown(v)}`, "write an object");
  const share = (v: unknown, field: string): number =>
    typeof v === "number" && v >= 0 && v <= 1
      ? v
      : fail(field, `is ${shown(v)}`, "write a fraction from 0 to 1, e.g. 0.03 for 3 %");
  const range = (v: unknown, field: string, unit: (x: unknown, f: string) => number): Range => {
    const o = obj(v, field);
    const min = unit(o["min"], `${field}.min`);
    const max = unit(o["max"], `${field}.max`);
    if (max < min) fail(field, `has max below min`, "give min ≤ max");
    return { min, max };
  };
  const number = (v: unknown, f: string): number =>
    typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : fail(f, `is ${shown(v)}`, "write a number ≥ 0");
  const duration = (v: unknown, f: string): number => {
    if (typeof v !== "string") return fail(f, `is ${shown(v)}`, 'write a duration such as "10 min", "8h" or "30d"');
    try {
      return toMicros(v);
    } catch {
      return fail(f, `is "${v}"`, 'write a duration such as "10 min", "8h" or "30d"');
    }
  };
  const root = obj(json, "the file");
  if (root["population"] !== 1)
    fail("population", `is ${shown(root["population"])}`, 'write "population": 1 (the format\'s version)');
  const known = new Set(["population", "settings", "uptime", "network", "asleep", "$schema"]);
  for (const k of Object.keys(root))
    if (!known.has(k)) fail(k, "is not a population field", `use ${[...known].slice(0, 5).join(", ")}`);
  const list = root["settings"] ?? [];
  if (!Array.isArray(list)) return fail("settings", "is not a list", "write a list of settings");
  const settings = list.map((item: unknown, i): SettingSpec => {
    const at = `settings[${i}]`;
    const s = obj(item, at);
    const name = (v: unknown, f: string): string =>
      typeof v === "string" && v.length > 0 && v.length <= 15
        ? v
        : fail(f, `is ${shown(v)}`, "write a name of 1 to 15 characters (NVS's limit)");
    const kinds = ["value", "values", "int"].filter((k) => s[k] !== undefined);
    if (kinds.length !== 1)
      fail(
        at,
        `gives ${kinds.length === 0 ? "no value" : kinds.join(" and ")}`,
        'give exactly one of "value", "values" or "int"',
      );
    const scalar = (v: unknown, f: string): SettingValue =>
      (typeof v === "number" && Number.isSafeInteger(v)) || typeof v === "string"
        ? v
        : fail(f, `is ${JSON.stringify(v)}`, "write a whole number or a string");
    const base = {
      namespace: name(s["namespace"], `${at}.namespace`),
      key: name(s["key"], `${at}.key`),
      share: share(s["share"] ?? 1, `${at}.share`),
    };
    if (s["value"] !== undefined) return { ...base, value: scalar(s["value"], `${at}.value`) };
    if (s["values"] !== undefined) {
      const vs = s["values"];
      if (!Array.isArray(vs) || vs.length === 0)
        return fail(`${at}.values`, "is not a non-empty list", "list the values to pick from");
      return { ...base, values: vs.map((v: unknown, j) => scalar(v, `${at}.values[${j}]`)) };
    }
    const int = range(s["int"], `${at}.int`, (v, f) =>
      Number.isSafeInteger(v) ? (v as number) : fail(f, `is ${shown(v)}`, "write a whole number"),
    );
    return { ...base, int };
  });
  const net = obj(root["network"] ?? {}, "network");
  const asleep = obj(root["asleep"] ?? {}, "asleep");
  const d = DEFAULT_POPULATION;
  return {
    population: 1,
    settings,
    uptimeUs: root["uptime"] === undefined ? d.uptimeUs : range(root["uptime"], "uptime", duration),
    network: {
      latencyMs:
        net["latencyMs"] === undefined ? d.network.latencyMs : range(net["latencyMs"], "network.latencyMs", number),
      loss: net["loss"] === undefined ? d.network.loss : range(net["loss"], "network.loss", share),
      offline: net["offline"] === undefined ? d.network.offline : share(net["offline"], "network.offline"),
    },
    asleep: {
      share: asleep["share"] === undefined ? d.asleep.share : share(asleep["share"], "asleep.share"),
      forUs: asleep["for"] === undefined ? d.asleep.forUs : range(asleep["for"], "asleep.for", duration),
    },
  };
}
