// A scenario's MIoT step checked against the image's spec before any step
// runs, as a client's request is checked before the firmware is asked
// (host/miot/methods.ts): the property or action must exist, allow the
// access, and a value must fit the property's format and range. A problem is
// one sentence naming the step's ids and what is allowed.

import { checkValue } from "../miot/spec-check.js";
import { quoteValue } from "../quote.js";
import { findAction, findProperty, type Spec, type SpecProperty } from "../miot/spec.js";

export interface MiotStep {
  readonly get?: readonly [number, number];
  readonly set?: readonly [number, number, unknown];
  readonly action?: readonly [number, number, readonly unknown[]];
}

/** What is wrong with `step` for `spec`, or null when a client could send it. */
export function miotStepProblem(spec: Spec, step: MiotStep): string | null {
  if (step.get) {
    const [siid, piid] = step.get;
    return propertyProblem(spec, "get", siid, piid, "read");
  }
  if (step.set) {
    const [siid, piid, value] = step.set;
    const problem = propertyProblem(spec, "set", siid, piid, "write");
    if (problem !== null) return problem;
    const prop = findProperty(spec, siid, piid) as SpecProperty; // found: no problem above
    if (!checkValue(prop, value)) {
      return `miot set ${siid}.${piid} (${prop.name}): ${quoteValue(value)} is not a ${allowed(prop)}`;
    }
    return null;
  }
  if (step.action) {
    const [siid, aiid, inputs] = step.action;
    const action = findAction(spec, siid, aiid);
    if (action === null) {
      const known = spec.services.flatMap((s) => s.actions.map((a) => `${s.iid}.${a.iid} ${a.name}`));
      return `miot action ${siid}.${aiid}: the spec has no such action (actions: ${known.join(", ") || "none"})`;
    }
    if (inputs.length !== action.in.length) {
      return `miot action ${siid}.${aiid} (${action.name}) takes ${action.in.length} input(s), got ${inputs.length}`;
    }
  }
  return null;
}

function propertyProblem(
  spec: Spec,
  verb: "get" | "set",
  siid: number,
  piid: number,
  need: "read" | "write",
): string | null {
  const prop = findProperty(spec, siid, piid);
  if (prop === null) {
    const known = spec.services.flatMap((s) => s.properties.map((p) => `${s.iid}.${p.iid} ${p.name}`));
    return `miot ${verb} ${siid}.${piid}: the spec has no such property (properties: ${known.join(", ")})`;
  }
  if (!prop.access.includes(need)) {
    const access = prop.access.join(", ") || "none";
    const able = need === "read" ? "readable" : "writable";
    return `miot ${verb} ${siid}.${piid} (${prop.name}) is not ${able} (access: ${access})`;
  }
  return null;
}

/** "bool", "uint8 from 1 to 100 in steps of 1", "int32, one of 0 (auto), 1 (sleep)". */
function allowed(prop: SpecProperty): string {
  if (prop.values !== null) {
    return `${prop.format}, one of ${prop.values.map((v) => `${v.value} (${v.description})`).join(", ")}`;
  }
  if (prop.range !== null)
    return `${prop.format} from ${prop.range.min} to ${prop.range.max} in steps of ${prop.range.step}`;
  return prop.format;
}
