import { SailError } from "../errors.js";
import { type Access, type PropertyFormat, type ValueRule } from "./spec-check.js";
export { checkValue, type Access, type PropertyFormat } from "./spec-check.js";
/** A spec that cannot be used: names the file, the JSON path and what is allowed. */
export declare class SpecError extends SailError {
    readonly file: string;
    readonly jsonPath: string;
    name: string;
    constructor(file: string, jsonPath: string, problem: string);
}
/** Per-item result codes (§4), used in get_properties / set_properties / action replies. */
export declare const MIOT_CODE: {
    readonly OK: 0;
    readonly ACCEPTED: 1;
    readonly NOT_READABLE: -4001;
    readonly NOT_WRITABLE: -4002;
    readonly NOT_FOUND: -4003;
    readonly INTERNAL: -4004;
    readonly VALUE_ERROR: -4005;
    readonly ACTION_IN_ERROR: -4006;
    readonly DID_ERROR: -4007;
};
export interface SpecProperty extends ValueRule {
    readonly iid: number;
    readonly type: string;
    /** The URN's <name> part, e.g. "brightness". */
    readonly name: string;
    readonly description: string;
    readonly format: PropertyFormat;
    readonly access: readonly Access[];
    readonly unit: string | null;
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
export interface SpecAction {
    readonly iid: number;
    readonly type: string;
    readonly name: string;
    readonly description: string;
    /** piids of properties in the same service. */
    readonly in: readonly number[];
    readonly out: readonly number[];
}
export interface SpecEvent {
    readonly iid: number;
    readonly type: string;
    readonly name: string;
    readonly description: string;
    /** piids of properties in the same service. */
    readonly arguments: readonly number[];
}
export interface SpecService {
    readonly iid: number;
    readonly type: string;
    readonly name: string;
    readonly description: string;
    readonly properties: readonly SpecProperty[];
    readonly actions: readonly SpecAction[];
    readonly events: readonly SpecEvent[];
}
export interface Spec {
    readonly file: string;
    readonly type: string;
    /** The device URN's <name> part, e.g. "light". */
    readonly name: string;
    readonly description: string;
    readonly services: readonly SpecService[];
}
/** Reads and validates a spec instance from a .json file. */
export declare function loadSpec(path: string): Spec;
export declare function findService(spec: Spec, siid: number): SpecService | null;
export declare function findProperty(spec: Spec, siid: number, piid: number): SpecProperty | null;
export declare function findAction(spec: Spec, siid: number, aiid: number): SpecAction | null;
export declare function findEvent(spec: Spec, siid: number, eiid: number): SpecEvent | null;
export declare function parseSpec(json: unknown, file: string): Spec;
