// `sail spec gen`: typed AssemblyScript bindings from a MIoT spec, so firmware
// reads `light.on`, sets `light.setBrightness(80)`, handles writes and actions
// by name and raises events by name. The output depends only on the spec and
// the SDK path: the same input gives the same bytes. Names: spec-names.ts.
// What the SDK gives is imported under names ending in "_", which no spec
// name becomes, so a service or member can never shadow it.

import type { PropertyFormat } from "./spec-check.js";
import { bindingNames, type ServiceNames } from "./spec-names.js";
import type { Spec, SpecEvent, SpecProperty, SpecService } from "./spec.js";

const AS_TYPE: Readonly<Record<PropertyFormat, string>> = {
  bool: "bool",
  uint8: "u8",
  uint16: "u16",
  uint32: "u32",
  int8: "i8",
  int16: "i16",
  int32: "i32",
  int64: "i64",
  float: "f64",
  string: "string",
  hex: "string",
};

function hexKey(siid: number, iid: number): string {
  return `0x${((siid << 16) | iid).toString(16).padStart(8, "0")}`;
}

function initial(p: SpecProperty): string {
  if (p.format === "bool") return "false";
  if (p.format === "string" || p.format === "hex") return `""`;
  const v = p.range?.min ?? p.values?.[0]?.value ?? 0;
  if (p.format === "float") return Number.isInteger(v) ? `${v}.0` : String(v);
  return Number.isSafeInteger(v) ? String(v) : BigInt(v).toString();
}

/** Spec text as it may stand in a comment: one line, never closing it. */
function doc(text: string): string {
  return text.replace(/\s+/g, " ").replace(/\*\//g, "* /");
}

function describe(p: SpecProperty): string {
  const range = p.range ? `, ${p.range.min}..${p.range.max} step ${p.range.step}` : "";
  const list = p.values ? `, one of ${p.values.map((v) => `${v.value} (${v.description})`).join(", ")}` : "";
  const unit = p.unit && p.unit !== "none" ? ` ${p.unit}` : "";
  return doc(`${p.description || p.name}: ${p.format}${range}${list}${unit}; ${p.access.join(", ") || "no access"}.`);
}

/** Expression giving a property's value to miot.reply* / miot.changed* calls. */
function reply(p: SpecProperty, expr: string): string {
  switch (p.format) {
    case "bool":
      return `miot_.replyBool(${expr})`;
    case "string":
    case "hex":
      return `miot_.replyString(${expr})`;
    case "float":
      return `miot_.replyFloat(${expr})`;
    default:
      return `miot_.replyInt(<i64>${expr})`;
  }
}

function changed(p: SpecProperty, siid: string, expr: string): string {
  switch (p.format) {
    case "bool":
      return `miot_.changedBool(${siid}, ${p.iid}, ${expr})`;
    case "string":
    case "hex":
      return `miot_.changedString(${siid}, ${p.iid}, ${expr})`;
    case "float":
      return `miot_.changedFloat(${siid}, ${p.iid}, ${expr})`;
    default:
      return `miot_.changedInt(${siid}, ${p.iid}, <i64>${expr})`;
  }
}

/** The value a MIOT_SET carries in (a_: i64), as the property's type. */
function fromEvent(p: SpecProperty): string {
  switch (p.format) {
    case "bool":
      return "a_ != 0";
    case "string":
    case "hex":
      return "miot_.bufferString(<i32>a_)";
    case "float":
      return "reinterpret<f64>(a_)";
    case "int64":
      return "a_";
    default:
      return `<${AS_TYPE[p.format]}>a_`;
  }
}

function fromArg(p: SpecProperty, index: number): string {
  switch (p.format) {
    case "bool":
      return `miot_.argBool(${index})`;
    case "string":
    case "hex":
      return `miot_.argString(${index})`;
    case "float":
      return `miot_.argFloat(${index})`;
    case "int64":
      return `miot_.argInt(${index})`;
    default:
      return `<${AS_TYPE[p.format]}>miot_.argInt(${index})`;
  }
}

function propOf(s: SpecService, piid: number): SpecProperty {
  const p = s.properties.find((x) => x.iid === piid);
  if (p === undefined) throw new Error(`piid ${piid} missing in service ${s.iid}`);
  return p;
}

/** Parameters named after properties; a property given twice gets its position too. */
function params(s: SpecService, n: ServiceNames, piids: readonly number[]): string {
  return piids
    .map((piid, i) => {
      const p = propOf(s, piid);
      const name = n.value.get(p) as string;
      return `${piids.indexOf(piid) === i ? name : `${name}${i}`}: ${AS_TYPE[p.format]}`;
    })
    .join(", ");
}

function serviceBlock(s: SpecService, n: ServiceNames): string[] {
  const out = [
    `/** ${doc(s.description || s.name)} (siid ${s.iid}): ${s.type} */`,
    `export namespace ${n.namespace} {`,
    `  export const SIID: i32 = ${s.iid};`,
  ];
  for (const p of s.properties) {
    out.push(`  /** ${describe(p)} */`, `  export let ${n.value.get(p)}: ${AS_TYPE[p.format]} = ${initial(p)};`);
  }
  for (const [p, setter] of n.setter) {
    const v = n.value.get(p) as string;
    out.push(
      `  /** Changes ${v} and tells subscribers (properties_changed). ` +
        `Returns Status.ERR_INVALID_ARG if the spec refuses the value. */`,
      // value_: a property may itself be called "value"; spec names never end in "_".
      `  export function ${setter}(value_: ${AS_TYPE[p.format]}): i32 {`,
      `    ${v} = value_;`,
      `    return ${changed(p, "SIID", "value_")};`,
      "  }",
    );
  }
  for (const [p, handler] of n.writeHandler) {
    out.push(
      `  /** Called after a client wrote ${n.value.get(p)} (already ` +
        `stored); return MiotCode.OK, or an error code to refuse it. */`,
      `  export let ${handler}: (() => i32) | null = null;`,
    );
  }
  for (const a of s.actions) {
    const outs = a.out.map((piid) => n.value.get(propOf(s, piid))).join(", ");
    out.push(
      `  /** Action ${a.name} (aiid ${a.iid}): ${doc(a.description || a.name)}.` +
        (outs ? ` Give its outputs (${outs}) with miot.reply* before returning.` : "") +
        ` Return a MiotCode. */`,
      `  export let ${n.action.get(a)}: ((${params(s, n, a.in)}) => i32) | null = null;`,
    );
  }
  for (const e of s.events) out.push(...eventBlock(s, n, e));
  out.push("}");
  return out;
}

function eventBlock(s: SpecService, n: ServiceNames, e: SpecEvent): string[] {
  const names = params(s, n, e.arguments)
    .split(", ")
    .filter((x) => x !== "")
    .map((x) => x.slice(0, x.indexOf(":")));
  return [
    `  /** Raises event ${e.name} (eiid ${e.iid}): ${doc(e.description || e.name)}. */`,
    `  export function ${n.event.get(e)}(${params(s, n, e.arguments)}): i32 {`,
    ...e.arguments.map((piid, i) => `    ${reply(propOf(s, piid), names[i] as string)};`),
    `    return miot_.event(SIID, ${e.iid});`,
    "  }",
  ];
}

/** The AssemblyScript module for `spec`; `sdk` is the import path of assembly/sail. */
export function generateBindings(spec: Spec, sdk: string, specName: string): string {
  const names = bindingNames(spec);
  const ns = (s: SpecService): ServiceNames => names.get(s) as ServiceNames;
  const lines = [
    `// Generated by \`sail spec gen\` from ${specName}; do not edit.`,
    `// ${doc(spec.description || spec.name)}: ${spec.type}`,
    "//",
    "// Your entry file re-exports the board's entry points from here:",
    `//   export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./spec";`,
    "",
    `import { EventKind as EventKind_, MiotCode as MiotCode_, miot as miot_, sail_event as sdkEvent_ } from "${sdk}";`,
    `export { sail_abi_version, sail_buffer, sail_buffer_size } from "${sdk}";`,
    "",
  ];
  for (const s of spec.services) lines.push(...serviceBlock(s, ns(s)), "");

  lines.push(
    "/** Every event: MIoT requests here, timers and pins to the SDK. */",
    "export function sail_event(kind_: i32, id_: i32, a_: i64, b_: i64): i32 {",
    "  if (kind_ == EventKind_.MIOT_GET) return get_(id_);",
    "  if (kind_ == EventKind_.MIOT_SET) return set_(id_, a_);",
    "  if (kind_ == EventKind_.MIOT_ACTION) return act_(id_);",
    "  return sdkEvent_(kind_, id_, a_, b_);",
    "}",
    "",
    "function get_(id_: i32): i32 {",
    "  switch (id_) {",
  );
  for (const s of spec.services) {
    const n = ns(s);
    for (const p of s.properties.filter((x) => x.access.includes("read"))) {
      lines.push(
        `    case ${hexKey(s.iid, p.iid)}: ${reply(p, `${n.namespace}.${n.value.get(p)}`)}; return MiotCode_.OK;`,
      );
    }
  }
  lines.push(
    "  }",
    "  return MiotCode_.NOT_FOUND;",
    "}",
    "",
    "function set_(id_: i32, a_: i64): i32 {",
    "  switch (id_) {",
  );
  for (const s of spec.services) {
    const n = ns(s);
    for (const [p, handler] of n.writeHandler) {
      const v = `${n.namespace}.${n.value.get(p)}`;
      lines.push(
        `    case ${hexKey(s.iid, p.iid)}: {`,
        `      const old_ = ${v};`,
        `      ${v} = ${fromEvent(p)};`,
        `      const handler_ = ${n.namespace}.${handler};`,
        "      const code_ = handler_ !== null ? handler_() : MiotCode_.OK;",
        `      if (code_ != MiotCode_.OK) { ${v} = old_; return code_; }`,
        ...(p.access.includes("notify") ? [`      ${changed(p, String(s.iid), v)};`] : []),
        "      return MiotCode_.OK;",
        "    }",
      );
    }
  }
  lines.push("  }", "  return MiotCode_.NOT_FOUND;", "}", "", "function act_(id_: i32): i32 {", "  switch (id_) {");
  for (const s of spec.services) {
    const n = ns(s);
    for (const a of s.actions) {
      const args = a.in.map((piid, i) => fromArg(propOf(s, piid), i)).join(", ");
      lines.push(
        `    case ${hexKey(s.iid, a.iid)}: {`,
        `      const handler_ = ${n.namespace}.${n.action.get(a)};`,
        `      return handler_ !== null ? handler_(${args}) : MiotCode_.INTERNAL;`,
        "    }",
      );
    }
  }
  lines.push("  }", "  return MiotCode_.NOT_FOUND;", "}", "");
  return lines.join("\n");
}
