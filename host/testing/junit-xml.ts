// Test results as JUnit XML, the format CI servers read (Jenkins, GitLab,
// GitHub test reporters): <testsuites> of <testsuite> of <testcase>, each with
// its <failure message type> and stack, or <skipped/>. XML 1.0 §2.2 allows
// only some characters: colour codes are dropped, other controls written out.

export type CaseState = "passed" | "failed" | "skipped";

export interface JunitCase {
  /** The describe() path, e.g. "smart lamp > over MIoT"; "(root)" outside any describe. */
  readonly suite: string;
  readonly name: string;
  /** Source file, relative to the project. */
  readonly file?: string;
  /** Wall-clock seconds the test took. */
  readonly timeSec: number;
  readonly state: CaseState;
  readonly failure?: { readonly message: string; readonly type: string; readonly stack: string };
}

export interface JunitRun {
  readonly name: string;
  readonly timeSec: number;
  readonly cases: readonly JunitCase[];
}

// eslint-disable-next-line no-control-regex -- ESC (0x1b) starts the terminal colour codes this strips
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
/** Characters XML 1.0 forbids: C0 controls but tab, LF, CR; U+FFFE, U+FFFF. */
// eslint-disable-next-line no-control-regex -- matches exactly the control characters XML 1.0 forbids
const FORBIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text made safe for XML: no colour codes, forbidden characters written as \xNN, lone surrogates as U+FFFD. */
function clean(text: string): string {
  return text
    .replace(ANSI, "")
    .replace(FORBIDDEN, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)
    .replace(LONE_SURROGATE, "\ufffd");
}

/** Escapes character data (element content). */
export function escapeText(text: string): string {
  return clean(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Escapes an attribute value in double quotes; line breaks and tabs survive attribute normalisation (§3.3.3) as
 * references.
 */
export function escapeAttr(text: string): string {
  return escapeText(text)
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}

function seconds(s: number): string {
  return Math.max(0, s).toFixed(3);
}

function counts(cases: readonly JunitCase[]): string {
  const failures = cases.filter((c) => c.state === "failed").length;
  const skipped = cases.filter((c) => c.state === "skipped").length;
  const time = cases.reduce((t, c) => t + c.timeSec, 0);
  return `tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(time)}"`;
}

/** The whole report: one <testsuite> per describe() path, in the order they first ran. */
export function junitXml(run: JunitRun): string {
  const suites = new Map<string, JunitCase[]>();
  for (const c of run.cases) {
    const list = suites.get(c.suite);
    if (list === undefined) suites.set(c.suite, [c]);
    else list.push(c);
  }
  const failures = run.cases.filter((c) => c.state === "failed").length;
  const skipped = run.cases.filter((c) => c.state === "skipped").length;
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${escapeAttr(run.name)}" tests="${run.cases.length}" ` +
      `failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(run.timeSec)}">`,
  ];
  for (const [suite, cases] of suites) {
    const file = cases[0]?.file;
    out.push(
      `  <testsuite name="${escapeAttr(suite)}" ` +
        `${counts(cases)}${file === undefined ? "" : ` file="${escapeAttr(file)}"`}>`,
    );
    for (const c of cases) {
      const head =
        `    <testcase classname="${escapeAttr(c.suite)}" name="${escapeAttr(c.name)}" ` +
        `time="${seconds(c.timeSec)}"${c.file === undefined ? "" : ` file="${escapeAttr(c.file)}"`}`;
      if (c.state === "passed") {
        out.push(`${head}/>`);
      } else if (c.state === "skipped") {
        out.push(`${head}>`, `      <skipped/>`, `    </testcase>`);
      } else {
        const f = c.failure ?? { message: "failed", type: "Error", stack: "" };
        out.push(
          `${head}>`,
          `      <failure message="${escapeAttr(f.message)}" ` +
            `type="${escapeAttr(f.type)}">${escapeText(f.stack)}</failure>`,
          `    </testcase>`,
        );
      }
    }
    out.push(`  </testsuite>`);
  }
  out.push(`</testsuites>`);
  return out.join("\n") + "\n";
}
