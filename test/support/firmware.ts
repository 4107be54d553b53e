// Firmware the tests run: the examples and fixtures, each built once per test
// run with `sail build` (the same path partners use).

import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildProject } from "../../host/build/build.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

const built = new Map<string, Promise<Uint8Array>>();

/** The image of a project folder under the repository root, built once. */
export function firmware(project: string): Promise<Uint8Array> {
  let p = built.get(project);
  if (p === undefined) {
    p = buildProject(join(ROOT, project))
      .then((r) => readFile(r.file))
      .then((b) => new Uint8Array(b));
    built.set(project, p);
  }
  return p;
}

export const BLINK = "examples/blink";
export const BUTTON_LED = "examples/button-led";
export const FADE = "examples/fade";
export const FAULTS = "test/fixtures/faults";
export const KERNELS = "test/fixtures/kernels";
export const SMART_LAMP = "examples/smart-lamp";
export const COLOR_LAMP = "examples/color-lamp";
export const RICE_COOKER = "examples/rice-cooker";
