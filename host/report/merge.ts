// `sail report merge`: the shards' JUnit XML, or their rollout JSON, joined
// into the report one machine would have written for the same seeds
// (docs/decisions.md D127). Time, timestamp and hostname are not part of a
// result: `canonical*` drop them, and test cases come in canonical order
// (file, suite, name), so a merge and a one-machine run compare equal.

import { SailError } from "../errors.js";
import type { RolloutReport } from "../fleet/rollout.js";
import { rolloutReport } from "../fleet/rollout.js";
import type { DeviceRecord } from "../fleet/rollout-device.js";
import { junitXml, type CaseState, type JunitCase } from "../testing/junit-xml.js";
import { parseShard } from "./shard.js";

export type ReportKind = "junit" | "rollout";

export function reportKind(text: string, file: string): ReportKind {
  const head = text.trimStart();
  if (head.startsWith("<?xml") || head.startsWith("<testsuites")) return "junit";
  if (head.startsWith("{")) return "rollout";
  throw new SailError(`${file}: neither JUnit XML (sail test --junit) nor rollout JSON (sail fleet rollout --json)`);
}

const ENTITY: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e.startsWith("#x")
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith("#")
        ? String.fromCodePoint(Number(e.slice(1)))
        : (ENTITY[e] ?? ""),
  );
}

function attrs(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) out.set(m[1] as string, unescape(m[2] as string));
  return out;
}

export interface ParsedJunit {
  readonly name: string;
  readonly timeSec: number;
  readonly cases: JunitCase[];
}

/** Reads JUnit XML as `sail test --junit` writes it (testsuites > testsuite > testcase). */
export function parseJunit(xml: string, file: string): ParsedJunit {
  const root = /<testsuites\b([^>]*)>/.exec(xml);
  if (root === null) throw new SailError(`${file}: no <testsuites> element; give the file sail test --junit wrote`);
  const top = attrs(root[1] ?? "");
  const cases: JunitCase[] = [];
  const testcase = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const m of xml.matchAll(testcase)) {
    const a = attrs(m[1] ?? "");
    const body = m[3] ?? "";
    const failure = /<failure\b([^>]*)>([\s\S]*?)<\/failure>|<failure\b([^>]*)\/>/.exec(body);
    const state: CaseState = failure !== null ? "failed" : /<skipped\s*\/>/.test(body) ? "skipped" : "passed";
    const fa = failure === null ? null : attrs(failure[1] ?? failure[3] ?? "");
    const fileAttr = a.get("file");
    cases.push({
      suite: a.get("classname") ?? "",
      name: a.get("name") ?? "",
      ...(fileAttr === undefined ? {} : { file: fileAttr }),
      timeSec: Number(a.get("time") ?? 0),
      state,
      ...(fa === null || failure === null
        ? {}
        : {
            failure: {
              message: fa.get("message") ?? "",
              type: fa.get("type") ?? "",
              stack: unescape(failure[2] ?? ""),
            },
          }),
    });
  }
  return { name: top.get("name") ?? "", timeSec: Number(top.get("time") ?? 0), cases };
}

function byCanonicalOrder(a: JunitCase, b: JunitCase): number {
  const ka = [a.file ?? "", a.suite, a.name];
  const kb = [b.file ?? "", b.suite, b.name];
  for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return (ka[i] as string) < (kb[i] as string) ? -1 : 1;
  return 0;
}

/** The shards' JUnit XML as one report, test cases in canonical order. */
export function mergeJunit(files: readonly { readonly text: string; readonly file: string }[]): string {
  const parsed = files.map((f) => parseJunit(f.text, f.file));
  const cases = parsed.flatMap((p) => p.cases).sort(byCanonicalOrder);
  for (let i = 1; i < cases.length; i++)
    if (byCanonicalOrder(cases[i - 1] as JunitCase, cases[i] as JunitCase) === 0)
      throw new SailError(
        `"${cases[i]?.suite} ${cases[i]?.name}" (${cases[i]?.file ?? "no file"}) is in two of the files: ` +
          "give each shard's report once",
      );
  return junitXml({
    name: parsed[0]?.name ?? "sail test",
    timeSec: parsed.reduce((t, p) => t + p.timeSec, 0),
    cases,
  });
}

/** JUnit XML without what differs between runs of the same tests: times; cases in canonical order. */
export function canonicalJunit(xml: string, file = "the report"): string {
  const p = parseJunit(xml, file);
  return junitXml({
    name: p.name,
    timeSec: 0,
    cases: p.cases.map((c) => ({ ...c, timeSec: 0 })).sort(byCanonicalOrder),
  });
}

/** A rollout report without its wall-clock part, as canonical JSON. */
export function canonicalRollout(report: RolloutReport): string {
  return JSON.stringify({ ...report, time: undefined });
}

/** The shards' rollout reports as the one-machine report: the records joined, the abort rules applied. */
export function mergeRollouts(files: readonly { readonly text: string; readonly file: string }[]): RolloutReport {
  const reports = files.map((f) => {
    const r = JSON.parse(f.text) as RolloutReport | { rollout?: unknown; devices?: unknown };
    if (!("rollout" in r) || r.rollout !== 1 || !Array.isArray(r.devices))
      throw new SailError(`${f.file}: not a rollout report (sail fleet rollout --json writes one)`);
    if (!("shard" in r) || r.shard === null)
      throw new SailError(`${f.file}: a whole rollout's report, not a shard's; merge the files of --shard k/n runs`);
    return { r, file: f.file };
  });
  const first = reports[0];
  if (first === undefined) throw new SailError("sail report merge: give the shards' files");
  const same = (r: RolloutReport): string => JSON.stringify([r.from, r.to, r.profile, r.plan, r.population]);
  const count = parseShard(first.r.shard ?? "").count;
  const seen = new Set<number>();
  for (const { r, file } of reports) {
    if (same(r) !== same(first.r))
      throw new SailError(
        `${file}: another rollout than ${first.file} (images, board, plan or population differ); ` +
          "merge the shards of one run",
      );
    const s = parseShard(r.shard ?? "");
    if (s.count !== count || seen.has(s.index))
      throw new SailError(`${file}: shard ${r.shard ?? ""} does not fit the others (of ${count}, once each)`);
    seen.add(s.index);
  }
  if (seen.size !== count)
    throw new SailError(
      `only ${seen.size} of ${count} shards given; the missing ones: ` +
        Array.from({ length: count }, (_, i) => i + 1)
          .filter((i) => !seen.has(i))
          .join(", "),
    );
  const records: DeviceRecord[] = reports.flatMap(({ r }) => r.devices);
  const r0 = first.r;
  return rolloutReport(
    {
      rollout: 1,
      from: r0.from,
      to: r0.to,
      profile: r0.profile,
      plan: r0.plan,
      population: r0.population,
      shard: null,
    },
    records,
    {
      wallMs: Math.max(...reports.map(({ r }) => r.time.wallMs)),
      setUpMs: Math.max(...reports.map(({ r }) => r.time.setUpMs)),
      workers: reports.reduce((n, { r }) => n + r.time.workers, 0),
      rssAfterGc: Math.max(...reports.map(({ r }) => r.time.rssAfterGc)),
      threads: reports.flatMap(({ r }) => r.time.threads),
    },
  );
}
