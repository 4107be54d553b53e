// Helpers for MIoT-Spec-V2 instances (docs/reference/miot-protocol.md §5): URNs,
// the value formats and their bounds, and the value check behind code -4005.

/** The value formats of MIoT-Spec-V2 (§5 "format"); hex is a string of hexadecimal digits (docs/miot.md). */
export const FORMATS = [
  "bool",
  "uint8",
  "uint16",
  "uint32",
  "int8",
  "int16",
  "int32",
  "int64",
  "float",
  "string",
  "hex",
] as const;
export type PropertyFormat = (typeof FORMATS)[number];

/** Property access rights (§5 "access"); the list may be empty. */
export const ACCESS = ["read", "write", "notify"] as const;
export type Access = (typeof ACCESS)[number];

export type IntegerFormat = "uint8" | "uint16" | "uint32" | "int8" | "int16" | "int32" | "int64";

/** What each integer format holds. int64 is given as numbers, so it is checked loosely. */
export const INTEGER_BOUNDS: Readonly<Record<IntegerFormat, { readonly min: number; readonly max: number }>> = {
  uint8: { min: 0, max: 0xff },
  uint16: { min: 0, max: 0xffff },
  uint32: { min: 0, max: 0xffff_ffff },
  int8: { min: -0x80, max: 0x7f },
  int16: { min: -0x8000, max: 0x7fff },
  int32: { min: -0x8000_0000, max: 0x7fff_ffff },
  int64: { min: -(2 ** 63), max: 2 ** 63 },
};
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function isIntegerFormat(f: PropertyFormat): f is IntegerFormat {
  return f !== "bool" && f !== "float" && f !== "string" && f !== "hex";
}

/** Formats whose values travel as text: string, and hex (hexadecimal digits). */
export function isTextFormat(f: PropertyFormat): f is "string" | "hex" {
  return f === "string" || f === "hex";
}

export function isNumericFormat(f: PropertyFormat): boolean {
  return f === "float" || isIntegerFormat(f);
}

/** The levels of a spec and the URN kind each one must carry. */
export type UrnKind = "device" | "service" | "property" | "action" | "event";

export interface Urn {
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
  readonly id: string;
}

/**
 * `urn:<ns>:<kind>:<name>:<8 hex>[:<vendor-product>:<version>[:<template id>]]` (§5 "URN").
 * Returns null when the text does not have that shape.
 */
export function parseUrn(text: string): Urn | null {
  const m = /^urn:([a-z0-9][a-z0-9-]*):([a-z]+):([^:]+):([0-9A-Fa-f]{8})(?::[^:]+:[0-9]+(?::[^:]+)?)?$/.exec(text);
  if (m === null) return null;
  return { namespace: m[1] ?? "", kind: m[2] ?? "", name: m[3] ?? "", id: m[4] ?? "" };
}

export const URN_SHAPE = "urn:<namespace>:<kind>:<name>:<8 hex digits>[:<vendor-product>:<version>[:<template id>]]";

/**
 * Lower-case words joined by dashes, starting with a letter: "color-temperature"; a dot may sit between digits,
 * as in the standard "pm2.5-density". Published instances also double a dash ("outdoor--current", in
 * xiaomi.aircondition.c1), which reads as one.
 */
export const NAME_RE =
  /^[a-z](?:[a-z0-9]|(?<=[0-9])\.(?=[0-9]))*(?:-{1,2}[a-z0-9](?:[a-z0-9]|(?<=[0-9])\.(?=[0-9]))*)*$/;

/** "color-temperature" → "colorTemperature", "pm2.5-density" → "pm25Density": the identifier generated code uses. */
export function camelCase(name: string): string {
  return name.replace(/\./g, "").replace(/-+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The parts of a property that decide which values it takes. */
export interface ValueRule {
  readonly format: PropertyFormat;
  readonly range: { readonly min: number; readonly max: number; readonly step: number } | null;
  readonly values: readonly { readonly value: number; readonly description: string }[] | null;
}

/**
 * True if `value` is a valid value for the property: bool takes a boolean;
 * integer formats take an integer number (int64 also a bigint) inside the
 * format's bounds and inside the value-range (on its step grid, counted from
 * min) or in the value-list; float takes a finite number inside the
 * value-range (the step is not enforced: it may be fractional); string takes a
 * string; hex takes a string of hexadecimal digits. A false answer is code -4005 (value error).
 */
export function checkValue(p: ValueRule, value: unknown): boolean {
  switch (p.format) {
    case "bool":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "hex":
      return typeof value === "string" && /^[0-9A-Fa-f]*$/.test(value);
    case "float":
      return (
        typeof value === "number" &&
        Number.isFinite(value) &&
        (p.range === null || (value >= p.range.min && value <= p.range.max))
      );
    default:
      return checkInteger(p, p.format, value);
  }
}

function checkInteger(p: ValueRule, format: IntegerFormat, value: unknown): boolean {
  let v: bigint;
  if (typeof value === "bigint" && format === "int64") {
    if (value < INT64_MIN || value > INT64_MAX) return false;
    v = value;
  } else if (typeof value === "number" && Number.isInteger(value)) {
    const b = INTEGER_BOUNDS[format];
    if (value < b.min || value > b.max || (format === "int64" && value === b.max)) return false;
    v = BigInt(value);
  } else {
    return false;
  }
  if (p.values !== null) return p.values.some((e) => BigInt(e.value) === v);
  if (p.range !== null) {
    const min = BigInt(p.range.min);
    return v >= min && v <= BigInt(p.range.max) && (v - min) % BigInt(p.range.step) === 0n;
  }
  return true;
}
