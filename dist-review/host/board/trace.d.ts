export type Level = 0 | 1;
export type TraceEntry = {
    readonly timeUs: number;
    readonly kind: "level";
    readonly gpio: number;
    readonly level: Level;
} | {
    readonly timeUs: number;
    readonly kind: "pwm";
    readonly gpio: number;
    readonly dutyFraction: number;
    readonly freqHz: number;
};
export declare class PinTrace {
    #private;
    readonly entries: TraceEntry[];
    onEntry(listener: (e: TraceEntry) => void): void;
    record(e: TraceEntry): void;
    /** Level changes of one pin, optionally only rising (to 1) or falling (to 0). */
    edges(gpio: number, direction?: "rising" | "falling" | "any"): {
        timeUs: number;
        level: Level;
    }[];
    /** PWM changes of one pin. */
    pwm(gpio: number): {
        timeUs: number;
        dutyFraction: number;
        freqHz: number;
    }[];
    clear(): void;
}
