// "Unimplemented is loud in tests" (docs/decisions.md D65): a log line saying
// "not implemented" — a model met a register or command it does not know —
// fails the test that produced it, at the end of that test. Boards made by the
// test API are watched here; a root afterEach hook checks them, registered by
// name: failOnNotImplemented(mocha) (`sail test`, the repository's test runner)
// or the root hook plugin host/testing/mocha-hooks.ts (mocha's own CLI).
// Importing this file registers nothing (docs/testing.md).

import type { LogLine } from "../board/board.js";
import { SailError } from "../errors.js";
import { formatLogLine } from "./report.js";

/** The words that turn a board's log line (a model's warning) into a test failure. */
export const NOT_IMPLEMENTED = /not implemented/i;

/** A line the board or one of its models logged saying "not implemented"; the firmware's own lines are its business. */
export function isNotImplemented(line: LogLine): boolean {
  return line.source !== "app" && NOT_IMPLEMENTED.test(line.text);
}

/** A board's log said "not implemented": the model lacks what the firmware used. */
export class NotImplementedError extends SailError {
  override name = "NotImplementedError";
  constructor(
    readonly board: string,
    readonly lines: readonly LogLine[],
  ) {
    super(
      [
        `${board}: the firmware used something a model does not implement ` +
          `(${lines.length} "not implemented" ${lines.length === 1 ? "line" : "lines"}):`,
        ...lines.map((l) => `  ${formatLogLine(l)}`),
        "A test passing on an incomplete model proves nothing, so this fails it. Extend the model, or, if the firmware",
        "can live without it, flash with { allowNotImplemented: true }.",
      ].join("\n"),
    );
    this.stack = `${this.name}: ${this.message}`; // where the check ran says nothing; the lines say it all
  }
}

/** What the registry needs of a board: hand over its unseen "not implemented" lines as an error. */
export interface Watched {
  /** The error for lines not reported before (and marks them reported), or null. */
  takeNotImplemented(): NotImplementedError | null;
}

/** Boards made since the last check: held strongly, so a board local to a test is still checked after it. */
const recent = new Set<Watched>();
/** Older boards (e.g. made in `before`): checked while something still holds them. */
const older = new Set<WeakRef<Watched>>();

export function watch(board: Watched): void {
  recent.add(board);
}

/** Every unseen "not implemented" report of every watched board, as one error (null if none). */
export function takeNotImplemented(): Error | null {
  const errors: NotImplementedError[] = [];
  const take = (b: Watched): void => {
    const e = b.takeNotImplemented();
    if (e !== null) errors.push(e);
  };
  for (const ref of older) {
    const b = ref.deref();
    if (b === undefined) older.delete(ref);
    else take(b);
  }
  for (const b of recent) {
    take(b);
    older.add(new WeakRef(b));
  }
  recent.clear();
  if (errors.length <= 1) return errors[0] ?? null;
  return new SailError(errors.map((e) => e.message).join("\n\n"));
}

/** What a mocha hook sees as `this` (structural: mocha's types stay out of the public API). */
export interface HookContext {
  /** While a hook runs, the hook itself; `error(e)` fails the current test instead of the hook. */
  readonly test?: { readonly title: string; error?: (err: unknown) => void } | undefined;
  readonly currentTest?: { readonly state?: string | undefined } | undefined;
}

/**
 * The afterEach hook: fails the test that just ran if a board logged "not
 * implemented". It marks the test failed (the hook itself passes), so the
 * remaining tests still run. A test that failed already is left as it is.
 */
export function notImplementedHook(this: HookContext | undefined): void {
  const error = takeNotImplemented();
  if (error === null || this?.currentTest?.state === "failed") return;
  if (typeof this?.test?.error === "function") this.test.error(error);
  else throw error;
}

/** The hook's title in mocha's reports. */
export const NOT_IMPLEMENTED_HOOK = 'Sail: fail on "not implemented"';

/** What failOnNotImplemented needs of a mocha instance (structural, as HookContext). */
export interface MochaWithRootSuite {
  readonly suite: { afterEach(title: string, fn: (this: HookContext) => void): unknown };
}

/**
 * Makes a board's "not implemented" line fail its test under this mocha:
 * registers notImplementedHook as a root afterEach hook. `sail test` calls it
 * on the mocha it runs; call it on your own `new Mocha()` too. Returns `mocha`.
 */
export function failOnNotImplemented<M extends MochaWithRootSuite>(mocha: M): M {
  mocha.suite.afterEach(NOT_IMPLEMENTED_HOOK, notImplementedHook);
  return mocha;
}
