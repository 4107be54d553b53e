// `sail test`: build a project's firmware and run its mocha tests (TypeScript
// or JavaScript) against the emulated board, optionally writing JUnit XML.

import { SailError } from "../errors.js";
import { parseShard, type ShardPick } from "../report/shard.js";
import { runProjectTests } from "../testing/run-tests.js";
import { note } from "./format.js";
import type { Command } from "./main.js";

export const testCommand: Command = {
  summary: "build a project's firmware and run its tests (test/**/*.test.ts|js) on emulated boards",
  usage: "sail test [project-dir] [--grep text] [--junit file.xml] [--logs] [--shard k/n]",
  options: {
    grep: { type: "string", value: "text", description: "run only the tests whose full title contains this text" },
    junit: { type: "string", value: "file", description: "also write the results as JUnit XML (for CI)" },
    logs: { type: "boolean", description: "print every board's log lines as they happen" },
    shard: {
      type: "string",
      value: "k/n",
      description: "run only shard k of n (test files by sorted path, round-robin); sail report merge joins them",
    },
    timeout: { type: "string", value: "ms", description: "wall-clock limit per test in ms (default 60000)" },
  },
  async run(values, positionals) {
    if (positionals.length > 1) {
      note(`sail test: one project folder at most; got ${positionals.join(", ")}`);
      return 2;
    }
    const timeout = typeof values["timeout"] === "string" ? Number(values["timeout"]) : undefined;
    if (timeout !== undefined && !(Number.isInteger(timeout) && timeout > 0)) {
      note(
        `sail test: --timeout ${String(values["timeout"])} must be a ` +
          `whole number of milliseconds above 0, e.g. --timeout 120000`,
      );
      return 2;
    }
    let shard: ShardPick | undefined;
    try {
      shard = typeof values["shard"] === "string" ? parseShard(values["shard"]) : undefined;
    } catch (e) {
      if (!(e instanceof SailError)) throw e;
      note(`sail test: ${e.message}`);
      return 2;
    }
    return runProjectTests({
      dir: positionals[0] ?? ".",
      note,
      ...(typeof values["grep"] === "string" ? { grep: values["grep"] } : {}),
      ...(typeof values["junit"] === "string" ? { junit: values["junit"] } : {}),
      ...(values["logs"] === true ? { logs: true } : {}),
      ...(shard === undefined ? {} : { shard }),
      ...(timeout === undefined ? {} : { timeoutMs: timeout }),
    });
  },
};
