// A mocha reporter that prints mocha's usual spec output and also writes
// JUnit XML (junit-xml.ts). A test failed after it passed (by the "not
// implemented" check in afterEach) counts as failed. Usable from the mocha
// CLI too: --reporter <path to this file> --reporter-option output=junit.xml

import Mocha from "mocha";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { junitXml, type CaseState, type JunitCase, type JunitRun } from "./junit-xml.js";

export interface JunitReporterOptions {
  /** Where to write the XML; none: no file (results still reach onEnd). */
  readonly output?: string;
  /** The <testsuites name>. */
  readonly name?: string;
  /** The source file to report for a loaded test file (e.g. the .ts a .js was compiled from). */
  readonly fileOf?: (loaded: string) => string;
  /** Called with every result once the run ends. */
  readonly onEnd?: (run: JunitRun) => void;
}

interface Row {
  readonly runnable: Mocha.Runnable;
  state: CaseState;
  failure?: { message: string; type: string; stack: string };
}

const { EVENT_RUN_BEGIN, EVENT_RUN_END, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } = Mocha.Runner.constants;

export default class JunitReporter extends Mocha.reporters.Spec {
  readonly #rows = new Map<Mocha.Runnable, Row>();
  readonly #passed = new Set<Mocha.Runnable>();
  #started = 0;

  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions = {}) {
    super(runner, options);
    const o = (options.reporterOptions ?? {}) as JunitReporterOptions;
    runner.once(EVENT_RUN_BEGIN, () => {
      this.#started = performance.now();
    });
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
      this.#row(test).state = "passed";
      this.#passed.add(test);
    });
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => (this.#row(test).state = "skipped"));
    runner.on(EVENT_TEST_FAIL, (runnable: Mocha.Runnable, err: unknown) => {
      // Failed by an afterEach check after it passed: mocha counted the pass; its summary should not.
      if (this.#passed.delete(runnable) && this.stats.passes > 0) this.stats.passes--;
      const row = this.#row(runnable);
      row.state = "failed";
      const e = err instanceof Error ? err : new Error(String(err));
      row.failure = { message: e.message, type: e.name, stack: e.stack ?? `${e.name}: ${e.message}` };
    });
    runner.once(EVENT_RUN_END, () => {
      const run: JunitRun = {
        name: o.name ?? "mocha",
        timeSec: (performance.now() - this.#started) / 1000,
        cases: [...this.#rows.values()].map((r) => toCase(r, o.fileOf)),
      };
      if (o.output !== undefined) {
        mkdirSync(dirname(o.output), { recursive: true });
        writeFileSync(o.output, junitXml(run));
      }
      o.onEnd?.(run);
    });
  }

  #row(runnable: Mocha.Runnable): Row {
    let row = this.#rows.get(runnable);
    if (row === undefined) {
      row = { runnable, state: "passed" };
      this.#rows.set(runnable, row);
    }
    return row;
  }
}

function toCase(row: Row, fileOf: ((loaded: string) => string) | undefined): JunitCase {
  const r = row.runnable;
  const suite = r.parent?.fullTitle() || "(root)";
  const loaded = r.file ?? r.parent?.file;
  const file = loaded === undefined ? undefined : (fileOf?.(loaded) ?? relative(process.cwd(), loaded));
  return {
    suite,
    name: r.title,
    timeSec: (r.duration ?? 0) / 1000,
    state: row.state,
    ...(file === undefined ? {} : { file }),
    ...(row.failure === undefined ? {} : { failure: row.failure }),
  };
}
