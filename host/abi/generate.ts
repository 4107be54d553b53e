// Everything derived from the ABI table: the AssemblyScript bindings and
// constants, the C header for the on-board runtime and the Markdown reference.

import {
  ABI_CONSTANTS,
  ABI_EVENTS,
  ABI_EXPORTS,
  ABI_IMPORTS,
  ABI_STATUS,
  ABI_VERSION,
  MAX_TIMERS,
  abiVersionNumber,
  type AbiParam,
  type WasmType,
} from "./table.js";

const HEADER = "Generated from host/abi/table.ts by `sail abi`; do not edit.";

/** assembly/sail/bindings.ts: every Sail import, numbers only. */
export function assemblyScriptBindings(): string {
  const lines = [`// ${HEADER}`, "// The only place firmware declares what the board provides.", ""];
  for (const e of ABI_IMPORTS) {
    if (e.module !== "sail" || e.source !== "sdk") continue;
    lines.push(`/** ${e.doc} (since ABI ${e.since}) */`);
    const params = e.params.map((p) => `${p.name}: ${p.type}`).join(", ");
    lines.push(`@external("sail", "${e.name}")`);
    lines.push(`export declare function ${e.name}(${params}): ${e.result ?? "void"};`);
    lines.push("");
  }
  return lines.join("\n");
}

/** assembly/sail/abi.ts: status codes, event kinds, constants, version. */
export function assemblyScriptConstants(): string {
  const lines = [`// ${HEADER}`, ""];
  lines.push(
    `/** ABI version this SDK builds for: major << 16 | minor (${ABI_VERSION.major}.${ABI_VERSION.minor}). */`,
  );
  lines.push(`export const ABI_VERSION: i32 = ${abiVersionNumber(ABI_VERSION)};`);
  lines.push(`/** Timer ids the board accepts: 0 .. MAX_TIMERS - 1. */`);
  lines.push(`export const MAX_TIMERS: i32 = ${MAX_TIMERS};`, "");
  lines.push(
    "/** Results of board calls: 0 is OK, negatives mirror ESP-IDF esp_err_t. */",
    "export namespace Status {",
  );
  for (const s of ABI_STATUS) lines.push(`  /** ${s.doc} */`, `  export const ${s.name}: i32 = ${s.value};`);
  lines.push("}", "", "/** Event kinds delivered through sail_event. */", "export namespace EventKind {");
  for (const e of ABI_EVENTS)
    lines.push(`  /** id: ${e.id}; a: ${e.a}; b: ${e.b} */`, `  export const ${e.name}: i32 = ${e.kind};`);
  lines.push("}");
  for (const group of [...new Set(ABI_CONSTANTS.map((c) => c.group))]) {
    lines.push("", `export namespace ${camel(group)} {`);
    for (const c of ABI_CONSTANTS.filter((x) => x.group === group))
      lines.push(`  export const ${c.name}: i32 = ${c.value};`);
    lines.push("}");
  }
  lines.push("");
  return lines.join("\n");
}

const C_TYPE: Readonly<Record<WasmType, string>> = { i32: "int32_t", i64: "int64_t", f32: "float", f64: "double" };
const M3_SIG: Readonly<Record<WasmType, string>> = { i32: "i", i64: "I", f32: "f", f64: "F" };

/** sail_abi.h: the ABI for the on-board C runtime (wasm3 raw functions). */
export function cHeader(): string {
  const v = ABI_VERSION;
  const lines = [
    `/* ${HEADER} */`,
    "/* Sail firmware ABI for the on-board runtime. Bind each import with",
    ' * m3_LinkRawFunction(module, "sail", name, SAIL_M3_SIG_<name>, fn). */',
    "#ifndef SAIL_ABI_H",
    "#define SAIL_ABI_H",
    "",
    "#include <stdint.h>",
    "",
    `#define SAIL_ABI_VERSION_MAJOR ${v.major}`,
    `#define SAIL_ABI_VERSION_MINOR ${v.minor}`,
    `#define SAIL_ABI_VERSION 0x${abiVersionNumber(v).toString(16).padStart(8, "0")}u`,
    `#define SAIL_MAX_TIMERS ${MAX_TIMERS}`,
    "",
    "/* Status codes (negated ESP-IDF esp_err_t values). */",
  ];
  for (const s of ABI_STATUS) lines.push(...cComment(s.doc), `#define SAIL_${s.name} (${s.value})`);
  lines.push("", "/* Event kinds for sail_event(kind, id, a, b). */");
  for (const e of ABI_EVENTS) {
    lines.push(...cComment(`id: ${e.id}; a: ${e.a}; b: ${e.b}`), `#define SAIL_EVENT_${e.name} ${e.kind}`);
  }
  lines.push("", "/* Constants. */");
  for (const c of ABI_CONSTANTS) lines.push(`#define SAIL_${c.group}_${c.name} ${c.value}`);
  lines.push("", "/* Imports: wasm3 signature strings and C prototypes of the host side. */");
  for (const e of ABI_IMPORTS) {
    const sig = `${e.result === null ? "v" : M3_SIG[e.result]}(${e.params.map((p) => M3_SIG[p.type]).join("")})`;
    const name = `${e.module}_${e.name}`.toUpperCase();
    const result = e.result === null ? "void" : C_TYPE[e.result];
    lines.push(...cComment(`${e.module}.${e.name}: ${e.doc}`));
    lines.push(`#define SAIL_M3_SIG_${name} "${sig}"`);
    lines.push(...cPrototype(`${result} sail_host_${e.module}_${e.name}(`, e.params));
  }
  lines.push("", "/* Exports the runtime calls. */");
  for (const e of ABI_EXPORTS) {
    const name = e.name.replace(/^_+/, "").toUpperCase();
    lines.push(...cComment(`${e.kind}${e.required ? ", required" : ""}`), `#define SAIL_EXPORT_${name} "${e.name}"`);
  }
  lines.push("", "#endif /* SAIL_ABI_H */", "");
  return lines.join("\n");
}

/** A C comment on lines of its own, wrapped to the 120 columns of .clang-format. */
function cComment(text: string): string[] {
  const words = text.replace(/\*\//g, "* /").split(/\s+/);
  const lines: string[] = [];
  let line = "/*";
  for (const w of words) {
    if (line.length + 1 + w.length > 116 && line !== "/*" && line !== " *") {
      lines.push(line);
      line = " *";
    }
    line += ` ${w}`;
  }
  lines.push(`${line} */`);
  return lines;
}

/** A prototype, its parameters wrapped under the open parenthesis past 120 columns (as clang-format does). */
function cPrototype(head: string, params: readonly AbiParam[]): string[] {
  const items = params.length === 0 ? ["void"] : params.map((p) => `${C_TYPE[p.type]} ${p.name}`);
  const lines: string[] = [];
  let line = head;
  items.forEach((item, i) => {
    const piece = item + (i === items.length - 1 ? ");" : ",");
    if (line.length + 1 + piece.length > 120 && !line.endsWith("(")) {
      lines.push(line);
      line = " ".repeat(head.length - 1);
    }
    line += line.endsWith("(") ? piece : ` ${piece}`;
  });
  lines.push(line);
  return lines;
}

/** The ABI reference in Markdown (README section). */
export function markdownReference(): string {
  const sig = (params: readonly AbiParam[], result: WasmType | null): string =>
    `(${params.map((p) => `${p.name}: ${p.type}`).join(", ")})${result === null ? "" : ` → ${result}`}`;
  const lines = [
    `ABI version **${ABI_VERSION.major}.${ABI_VERSION.minor}**. Imports come from module \`sail\` ` +
      `(plus AssemblyScript's own \`env\` imports); only numbers cross, text as UTF-8 \`(ptr, len)\`.`,
    "",
    "| import | signature | since | what it does |",
    "|---|---|---|---|",
  ];
  for (const e of ABI_IMPORTS) {
    const tag =
      e.source === "meter" ? " *(added by the build's metering)*" : e.source === "asc" ? " *(added by asc)*" : "";
    lines.push(`| \`${e.module}.${e.name}\` | \`${sig(e.params, e.result)}\` | ${e.since} | ${e.doc}${tag} |`);
  }
  lines.push("", "| export | kind | required | what it is |", "|---|---|---|---|");
  for (const e of ABI_EXPORTS)
    lines.push(
      `| \`${e.name}\` | ${e.kind === "function" ? `\`${sig(e.params, e.result)}\`` : e.kind} ` +
        `| ${e.required ? "yes" : "no"} | ${e.doc} |`,
    );
  lines.push("", "| event | kind | id | a | b |", "|---|---|---|---|---|");
  for (const e of ABI_EVENTS) lines.push(`| ${e.name} | ${e.kind} | ${e.id} | ${e.a} | ${e.b} |`);
  lines.push("", "| status | value | meaning |", "|---|---|---|");
  for (const s of ABI_STATUS) lines.push(`| ${s.name} | ${s.value} | ${s.doc} |`);
  return lines.join("\n");
}

function camel(group: string): string {
  return group
    .toLowerCase()
    .split("_")
    .map((w) => (w[0] ?? "").toUpperCase() + w.slice(1))
    .join("");
}
