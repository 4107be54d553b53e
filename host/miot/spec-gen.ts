// `sail spec gen`: typed AssemblyScript bindings from a MIoT spec, so firmware
// reads `light.on`, sets `light.setBrightness(80)`, handles writes and actions
// by name and raises events by name. The output depends only on the spec and
// the SDK path: the same input gives the same bytes.

import { camelCase, type PropertyFormat } from "./spec-check.js";
import type { Spec, SpecAction, SpecEvent, SpecProperty, SpecService } from "./spec.js";

const AS_TYPE: Readonly<Record<PropertyFormat, string>> = {
  bool: "bool",
  uint8: "u8",
  uint16: "u16",
  uint32: "u32",
  int8: "i8",
  int16: "i16",
  int32: "i32",
  int64: "i64",
  float: "f32",
  string: "string",
};

const RESERVED = new Set([
  "abstract",
  "as",
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "debugger",
  "declare",
  "default",
  "delete",
  "do",
  "else",
  "enum",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "from",
  "function",
  "if",
  "implements",
  "import",
  "in",
  "instanceof",
  "interface",
  "is",
  "let",
  "module",
  "namespace",
  "new",
  "null",
  "of",
  "package",
  "private",
  "protected",
  "public",
  "readonly",
  "return",
  "static",
  "super",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "type",
  "typeof",
  "var",
  "void",
  "while",
  "with",
  "yield",
]);

function ident(name: string): string {
  const id = camelCase(name);
  return RESERVED.has(id) ? `${id}_` : id;
}

function pascal(name: string): string {
  const id = camelCase(name);
  return id.charAt(0).toUpperCase() + id.slice(1);
}

function hexKey(siid: number, iid: number): string {
  return `0x${((siid << 16) | iid).toString(16).padStart(8, "0")}`;
}

function initial(p: SpecProperty): string {
  if (p.format === "bool") return "false";
  if (p.format === "string") return `""`;
  const v = p.range?.min ?? p.values?.[0]?.value ?? 0;
  return p.format === "float" && Number.isInteger(v) ? `${v}.0` : String(v);
}

function describe(p: SpecProperty): string {
  const range = p.range ? `, ${p.range.min}..${p.range.max} step ${p.range.step}` : "";
  const list = p.values ? `, one of ${p.values.map((v) => `${v.value} (${v.description})`).join(", ")}` : "";
  const unit = p.unit && p.unit !== "none" ? ` ${p.unit}` : "";
  return `${p.description || p.name}: ${p.format}${range}${list}${unit}; ${p.access.join(", ") || "no access"}.`;
}

/** Expression giving a property's value to miot.reply* / miot.changed* calls. */
function reply(p: SpecProperty, expr: string): string {
  switch (p.format) {
    case "bool":
      return `miot.replyBool(${expr})`;
    case "string":
      return `miot.replyString(${expr})`;
    case "float":
      return `miot.replyFloat(<f64>${expr})`;
    default:
      return `miot.replyInt(<i64>${expr})`;
  }
}

function changed(p: SpecProperty, siid: string, expr: string): string {
  switch (p.format) {
    case "bool":
      return `miot.changedBool(${siid}, ${p.iid}, ${expr})`;
    case "string":
      return `miot.changedString(${siid}, ${p.iid}, ${expr})`;
    case "float":
      return `miot.changedFloat(${siid}, ${p.iid}, <f64>${expr})`;
    default:
      return `miot.changedInt(${siid}, ${p.iid}, <i64>${expr})`;
  }
}

/** The value a MIOT_SET carries in (a: i64), as the property's type. */
function fromEvent(p: SpecProperty): string {
  switch (p.format) {
    case "bool":
      return "a != 0";
    case "string":
      return "miot.bufferString(<i32>a)";
    case "float":
      return "<f32>reinterpret<f64>(a)";
    case "int64":
      return "a";
    default:
      return `<${AS_TYPE[p.format]}>a`;
  }
}

function fromArg(p: SpecProperty, index: number): string {
  switch (p.format) {
    case "bool":
      return `miot.argBool(${index})`;
    case "string":
      return `miot.argString(${index})`;
    case "float":
      return `<f32>miot.argFloat(${index})`;
    case "int64":
      return `miot.argInt(${index})`;
    default:
      return `<${AS_TYPE[p.format]}>miot.argInt(${index})`;
  }
}

function serviceNames(spec: Spec): Map<SpecService, string> {
  const counts = new Map<string, number>();
  for (const s of spec.services) counts.set(ident(s.name), (counts.get(ident(s.name)) ?? 0) + 1);
  return new Map(
    spec.services.map((s) => [s, (counts.get(ident(s.name)) ?? 0) > 1 ? `${ident(s.name)}${s.iid}` : ident(s.name)]),
  );
}

function propOf(s: SpecService, piid: number): SpecProperty {
  const p = s.properties.find((x) => x.iid === piid);
  if (p === undefined) throw new Error(`piid ${piid} missing in service ${s.iid}`);
  return p;
}

function actionSignature(s: SpecService, a: SpecAction): string {
  return (
    "(" +
    a.in.map((piid) => `${ident(propOf(s, piid).name)}: ${AS_TYPE[propOf(s, piid).format]}`).join(", ") +
    ") => i32"
  );
}

function serviceBlock(s: SpecService, ns: string): string[] {
  const out = [
    `/** ${s.description || s.name} (siid ${s.iid}): ${s.type} */`,
    `export namespace ${ns} {`,
    `  export const SIID: i32 = ${s.iid};`,
  ];
  for (const p of s.properties) {
    out.push(`  /** ${describe(p)} */`, `  export let ${ident(p.name)}: ${AS_TYPE[p.format]} = ${initial(p)};`);
  }
  for (const p of s.properties.filter((x) => x.access.includes("notify"))) {
    const v = ident(p.name);
    out.push(
      `  /** Changes ${v} and tells subscribers (properties_changed). ` +
        `Returns Status.ERR_INVALID_ARG if the spec refuses the value. */`,
      // value_: a property may itself be called "value"; spec names never end in "_".
      `  export function set${pascal(p.name)}(value_: ${AS_TYPE[p.format]}): i32 {`,
      `    ${v} = value_;`,
      `    return ${changed(p, "SIID", "value_")};`,
      "  }",
    );
  }
  for (const p of s.properties.filter((x) => x.access.includes("write"))) {
    out.push(
      `  /** Called after a client wrote ${ident(p.name)} (already ` +
        `stored); return MiotCode.OK, or an error code to refuse it. */`,
      `  export let onSet${pascal(p.name)}: (() => i32) | null = null;`,
    );
  }
  for (const a of s.actions) {
    const outs = a.out.map((piid) => ident(propOf(s, piid).name)).join(", ");
    out.push(
      `  /** Action ${a.name} (aiid ${a.iid}): ${a.description || a.name}.` +
        (outs ? ` Give its outputs (${outs}) with miot.reply* before returning.` : "") +
        ` Return a MiotCode. */`,
      `  export let on${pascal(a.name)}: (${actionSignature(s, a)}) | null = null;`,
    );
  }
  for (const e of s.events) out.push(...eventBlock(s, e));
  out.push("}");
  return out;
}

function eventBlock(s: SpecService, e: SpecEvent): string[] {
  const args = e.arguments.map((piid) => propOf(s, piid));
  return [
    `  /** Raises event ${e.name} (eiid ${e.iid}): ${e.description || e.name}. */`,
    `  export function ` +
      `raise${pascal(e.name)}(${args.map((p) => `${ident(p.name)}: ${AS_TYPE[p.format]}`).join(", ")}): i32 {`,
    ...args.map((p) => `    ${reply(p, ident(p.name))};`),
    `    return miot.event(SIID, ${e.iid});`,
    "  }",
  ];
}

/** The AssemblyScript module for `spec`; `sdk` is the import path of assembly/sail. */
export function generateBindings(spec: Spec, sdk: string, specName: string): string {
  const names = serviceNames(spec);
  const lines = [
    `// Generated by \`sail spec gen\` from ${specName}; do not edit.`,
    `// ${spec.description || spec.name}: ${spec.type}`,
    "//",
    "// Your entry file re-exports the board's entry points from here:",
    `//   export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./spec";`,
    "",
    `import { EventKind, MiotCode, miot, sail_event as sdkEvent } from "${sdk}";`,
    `export { sail_abi_version, sail_buffer, sail_buffer_size } from "${sdk}";`,
    "",
  ];
  for (const s of spec.services) lines.push(...serviceBlock(s, names.get(s) as string), "");

  lines.push(
    "/** Every event: MIoT requests here, timers and pins to the SDK. */",
    "export function sail_event(kind: i32, id: i32, a: i64, b: i64): i32 {",
    "  if (kind == EventKind.MIOT_GET) return get(id);",
    "  if (kind == EventKind.MIOT_SET) return set(id, a);",
    "  if (kind == EventKind.MIOT_ACTION) return act(id);",
    "  return sdkEvent(kind, id, a, b);",
    "}",
    "",
    "function get(id: i32): i32 {",
    "  switch (id) {",
  );
  for (const s of spec.services) {
    for (const p of s.properties.filter((x) => x.access.includes("read"))) {
      lines.push(
        `    case ${hexKey(s.iid, p.iid)}: ${reply(p, `${names.get(s)}.${ident(p.name)}`)}; return MiotCode.OK;`,
      );
    }
  }
  lines.push("  }", "  return MiotCode.NOT_FOUND;", "}", "", "function set(id: i32, a: i64): i32 {", "  switch (id) {");
  for (const s of spec.services) {
    const ns = names.get(s) as string;
    for (const p of s.properties.filter((x) => x.access.includes("write"))) {
      const v = `${ns}.${ident(p.name)}`;
      lines.push(
        `    case ${hexKey(s.iid, p.iid)}: {`,
        `      const old = ${v};`,
        `      ${v} = ${fromEvent(p)};`,
        `      const handler = ${ns}.onSet${pascal(p.name)};`,
        "      const code = handler !== null ? handler() : MiotCode.OK;",
        `      if (code != MiotCode.OK) { ${v} = old; return code; }`,
        ...(p.access.includes("notify") ? [`      ${changed(p, String(s.iid), v)};`] : []),
        "      return MiotCode.OK;",
        "    }",
      );
    }
  }
  lines.push("  }", "  return MiotCode.NOT_FOUND;", "}", "", "function act(id: i32): i32 {", "  switch (id) {");
  for (const s of spec.services) {
    const ns = names.get(s) as string;
    for (const a of s.actions) {
      const args = a.in.map((piid, i) => fromArg(propOf(s, piid), i)).join(", ");
      lines.push(
        `    case ${hexKey(s.iid, a.iid)}: {`,
        `      const handler = ${ns}.on${pascal(a.name)};`,
        `      return handler !== null ? handler(${args}) : MiotCode.INTERNAL;`,
        "    }",
      );
    }
  }
  lines.push("  }", "  return MiotCode.NOT_FOUND;", "}", "");
  return lines.join("\n");
}
