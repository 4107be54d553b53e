// What `sail test` does: build the project's firmware, compile its TypeScript
// tests, run every test/**/*.test.{ts,js} with mocha in this process (the
// spec reporter on stdout, JUnit XML on request) and say how it went.

import { readdir, stat } from "node:fs/promises";
import { basename, join, relative, resolve, sep } from "node:path";
import { buildProject } from "../build/build.js";
import { BuildError, SailError } from "../errors.js";
import { compileTests } from "./compile-tests.js";
import { ENV_ECHO, ENV_IMAGE, ENV_PROJECT } from "./env.js";
import type { JunitReporterOptions } from "./junit-reporter.js";
import type { JunitRun } from "./junit-xml.js";
import { failOnNotImplemented } from "./not-implemented.js";
import { pickShard, type ShardPick } from "../report/shard.js";

export interface TestRunOptions {
  /** The project folder (with sail.json and test/). */
  readonly dir: string;
  /** Only tests whose full title contains this text. */
  readonly grep?: string;
  /** Write JUnit XML here (relative to the current folder). */
  readonly junit?: string;
  /** Print every board's log lines as they happen. */
  readonly logs?: boolean;
  /** Only this shard's test files: sorted by path in the project, dealt round-robin (docs/decisions.md D127). */
  readonly shard?: ShardPick;
  /** Wall-clock limit per test, ms (default 60 000: virtual time is not limited by it). */
  readonly timeoutMs?: number;
  /** Progress and errors (default: stderr). */
  readonly note: (text: string) => void;
}

/** Exit codes: everything passed, something failed, the run could not start. */
export const EXIT = { PASSED: 0, FAILED: 1, USAGE: 2 } as const;

const TEST_FILE = /\.test\.(ts|mts|cts|js|mjs|cjs)$/;
const SKIP_DIRS = new Set(["node_modules", "build", ".git"]);

/** Test files under `dir`, sorted, skipping node_modules and build output. */
export async function findTests(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory() && !SKIP_DIRS.has(e.name)) out.push(...(await findTests(path)));
    else if (e.isFile() && TEST_FILE.test(e.name) && !e.name.endsWith(".d.ts")) out.push(path);
  }
  return out.sort();
}

export async function runProjectTests(o: TestRunOptions): Promise<number> {
  const dir = resolve(o.dir);
  const junit = o.junit === undefined ? undefined : resolve(o.junit);
  try {
    if (!(await stat(join(dir, "sail.json"))).isFile()) throw new Error("not a file");
  } catch {
    o.note(
      `sail test: ${dir} is not a Sail project (no sail.json); run ` +
        `it in a project folder, or give one: sail test path/to/project`,
    );
    return EXIT.USAGE;
  }
  const all = await findTests(join(dir, "test"));
  const sources = o.shard === undefined ? all : pickShard(all, (f) => relative(dir, f).split(sep).join("/"), o.shard);
  if (all.length === 0) {
    o.note(
      `sail test: no tests in ${relative(process.cwd(), join(dir, "test")) || "test"}/: ` +
        `add a file such as test/device.test.ts (see docs/testing.md)`,
    );
    return EXIT.USAGE;
  }

  let image: string;
  let compiled: ReadonlyMap<string, string>;
  try {
    const started = performance.now();
    const built = await buildProject(dir);
    image = built.file;
    o.note(
      `built ${built.manifest.name} ${built.manifest.version} → ${relative(process.cwd(), built.file)}: ` +
        `${built.bytes.length} bytes in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    compiled = (await compileTests(dir, sources)).files;
  } catch (e) {
    if (!(e instanceof SailError)) throw e;
    o.note(
      `sail test: ${e instanceof BuildError ? "the firmware does not build" : "cannot run the tests"}: ${e.message}`,
    );
    return EXIT.USAGE;
  }

  process.env[ENV_PROJECT] = dir;
  process.env[ENV_IMAGE] = image;
  if (o.logs === true) process.env[ENV_ECHO] = "1";
  process.chdir(dir); // tests name files relative to their project, and flash() means this one
  process.setSourceMapsEnabled(true); // stacks point at the .ts lines

  const sourceOf = new Map([...compiled].map(([src, js]) => [js, src]));
  let results: JunitRun | null = null;
  const reporterOptions: JunitReporterOptions = {
    name: `sail test ${basename(dir)}`,
    fileOf: (loaded) => relative(dir, sourceOf.get(loaded) ?? loaded),
    onEnd: (run) => {
      results = run;
    },
    ...(junit === undefined ? {} : { output: junit }),
  };
  const { default: Mocha } = await import("mocha");
  const { default: JunitReporter } = await import("./junit-reporter.js");
  const mocha = failOnNotImplemented(
    new Mocha({ reporter: JunitReporter, reporterOptions, timeout: o.timeoutMs ?? 60_000 }),
  );
  if (o.grep !== undefined) mocha.grep(o.grep);
  for (const s of sources) mocha.addFile(compiled.get(s) ?? s);
  try {
    await mocha.loadFilesAsync();
  } catch (e) {
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    const hint = /Cannot find (package|module) 'sail-sdk/.test(message)
      ? "\n(is sail-sdk installed? run npm install in the project)"
      : "";
    o.note(`sail test: a test file does not load:\n${message}${hint}`);
    return EXIT.USAGE;
  }
  await new Promise<number>((done) => mocha.run(done));

  const run = results as JunitRun | null;
  const cases = run?.cases ?? [];
  const failed = cases.filter((c) => c.state === "failed").length;
  const skipped = cases.filter((c) => c.state === "skipped").length;
  const passed = cases.length - failed - skipped;
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
  if (junit !== undefined) o.note(`wrote ${junit} (JUnit XML)`);
  if (cases.length === 0 && o.shard !== undefined && sources.length === 0) {
    o.note(`sail test: shard ${o.shard.index}/${o.shard.count} has no test files (${all.length} in all)`);
    return EXIT.PASSED;
  }
  if (cases.length === 0) {
    o.note(
      o.grep === undefined
        ? "sail test: the test files define no tests"
        : `sail test: no test title contains "${o.grep}"`,
    );
    return EXIT.USAGE;
  }
  return failed > 0 ? EXIT.FAILED : EXIT.PASSED;
}
