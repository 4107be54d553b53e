// What the test API flashes: a .wasm path, image bytes, or a project folder
// (built with `sail build` once per test run; under `sail test`, the image it
// just built).

import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { buildProject } from "../build/build.js";
import { SailError } from "../errors.js";
import { ENV_IMAGE, ENV_PROJECT } from "./env.js";

/** A .wasm file, a project folder (with sail.json), or image bytes. */
export type Firmware = string | Uint8Array;

export { ENV_IMAGE, ENV_PROJECT } from "./env.js";

/** Image bytes and the name errors use for them; `call` names the API call in errors, e.g. "flash". */
export async function firmwareBytes(
  image: Firmware | undefined,
  call = "flash",
): Promise<{ bytes: Uint8Array; file: string }> {
  if (image instanceof Uint8Array) return { bytes: image, file: "firmware.wasm" };
  const path = resolve(image ?? ".");
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw new SailError(
      `${call}(${JSON.stringify(image ?? ".")}): nothing at ${path}; give a ` +
        `.wasm image, a project folder (with sail.json) or the image's bytes`,
    );
  }
  if (!isDir) return { bytes: new Uint8Array(await readFile(path)), file: path };
  const file = await projectImage(path);
  return { bytes: new Uint8Array(await readFile(file)), file };
}

const builds = new Map<string, Promise<string>>();

/** The image of a project folder: the one `sail test` built, or built here once per run. */
function projectImage(dir: string): Promise<string> {
  const built = process.env[ENV_IMAGE];
  const project = process.env[ENV_PROJECT];
  if (built !== undefined && project !== undefined && resolve(project) === dir) return Promise.resolve(built);
  let p = builds.get(dir);
  if (p === undefined) {
    p = buildProject(dir).then((r) => r.file);
    builds.set(dir, p);
    p.catch(() => builds.delete(dir)); // a failed build is retried by the next flash
  }
  return p;
}
