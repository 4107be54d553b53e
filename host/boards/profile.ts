// Board profiles: what a board has, as data (boards/*.json). Loaded and
// validated here; every refusal names the file, the field and what is allowed.

import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { ProfileError } from "../errors.js";
import { PACKAGE_ROOT } from "../paths.js";
import { INTERPRETER_FEATURES, WASM_FEATURES, type WasmFeature } from "../flash/features.js";
import { parseProfileParts, type Partition, type ProfileParts } from "./profile-parts.js";
import { partitionNamed, SAIL_SLOT_NAMES } from "./partitions.js";
import { quoteValue } from "../quote.js";

export interface PinProfile {
  readonly gpio: number;
  /** "inout" pads can drive; "input" pads cannot (ESP32 GPIO 34–39). */
  readonly io: "inout" | "input";
  readonly pulls: boolean;
  readonly adc: { readonly unit: number; readonly channel: number } | null;
  /** Level the chip latches at reset when this is a strapping pin, else null. */
  readonly strap: 0 | 1 | null;
  /** Why the pin cannot be used at all (e.g. "SPI flash"), else null. */
  readonly reserved: string | null;
  readonly note: string | null;
}

export interface CostModel {
  readonly cyclesPerInstruction: number;
  readonly cyclesPerCall: number;
  readonly cyclesPerHostCall: number;
  readonly source: string;
}

/** The one cost model, for the board's clock and the profiler alike: device cycles for exact counts. */
export function estimateCycles(cost: CostModel, instructions: number, calls: number, hostCalls: number): number {
  return instructions * cost.cyclesPerInstruction + calls * cost.cyclesPerCall + hostCalls * cost.cyclesPerHostCall;
}

export interface BoardProfile extends ProfileParts {
  readonly file: string;
  readonly id: string;
  readonly name: string;
  readonly chip: {
    readonly model: string;
    readonly arch: string;
    readonly cpuMhz: number;
    readonly sramBytes: number;
    readonly flashBytes: number;
  };
  readonly pins: ReadonlyMap<number, PinProfile>;
  readonly adc: {
    readonly bits: number;
    readonly units: readonly number[];
    readonly rangeMv: readonly (readonly [number, number])[];
  };
  readonly ledc: { readonly channels: number; readonly maxBits: number; readonly clockHz: number };
  /** The app's RAM budget; `partition` is the first Sail image slot (sail_0), which sail_1 matches in size. */
  readonly app: { readonly ramBytes: number; readonly partition: Partition };
  readonly interpreter: {
    readonly engine: string;
    readonly version: string;
    readonly features: readonly WasmFeature[];
    readonly cost: CostModel;
    readonly nativeStackBytesPerFrame: number;
    readonly taskStackBytes: number;
    /** The value stack the runtime gives the interpreter (wasm3's m3_NewRuntime stack size), in bytes. */
    readonly wasmStackBytes: number;
  };
  /** Task watchdog; boot-loop rule; time from a reset to the firmware's setup. */
  readonly watchdog: {
    readonly timeoutMs: number;
    readonly bootLoopResets: number;
    readonly stableAfterMs: number;
    readonly rebootMs: number;
  };
  /** The on-board LED: a plain one on a GPIO, or one WS2812 driven through RMT (ESP32-C3-DevKitM's RGB LED). */
  readonly led: { readonly gpio: number; readonly kind: "gpio" | "ws2812"; readonly activeHigh: boolean } | null;
  readonly buttons: readonly { readonly name: string; readonly gpio: number; readonly activeLow: boolean }[];
}

/** The folder of profiles shipped with Sail. */
export const BOARDS_DIR = join(PACKAGE_ROOT, "boards");

/** Lists the ids of the shipped profiles. */
export function listBoardIds(dir = BOARDS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Loads a profile by id (from boards/) or by path to a .json file. */
export function loadBoardProfile(idOrPath: string, dir = BOARDS_DIR): BoardProfile {
  const file = idOrPath.endsWith(".json") ? resolve(idOrPath) : join(dir, `${idOrPath}.json`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    const known = listBoardIds(dir).join(", ");
    throw new ProfileError(file, "(file)", `no such board profile; known boards: ${known}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ProfileError(file, "(file)", `is not valid JSON: ${(e as Error).message}`);
  }
  return parseBoardProfile(json, file);
}

export type Json = Readonly<Record<string, unknown>>;

export class Fields {
  constructor(readonly file: string) {}
  fail(path: string, problem: string): never {
    throw new ProfileError(this.file, path, problem);
  }
  obj(v: unknown, path: string): Json {
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(path, "must be an object");
    return v as Json;
  }
  str(o: Json, key: string, path: string): string {
    const v = o[key];
    if (typeof v !== "string" || v.length === 0) this.fail(`${path}.${key}`, "must be a non-empty string");
    return v;
  }
  int(o: Json, key: string, path: string, min: number, max: number): number {
    const v = o[key];
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      this.fail(`${path}.${key}`, `must be an integer from ${min} to ${max}, got ${quoteValue(v)}`);
    }
    return v;
  }
  num(o: Json, key: string, path: string, min: number, max: number): number {
    const v = o[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
      this.fail(`${path}.${key}`, `must be a number from ${min} to ${max}, got ${quoteValue(v)}`);
    }
    return v;
  }
  bool(o: Json, key: string, path: string): boolean {
    const v = o[key];
    if (typeof v !== "boolean") this.fail(`${path}.${key}`, `must be true or false, got ${quoteValue(v)}`);
    return v;
  }
  arr(o: Json, key: string, path: string): readonly unknown[] {
    const v = o[key];
    if (!Array.isArray(v)) this.fail(`${path}.${key}`, "must be an array");
    return v;
  }
  optStr(o: Json, key: string, path: string): string | null {
    return o[key] === undefined ? null : this.str(o, key, path);
  }
  /** Refuses a key the profile does not define (a typo would be ignored otherwise); "note" is free text anywhere. */
  known(o: Json, path: string, keys: readonly string[]): Json {
    for (const k of Object.keys(o)) {
      if (k !== "note" && !keys.includes(k))
        this.fail(`${path}.${k}`, `is not a field here; allowed: ${[...keys, "note"].join(", ")}`);
    }
    this.optStr(o, "note", path);
    return o;
  }
}

/** The top-level fields of a profile; every object in it may also carry a "note". */
const ROOT_KEYS = [
  "$schema",
  "id",
  "name",
  "chip",
  "pins",
  "adc",
  "ledc",
  "i2c",
  "uart",
  "spi",
  "rmt",
  "flash",
  "sleep",
  "power",
  "ota",
  "app",
  "interpreter",
  "watchdog",
  "led",
  "buttons",
];

export function parseBoardProfile(json: unknown, file: string): BoardProfile {
  const f: Fields = new Fields(file);
  const root = f.known(f.obj(json, "(root)"), "", ROOT_KEYS);
  // "$schema" points editors at schemas/board-profile.schema.json (docs/schemas.md); the loader only checks its type.
  if (root["$schema"] !== undefined && typeof root["$schema"] !== "string")
    f.fail(".$schema", "must be the path or URL of the profile's JSON Schema, a string");
  const id = f.str(root, "id", "");
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) f.fail(".id", `"${id}" must be lower-case letters, digits and dashes`);

  const chipJ = f.known(f.obj(root["chip"], ".chip"), ".chip", ["model", "arch", "cpuMhz", "sramBytes", "flashBytes"]);
  const chip = {
    model: f.str(chipJ, "model", ".chip"),
    arch: f.str(chipJ, "arch", ".chip"),
    cpuMhz: f.int(chipJ, "cpuMhz", ".chip", 1, 1000),
    sramBytes: f.int(chipJ, "sramBytes", ".chip", 1024, 64 << 20),
    flashBytes: f.int(chipJ, "flashBytes", ".chip", 65536, 1 << 30),
  };

  const pins = new Map<number, PinProfile>();
  f.arr(root, "pins", "").forEach((p, i) => {
    const path = `.pins[${i}]`;
    const o = f.known(f.obj(p, path), path, ["gpio", "io", "pulls", "adc", "strap", "reserved"]);
    const gpio = f.int(o, "gpio", path, 0, 63);
    if (pins.has(gpio)) f.fail(`${path}.gpio`, `GPIO ${gpio} is listed twice`);
    const io = o["io"];
    if (io !== "inout" && io !== "input") f.fail(`${path}.io`, `must be "inout" or "input", got ${quoteValue(io)}`);
    let adc: PinProfile["adc"] = null;
    if (o["adc"] !== undefined) {
      const a = f.known(f.obj(o["adc"], `${path}.adc`), `${path}.adc`, ["unit", "channel"]);
      adc = { unit: f.int(a, "unit", `${path}.adc`, 1, 2), channel: f.int(a, "channel", `${path}.adc`, 0, 9) };
    }
    const strap = o["strap"];
    if (strap !== undefined && strap !== 0 && strap !== 1)
      f.fail(`${path}.strap`, "must be 0 or 1 (the level latched at reset)");
    pins.set(gpio, {
      gpio,
      io,
      pulls: f.bool(o, "pulls", path),
      adc,
      strap: strap ?? null,
      reserved: f.optStr(o, "reserved", path),
      note: f.optStr(o, "note", path),
    });
  });
  if (pins.size === 0) f.fail(".pins", "must list at least one pin");

  const adcJ = f.known(f.obj(root["adc"], ".adc"), ".adc", ["bits", "units", "rangeMv"]);
  const rangeMv = f.arr(adcJ, "rangeMv", ".adc").map((r, i) => {
    if (!Array.isArray(r) || r.length !== 2 || !r.every((x) => typeof x === "number" && x >= 0) || r[0] >= r[1]) {
      f.fail(`.adc.rangeMv[${i}]`, "must be [lowMv, highMv] with low < high");
    }
    return [r[0] as number, r[1] as number] as const;
  });
  if (rangeMv.length !== 4) f.fail(".adc.rangeMv", "must give 4 ranges, one per attenuation 0 dB, 2.5 dB, 6 dB, 12 dB");
  const units = f.arr(adcJ, "units", ".adc").map((u, i) => {
    if (u !== 1 && u !== 2) f.fail(`.adc.units[${i}]`, "must be 1 or 2");
    return u;
  });
  const adc = { bits: f.int(adcJ, "bits", ".adc", 9, 16), units, rangeMv };

  const ledcJ = f.known(f.obj(root["ledc"], ".ledc"), ".ledc", ["channels", "maxBits", "clockHz"]);
  const ledc = {
    channels: f.int(ledcJ, "channels", ".ledc", 1, 64),
    maxBits: f.int(ledcJ, "maxBits", ".ledc", 1, 20),
    clockHz: f.int(ledcJ, "clockHz", ".ledc", 1000, 1_000_000_000),
  };

  const parts = parseProfileParts(f, root, chip.flashBytes, new Set(pins.keys()));
  const appJ = f.known(f.obj(root["app"], ".app"), ".app", ["ramBytes"]);
  const app = {
    ramBytes: f.int(appJ, "ramBytes", ".app", 1024, chip.sramBytes),
    partition: partitionNamed(parts.flash, SAIL_SLOT_NAMES[0]),
  };

  const intJ = f.known(f.obj(root["interpreter"], ".interpreter"), ".interpreter", [
    "engine",
    "version",
    "features",
    "cost",
    "nativeStackBytesPerFrame",
    "taskStackBytes",
    "wasmStackBytes",
  ]);
  const features = f.arr(intJ, "features", ".interpreter").map((x, i) => {
    if (typeof x !== "string" || !(WASM_FEATURES as readonly string[]).includes(x)) {
      f.fail(
        `.interpreter.features[${i}]`,
        `${quoteValue(x)} is not a wasm feature Sail knows; allowed: ${WASM_FEATURES.join(", ")}`,
      );
    }
    return x as WasmFeature;
  });
  const engine = f.str(intJ, "engine", ".interpreter");
  const version = f.str(intJ, "version", ".interpreter");
  const accepted = INTERPRETER_FEATURES[`${engine} ${version}`];
  features.forEach((x, i) => {
    if (accepted !== undefined && !accepted.includes(x))
      f.fail(
        `.interpreter.features[${i}]`,
        `${engine} ${version} does not accept "${x}" (probed, docs/fidelity.md "Features"); ` +
          `remove it or pin an engine version that has it; ${engine} ${version} accepts: ${accepted.join(", ")}`,
      );
  });
  const costJ = f.known(f.obj(intJ["cost"], ".interpreter.cost"), ".interpreter.cost", [
    "cyclesPerInstruction",
    "cyclesPerCall",
    "cyclesPerHostCall",
    "source",
  ]);
  const interpreter = {
    engine,
    version,
    features,
    cost: {
      cyclesPerInstruction: f.num(costJ, "cyclesPerInstruction", ".interpreter.cost", 0.1, 10_000),
      cyclesPerCall: f.num(costJ, "cyclesPerCall", ".interpreter.cost", 0, 100_000),
      cyclesPerHostCall: f.num(costJ, "cyclesPerHostCall", ".interpreter.cost", 0, 100_000),
      source: f.str(costJ, "source", ".interpreter.cost"),
    },
    nativeStackBytesPerFrame: f.int(intJ, "nativeStackBytesPerFrame", ".interpreter", 0, 65536),
    taskStackBytes: f.int(intJ, "taskStackBytes", ".interpreter", 1024, chip.sramBytes),
    wasmStackBytes: f.int(intJ, "wasmStackBytes", ".interpreter", 256, chip.sramBytes),
  };

  const wdJ = f.known(f.obj(root["watchdog"], ".watchdog"), ".watchdog", [
    "timeoutMs",
    "bootLoopResets",
    "stableAfterMs",
    "rebootMs",
  ]);
  const watchdog = {
    timeoutMs: f.int(wdJ, "timeoutMs", ".watchdog", 1, 60_000),
    bootLoopResets: f.int(wdJ, "bootLoopResets", ".watchdog", 1, 100),
    stableAfterMs: f.int(wdJ, "stableAfterMs", ".watchdog", 0, 3_600_000),
    rebootMs: f.int(wdJ, "rebootMs", ".watchdog", 1, 60_000),
  };

  const checkPin = (gpio: number, path: string): void => {
    if (!pins.has(gpio)) f.fail(path, `GPIO ${gpio} is not in .pins`);
  };
  let led: BoardProfile["led"] = null;
  if (root["led"] !== undefined) {
    const l = f.known(f.obj(root["led"], ".led"), ".led", ["gpio", "kind", "activeHigh"]);
    const kind = l["kind"] ?? "gpio";
    if (kind !== "gpio" && kind !== "ws2812")
      f.fail(".led.kind", `must be "gpio" (a plain LED) or "ws2812" (an addressable one), got ${quoteValue(kind)}`);
    led = { gpio: f.int(l, "gpio", ".led", 0, 63), kind, activeHigh: f.bool(l, "activeHigh", ".led") };
    checkPin(led.gpio, ".led.gpio");
  }
  const buttons = (root["buttons"] === undefined ? [] : f.arr(root, "buttons", "")).map((b, i) => {
    const path = `.buttons[${i}]`;
    const o = f.known(f.obj(b, path), path, ["name", "gpio", "activeLow"]);
    const button = {
      name: f.str(o, "name", path),
      gpio: f.int(o, "gpio", path, 0, 63),
      activeLow: f.bool(o, "activeLow", path),
    };
    checkPin(button.gpio, `${path}.gpio`);
    return button;
  });

  return {
    file,
    id,
    name: f.str(root, "name", ""),
    chip,
    pins,
    adc,
    ledc,
    app,
    interpreter,
    watchdog,
    led,
    buttons,
    ...parts,
  };
}
