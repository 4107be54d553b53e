export declare function shortName(name: string): string;
/** Replaces the name section with a compact function-names-only one. */
export declare function compactNameSection(bytes: Uint8Array): Uint8Array;
