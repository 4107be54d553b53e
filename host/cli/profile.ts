// `sail profile`: run a firmware in virtual time with the profiling pass and
// report per function and per event, with the board's cost-model estimate;
// write speedscope JSON, folded stacks, a flame graph and JSON for CI; exit
// non-zero when a budget is exceeded.

import { writeFile } from "node:fs/promises";
import { Board } from "../board/board.js";
import { flameGraphSvg } from "../profiler/flamegraph.js";
import { formatFolded } from "../profiler/folded.js";
import { checkBudgets, formatReport, parseBudgets, profilerReport } from "../profiler/report.js";
import { diffFigures, formatDiff, parsePercent, readReportFigures, regressions } from "../profiler/diff.js";
import { applyScenario, loadScenario } from "../scenario/scenario.js";
import { speedscopeProfile } from "../profiler/speedscope.js";
import { formatDuration, toMicros } from "../time/duration.js";
import { note } from "./format.js";
import type { Command } from "./main.js";
import { resolveFirmware } from "./run.js";

export const profileCommand: Command = {
  summary: "profile a firmware in virtual time: instructions and estimated device time per function and per event",
  usage:
    "sail profile <firmware.wasm | project-dir> --board <id> [--for 60s] [--scenario file.json] " +
    "[--budget tick=50us,...] [--json f] [--speedscope f] [--folded f] [--flamegraph f.svg]\n" +
    "       sail profile --diff old.json new.json [--fail-over 10%]",
  options: {
    board: {
      type: "string",
      value: "id",
      description: "board profile id (default esp32-devkitc): its interpreter's cost model makes the estimates",
    },
    for: { type: "string", value: "duration", description: "virtual time to run (default 60s)" },
    scenario: {
      type: "string",
      value: "file",
      description: "timed inputs: button presses, pin levels, voltages, MIoT requests (see docs/profiling.md)",
    },
    budget: {
      type: "string",
      value: "list",
      description:
        "event=limit[@min|p50|p99|max] pairs checked against that statistic of each event's estimated time " +
        "(default p99), e.g. tick=50us,tick=200us@max; exit 1 if exceeded",
    },
    json: { type: "string", value: "file", description: "write the whole report as JSON (for CI)" },
    speedscope: {
      type: "string",
      value: "file",
      description: "write a speedscope profile (open it at speedscope.app)",
    },
    folded: {
      type: "string",
      value: "file",
      description: "write folded stacks (instructions as counts) for flamegraph tools",
    },
    flamegraph: { type: "string", value: "file", description: "write a flame graph as SVG" },
    diff: {
      type: "boolean",
      description: "compare two --json reports: sail profile --diff old.json new.json, per function and event",
    },
    "fail-over": {
      type: "string",
      value: "percent",
      description: "with --diff: exit 1 if a function or event grew by more, e.g. --fail-over 10%",
    },
  },
  async run(values, positionals) {
    if (values["diff"] === true) return runDiff(positionals, values["fail-over"]);
    const firmware = positionals[0];
    if (firmware === undefined) {
      note("sail profile: which firmware? e.g. sail profile examples/fade --board esp32-devkitc --for 10s");
      return 2;
    }
    const str = (k: string): string | undefined => (typeof values[k] === "string" ? values[k] : undefined);
    const budgets = parseBudgets(str("budget") ?? "");
    const board = Board.load(str("board") ?? "esp32-devkitc", { profiler: true });
    const file = await resolveFirmware(firmware);
    const forUs = toMicros(str("for") ?? "60s");
    note(`profiling ${file} on ${board.profile.id} for ${formatDuration(forUs)} of virtual time ...`);
    await board.flash(file);
    const scenario = str("scenario");
    if (scenario !== undefined) applyScenario(board, await loadScenario(scenario), scenario);
    await board.advance(forUs);

    const report = profilerReport(board);
    console.log(formatReport(report));
    const stacks = board.profiler?.folded() ?? [];
    const outputs: [string | undefined, () => string][] = [
      [str("json"), () => JSON.stringify(report, null, 2)],
      [str("folded"), () => formatFolded(stacks)],
      [
        str("speedscope"),
        () =>
          JSON.stringify(
            speedscopeProfile(stacks, {
              name: `${report.firmware} on ${report.board} (wasm instructions)`,
              unit: "none",
            }),
          ),
      ],
      [
        str("flamegraph"),
        () =>
          flameGraphSvg(stacks, {
            title: `${report.firmware} on ${report.board}`,
            subtitle: `${formatDuration(report.virtualUs)} of virtual time; wasm instructions per call path`,
            unit: "instructions",
          }),
      ],
    ];
    for (const [out, render] of outputs) {
      if (out === undefined) continue;
      await writeFile(out, render());
      note(`wrote ${out}`);
    }
    const failures = checkBudgets(report, budgets);
    for (const f of failures) note(f);
    if (board.kept.resets.total > 0)
      note(`note: the board reset ${board.kept.resets.total} time(s) during the run; see the log`);
    return failures.length > 0 ? 1 : 0;
  },
};

async function runDiff(files: readonly string[], failOver: string | boolean | undefined): Promise<number> {
  const [oldFile, newFile, ...extra] = files;
  if (oldFile === undefined || newFile === undefined || extra.length > 0) {
    note(
      "sail profile --diff takes two reports written by --json: " +
        "sail profile --diff old.json new.json [--fail-over 10%]",
    );
    return 2;
  }
  const limit = typeof failOver === "string" ? parsePercent(failOver) : null;
  const rows = diffFigures(await readReportFigures(oldFile), await readReportFigures(newFile));
  console.log(formatDiff(rows));
  if (limit === null) return 0;
  const over = regressions(rows, limit);
  for (const r of over) note(r);
  return over.length > 0 ? 1 : 0;
}
