// Small AssemblyScript firmware written by a test, compiled with asc.

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { compileAssemblyScript } from "../../host/build/build.js";
import { ROOT } from "./firmware.js";

const DIR = join(ROOT, "build", "test-snippets");

/** The usual head of a Sail entry file, for a snippet in build/test-snippets. */
export const ENTRY = `export { sail_event, sail_abi_version } from "../../assembly/sail";\n`;

/** Compiles `source` (an entry file) with the given extra asc arguments. */
export async function compileSnippet(name: string, source: string, args: readonly string[] = []): Promise<Uint8Array> {
  await mkdir(DIR, { recursive: true });
  const file = join(DIR, `${name}.ts`);
  await writeFile(file, source);
  return compileAssemblyScript(
    [file, "--runtime", "stub", "--exportStart", "_start", "--debug", "-O2", "--outFile", `${name}.wasm`, ...args],
    name,
  );
}
