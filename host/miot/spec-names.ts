// The identifiers `sail spec gen` gives a spec's services and members. Every
// spec that passes the check gets distinct identifiers, decided by these rules
// alone (docs/miot.md "Names in the bindings"; docs/decisions.md D130, docs/decisions.md D131):
//
// 1. A member is named after its URN name in camelCase ("fan-level" → fanLevel).
//    When a service has several members of one kind (properties, actions or
//    events) with the same name, each of them is named after its description
//    instead, if that tells them apart; else after the name and the iid
//    (fanLevel2, fanLevel7).
// 2. The functions and handlers are made from those names, in this order:
//    property values, notifying setters (setX), write handlers (onSetX), action
//    handlers (onX), event raisers (raiseX). One whose identifier is already
//    taken in its service gets a suffix saying what it is (setXValue,
//    onSetXValue, onXAction, raiseXEvent), and past that its iid. So an action
//    set-start-time next to a writable start-time is onSetStartTimeAction.
// 3. Services follow rule 1 among services (name, then name and siid).

import { camelCase } from "./spec-check.js";
import type { Spec, SpecAction, SpecEvent, SpecProperty, SpecService } from "./spec.js";

/**
 * Words AssemblyScript keeps for itself: keywords, and the names of its types,
 * which a variable of the same name would shadow. A name that is one of these
 * gets a trailing "_" (spec names never end in "_").
 */
const RESERVED = new Set([
  ...["abstract", "as", "break", "case", "catch", "class", "const", "continue", "debugger", "declare", "default"],
  ...["delete", "do", "else", "enum", "export", "extends", "false", "finally", "for", "from", "function", "if"],
  ...["implements", "import", "in", "instanceof", "interface", "is", "let", "module", "namespace", "new", "null"],
  ...["of", "package", "private", "protected", "public", "readonly", "return", "static", "super", "switch", "this"],
  ...["throw", "true", "try", "type", "typeof", "var", "void", "while", "with", "yield", "constructor", "get", "set"],
  ...["bool", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64", "isize", "usize", "v128"],
  ...["string", "number", "boolean", "object", "any", "never", "unknown", "symbol", "bigint", "auto"],
  ...["Array", "String", "Math", "Mathf", "Map", "Set", "Date", "Error", "NaN", "Infinity", "undefined"],
]);

/** An identifier from a spec name: camelCase, a reserved word escaped. */
export function ident(name: string): string {
  const id = camelCase(name);
  return RESERVED.has(id) ? `${id}_` : id;
}

/** An identifier from a description's ASCII words ("Left Switch" → leftSwitch), or null if it has none. */
function describedIdent(description: string): string | null {
  const words = description.match(/[A-Za-z0-9]+/g) ?? [];
  if (!/^[A-Za-z]/.test(words.join(" "))) return null;
  const id = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join("");
  return RESERVED.has(id) ? `${id}_` : id;
}

const upper = (id: string): string => id.charAt(0).toUpperCase() + id.replace(/_$/, "").slice(1);

interface Named {
  readonly iid: number;
  readonly name: string;
  readonly description: string;
}

/** Rule 1: a distinct name for each of `items` (members of one kind, or services). */
function distinctNames<T extends Named>(items: readonly T[]): Map<T, string> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(ident(item.name), [...(groups.get(ident(item.name)) ?? []), item]);
  const names = new Map<T, string>();
  for (const [base, group] of groups) {
    if (group.length === 1) {
      names.set(group[0] as T, base);
      continue;
    }
    const described = group.map((m) => describedIdent(m.description));
    const usable =
      described.every((d) => d !== null && (d === base || !groups.has(d))) && new Set(described).size === group.length;
    group.forEach((m, i) => names.set(m, usable ? (described[i] as string) : `${base.replace(/_$/, "")}${m.iid}`));
  }
  return names;
}

/** What the bindings call a service and each of its members. */
export interface ServiceNames {
  readonly namespace: string;
  readonly value: ReadonlyMap<SpecProperty, string>;
  readonly setter: ReadonlyMap<SpecProperty, string>;
  readonly writeHandler: ReadonlyMap<SpecProperty, string>;
  readonly action: ReadonlyMap<SpecAction, string>;
  readonly event: ReadonlyMap<SpecEvent, string>;
}

/** Gives out identifiers in one scope: the first choice if free, else the next, else one with the iid. */
class Scope {
  readonly #taken: Set<string>;
  constructor(taken: readonly string[]) {
    this.#taken = new Set(taken);
  }
  take(choices: readonly string[], iid: number): string {
    let id = choices.find((c) => !this.#taken.has(c));
    for (let n = 0; id === undefined; n++) {
      const c = `${choices[0] ?? "member"}_${iid}${n === 0 ? "" : `_${n}`}`;
      if (!this.#taken.has(c)) id = c;
    }
    this.#taken.add(id);
    return id;
  }
}

/** The names of every service of `spec` and of its members (rules above). */
export function bindingNames(spec: Spec): Map<SpecService, ServiceNames> {
  const module = new Scope([]);
  const serviceNames = distinctNames(spec.services);
  const result = new Map<SpecService, ServiceNames>();
  for (const s of spec.services) {
    const scope = new Scope(["SIID"]);
    const values = distinctNames(s.properties);
    const value = new Map(s.properties.map((p) => [p, scope.take([values.get(p) as string], p.iid)]));
    const pascal = (p: SpecProperty): string => upper(values.get(p) as string);
    const setter = new Map(
      s.properties
        .filter((p) => p.access.includes("notify"))
        .map((p) => [p, scope.take([`set${pascal(p)}`, `set${pascal(p)}Value`], p.iid)]),
    );
    const writeHandler = new Map(
      s.properties
        .filter((p) => p.access.includes("write"))
        .map((p) => [p, scope.take([`onSet${pascal(p)}`, `onSet${pascal(p)}Value`], p.iid)]),
    );
    const actions = distinctNames(s.actions);
    const action = new Map(
      s.actions.map((a) => {
        const p = upper(actions.get(a) as string);
        return [a, scope.take([`on${p}`, `on${p}Action`], a.iid)];
      }),
    );
    const events = distinctNames(s.events);
    const event = new Map(
      s.events.map((e) => {
        const p = upper(events.get(e) as string);
        return [e, scope.take([`raise${p}`, `raise${p}Event`], e.iid)];
      }),
    );
    const namespace = module.take([serviceNames.get(s) as string], s.iid);
    result.set(s, { namespace, value, setter, writeHandler, action, event });
  }
  return result;
}
