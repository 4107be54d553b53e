/** The value formats of MIoT-Spec-V2 (§5 "format"). */
export declare const FORMATS: readonly ["bool", "uint8", "uint16", "uint32", "int8", "int16", "int32", "int64", "float", "string"];
export type PropertyFormat = (typeof FORMATS)[number];
/** Property access rights (§5 "access"); the list may be empty. */
export declare const ACCESS: readonly ["read", "write", "notify"];
export type Access = (typeof ACCESS)[number];
export type IntegerFormat = "uint8" | "uint16" | "uint32" | "int8" | "int16" | "int32" | "int64";
/** What each integer format holds. int64 is given as numbers, so it is checked loosely. */
export declare const INTEGER_BOUNDS: Readonly<Record<IntegerFormat, {
    readonly min: number;
    readonly max: number;
}>>;
export declare function isIntegerFormat(f: PropertyFormat): f is IntegerFormat;
export declare function isNumericFormat(f: PropertyFormat): boolean;
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
export declare function parseUrn(text: string): Urn | null;
export declare const URN_SHAPE = "urn:<namespace>:<kind>:<name>:<8 hex digits>[:<vendor-product>:<version>[:<template id>]]";
/** Lower-case words joined by single dashes, starting with a letter: "color-temperature". */
export declare const NAME_RE: RegExp;
/** "color-temperature" → "colorTemperature", the identifier generated code uses. */
export declare function camelCase(name: string): string;
/** The parts of a property that decide which values it takes. */
export interface ValueRule {
    readonly format: PropertyFormat;
    readonly range: {
        readonly min: number;
        readonly max: number;
        readonly step: number;
    } | null;
    readonly values: readonly {
        readonly value: number;
        readonly description: string;
    }[] | null;
}
/**
 * True if `value` is a valid value for the property: bool takes a boolean;
 * integer formats take an integer number (int64 also a bigint) inside the
 * format's bounds and inside the value-range (on its step grid, counted from
 * min) or in the value-list; float takes a finite number inside the
 * value-range (the step is not enforced: it may be fractional); string takes a
 * string. A false answer is code -4005 (value error).
 */
export declare function checkValue(p: ValueRule, value: unknown): boolean;
/**
 * The identifiers `sail spec gen` makes for a member of a service (the value,
 * its notifying setter, its write handler; an action's handler; an event's
 * raiser). Two members whose identifiers meet would not compile.
 */
export declare function generatedIdentifiers(kind: "property" | "action" | "event", name: string, access?: readonly Access[]): string[];
