import { type FlashedImage } from "../flash/flash.js";
import { Cpu } from "../firmware/cpu.js";
import { Adc } from "../peripherals/adc.js";
import { Gpio } from "../peripherals/gpio.js";
import { Pwm } from "../peripherals/pwm.js";
import { Timers } from "../peripherals/timers.js";
import { VirtualClock } from "../time/clock.js";
import { type Duration } from "../time/duration.js";
import { type ResetReason, type ResetRecord } from "./faults.js";
import { ButtonHandle, PinHandle } from "./handles.js";
import { BoardMiot, type MiotIdentity } from "./miot.js";
import { Profiler } from "../profile/profiler.js";
import { type BoardProfile } from "./profile.js";
import { SeededRandom } from "./random.js";
import { PinTrace } from "./trace.js";
export type LogLevel = "E" | "W" | "I" | "D" | "V";
export interface LogLine {
    readonly timeUs: number;
    readonly level: LogLevel;
    /** "app" for firmware logs, "board" for what the board itself reports. */
    readonly source: "app" | "board";
    readonly text: string;
}
export interface BoardOptions {
    /** Seed for every random choice on this board (default 1). */
    readonly seed?: number;
    /** Called for every log line as it happens. */
    readonly onLog?: (line: LogLine) => void;
    /** Device identity for MIoT; missing parts are drawn from the seed, as on first boot. */
    readonly identity?: Partial<MiotIdentity>;
    /** Instrument flashed images for the profiler (emulator only; slower). */
    readonly profile?: boolean;
}
export type BoardState = "off" | "running" | "halted";
export declare class Board {
    #private;
    readonly profile: BoardProfile;
    readonly clock: VirtualClock;
    readonly trace: PinTrace;
    readonly logs: LogLine[];
    readonly resets: ResetRecord[];
    readonly gpio: Gpio;
    readonly pwm: Pwm;
    readonly adc: Adc;
    readonly timers: Timers;
    readonly random: SeededRandom;
    readonly cpu: Cpu;
    state: BoardState;
    /** Why the board last reset. */
    resetReason: ResetReason;
    /** Events delivered to the firmware since power-on. */
    eventsDelivered: number;
    /** did, token and MAC: the board's, not the image's (they live in its flash). */
    readonly identity: MiotIdentity;
    /** Most linear memory the firmware has had, in bytes. */
    memoryHighWater: number;
    static load(profile: string | BoardProfile, options?: BoardOptions): Board;
    constructor(profile: BoardProfile, options?: BoardOptions);
    /** Current virtual time in µs (inside a handler: including the time it used so far). */
    get now(): number;
    get image(): FlashedImage | null;
    /** Validates and flashes an image (bytes or a path), then powers the board on. */
    flash(image: Uint8Array | string, file?: string): Promise<FlashedImage>;
    /** Power-on reset: boots the flashed image from scratch. */
    powerOn(): void;
    /** Runs everything due within `d` of virtual time. */
    advance(d: Duration): Promise<void>;
    /** Runs until `condition()` holds; throws TimeoutError after `timeout`. */
    runUntil(condition: () => boolean, timeout: Duration, what?: string): Promise<void>;
    pin(gpio: number): PinHandle;
    button(name: string): ButtonHandle;
    /** Whether the on-board LED is lit, or null if the board has none. */
    get ledOn(): boolean | null;
    log(level: LogLevel, text: string, source?: "app" | "board"): void;
    /**
     * One past the highest non-zero byte of the firmware's linear memory: memory
     * starts zeroed and every allocator writes headers, so this bounds what has
     * ever been used, whatever the runtime (0 when nothing runs).
     */
    memoryUsedHighWater(): number;
    /** The profiler, when the board was created with `profile: true` and an image is flashed. */
    get profiler(): Profiler | null;
    /** MIoT over this board: null unless the flashed image carries a spec. */
    get miot(): BoardMiot | null;
    /** Runs `action` after `d` of virtual time: for scripting inputs in tests. */
    after(d: Duration, action: () => void): void;
}
