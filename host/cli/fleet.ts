// `sail fleet rollout`: rehearse a staged OTA rollout on simulated devices
// (docs/rollout.md): a terminal table while it runs, JSON and HTML reports,
// exit 1 when an abort rule halted it.

import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { SailError } from "../errors.js";
import { DEFAULT_POPULATION, parsePopulation, type Population } from "../fleet/population.js";
import { runRollout } from "../fleet/rollout.js";
import {
  DEFAULT_ABORT,
  DEFAULT_MIN_DEVICES,
  DEFAULT_SOAK,
  DEFAULT_STAGES,
  describePlan,
  parseRate,
  parseRules,
  parseStages,
  soakUs,
  type RolloutPlan,
} from "../fleet/rollout-plan.js";
import { rolloutHtml } from "../report/rollout-html.js";
import { outcomeText, progressBar, stageRow, tableHeader } from "../report/rollout-text.js";
import { parseShard } from "../report/shard.js";
import { note } from "./format.js";
import type { Command } from "./main.js";

const USAGE =
  "sail fleet rollout --from <old.signed.wasm> --to <new.signed.wasm> --key <key.pub.pem> [--devices 10000] " +
  "[--stages 1,10,50,100] [--soak 2h] [--abort crash>2%,rollback>1%,unconfirmed>5%] [--min-devices n] " +
  "[--rate n/min|growing] [--rollback-on-abort] [--population file.json] [--seed n] [--json out.json] " +
  "[--html out.html] [--shard k/n]";

function whole(v: string | boolean | undefined, option: string, fallback: number, min: number): number {
  if (typeof v !== "string") return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min) throw new SailError(`--${option} ${v}: give a whole number ≥ ${min}`);
  return n;
}

async function population(file: string | undefined): Promise<Population> {
  if (file === undefined) return DEFAULT_POPULATION;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    if (e instanceof SyntaxError) throw new SailError(`${file}: not JSON (${e.message}); fix the file's syntax`);
    throw e;
  }
  return parsePopulation(json, file);
}

export const fleetCommand: Command = {
  summary: "rehearse a staged OTA rollout on simulated devices (sail fleet rollout --help)",
  usage: USAGE,
  options: {
    from: { type: "string", value: "file", description: "the signed image the devices run" },
    to: { type: "string", value: "file", description: "the signed update" },
    key: { type: "string", value: "file", description: "the public key the devices trust (.pub.pem)" },
    devices: { type: "string", value: "n", description: "devices in the fleet (default 10000)" },
    stages: { type: "string", value: "list", description: "cumulative % per stage (default 1,10,50,100)" },
    soak: { type: "string", value: "duration", description: "each stage's soak after its offers (default 2h)" },
    abort: { type: "string", value: "rules", description: `abort rules, or none (default ${DEFAULT_ABORT})` },
    "min-devices": { type: "string", value: "n", description: "rules fire only past this many updated (default 10)" },
    rate: { type: "string", value: "n/min", description: "cap offers per minute, or growing (default: no cap)" },
    "rollback-on-abort": { type: "boolean", description: "on abort, send the rollback image to updated devices" },
    "rollback-image": { type: "string", value: "file", description: "what the rollback sends (default --from)" },
    population: { type: "string", value: "file", description: "the population file (docs/rollout.md)" },
    seed: { type: "string", value: "n", description: "the fleet's seed (default 1)" },
    board: { type: "string", value: "id", description: "board profile (default esp32-devkitc)" },
    workers: { type: "string", value: "n", description: "worker threads (default one per core)" },
    json: { type: "string", value: "file", description: "write the report as JSON" },
    html: { type: "string", value: "file", description: "write the report as a self-contained HTML page" },
    shard: {
      type: "string",
      value: "k/n",
      description: "run only shard k of n (by device seed); merge with sail report merge",
    },
  },
  async run(values, positionals) {
    if (positionals[0] !== "rollout" || positionals.length > 1) {
      note(`sail fleet: the one subcommand is rollout\n\nusage: ${USAGE}`);
      return 2;
    }
    const str = (k: string): string | undefined => (typeof values[k] === "string" ? values[k] : undefined);
    const from = str("from");
    const to = str("to");
    const key = str("key");
    if (from === undefined || to === undefined || key === undefined) {
      note(`sail fleet rollout: --from, --to and --key are required\n\nusage: ${USAGE}`);
      return 2;
    }
    let plan: RolloutPlan;
    let shard;
    try {
      const rate = str("rate");
      plan = {
        devices: whole(values["devices"], "devices", 10_000, 1),
        seed: whole(values["seed"], "seed", 1, 0),
        stages: str("stages") === undefined ? [...DEFAULT_STAGES] : parseStages(str("stages") ?? ""),
        soakUs: soakUs(str("soak") ?? DEFAULT_SOAK),
        rules: parseRules(str("abort") ?? DEFAULT_ABORT),
        minDevices: whole(values["min-devices"], "min-devices", DEFAULT_MIN_DEVICES, 0),
        rate: rate === undefined ? null : parseRate(rate),
        rollbackOnAbort: values["rollback-on-abort"] === true,
      };
      shard = str("shard") === undefined ? undefined : parseShard(str("shard") ?? "");
    } catch (e) {
      if (!(e instanceof SailError)) throw e;
      note(`sail fleet rollout: ${e.message}`);
      return 2;
    }
    const rollbackFile = str("rollback-image");
    const workers = str("workers");
    const [fromBytes, toBytes, publicKeyPem, pop, rollback] = await Promise.all([
      readFile(from),
      readFile(to),
      readFile(key, "utf8"),
      population(str("population")),
      rollbackFile === undefined ? Promise.resolve(undefined) : readFile(rollbackFile),
    ]);
    const part = shard === undefined ? "" : `, shard ${shard.index}/${shard.count}`;
    note(`rollout: ${basename(from)} → ${basename(to)}: ${describePlan(plan)}${part}`);
    note(tableHeader());
    const tty = process.stderr.isTTY;
    let lastBar = "";
    const report = await runRollout({
      profile: str("board") ?? "esp32-devkitc",
      from: new Uint8Array(fromBytes),
      to: new Uint8Array(toBytes),
      fromFile: from,
      toFile: to,
      ...(rollback === undefined ? {} : { rollback: new Uint8Array(rollback) }),
      publicKeyPem,
      plan,
      population: pop,
      ...(workers === undefined ? {} : { workers: whole(workers, "workers", 0, 0) }),
      ...(shard === undefined ? {} : { shard }),
      onProgress: (phase, done, total) => {
        const bar = progressBar(phase, done, total);
        if (tty) process.stderr.write(`\r${bar}`);
        lastBar = bar;
      },
      onStage: (h) => {
        if (tty && lastBar !== "") process.stderr.write(`\r${" ".repeat(lastBar.length)}\r`);
        note(stageRow(h));
      },
    });
    console.log(outcomeText(report));
    const jsonFile = str("json");
    const htmlFile = str("html");
    if (jsonFile !== undefined) {
      await writeFile(jsonFile, JSON.stringify(report) + "\n");
      note(`wrote ${jsonFile}`);
    }
    if (htmlFile !== undefined) {
      await writeFile(htmlFile, rolloutHtml(report));
      note(`wrote ${htmlFile}`);
    }
    return report.outcome === "halted" ? 1 : 0;
  },
};
