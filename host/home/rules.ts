// Automation rules as data — a trigger (a MIoT event, or a property crossing a
// threshold), commands (set_properties, action), an optional "otherwise" and
// an optional quiet timer — plus small builders, and their check against each
// device's MIoT-Spec-V2 instance (iids written "siid.piid" as in `sail miot`).

import { AutomationError } from "../errors.js";
import { checkValue, findAction, findEvent, findProperty, type Spec } from "../miot/spec.js";
import { toMicros, type Duration } from "../time/duration.js";

export { AutomationError } from "../errors.js";

export type Value = boolean | number | string;

/** Fires on every `event_occured` of `event` ("siid.eiid") from `device`. */
export interface EventTrigger {
  readonly device: string;
  readonly event: string;
}

/**
 * Holds while `property` ("siid.piid") of `device` is above / below / equal
 * to the given values (all that are given). Seen through properties_changed
 * pushes for notify properties; `pollEvery` reads it with get_properties too.
 */
export interface PropertyTrigger {
  readonly device: string;
  readonly property: string;
  readonly above?: number;
  readonly below?: number;
  readonly equals?: Value;
  readonly pollEvery?: Duration;
}

export type Trigger = EventTrigger | PropertyTrigger;

export type Command =
  | { readonly device: string; readonly set: string; readonly value: Value }
  | { readonly device: string; readonly action: string; readonly in?: readonly Value[] };

export interface Rule {
  readonly name: string;
  readonly when: Trigger;
  /** Sent when the rule fires (for an event with `after`: only when it is not already active). */
  readonly then: readonly Command[];
  /** Property triggers: sent when the condition stops holding. */
  readonly otherwise?: readonly Command[];
  /**
   * Sent once `quiet` has passed without the trigger: after the last event,
   * or after a property condition stopped holding. A new trigger restarts it.
   */
  readonly after?: { readonly quiet: Duration; readonly then: readonly Command[] };
}

// --- builders ------------------------------------------------------------------

export const when = {
  event: (device: string, event: string): EventTrigger => ({ device, event }),
  above: (
    device: string,
    property: string,
    value: number,
    options: { pollEvery?: Duration } = {},
  ): PropertyTrigger => ({ device, property, above: value, ...options }),
  below: (
    device: string,
    property: string,
    value: number,
    options: { pollEvery?: Duration } = {},
  ): PropertyTrigger => ({ device, property, below: value, ...options }),
  equals: (
    device: string,
    property: string,
    value: Value,
    options: { pollEvery?: Duration } = {},
  ): PropertyTrigger => ({ device, property, equals: value, ...options }),
};

export function set(device: string, property: string, value: Value): Command {
  return { device, set: property, value };
}

export function act(device: string, action: string, input: readonly Value[] = []): Command {
  return { device, action, in: input };
}

// --- checked against the specs -----------------------------------------------------

export interface ResolvedTrigger {
  readonly device: string;
  readonly kind: "event" | "property";
  readonly siid: number;
  readonly iid: number;
  /** Property triggers: whether a value meets the condition. */
  readonly holds: (value: unknown) => boolean;
  readonly pollUs: number | null;
  readonly label: string;
}

export interface ResolvedCommand {
  readonly device: string;
  readonly kind: "set" | "action";
  readonly siid: number;
  readonly iid: number;
  readonly value: Value | null;
  readonly input: readonly Value[];
  readonly label: string;
}

export interface ResolvedRule {
  readonly rule: Rule;
  readonly when: ResolvedTrigger;
  readonly then: readonly ResolvedCommand[];
  readonly otherwise: readonly ResolvedCommand[];
  readonly quietUs: number | null;
  readonly afterQuiet: readonly ResolvedCommand[];
}

/** Checks `rule` against the devices' specs; `specOf` throws for a device the home does not have. */
export function resolveRule(rule: Rule, specOf: (device: string) => Spec): ResolvedRule {
  if (typeof rule.name !== "string" || rule.name === "")
    throw new AutomationError("automation: every rule needs a name (it is what the log shows)");
  const where = `rule "${rule.name}"`;
  const isEvent = "event" in rule.when;
  if (rule.otherwise !== undefined && isEvent) {
    throw new AutomationError(
      `${where}: "otherwise" needs a property trigger (an event never stops holding); use "after" for a quiet timer`,
    );
  }
  const commands = (list: readonly Command[], field: string): ResolvedCommand[] =>
    list.map((c, i) => resolveCommand(c, `${where}: ${field}[${i}]`, specOf));
  return {
    rule,
    when: resolveTrigger(rule.when, `${where}: when`, specOf),
    then: commands(rule.then, "then"),
    otherwise: commands(rule.otherwise ?? [], "otherwise"),
    quietUs: rule.after === undefined ? null : toMicros(rule.after.quiet),
    afterQuiet: commands(rule.after?.then ?? [], "after.then"),
  };
}

function resolveTrigger(t: Trigger, where: string, specOf: (device: string) => Spec): ResolvedTrigger {
  const spec = specOf(t.device);
  if ("event" in t) {
    const [siid, eiid] = iids(t.event, `${where}.event`);
    if (findEvent(spec, siid, eiid) === null) {
      throw new AutomationError(
        `${where}.event: ${t.device} (${spec.name}) has no event ${t.event}; its events: ${listEvents(spec)}`,
      );
    }
    return {
      device: t.device,
      kind: "event",
      siid,
      iid: eiid,
      holds: () => true,
      pollUs: null,
      label: `event ${t.event} of ${t.device}`,
    };
  }
  const [siid, piid] = iids(t.property, `${where}.property`);
  const prop = findProperty(spec, siid, piid);
  if (prop === null)
    throw new AutomationError(
      `${where}.property: ${t.device} (${spec.name}) has no property ${t.property}; its ` +
        `properties: ${listProperties(spec)}`,
    );
  if (!prop.access.includes("read"))
    throw new AutomationError(`${where}.property: ${t.property} (${prop.name}) of ${t.device} is not readable`);
  if (t.above === undefined && t.below === undefined && t.equals === undefined) {
    throw new AutomationError(`${where}: a property trigger needs above, below or equals`);
  }
  if ((t.above !== undefined || t.below !== undefined) && (prop.format === "bool" || prop.format === "string")) {
    throw new AutomationError(
      `${where}: ${t.property} (${prop.name}) of ${t.device} is ` +
        `a ${prop.format}; compare it with equals, not above/below`,
    );
  }
  if (t.equals !== undefined && !checkValue(prop, t.equals)) {
    throw new AutomationError(
      `${where}.equals: ${JSON.stringify(t.equals)} is not a value ` +
        `${t.property} (${prop.name}, ${prop.format}) of ${t.device} can take`,
    );
  }
  const pollUs = t.pollEvery === undefined ? null : toMicros(t.pollEvery);
  if (pollUs !== null && pollUs <= 0) throw new AutomationError(`${where}.pollEvery: must be above 0`);
  if (!prop.access.includes("notify") && pollUs === null) {
    throw new AutomationError(
      `${where}: ${t.property} (${prop.name}) of ${t.device} is not a ` +
        `notify property, so it is never pushed; give pollEvery (e.g. "30s")`,
    );
  }
  const { above, below, equals } = t;
  const holds = (v: unknown): boolean =>
    (above === undefined || (typeof v === "number" && v > above)) &&
    (below === undefined || (typeof v === "number" && v < below)) &&
    (equals === undefined || v === equals);
  const parts = [
    above === undefined ? "" : `> ${above}`,
    below === undefined ? "" : `< ${below}`,
    equals === undefined ? "" : `= ${JSON.stringify(equals)}`,
  ];
  return {
    device: t.device,
    kind: "property",
    siid,
    iid: piid,
    holds,
    pollUs,
    label: `${t.device} ${t.property} ${parts.filter((p) => p).join(" and ")}`,
  };
}

function resolveCommand(c: Command, where: string, specOf: (device: string) => Spec): ResolvedCommand {
  const spec = specOf(c.device);
  if ("set" in c) {
    const [siid, piid] = iids(c.set, `${where}.set`);
    const prop = findProperty(spec, siid, piid);
    if (prop === null)
      throw new AutomationError(
        `${where}.set: ${c.device} (${spec.name}) has no property ${c.set}; its properties: ${listProperties(spec)}`,
      );
    if (!prop.access.includes("write"))
      throw new AutomationError(`${where}.set: ${c.set} (${prop.name}) of ${c.device} is not writable`);
    if (!checkValue(prop, c.value))
      throw new AutomationError(
        `${where}.value: ${JSON.stringify(c.value)} is not a value ` +
          `${c.set} (${prop.name}, ${prop.format}) of ${c.device} accepts`,
      );
    return {
      device: c.device,
      kind: "set",
      siid,
      iid: piid,
      value: c.value,
      input: [],
      label: `${c.device} set ${c.set} = ${JSON.stringify(c.value)}`,
    };
  }
  const [siid, aiid] = iids(c.action, `${where}.action`);
  const action = findAction(spec, siid, aiid);
  if (action === null)
    throw new AutomationError(`${where}.action: ${c.device} (${spec.name}) has no action ${c.action}`);
  const input = c.in ?? [];
  if (input.length !== action.in.length) {
    throw new AutomationError(
      `${where}.in: action ${c.action} (${action.name}) of ${c.device} ` +
        `takes ${action.in.length} input(s); got ${input.length}`,
    );
  }
  return {
    device: c.device,
    kind: "action",
    siid,
    iid: aiid,
    value: null,
    input,
    label: `${c.device} action ${c.action}(${input.map((v) => JSON.stringify(v)).join(", ")})`,
  };
}

/** "2.1" → [2, 1]. */
function iids(text: string, where: string): [number, number] {
  const m = /^(\d+)\.(\d+)$/.exec(text);
  if (m === null) throw new AutomationError(`${where}: "${text}" must be "siid.iid", e.g. "2.1"`);
  return [Number(m[1]), Number(m[2])];
}

function listProperties(spec: Spec): string {
  return spec.services.flatMap((s) => s.properties.map((p) => `${s.iid}.${p.iid} ${p.name}`)).join(", ") || "none";
}

function listEvents(spec: Spec): string {
  return spec.services.flatMap((s) => s.events.map((e) => `${s.iid}.${e.iid} ${e.name}`)).join(", ") || "none";
}
