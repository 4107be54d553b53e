// `sail report merge`: joins the shards' JUnit XML (sail test --shard) or
// rollout JSON (sail fleet rollout --shard) into the one-machine report
// (docs/testing.md "Sharding", docs/rollout.md).

import { readFile, writeFile } from "node:fs/promises";
import { SailError } from "../errors.js";
import { mergeJunit, mergeRollouts, reportKind } from "../report/merge.js";
import { rolloutHtml } from "../report/rollout-html.js";
import { outcomeText } from "../report/rollout-text.js";
import { note } from "./format.js";
import type { Command } from "./main.js";

const USAGE = "sail report merge <shard files…> --out <merged file> [--html out.html]";

export const reportCommand: Command = {
  summary: "join shards' JUnit XML or rollout JSON into one report (sail report merge)",
  usage: USAGE,
  options: {
    out: { type: "string", value: "file", description: "the merged report (JUnit XML or rollout JSON, as given)" },
    html: { type: "string", value: "file", description: "rollouts: also write the merged report as HTML" },
  },
  async run(values, positionals) {
    const [verb, ...files] = positionals;
    const out = values["out"];
    if (verb !== "merge" || files.length === 0 || typeof out !== "string") {
      note(`sail report: merge the shards' files into one with --out\n\nusage: ${USAGE}`);
      return 2;
    }
    const inputs = await Promise.all(files.map(async (file) => ({ file, text: await readFile(file, "utf8") })));
    const kinds = new Set(inputs.map((i) => reportKind(i.text, i.file)));
    if (kinds.size > 1) throw new SailError("sail report merge: give JUnit XML files or rollout JSON files, not both");
    if (kinds.has("junit")) {
      await writeFile(out, mergeJunit(inputs));
      note(`wrote ${out}: ${inputs.length} JUnit reports joined`);
      return 0;
    }
    const merged = mergeRollouts(inputs);
    await writeFile(out, JSON.stringify(merged) + "\n");
    const html = values["html"];
    if (typeof html === "string") await writeFile(html, rolloutHtml(merged));
    console.log(outcomeText(merged));
    note(`wrote ${out}${typeof html === "string" ? ` and ${html}` : ""}`);
    return merged.outcome === "halted" ? 1 : 0;
  },
};
