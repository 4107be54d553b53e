#!/usr/bin/env node
// The `sail` command: one verb per file in host/cli/, dispatched here.

import { parseArgs } from "node:util";
import { SailError } from "../errors.js";
import { abiCommand } from "./abi.js";
import { note } from "./format.js";
import { explainSystemError } from "./system-error.js";
import { fleetCommand } from "./fleet.js";
import { reportCommand } from "./report.js";
import { boardsCommand } from "./boards.js";
import { buildCommand } from "./build.js";
import { devCommand } from "./dev.js";
import { flashCommand } from "./flash.js";
import { monitorCommand } from "./monitor.js";
import { miotCommand } from "./miot.js";
import { newCommand } from "./new.js";
import { otaCommand } from "./ota.js";
import { profileCommand } from "./profile.js";
import { runCommand } from "./run.js";
import { sizeCommand } from "./size.js";
import { specCommand } from "./spec.js";
import { startCommand } from "./start.js";
import { testCommand } from "./test.js";
import { verifyCommand } from "./verify.js";

export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly description: string;
  /** Placeholder shown in help for string options, e.g. "id", "duration". */
  readonly value?: string;
  /** A string option whose value may be left out (`--trace` alone, or followed by another option): it is then "". */
  readonly optionalValue?: boolean;
}

export interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly run: (
    values: Readonly<Record<string, string | boolean | undefined>>,
    positionals: readonly string[],
  ) => number | Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  build: buildCommand,
  run: runCommand,
  dev: devCommand,
  boards: boardsCommand,
  abi: abiCommand,
  spec: specCommand,
  miot: miotCommand,
  size: sizeCommand,
  profile: profileCommand,
  start: startCommand,
  new: newCommand,
  test: testCommand,
  ota: otaCommand,
  fleet: fleetCommand,
  report: reportCommand,
  verify: verifyCommand,
  flash: flashCommand,
  monitor: monitorCommand,
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    "sail: build AssemblyScript firmware and run it on emulated ESP32 boards",
    "",
    "usage: sail <command> [options]   (sail <command> --help for its options)",
    "",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

function commandHelp(name: string, c: Command): string {
  const lines = [`sail ${name}: ${c.summary}`, "", `usage: ${c.usage}`];
  const opts = Object.entries(c.options);
  if (opts.length > 0) {
    lines.push("", "options:");
    for (const [flag, o] of opts) {
      const placeholder = `<${o.value ?? "value"}>`;
      const value = o.type === "boolean" ? "" : o.optionalValue === true ? ` [${placeholder}]` : ` ${placeholder}`;
      lines.push(`  --${flag}${value}`.padEnd(26) + o.description);
    }
  }
  lines.push(`  --help`.padEnd(26) + "show this help");
  return lines.join("\n");
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(mainHelp());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    note(`sail: unknown command "${name}"\n\n${mainHelp()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(commandHelp(name, command));
    return 0;
  }
  let parsed;
  try {
    const options = Object.fromEntries(Object.entries(command.options).map(([k, o]) => [k, { type: o.type }]));
    parsed = parseArgs({ args: withOptionalValues(rest, command), options, allowPositionals: true, strict: true });
  } catch (e) {
    note(`sail ${name}: ${(e as Error).message}\n\n${commandHelp(name, command)}`);
    return 2;
  }
  return command.run(parsed.values, parsed.positionals);
}

/** `--name` of an option with an optional value, given without one, becomes `--name=` (the value ""). */
function withOptionalValues(args: readonly string[], command: Command): string[] {
  return args.map((arg, i) => {
    const spec = arg.startsWith("--") ? command.options[arg.slice(2)] : undefined;
    const next = args[i + 1];
    return spec?.optionalValue === true && (next === undefined || next.startsWith("-")) ? `${arg}=` : arg;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown): void => {
    const fileProblem = explainSystemError(e);
    if (e instanceof SailError) note(`sail: ${e.message}`);
    else if (fileProblem !== undefined) note(`sail: ${fileProblem}`);
    else note(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 1;
  },
);
