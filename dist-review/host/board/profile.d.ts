import { type WasmFeature } from "../flash/features.js";
export interface PinProfile {
    readonly gpio: number;
    /** "inout" pads can drive; "input" pads cannot (ESP32 GPIO 34–39). */
    readonly io: "inout" | "input";
    readonly pulls: boolean;
    readonly adc: {
        readonly unit: number;
        readonly channel: number;
    } | null;
    /** Level the chip latches at reset when this is a strapping pin, else null. */
    readonly strap: 0 | 1 | null;
    /** Why the pin cannot be used at all (e.g. "SPI flash"), else null. */
    readonly reserved: string | null;
    readonly note: string | null;
}
export interface CostModel {
    readonly cyclesPerInstruction: number;
    readonly cyclesPerCall: number;
    readonly cyclesPerHostCall: number;
    readonly source: string;
}
export interface BoardProfile {
    readonly file: string;
    readonly id: string;
    readonly name: string;
    readonly chip: {
        readonly model: string;
        readonly arch: string;
        readonly cpuMhz: number;
        readonly sramBytes: number;
        readonly flashBytes: number;
    };
    readonly pins: ReadonlyMap<number, PinProfile>;
    readonly adc: {
        readonly bits: number;
        readonly units: readonly number[];
        readonly rangeMv: readonly (readonly [number, number])[];
    };
    readonly ledc: {
        readonly channels: number;
        readonly maxBits: number;
        readonly clockHz: number;
    };
    readonly app: {
        readonly ramBytes: number;
        readonly partition: {
            readonly name: string;
            readonly offset: number;
            readonly size: number;
        };
    };
    readonly interpreter: {
        readonly engine: string;
        readonly version: string;
        readonly features: readonly WasmFeature[];
        readonly cost: CostModel;
        readonly nativeStackBytesPerFrame: number;
        readonly taskStackBytes: number;
    };
    /** Task watchdog; boot-loop rule; time from a reset to the firmware's setup. */
    readonly watchdog: {
        readonly timeoutMs: number;
        readonly bootLoopResets: number;
        readonly stableAfterMs: number;
        readonly rebootMs: number;
    };
    readonly led: {
        readonly gpio: number;
        readonly activeHigh: boolean;
    } | null;
    readonly buttons: readonly {
        readonly name: string;
        readonly gpio: number;
        readonly activeLow: boolean;
    }[];
}
/** The folder of profiles shipped with Sail. */
export declare const BOARDS_DIR: string;
/** Lists the ids of the shipped profiles. */
export declare function listBoardIds(dir?: string): string[];
/** Loads a profile by id (from boards/) or by path to a .json file. */
export declare function loadBoardProfile(idOrPath: string, dir?: string): BoardProfile;
export declare function parseBoardProfile(json: unknown, file: string): BoardProfile;
