// Walks binaryen expression trees. Knows the children of every expression kind
// that the engines Sail targets can run (MVP, sign-extension, non-trapping
// float-to-int, bulk memory, multi-value, reference types, tail calls); any
// other kind is reported through `onUnknown` so the caller can refuse it.

import type { Binaryen, ExpressionInfo, ExpressionRef } from "./binaryen.js";

/** Field names holding child expressions, by binaryen expression id name. */
export const CHILD_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Block: ["children"],
  If: ["condition", "ifTrue", "ifFalse"],
  Loop: ["body"],
  Break: ["condition", "value"],
  Switch: ["condition", "value"],
  Call: ["operands"],
  CallIndirect: ["target", "operands"],
  LocalGet: [],
  LocalSet: ["value"],
  GlobalGet: [],
  GlobalSet: ["value"],
  Load: ["ptr"],
  Store: ["ptr", "value"],
  Const: [],
  Unary: ["value"],
  Binary: ["left", "right"],
  Select: ["ifTrue", "ifFalse", "condition"],
  Drop: ["value"],
  Return: ["value"],
  MemorySize: [],
  MemoryGrow: ["delta"],
  Nop: [],
  Unreachable: [],
  MemoryInit: ["dest", "offset", "size"],
  DataDrop: [],
  MemoryCopy: ["dest", "source", "size"],
  MemoryFill: ["dest", "value", "size"],
  RefNull: [],
  RefIsNull: ["value"],
  RefFunc: [],
  RefEq: ["left", "right"],
  TableGet: ["index"],
  TableSet: ["index", "value"],
  TableSize: [],
  TableGrow: ["value", "delta"],
  TupleMake: ["operands"],
  TupleExtract: ["tuple"],
  Pop: [],
};

/** The child fields of an expression kind (binaryen id name), or null; CallIndirect's, Break's not in run order. */
export function childFields(kind: string): readonly string[] | null {
  return CHILD_FIELDS[kind] ?? null;
}

export interface Walker {
  readonly idName: (id: number) => string;
  /** Child expressions of `e`, in evaluation order. Null for unknown kinds. */
  readonly children: (e: ExpressionRef, info?: ExpressionInfo) => ExpressionRef[] | null;
  /** Info of `e` (binaryen throws for Nop and Unreachable; those get a stub). */
  readonly info: (e: ExpressionRef) => ExpressionInfo;
}

export function makeWalker(b: Binaryen): Walker {
  const names = new Map<number, string>();
  for (const [name, id] of Object.entries(b.ExpressionIds)) names.set(id, name);
  const nop = b.ExpressionIds["Nop"];
  const unreachable = b.ExpressionIds["Unreachable"];
  const idName = (id: number): string => names.get(id) ?? `#${id}`;
  const info = (e: ExpressionRef): ExpressionInfo => {
    const id = b.getExpressionId(e);
    if (id === nop || id === unreachable) return { id, type: b.getExpressionType(e) };
    return b.getExpressionInfo(e);
  };
  const children = (e: ExpressionRef, given?: ExpressionInfo): ExpressionRef[] | null => {
    const i = given ?? info(e);
    const fields = CHILD_FIELDS[idName(i.id)];
    if (fields === undefined) return null;
    const out: ExpressionRef[] = [];
    for (const f of fields) {
      const v = i[f];
      if (Array.isArray(v))
        for (const c of v) {
          if (typeof c === "number" && c !== 0) out.push(c);
        }
      else if (typeof v === "number" && v !== 0) out.push(v);
    }
    return out;
  };
  return { idName, children, info };
}

/** Where a child sits in its parent: the field and, for list fields, its index. */
export interface ChildPlace {
  readonly field: string;
  readonly index: number;
  readonly ref: ExpressionRef;
}

/** Children of `i` with their places, in evaluation order; null for unknown kinds. */
export function childPlaces(w: Walker, i: ExpressionInfo): ChildPlace[] | null {
  const fields = CHILD_FIELDS[w.idName(i.id)];
  if (fields === undefined) return null;
  const out: ChildPlace[] = [];
  for (const field of fields) {
    const v = i[field];
    if (Array.isArray(v))
      v.forEach((ref: unknown, index) => {
        if (typeof ref === "number" && ref !== 0) out.push({ field, index, ref });
      });
    else if (typeof v === "number" && v !== 0) out.push({ field, index: -1, ref: v });
  }
  return out;
}
