// What `sail run --miot` suggests trying: `sail miot` commands written as the
// user runs the CLI where they are (`npm run sail --` in this repository,
// `npx sail` in a project that depends on sail-sdk), on properties and actions
// the running image's spec has, with a value its check accepts.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { checkValue, type Spec, type SpecProperty } from "../miot/spec.js";

/** This package's name in its package.json: inside its own repository the CLI runs through npm. */
const SDK_PACKAGE = "sail-sdk";

/**
 * How the user runs the CLI from `cwd`: `npm run sail --` when the nearest
 * package.json above it is this package's own (the repository), else
 * `npx sail` (a partner project, or no package at all).
 */
export function cliPrefix(cwd: string = process.cwd()): string {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      try {
        const name = (JSON.parse(readFileSync(file, "utf8")) as { name?: unknown }).name;
        return name === SDK_PACKAGE ? "npm run sail --" : "npx sail";
      } catch {
        return "npx sail"; // an unreadable package.json is not ours to judge here
      }
    }
    if (dirname(dir) === dir) return "npx sail";
  }
}

/**
 * A value `sail miot set` can send to `p` that its check accepts: the middle
 * of a range (on its step grid), the second entry of a value list, true, or a
 * sample text; null when none is found.
 */
export function sampleValue(p: SpecProperty): string | null {
  let value: unknown;
  if (p.format === "bool") value = true;
  else if (p.format === "string") value = "hello";
  else if (p.format === "hex") value = "ff";
  else if (p.values !== null) value = (p.values[1] ?? p.values[0])?.value;
  else if (p.range !== null && p.format === "float") value = (p.range.min + p.range.max) / 2;
  else if (p.range !== null) {
    const { min, max, step } = p.range;
    value = min + step * Math.floor((max - min) / 2 / step);
  } else value = p.format === "float" ? 1.5 : 1;
  return checkValue(p, value) ? String(value) : null;
}

/**
 * The lines to try against a device served with `connect` (e.g. "--host
 * 127.0.0.1 --token …"): a get of up to three readable properties, a set of
 * the first writable one, an action without inputs, as far as the spec has
 * them, device-information's last.
 */
export function miotTryLines(spec: Spec, prefix: string, connect: string): string[] {
  const iid = (siid: number, iid: number): string => `${siid}.${iid}`;
  // The device's own functions first: device-information (manufacturer, model…) says little to try.
  const services = [...spec.services].sort(
    (a, b) => Number(a.name === "device-information") - Number(b.name === "device-information"),
  );
  const props = services.flatMap((s) => s.properties.map((p) => ({ siid: s.iid, p })));
  const commands: string[] = [];
  const readable = props.filter(({ p }) => p.access.includes("read")).slice(0, 3);
  if (readable.length > 0) commands.push(`get ${readable.map(({ siid, p }) => iid(siid, p.iid)).join(" ")}`);
  for (const { siid, p } of props.filter(({ p }) => p.access.includes("write"))) {
    const value = sampleValue(p);
    if (value === null) continue;
    commands.push(`set ${iid(siid, p.iid)} ${value}`);
    break;
  }
  const action = services.flatMap((s) => s.actions.filter((a) => a.in.length === 0).map((a) => ({ s, a })))[0];
  if (action !== undefined) commands.push(`action ${iid(action.s.iid, action.a.iid)}`);
  if (commands.length === 0) commands.push("info");
  return commands.map((c, i) => `${i === 0 ? "try:  " : "      "}${prefix} miot ${connect} ${c}`);
}
