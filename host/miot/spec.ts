// MIoT-Spec-V2 instances (docs/reference/miot-protocol.md §5): loaded and validated
// here; every refusal names the file, the JSON path and what is allowed.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { SpecError } from "../errors.js";
import { quoteValue } from "../quote.js";
import { MIOT_CODE as ABI_MIOT_CODE } from "../abi/table.js";
import {
  ACCESS,
  FORMATS,
  INTEGER_BOUNDS,
  NAME_RE,
  URN_SHAPE,
  isIntegerFormat,
  isNumericFormat,
  parseUrn,
  type Access,
  type PropertyFormat,
  type UrnKind,
  type ValueRule,
} from "./spec-check.js";
import { readDescription, unknownKeys, type SpecLevel, type SpecWarning } from "./spec-keys.js";

export type { SpecWarning } from "./spec-keys.js";
export { SpecError } from "../errors.js";
export { checkValue, type Access, type PropertyFormat } from "./spec-check.js";

/** Per-item result codes (§4), used in get_properties / set_properties / action replies. */
export const MIOT_CODE = {
  ...ABI_MIOT_CODE,
  /** A request for another device's did: the protocol's own answer, never the firmware's. */
  DID_ERROR: -4007,
} as const;

export interface SpecProperty extends ValueRule {
  readonly iid: number;
  readonly type: string;
  /** The URN's <name> part, e.g. "brightness". */
  readonly name: string;
  readonly description: string;
  readonly format: PropertyFormat;
  readonly access: readonly Access[];
  readonly unit: string | null;
  readonly range: { readonly min: number; readonly max: number; readonly step: number } | null;
  readonly values: readonly { readonly value: number; readonly description: string }[] | null;
}

export interface SpecAction {
  readonly iid: number;
  readonly type: string;
  readonly name: string;
  readonly description: string;
  /** piids of properties in the same service. */
  readonly in: readonly number[];
  readonly out: readonly number[];
}

export interface SpecEvent {
  readonly iid: number;
  readonly type: string;
  readonly name: string;
  readonly description: string;
  /** piids of properties in the same service. */
  readonly arguments: readonly number[];
}

export interface SpecService {
  readonly iid: number;
  readonly type: string;
  readonly name: string;
  readonly description: string;
  readonly properties: readonly SpecProperty[];
  readonly actions: readonly SpecAction[];
  readonly events: readonly SpecEvent[];
}

export interface Spec {
  readonly file: string;
  readonly type: string;
  /** The device URN's <name> part, e.g. "light". */
  readonly name: string;
  readonly description: string;
  readonly services: readonly SpecService[];
  /** What the check found but let pass: unknown keys, null lists (docs/miot.md). Empty under `strict`. */
  readonly warnings: readonly SpecWarning[];
}

export interface SpecOptions {
  /** Refuse the spec on its first warning instead of passing it. */
  readonly strict?: boolean;
}

/** Reads and validates a spec instance from a .json file. */
export function loadSpec(path: string, options: SpecOptions = {}): Spec {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new SpecError(file, "(file)", `cannot be read: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SpecError(file, "(file)", `is not valid JSON: ${(e as Error).message}`);
  }
  return parseSpec(json, file, options);
}

export function findService(spec: Spec, siid: number): SpecService | null {
  return spec.services.find((s) => s.iid === siid) ?? null;
}

export function findProperty(spec: Spec, siid: number, piid: number): SpecProperty | null {
  return findService(spec, siid)?.properties.find((p) => p.iid === piid) ?? null;
}

export function findAction(spec: Spec, siid: number, aiid: number): SpecAction | null {
  return findService(spec, siid)?.actions.find((a) => a.iid === aiid) ?? null;
}

export function findEvent(spec: Spec, siid: number, eiid: number): SpecEvent | null {
  return findService(spec, siid)?.events.find((e) => e.iid === eiid) ?? null;
}

type Json = Readonly<Record<string, unknown>>;

const at = (path: string, key: string): string => (path === "" ? key : `${path}.${key}`);
const show = (v: unknown): string => (v === undefined ? "nothing" : quoteValue(v));

class Fields {
  readonly warnings: SpecWarning[] = [];
  constructor(
    readonly file: string,
    readonly strict: boolean,
  ) {}
  fail(path: string, problem: string): never {
    throw new SpecError(this.file, path === "" ? "(root)" : path, problem);
  }
  warn(found: SpecWarning): void {
    if (this.strict) this.fail(found.path, `${found.message} (--strict refuses what would be a warning)`);
    this.warnings.push(found);
  }
  obj(v: unknown, path: string): Json {
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(path, `must be an object, got ${show(v)}`);
    return v as Json;
  }
  /** An object at `level`: unknown keys are warned about. */
  level(v: unknown, path: string, level: SpecLevel): Json {
    const o = this.obj(v, path);
    for (const w of unknownKeys(o, level, path === "(root)" ? "" : path)) this.warn(w);
    return o;
  }
  /** A description: a string, or a translation object (English taken). */
  desc(o: Json, path: string): string {
    const text = readDescription(o["description"]);
    if (text === null)
      this.fail(
        at(path, "description"),
        `must be a string or a translation object such as {"en": "Light"}, got ${show(o["description"])}`,
      );
    return text;
  }
  str(o: Json, key: string, path: string): string {
    const v = o[key];
    if (typeof v !== "string") this.fail(at(path, key), `must be a string, got ${show(v)}`);
    return v;
  }
  arr(o: Json, key: string, path: string, what = "an array"): readonly unknown[] {
    const v: unknown = o[key];
    if (!Array.isArray(v)) this.fail(at(path, key), `must be ${what}, got ${show(v)}`);
    return v;
  }
  /** An array that may be left out (then empty); null is read as empty, with a warning. */
  list(o: Json, key: string, path: string): readonly unknown[] {
    if (o[key] === undefined) return [];
    if (o[key] === null) {
      this.warn({ path: at(path, key), message: "is null; read as an empty list []" });
      return [];
    }
    return this.arr(o, key, path);
  }
  /** An iid: a positive integer not already used by `seen` at this level. */
  iid(o: Json, path: string, seen: Set<number>, what: string): number {
    const v = o["iid"];
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1) {
      this.fail(at(path, "iid"), `must be a positive integer (${what} count from 1), got ${show(v)}`);
    }
    if (seen.has(v))
      this.fail(
        at(path, "iid"),
        `${what} ${v} is used twice; each ${what} must be unique in its ${what === "siid" ? "device" : "service"}`,
      );
    seen.add(v);
    return v;
  }
  /** The `type` URN; its kind must match the level; returns the URN's <name>. */
  urn(o: Json, path: string, kind: UrnKind): { type: string; name: string } {
    const type = this.str(o, "type", path);
    const urn = parseUrn(type);
    if (urn === null) this.fail(at(path, "type"), `${JSON.stringify(type)} is not a URN of the form ${URN_SHAPE}`);
    if (urn.kind !== kind)
      this.fail(
        at(path, "type"),
        `${JSON.stringify(type)} has kind "${urn.kind}"; ` +
          `${/^[ae]/.test(kind) ? "an" : "a"} ${kind} must have kind "${kind}"`,
      );
    if (!NAME_RE.test(urn.name)) {
      this.fail(
        at(path, "type"),
        `name "${urn.name}" must be lower-case letters and digits in words joined by single dashes (a dot ` +
          `only between digits, as in pm2.5), starting with a letter, so it becomes an identifier in camelCase`,
      );
    }
    return { type, name: urn.name };
  }
}

/**
 * Validates a spec instance. Problems that make it unusable throw a SpecError
 * naming the JSON path; problems it can be used with (unknown keys, null
 * lists) are returned as warnings, or thrown under `strict`.
 */
export function parseSpec(json: unknown, file: string, options: SpecOptions = {}): Spec {
  const f = new Fields(file, options.strict === true);
  const root = f.level(json, "(root)", "device");
  const { type, name } = f.urn(root, "", "device");
  const description = f.desc(root, "");
  const siids = new Set<number>();
  const services = f.list(root, "services", "").map((s, i) => parseService(f, s, `services[${i}]`, siids));
  if (services.length === 0) f.fail("services", "must list at least one service");
  return { file, type, name, description, services, warnings: f.warnings };
}

// Names need not be unique: MIoT-Spec-V2 asks for unique iids, and real
// instances repeat a type in one service (two fan-level in cnhdm.airrtc.wkq01);
// the bindings tell such members apart (spec-names.ts).
function parseService(f: Fields, json: unknown, path: string, siids: Set<number>): SpecService {
  const o = f.level(json, path, "service");
  const iid = f.iid(o, path, siids, "siid");
  const { type, name } = f.urn(o, path, "service");
  const description = f.desc(o, path);

  const piids = new Set<number>();
  const properties = f
    .list(o, "properties", path)
    .map((p, i) => parseProperty(f, p, `${path}.properties[${i}]`, piids));

  const piidList = (a: Json, key: string, aPath: string): readonly number[] =>
    f.list(a, key, aPath).map((x, j) => {
      if (typeof x !== "number" || !piids.has(x)) {
        const known = [...piids].join(", ") || "none";
        f.fail(
          `${aPath}.${key}[${j}]`,
          `${show(x)} is not the piid of a property in this service; piids here: ${known}`,
        );
      }
      return x;
    });

  const aiids = new Set<number>();
  const actions = f.list(o, "actions", path).map((a, i): SpecAction => {
    const aPath = `${path}.actions[${i}]`;
    const ao = f.level(a, aPath, "action");
    return {
      iid: f.iid(ao, aPath, aiids, "aiid"),
      ...f.urn(ao, aPath, "action"),
      description: f.desc(ao, aPath),
      in: piidList(ao, "in", aPath),
      out: piidList(ao, "out", aPath),
    };
  });

  const eiids = new Set<number>();
  const events = f.list(o, "events", path).map((e, i): SpecEvent => {
    const ePath = `${path}.events[${i}]`;
    const eo = f.level(e, ePath, "event");
    return {
      iid: f.iid(eo, ePath, eiids, "eiid"),
      ...f.urn(eo, ePath, "event"),
      description: f.desc(eo, ePath),
      arguments: piidList(eo, "arguments", ePath),
    };
  });

  return { iid, type, name, description, properties, actions, events };
}

function parseProperty(f: Fields, json: unknown, path: string, piids: Set<number>): SpecProperty {
  const o = f.level(json, path, "property");
  const iid = f.iid(o, path, piids, "piid");
  const { type, name } = f.urn(o, path, "property");
  const description = f.desc(o, path);

  const fmt = o["format"];
  if (typeof fmt !== "string" || !(FORMATS as readonly string[]).includes(fmt)) {
    f.fail(`${path}.format`, `${show(fmt)} is not a MIoT format; allowed: ${FORMATS.join(", ")}`);
  }
  const format = fmt as PropertyFormat;

  const access = (
    o["access"] === null
      ? f.list(o, "access", path)
      : f.arr(o, "access", path, `an array of ${ACCESS.join(", ")} (it may be empty)`)
  ).map((a, j, all): Access => {
    if (typeof a !== "string" || !(ACCESS as readonly string[]).includes(a)) {
      f.fail(`${path}.access[${j}]`, `${show(a)} is not an access right; allowed: ${ACCESS.join(", ")}`);
    }
    if (all.indexOf(a) !== j)
      f.fail(`${path}.access[${j}]`, `"${a}" is listed twice; each access right may appear once`);
    return a as Access;
  });

  const unit = o["unit"] === undefined ? null : f.str(o, "unit", path);
  const range = o["value-range"] === undefined ? null : parseRange(f, o["value-range"], `${path}.value-range`, format);
  const values =
    o["value-list"] === undefined ? null : parseValueList(f, o["value-list"], `${path}.value-list`, format);
  if (range !== null && values !== null) {
    f.fail(path, "has both value-range and value-list; a property may have one or the other, not both");
  }
  return { iid, type, name, description, format, access, unit, range, values };
}

function parseRange(f: Fields, v: unknown, path: string, format: PropertyFormat): SpecProperty["range"] {
  if (!isNumericFormat(format)) {
    f.fail(path, `is only allowed for numeric formats (uint8…int64, float), not ${format}`);
  }
  if (!Array.isArray(v) || v.length !== 3 || !v.every((x: unknown) => typeof x === "number" && Number.isFinite(x))) {
    f.fail(path, `must be [min, max, step] with three numbers, got ${show(v)}`);
  }
  const [min, max, step] = v as [number, number, number];
  if (min > max) f.fail(path, `min ${min} is above max ${max}; must be [min, max, step] with min <= max`);
  if (step <= 0) f.fail(path, `step ${step} must be above 0`);
  if (isIntegerFormat(format)) {
    if (![min, max, step].every(Number.isInteger))
      f.fail(path, `${show(v)} must be whole numbers for the integer format ${format}`);
    const b = INTEGER_BOUNDS[format];
    if (min < b.min || max > b.max) f.fail(path, `${show(v)} is outside what ${format} holds (${b.min} to ${b.max})`);
  }
  return { min, max, step };
}

function parseValueList(f: Fields, v: unknown, path: string, format: PropertyFormat): SpecProperty["values"] {
  if (!isIntegerFormat(format)) {
    f.fail(
      path,
      `is only allowed for integer formats (uint8, uint16, uint32, int8, int16, int32, int64), not ${format}`,
    );
  }
  if (!Array.isArray(v) || v.length === 0)
    f.fail(path, `must be a non-empty array of {"value": integer, "description": string}, got ${show(v)}`);
  const list: readonly unknown[] = v;
  const b = INTEGER_BOUNDS[format];
  const seen = new Set<number>();
  return list.map((e, i) => {
    const ePath = `${path}[${i}]`;
    const o = f.level(e, ePath, "value-list entry");
    const value = o["value"];
    if (typeof value !== "number" || !Number.isInteger(value) || value < b.min || value > b.max) {
      f.fail(`${ePath}.value`, `must be an integer ${format} holds (${b.min} to ${b.max}), got ${show(value)}`);
    }
    if (seen.has(value)) f.fail(`${ePath}.value`, `${value} is listed twice; each value must be unique`);
    seen.add(value);
    return { value, description: f.desc(o, ePath) };
  });
}
