// Compiles a project's TypeScript tests to JavaScript for mocha with the
// TypeScript compiler (tsc, from the project or else from Sail's own install).
// Types are stripped, not checked (as most test runners do): `npx tsc
// --noEmit` with the project's tsconfig.json checks them.

import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { promisify } from "node:util";
import { SailError } from "../errors.js";

/** Where compiled tests go, under the project's build folder. */
export const COMPILED_TESTS_DIR = join("build", "test-js");
const CONFIG_FILE = join("build", "tsconfig.sail-test.json");

export interface CompiledTests {
  /** Absolute path of each compiled file, by the absolute path of its source. */
  readonly files: ReadonlyMap<string, string>;
}

/** The tsc launcher script: the project's typescript if it has one, else the one Sail was installed with. */
export async function findTsc(projectDir: string): Promise<string> {
  for (const from of [join(projectDir, "package.json"), import.meta.url]) {
    try {
      const pkgFile = createRequire(from).resolve("typescript/package.json");
      const pkg = JSON.parse(await readFile(pkgFile, "utf8")) as { bin?: Record<string, string> };
      const bin = pkg.bin?.["tsc"];
      if (bin !== undefined) return join(dirname(pkgFile), bin);
    } catch {
      // not installed there; try the next place
    }
  }
  throw new SailError(
    "TypeScript tests need the typescript package, and neither this project nor Sail has it: run " +
      "`npm install --save-dev typescript@7.0.2`, or write the tests in JavaScript (test/*.test.js)",
  );
}

/** The compiled name of a test source: test/a.test.ts → build/test-js/test/a.test.js (.mts → .mjs, .cts → .cjs). */
export function compiledPath(projectDir: string, source: string): string {
  const rel = relative(projectDir, source).replace(/\.([mc]?)ts$/, (_, m: string) => `.${m}js`);
  return join(projectDir, COMPILED_TESTS_DIR, rel);
}

/**
 * Compiles the TypeScript files among `sources` (and what they import); throws a SailError with tsc's messages on
 * failure.
 */
export async function compileTests(projectDir: string, sources: readonly string[]): Promise<CompiledTests> {
  const ts = sources.filter((s) => /\.[mc]?ts$/.test(s) && !s.endsWith(".d.ts"));
  const files = new Map(ts.map((s) => [s, compiledPath(projectDir, s)]));
  if (ts.length === 0) return { files };
  const out = join(projectDir, COMPILED_TESTS_DIR);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const configFile = join(projectDir, CONFIG_FILE);
  const posix = (p: string): string => p.split(sep).join("/");
  await writeFile(
    configFile,
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          noCheck: true,
          skipLibCheck: true,
          sourceMap: true,
          rootDir: "..",
          outDir: posix(relative(dirname(configFile), out)),
          types: [],
        },
        files: ts.map((s) => posix(relative(dirname(configFile), s))),
      },
      null,
      2,
    ) + "\n",
  );
  const tsc = await findTsc(projectDir);
  try {
    await promisify(execFile)(process.execPath, [tsc, "-p", configFile, "--pretty", "false"], { cwd: projectDir });
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; message: string };
    const detail = `${x.stdout ?? ""}${x.stderr ?? ""}`.trim() || x.message;
    throw new SailError(`the TypeScript tests do not compile:\n${detail}`);
  }
  return { files };
}
