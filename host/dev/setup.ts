// What `sail dev` puts around a project's board beyond its profile: the
// project's own buttons (a wall switch on GPIO 4), the colour of LEDs on PWM
// pins, the parts wired to its buses, and what its outputs drive in the room
// (a heater relay, a lamp). Read from the project's optional dev.json; every
// refusal names the file, the field and what is allowed.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { SailError } from "../errors.js";
import { quoteValue } from "../quote.js";

export interface DevButton {
  readonly name: string;
  readonly gpio: number;
  readonly activeLow: boolean;
}

export interface DevLed {
  readonly gpio: number;
  readonly name: string;
  /** CSS colour of the LED at full duty, e.g. "#ffb347". */
  readonly color: string;
}

export type PartKind = "sht3x" | "bh1750" | "pms5003";

export interface DevPart {
  readonly part: PartKind;
  /** I2C port (sht3x, bh1750) or UART port (pms5003). */
  readonly port: number;
}

export interface DevLoad {
  readonly kind: "heater" | "lamp" | "purifier";
  readonly gpio: readonly number[];
  readonly activeLow: boolean;
}

export interface DevSetup {
  readonly buttons: readonly DevButton[];
  readonly leds: readonly DevLed[];
  readonly parts: readonly DevPart[];
  readonly loads: readonly DevLoad[];
}

export const NO_SETUP: DevSetup = { buttons: [], leds: [], parts: [], loads: [] };

const TOP_KEYS = ["$schema", "buttons", "leds", "parts", "loads"];
const PART_PORT: Readonly<Record<PartKind, "i2c" | "uart">> = { sht3x: "i2c", bh1750: "i2c", pms5003: "uart" };
const LOAD_KINDS = ["heater", "lamp", "purifier"] as const;

/** The project's dev.json, or no setup when it has none. */
export async function loadDevSetup(projectDir: string): Promise<DevSetup> {
  const file = join(projectDir, "dev.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return NO_SETUP;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SailError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  return parseDevSetup(json, file);
}

export function parseDevSetup(json: unknown, file: string): DevSetup {
  const root = object(json, file, "(root)", `{"buttons": [...], "leds": [...], "parts": [...], "loads": [...]}`);
  for (const k of Object.keys(root))
    if (!TOP_KEYS.includes(k))
      throw new SailError(`${file}: ${k}: is not a dev.json field (a typo?); allowed: ${TOP_KEYS.join(", ")}`);
  if (root["$schema"] !== undefined && typeof root["$schema"] !== "string")
    throw new SailError(`${file}: $schema: must be the path or URL of dev.json's JSON Schema, a string`);
  const list = (key: string): unknown[] => {
    const v = root[key] ?? [];
    if (!Array.isArray(v)) throw new SailError(`${file}: ${key}: must be a list, e.g. "${key}": []`);
    return v;
  };
  const buttons = list("buttons").map((b, i): DevButton => {
    const where = `buttons[${i}]`;
    const o = fields(b, file, where, ["name", "gpio", "activeLow"], `{"name": "wall", "gpio": 4, "activeLow": true}`);
    if (typeof o["name"] !== "string" || o["name"] === "")
      throw new SailError(`${file}: ${where}.name: give the button a name, e.g. "wall"`);
    const activeLow = flag(o["activeLow"], true, file, `${where}.activeLow`);
    return { name: o["name"], gpio: gpio(o["gpio"], file, `${where}.gpio`), activeLow };
  });
  const leds = list("leds").map((l, i): DevLed => {
    const where = `leds[${i}]`;
    const o = fields(l, file, where, ["gpio", "name", "color"], `{"gpio": 25, "name": "warm", "color": "#ffb347"}`);
    const color = o["color"] ?? "#ffcc33";
    if (typeof color !== "string" || !/^#[0-9a-fA-F]{6}$/.test(color))
      throw new SailError(`${file}: ${where}.color: ${quoteValue(color)} is not a colour such as "#ffb347"`);
    const g = gpio(o["gpio"], file, `${where}.gpio`);
    const name = o["name"] ?? `GPIO ${g}`;
    if (typeof name !== "string") throw new SailError(`${file}: ${where}.name: must be a label such as "warm white"`);
    return { gpio: g, name, color };
  });
  const parts = list("parts").map((p, i): DevPart => {
    const where = `parts[${i}]`;
    const o = fields(p, file, where, ["part", "i2c", "uart"], `{"part": "sht3x", "i2c": 0}`);
    const kind = o["part"];
    if (kind !== "sht3x" && kind !== "bh1750" && kind !== "pms5003")
      throw new SailError(`${file}: ${where}.part: ${quoteValue(kind)} is not one of sht3x, bh1750, pms5003`);
    const bus = PART_PORT[kind];
    const port = o[bus];
    if (typeof port !== "number" || !Number.isInteger(port) || port < 0)
      throw new SailError(
        `${file}: ${where}.${bus}: give the ${bus.toUpperCase()} port the ${kind} is wired to, e.g. 0`,
      );
    const other = bus === "i2c" ? "uart" : "i2c";
    if (o[other] !== undefined)
      throw new SailError(`${file}: ${where}.${other}: a ${kind} is wired to ${bus.toUpperCase()}; give "${bus}" only`);
    return { part: kind, port };
  });
  const loads = list("loads").map((l, i): DevLoad => {
    const where = `loads[${i}]`;
    const o = fields(l, file, where, ["kind", "gpio", "activeLow"], `{"kind": "heater", "gpio": 26}`);
    const kind = o["kind"];
    if (!LOAD_KINDS.includes(kind as (typeof LOAD_KINDS)[number]))
      throw new SailError(`${file}: ${where}.kind: ${quoteValue(kind)} is not one of ${LOAD_KINDS.join(", ")}`);
    const g = o["gpio"];
    if (Array.isArray(g) && g.length === 0)
      throw new SailError(`${file}: ${where}.gpio: give at least one GPIO, e.g. 26 or [25, 26]`);
    const gpios = Array.isArray(g)
      ? g.map((x, j) => gpio(x, file, `${where}.gpio[${j}]`))
      : [gpio(g, file, `${where}.gpio`)];
    return {
      kind: kind as DevLoad["kind"],
      gpio: gpios,
      activeLow: flag(o["activeLow"], false, file, `${where}.activeLow`),
    };
  });
  return { buttons, leds, parts, loads };
}

function object(v: unknown, file: string, where: string, example: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new SailError(`${file}: ${where}: must be an object such as ${example}`);
  return v as Record<string, unknown>;
}

function fields(v: unknown, file: string, where: string, keys: readonly string[], example: string) {
  const o = object(v, file, where, example);
  for (const k of Object.keys(o))
    if (!keys.includes(k))
      throw new SailError(`${file}: ${where}.${k}: is not a field here (a typo?); allowed: ${keys.join(", ")}`);
  return o;
}

function flag(v: unknown, absent: boolean, file: string, where: string): boolean {
  if (v === undefined) return absent;
  if (typeof v !== "boolean") throw new SailError(`${file}: ${where}: ${quoteValue(v)} is not true or false`);
  return v;
}

function gpio(v: unknown, file: string, where: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 63)
    throw new SailError(`${file}: ${where}: ${quoteValue(v)} is not a GPIO number (0 to 63)`);
  return v;
}
