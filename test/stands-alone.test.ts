// The repository stands alone: no tracked file cites design texts kept outside
// it, every `docs/decisions.md D<n>` citation names an entry that exists, and
// every `docs/reference/<file> §<n>` names a reference file and a section
// heading it has.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./support/firmware.js";

/** The folders and files whose citations are checked. */
const SCOPE = ["host/", "test/", "bench/", "assembly/", "examples/", "templates/", "boards/", "docs/", "README.md"];

/** This file names the forbidden forms itself. */
const SELF = "test/stands-alone.test.ts";

/** Citations of texts outside the repository, and the bare forms they were cited by. */
const OUTSIDE: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: "../shared", pattern: /\.\.\/shared/ },
  { what: "shared/reference", pattern: /shared\/reference/ },
  { what: "DESIGN.md", pattern: /DESIGN\.md/ },
  { what: "STYLE.md", pattern: /STYLE\.md/ },
  { what: "DECISIONS.md", pattern: /DECISIONS\.md/ },
  { what: "DECISIONS <n>", pattern: /\bDECISIONS \d/ },
  { what: "decision <n>", pattern: /\bdecisions? \d/ },
  { what: "DESIGN §", pattern: /\bDESIGN §/ },
  { what: "STYLE <n>", pattern: /\bSTYLE \d/ },
];

/** `docs/decisions.md D47`, `` `docs/decisions.md` D7 ``, `docs/decisions.md D1 and D2`, `… D44–D46`. */
const DECISION_CITE = /docs\/decisions\.md`?((?:(?:\s|,|;|–|-|\band\b|\bor\b)+D\d+)+)/g;
/** A Markdown link to an entry: `[D4](decisions.md#d4)`. */
const DECISION_LINK = /decisions\.md#d(\d+)\b/g;
/** `docs/reference/miot-protocol.md §1, §2, §8`, `… §1–§4`, `… §1.2`. */
const REFERENCE_CITE = /docs\/reference\/([\w.-]+\.md)`?((?:(?:\s|,|;|–|\band\b)*§\d+(?:\.\d+)*)*)/g;

interface Citation {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

function trackedFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" });
  return out
    .split("\0")
    .filter((f) => f !== "" && f !== SELF && SCOPE.some((s) => (s.endsWith("/") ? f.startsWith(s) : f === s)));
}

/** The tracked text files in scope, by path; binary files (a NUL byte) are skipped. */
function readScope(): Map<string, string> {
  const texts = new Map<string, string>();
  for (const file of trackedFiles()) {
    const bytes = readFileSync(join(ROOT, file));
    if (!bytes.includes(0)) texts.set(file, bytes.toString("utf8"));
  }
  return texts;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function where(c: Citation): string {
  return `${c.file}:${String(c.line)}: ${c.text}`;
}

/** Every cited decision number, with where it is cited; `D44–D46` cites 44, 45 and 46. */
function decisionCitations(texts: ReadonlyMap<string, string>): Map<number, Citation[]> {
  const cited = new Map<number, Citation[]>();
  const add = (n: number, c: Citation): void => {
    const list = cited.get(n) ?? [];
    list.push(c);
    cited.set(n, list);
  };
  for (const [file, text] of texts) {
    for (const m of text.matchAll(DECISION_CITE)) {
      const c = { file, line: lineOf(text, m.index), text: m[0] };
      for (const d of (m[1] ?? "").matchAll(/D(\d+)(?:–D(\d+))?/g)) {
        const from = Number(d[1]);
        const to = d[2] === undefined ? from : Number(d[2]);
        assert.ok(to >= from, `a decision range runs backwards: ${where(c)}`);
        for (let n = from; n <= to; n++) add(n, c);
      }
    }
    for (const m of text.matchAll(DECISION_LINK)) add(Number(m[1]), { file, line: lineOf(text, m.index), text: m[0] });
  }
  return cited;
}

/** Section numbers a Markdown file has headings for: `## 1. miIO LAN packet` gives "1", `### 1.2 …` "1.2". */
function sectionsOf(text: string): Set<string> {
  return new Set([...text.matchAll(/^#{2,4} (\d+(?:\.\d+)*)[.\s]/gm)].map((m) => m[1] ?? ""));
}

describe("the repository stands alone", () => {
  const texts = readScope();

  it("finds the files it checks", () => {
    assert.ok(texts.has("docs/decisions.md"), "docs/decisions.md is tracked");
    assert.ok(texts.has("README.md"), "README.md is tracked");
    assert.ok(
      [...texts.keys()].some((f) => f.startsWith("host/")),
      "host/ has tracked files",
    );
  });

  it("cites no design text kept outside the repository", () => {
    const found: string[] = [];
    for (const [file, text] of texts) {
      text.split("\n").forEach((line, i) => {
        for (const { what, pattern } of OUTSIDE) {
          if (pattern.test(line)) found.push(`${file}:${String(i + 1)}: cites ${what}: ${line.trim()}`);
        }
      });
    }
    assert.deepEqual(
      found,
      [],
      `cite docs/decisions.md D<n> or docs/reference/<file> §<n> instead:\n${found.join("\n")}`,
    );
  });

  it("numbers docs/decisions.md D1, D2, … in order, each with its anchor", () => {
    const text = texts.get("docs/decisions.md") ?? "";
    const numbers = [...text.matchAll(/^### D(\d+)\. \S/gm)].map((m) => Number(m[1]));
    assert.ok(numbers.length > 0, "docs/decisions.md has entries headed `### D<n>. <title>`");
    assert.deepEqual(
      numbers,
      numbers.map((_, i) => i + 1),
      "entries run D1, D2, … without gaps or repeats",
    );
    const anchors = [...text.matchAll(/^<a id="d(\d+)"><\/a>\n### D(\d+)\. /gm)].filter((m) => m[1] === m[2]);
    assert.equal(anchors.length, numbers.length, 'every entry is preceded by its anchor `<a id="d<n>"></a>`');
  });

  it("cites only decisions that exist", () => {
    const entries = new Set(
      [...(texts.get("docs/decisions.md") ?? "").matchAll(/^### D(\d+)\. /gm)].map((m) => Number(m[1])),
    );
    const cited = decisionCitations(texts);
    assert.ok(cited.size > 0, "the code cites decisions");
    const missing = [...cited]
      .filter(([n]) => !entries.has(n))
      .flatMap(([n, cs]) => cs.map((c) => `D${String(n)} is not in docs/decisions.md: ${where(c)}`));
    assert.deepEqual(missing, [], missing.join("\n"));
  });

  it("cites only reference files and sections that exist", () => {
    const problems: string[] = [];
    let count = 0;
    for (const [file, text] of texts) {
      for (const m of text.matchAll(REFERENCE_CITE)) {
        count++;
        const c = { file, line: lineOf(text, m.index), text: m[0].trim() };
        const target = texts.get(`docs/reference/${m[1] ?? ""}`);
        if (target === undefined) {
          problems.push(`no such reference file: ${where(c)}`);
          continue;
        }
        const sections = sectionsOf(target);
        for (const s of (m[2] ?? "").matchAll(/§(\d+(?:\.\d+)*)/g)) {
          if (!sections.has(s[1] ?? ""))
            problems.push(`no section §${s[1] ?? ""} in docs/reference/${m[1] ?? ""}: ${where(c)}`);
        }
      }
    }
    assert.ok(count > 0, "the code cites the reference");
    assert.deepEqual(problems, [], problems.join("\n"));
  });
});
