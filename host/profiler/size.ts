// What a firmware image spends its flash on: function bodies, static data,
// custom sections and the module's framing, against the board's app partition
// and RAM budget (WebAssembly core spec §5.5: sections, §5.5.12 data segments).
//
// Every byte of the file lands in exactly one bucket:
//   code    the function bodies (the code section's entries, without their size prefix)
//   data    the data segments' payloads (the bytes copied into memory)
//   custom  the custom sections' payloads (after each section's name)
//   other   everything else: the 8-byte preamble, section ids and sizes, types,
//           imports, exports, tables, globals, segment headers, names of custom
//           sections. So code + data + custom + other = total.

import type { BoardProfile } from "../boards/profile.js";
import { ImageError } from "../errors.js";
import { readWasm, WasmFormatError, type FuncType, type WasmInfo } from "../wasm/binary.js";

export interface SizeReport {
  readonly file: string;
  /** Bytes in the image file. */
  readonly total: number;
  readonly partition: { readonly name: string; readonly size: number };
  /** total / partition size. */
  readonly fractionOfPartition: number;
  /** Defined functions, largest body first. */
  readonly functions: readonly { readonly index: number; readonly name: string; readonly bytes: number }[];
  /** Sum of the function bodies. */
  readonly code: number;
  /** Data segments: how many, their payload bytes, and where static data ends in memory. */
  readonly data: { readonly segments: number; readonly bytes: number; readonly staticDataEnd: number };
  /** Custom sections in file order, each with its payload bytes (after its name). */
  readonly customSections: readonly { readonly name: string; readonly bytes: number }[];
  /** Imports, each with its signature when it is a function ("(i32, i32) -> i32"), else its kind. */
  readonly imports: readonly { readonly module: string; readonly name: string; readonly signature: string }[];
  readonly exports: readonly { readonly name: string; readonly kind: string }[];
  /** Linear memory in 64 KiB pages, against the app's RAM budget in bytes. */
  readonly memory: { readonly initialPages: number; readonly maxPages: number | null; readonly ramBudget: number };
  /** Bytes in none of code, data and custom sections: framing, types, tables, globals, exports... */
  readonly other: number;
}

/** Bytes in a WebAssembly page (core spec §2.3.4). */
export const PAGE_BYTES = 65536;
/** Section ids (core spec §5.5.2). */
const CUSTOM_SECTION = 0;
const DATA_SECTION = 11;
/** Functions listed by formatSizeReport before the rest are summed up. */
const TOP_FUNCTIONS = 20;

/** The size report of an image; `file` names it in the report and in errors. */
export function sizeReport(bytes: Uint8Array, file: string, profile: BoardProfile): SizeReport {
  let info: WasmInfo;
  try {
    info = readWasm(bytes);
    checkSections(info);
  } catch (e) {
    if (e instanceof WasmFormatError) throw new ImageError(file, e.message);
    throw e;
  }
  const data = { segments: info.dataSizes.length, bytes: info.dataSizes.reduce((n, s) => n + s, 0) };
  const functions = info.codeSizes
    .map((size, i) => {
      const index = info.importedFunctionCount + i;
      return { index, name: info.functionNames.get(index) ?? `#${index}`, bytes: size };
    })
    .sort((a, b) => b.bytes - a.bytes || a.index - b.index);
  const code = info.codeSizes.reduce((n, s) => n + s, 0);
  const customSections = info.customSections.map((s) => ({ name: s.name, bytes: s.data.length }));
  const custom = customSections.reduce((n, s) => n + s.bytes, 0);
  const partition = profile.app.partition;
  return {
    file,
    total: bytes.length,
    partition: { name: partition.name, size: partition.size },
    fractionOfPartition: bytes.length / partition.size,
    functions,
    code,
    data: { ...data, staticDataEnd: info.staticDataEnd },
    customSections,
    imports: info.imports.map((i) => ({
      module: i.module,
      name: i.name,
      signature: i.desc.kind === "function" ? signature(i.desc.type) : i.desc.kind,
    })),
    exports: info.exports.map((e) => ({ name: e.name, kind: e.kind })),
    memory: {
      initialPages: info.memory?.min ?? 0,
      maxPages: info.memory?.max ?? null,
      ramBudget: profile.app.ramBytes,
    },
    other: bytes.length - code - data.bytes - custom,
  };
}

/** "(i32, i32) -> i32", "() -> ()", as the ABI table writes signatures. */
export function signature(t: FuncType): string {
  const results = t.results.length === 1 ? (t.results[0] as string) : `(${t.results.join(", ")})`;
  return `(${t.params.join(", ")}) -> ${results}`;
}

/** The report as a terminal table. */
export function formatSizeReport(r: SizeReport): string {
  const pct = (n: number): string => percent(n / r.total);
  const buckets: [string, number, string][] = [
    ["code", r.code, plural(r.functions.length, "function")],
    ["data", r.data.bytes, plural(r.data.segments, "segment")],
    ...r.customSections.map((s): [string, number, string] => [`custom ${s.name}`, s.bytes, ""]),
    ["other", r.other, "section headers, types, imports, exports, globals, tables"],
  ];
  const label = Math.max(...buckets.map(([name]) => name.length));
  const lines = [
    `${basename(r.file)}: ${bytesText(r.total)} = ${percent(r.fractionOfPartition)} ` +
      `of the ${kib(r.partition.size)} ${r.partition.name} partition`,
    "",
    ...buckets.map(([name, n, what]) =>
      `  ${name.padEnd(label)} ${bytesText(n).padStart(10)}  ${pct(n).padStart(7)}   ${what}`.trimEnd(),
    ),
  ];

  const shown = r.functions.slice(0, TOP_FUNCTIONS);
  const width = Math.max(
    8,
    ...shown.map((f) => f.name.length),
    ...r.customSections.map((s) => s.name.length),
    ...r.imports.map((i) => i.module.length + 1 + i.name.length),
    ...r.exports.map((e) => e.name.length),
  );
  lines.push("", `functions, largest first (% of the image):`);
  for (const f of shown)
    lines.push(`  ${f.name.padEnd(width)} ${bytesText(f.bytes).padStart(10)}  ${pct(f.bytes).padStart(7)}`);
  const rest = r.functions.slice(TOP_FUNCTIONS);
  if (rest.length > 0) {
    const restBytes = rest.reduce((n, f) => n + f.bytes, 0);
    lines.push(
      `  ${`… ${rest.length} more`.padEnd(width)} ${bytesText(restBytes).padStart(10)} ` +
        ` ${pct(restBytes).padStart(7)}   (--json lists them all)`,
    );
  }

  lines.push(
    "",
    `data: ${plural(r.data.segments, "segment")}, ${bytesText(r.data.bytes)}; static ` +
      `data ends at ${hex(r.data.staticDataEnd)} (${bytesText(r.data.staticDataEnd)})`,
  );

  lines.push("", `custom sections:`);
  if (r.customSections.length === 0) lines.push("  (none)");
  for (const s of r.customSections) lines.push(`  ${s.name.padEnd(width)} ${bytesText(s.bytes).padStart(10)}`);

  lines.push("", `imports (${r.imports.length}):`);
  for (const i of r.imports) lines.push(`  ${`${i.module}.${i.name}`.padEnd(width)} ${i.signature}`);

  lines.push("", `exports (${r.exports.length}):`);
  for (const e of r.exports) lines.push(`  ${e.name.padEnd(width)} ${e.kind}`);

  const initial = r.memory.initialPages * PAGE_BYTES;
  const max = r.memory.maxPages === null ? "no maximum" : `maximum ${plural(r.memory.maxPages, "page")}`;
  lines.push(
    "",
    `memory: ${plural(r.memory.initialPages, "initial page")} (${kib(initial)}), ${max}; RAM ` +
      `budget ${kib(r.memory.ramBudget)} = ${plural(Math.floor(r.memory.ramBudget / PAGE_BYTES), "page")}` +
      (initial > r.memory.ramBudget
        ? "; the initial memory does not fit the budget"
        : ` (${percent(initial / r.memory.ramBudget)} used at start)`),
  );
  return lines.join("\n");
}

/** What the size report refuses beyond readWasm: a data section longer than its segments, an unknown section. */
function checkSections(info: WasmInfo): void {
  for (const section of info.sections) {
    if (section.id === DATA_SECTION) {
      if (info.dataSegmentsEnd !== section.end)
        throw new WasmFormatError(
          `data section ends at byte ${info.dataSegmentsEnd}, not at ${section.end} as its size says`,
        );
    } else if (section.id !== CUSTOM_SECTION && section.id > 13) {
      throw new WasmFormatError(`unknown section id ${section.id} at byte ${section.body}`);
    }
  }
}

function bytesText(n: number): string {
  return `${n.toLocaleString("en")} B`;
}

function kib(n: number): string {
  return `${(n / 1024).toLocaleString("en", { maximumFractionDigits: 1 })} KiB`;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(4, "0")}`;
}

/** "0.1 %", and "< 0.1 %" rather than "0.0 %" for a sliver that is not nothing. */
function percent(fraction: number): string {
  if (fraction > 0 && fraction < 0.0005) return "< 0.1 %";
  return `${(fraction * 100).toFixed(1)} %`;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
}

function basename(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
