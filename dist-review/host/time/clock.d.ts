import { type Duration } from "./duration.js";
export interface Alarm {
    readonly at: number;
    cancelled: boolean;
}
export declare class VirtualClock {
    #private;
    /** Current virtual time in microseconds. */
    get now(): number;
    /** Time of the next pending alarm, or null. */
    get nextAt(): number | null;
    /** Schedules `fire` at absolute time `at` (clamped to now). */
    at(at: number, fire: () => void): Alarm;
    /** Schedules `fire` after `delayUs` microseconds. */
    after(delayUs: number, fire: () => void): Alarm;
    cancel(alarm: Alarm | null | undefined): void;
    /**
     * Moves time forward to `t` without firing anything; used while a firmware
     * handler runs or blocks, so alarms falling due meanwhile fire afterwards.
     */
    moveTo(t: number): void;
    /** Fires the next alarm due at or before `limit`. Returns false if none. */
    step(limit?: number): boolean;
    /** Runs everything due at or before now + d; time ends at least at now + d. */
    advance(d: Duration): void;
    /**
     * Runs alarms until `condition()` holds, checked before the first and after
     * each alarm. Throws TimeoutError if it does not hold within `timeout`.
     */
    runUntil(condition: () => boolean, timeout: Duration, what?: string): void;
}
