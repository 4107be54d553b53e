import type { MethodHandler } from "./device-session.js";
import { type Spec } from "./spec.js";
/** What the device behind the protocol provides. */
export interface MiotDevice {
    /** miIO.info fields (model, fw_ver, mac, life ...); never the token. */
    info(): Readonly<Record<string, unknown>>;
    get(siid: number, piid: number): {
        readonly code: number;
        readonly value?: unknown;
    };
    set(siid: number, piid: number, value: unknown): number;
    action(siid: number, aiid: number, input: readonly unknown[]): {
        readonly code: number;
        readonly out: readonly unknown[];
    };
}
export declare function miotMethods(spec: Spec, device: MiotDevice): MethodHandler;
