// The C glue the on-board runtime binds, derived from the ABI table: the
// port-facing declaration of every import, the table the image loader checks
// imports and exports against, the wasm3 raw-function trampolines and the
// wasm2c import definitions. Each trampoline calls the declared function, so
// an import nobody implements is a link error (docs/decisions.md D107).

import {
  ABI_EXPORTS,
  ABI_IMPORTS,
  ABI_STATUS,
  signatureOf,
  type AbiImport,
  type AbiParam,
  type WasmType,
} from "./table.js";
import { cHeader } from "./generate.js";

const HEADER = "/* Generated from host/abi/table.ts by `sail abi --runtime`; do not edit. */";

const C_TYPE: Readonly<Record<WasmType, string>> = { i32: "int32_t", i64: "int64_t", f32: "float", f64: "double" };
/** The types wasm2c's u32, u64, f32 and f64 stand for (its generated header's typedefs). */
const W2C_TYPE: Readonly<Record<WasmType, string>> = { i32: "uint32_t", i64: "uint64_t", f32: "float", f64: "double" };

/** The C files `sail abi --runtime <dir>` writes, by path under runtime/. */
export function runtimeGlue(): ReadonlyMap<string, string> {
  return new Map([
    ["core/sail_abi.h", cHeader()],
    ["core/sail_imports.h", cImportDeclarations()],
    ["core/sail_abi_table.c", cAbiTable()],
    ["engine/wasm3/sail_wasm3_glue.c", cWasm3Glue()],
    ["engine/wasm2c/sail_wasm2c_glue.c", cWasm2cGlue()],
  ]);
}

/** The C function that implements `module.name` for the engines. */
export function importFunctionName(e: Pick<AbiImport, "module" | "name">): string {
  return `sail_import_${e.module}_${e.name}`;
}

/**
 * wabt 1.0.32's name mangling (`wasm2c -n sail_app`): "Z_" then the name,
 * every byte that is not a letter, digit or "_" (and "Z" itself) written as
 * "Z" and two upper-case hex digits. An import is Z_<module>Z_<name>.
 */
export function wasm2cMangle(name: string): string {
  let out = "Z_";
  for (const byte of new TextEncoder().encode(name)) {
    const c = String.fromCharCode(byte);
    out += /^[A-Za-z0-9_]$/.test(c) && c !== "Z" ? c : `Z${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** sail_imports.h: what the core implements for the engines, one function per import. */
export function cImportDeclarations(): string {
  const lines = [
    HEADER,
    "/* The imports the runtime implements: one C function per ABI import, the",
    " * import's numbers in and its result out. The engines' generated glue calls",
    " * them; after each call it asks sail_app_stopping() whether the import ended",
    " * the handler (a restart, a fault, an abort), and unwinds the engine if so. */",
    "#ifndef SAIL_IMPORTS_H",
    "#define SAIL_IMPORTS_H",
    "",
    "#include <stdbool.h>",
    "#include <stdint.h>",
    "",
    `#include "sail_abi.h"`,
    "",
    "/* The running image as the imports see it; defined by the core. */",
    "typedef struct sail_app sail_app_t;",
    "",
    "/* True once an import has ended the running handler. */",
    "bool sail_app_stopping(const sail_app_t *app);",
    "",
    "/* One entry of the ABI table: what the loader checks an image's imports against. */",
    "typedef struct {",
    "    const char *module;",
    "    const char *name;",
    '    /* The signature as the emulator prints it: "(i32, i32) -> i32". */',
    "    const char *signature;",
    "} sail_abi_import_t;",
    "",
    "/* One export the runtime calls or reads. */",
    "typedef struct {",
    "    const char *name;",
    '    /* "function" or "global". */',
    "    const char *kind;",
    "    /* Functions: the signature as above; globals: the value type. */",
    "    const char *signature;",
    "    bool required;",
    "    const char *doc;",
    "} sail_abi_export_t;",
    "",
    `#define SAIL_ABI_IMPORT_COUNT ${ABI_IMPORTS.length}`,
    `#define SAIL_ABI_EXPORT_COUNT ${ABI_EXPORTS.length}`,
    "extern const sail_abi_import_t sail_abi_imports[SAIL_ABI_IMPORT_COUNT];",
    "extern const sail_abi_export_t sail_abi_exports[SAIL_ABI_EXPORT_COUNT];",
    "",
  ];
  for (const e of ABI_IMPORTS) {
    lines.push(`/* ${e.module}.${e.name} ${signatureOf(e.params, e.result)} */`);
    lines.push(...prototype(`${resultType(e)} ${importFunctionName(e)}(`, ["sail_app_t *app", ...cParams(e.params)]));
  }
  lines.push("", "#endif /* SAIL_IMPORTS_H */", "");
  return lines.join("\n");
}

/** sail_abi_table.c: the table the loader checks imports and exports against, and the statuses' names. */
export function cAbiTable(): string {
  const lines = [HEADER, `#include "sail_err.h"`, `#include "sail_imports.h"`, ""];
  lines.push("const char *sail_err_name(sail_err_t status)", "{", "    switch (status) {");
  for (const s of ABI_STATUS) lines.push(`        case SAIL_${s.name}:`, `            return "${s.name}";`);
  lines.push("        default:", `            return "unknown status";`, "    }", "}", "");
  lines.push("const sail_abi_import_t sail_abi_imports[SAIL_ABI_IMPORT_COUNT] = {");
  for (const e of ABI_IMPORTS)
    lines.push(`    {${cString(e.module)}, ${cString(e.name)}, ${cString(signatureOf(e.params, e.result))}},`);
  lines.push("};", "", "const sail_abi_export_t sail_abi_exports[SAIL_ABI_EXPORT_COUNT] = {");
  for (const e of ABI_EXPORTS) {
    const sig = e.kind === "function" ? signatureOf(e.params, e.result) : (e.result ?? "");
    const head = `    {${cString(e.name)}, ${cString(e.kind)}, ${cString(sig)}, ${e.required ? "true" : "false"},`;
    const oneLine = `${head} ${cString(e.doc)}},`;
    if (oneLine.length <= 120) lines.push(oneLine);
    else lines.push(head, ...wrapString(e.doc, 5).map((l, i, all) => `${l}${i === all.length - 1 ? "}," : ""}`));
  }
  lines.push("};", "");
  return lines.join("\n");
}

/** sail_wasm3_glue.c: one raw function per import and the call that links them all. */
export function cWasm3Glue(): string {
  const lines = [
    HEADER,
    "/* wasm3 (v0.5.0) raw functions for every ABI import, and sail_wasm3_link(),",
    " * which links those the module imports with m3_LinkRawFunction and the",
    " * SAIL_M3_SIG_* strings. The runtime's sail_app_t is the wasm3 runtime's",
    " * user data (m3_NewRuntime's last argument). An import that ends the",
    " * handler unwinds wasm3 with m3Err_trapExit. */",
    `#include "wasm3.h"`,
    "",
    `#include "sail_imports.h"`,
    "",
    "M3Result sail_wasm3_link(IM3Module module);",
  ];
  for (const e of ABI_IMPORTS) {
    const fn = `sail_m3_${e.module}_${e.name}`;
    lines.push("", `static m3ApiRawFunction(${fn})`, "{");
    if (e.result !== null) lines.push(`    m3ApiReturnType(${C_TYPE[e.result]});`);
    for (const p of e.params) lines.push(`    m3ApiGetArg(${C_TYPE[p.type]}, ${p.name});`);
    lines.push(
      "    (void)_ctx;",
      "    (void)_sp;",
      "    (void)_mem;",
      "    sail_app_t *app = (sail_app_t *)m3_GetUserData(runtime);",
    );
    const call = `${importFunctionName(e)}(${["app", ...e.params.map((p) => p.name)].join(", ")});`;
    lines.push(e.result === null ? `    ${call}` : `    ${C_TYPE[e.result]} sail_result = ${call}`);
    lines.push("    if (sail_app_stopping(app)) {", "        m3ApiTrap(m3Err_trapExit);", "    }");
    lines.push(e.result === null ? "    m3ApiSuccess();" : "    m3ApiReturn(sail_result);", "}");
  }
  lines.push(
    "",
    "static const struct {",
    "    const char *module;",
    "    const char *name;",
    "    const char *signature;",
  );
  lines.push("    M3RawCall function;", "} sail_m3_imports[] = {");
  for (const e of ABI_IMPORTS) {
    const sig = `SAIL_M3_SIG_${`${e.module}_${e.name}`.toUpperCase()}`;
    lines.push(`    {"${e.module}", "${e.name}", ${sig}, sail_m3_${e.module}_${e.name}},`);
  }
  lines.push(
    "};",
    "",
    "/* Links every ABI import the module has; one it does not import is skipped. */",
    "M3Result sail_wasm3_link(IM3Module module)",
    "{",
    "    for (size_t i = 0; i < sizeof sail_m3_imports / sizeof sail_m3_imports[0]; i++) {",
    "        M3Result result = m3_LinkRawFunction(module, sail_m3_imports[i].module, sail_m3_imports[i].name,",
    "                                             sail_m3_imports[i].signature, sail_m3_imports[i].function);",
    "        if (result != m3Err_none && result != m3Err_functionLookupFailed) {",
    "            return result;",
    "        }",
    "    }",
    "    return m3Err_none;",
    "}",
    "",
  );
  return lines.join("\n");
}

/** sail_wasm2c_glue.c: the import definitions a `wasm2c -n sail_app` image links against. */
export function cWasm2cGlue(): string {
  const modules = [...new Set(ABI_IMPORTS.map((e) => e.module))];
  const lines = [
    HEADER,
    "/* Import definitions for an image translated by wabt 1.0.32's",
    " * `wasm2c -n sail_app`, which names an import Z_<module>Z_<name> and passes",
    " * the instance of its module first. Each module's instance holds the",
    " * running app; an import that ends the handler unwinds with wasm_rt_trap. */",
    `#include "wasm-rt.h"`,
    "",
    `#include "sail_imports.h"`,
  ];
  for (const m of modules) {
    lines.push("", `/* The instance of import module "${m}" the translated image is given. */`);
    lines.push(`struct ${wasm2cMangle(m)}_instance_t {`, "    sail_app_t *app;", "};");
  }
  for (const e of ABI_IMPORTS) {
    const name = `${wasm2cMangle(e.module)}${wasm2cMangle(e.name)}`;
    const result = e.result === null ? "void" : W2C_TYPE[e.result];
    const params = [
      `struct ${wasm2cMangle(e.module)}_instance_t *instance`,
      ...e.params.map((p) => `${W2C_TYPE[p.type]} ${p.name}`),
    ];
    lines.push("", ...prototype(`${result} ${name}(`, params, "").map((l) => l.replace(/;$/, "")), "{");
    // wasm2c's u32/u64 convert to the declared int32_t/int64_t as the wasm bits are.
    const args = ["instance->app", ...e.params.map((p) => p.name)];
    const call = `${importFunctionName(e)}(${args.join(", ")});`;
    if (e.result === null) lines.push(`    ${call}`);
    else {
      const line = `    ${result} sail_result = ${call}`;
      // Past 120 columns clang-format breaks after the "=".
      lines.push(...(line.length <= 120 ? [line] : [`    ${result} sail_result =`, `        ${call}`]));
    }
    lines.push(
      "    if (sail_app_stopping(instance->app)) {",
      "        wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);",
      "    }",
    );
    if (e.result !== null) lines.push("    return sail_result;");
    lines.push("}");
  }
  lines.push("");
  return lines.join("\n");
}

function resultType(e: Pick<AbiImport, "result">): string {
  return e.result === null ? "void" : C_TYPE[e.result];
}

function cParams(params: readonly AbiParam[]): string[] {
  return params.map((p) => `${C_TYPE[p.type]} ${p.name}`);
}

/** A prototype wrapped under the open parenthesis past 120 columns, as clang-format does. */
function prototype(head: string, items: readonly string[], end = ";"): string[] {
  const lines: string[] = [];
  let line = head;
  items.forEach((item, i) => {
    const piece = item + (i === items.length - 1 ? `)${end}` : ",");
    if (line.length + 1 + piece.length > 120 && !line.endsWith("(")) {
      lines.push(line);
      line = " ".repeat(head.length - 1);
    }
    line += line.endsWith("(") ? piece : ` ${piece}`;
  });
  if (items.length === 0) line += `void)${end}`;
  lines.push(line);
  return lines;
}

/** A C string literal: printable ASCII as is, everything else escaped byte by byte. */
export function cString(text: string): string {
  let out = '"';
  for (const byte of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(byte);
    if (c === '"' || c === "\\") out += `\\${c}`;
    else if (byte >= 0x20 && byte < 0x7f) out += c;
    else out += `\\${byte.toString(8).padStart(3, "0")}`;
  }
  return `${out}"`;
}

/** A long string as adjacent C literals on lines indented by `indent`, each under 120 columns. */
function wrapString(text: string, indent: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  const room = 118 - indent - 3;
  while (rest.length > 0) {
    let cut = rest.length;
    if (cString(rest).length > room) {
      cut = 1;
      while (cut < rest.length && cString(rest.slice(0, cut + 1)).length <= room) cut++;
      const space = rest.lastIndexOf(" ", cut);
      if (space > 0) cut = space + 1;
    }
    pieces.push(cString(rest.slice(0, cut)));
    rest = rest.slice(cut);
  }
  return pieces.map((p) => `${" ".repeat(indent)}${p}`);
}
