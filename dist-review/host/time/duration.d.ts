export type Duration = string | number;
/** Parses a duration into whole microseconds (rounded). */
export declare function toMicros(d: Duration): number;
/** Formats µs as seconds with microsecond precision, e.g. "12.000500". */
export declare function formatSeconds(us: number): string;
/** A short human reading of a duration, e.g. "1.5 s", "250 µs". */
export declare function formatDuration(us: number): string;
