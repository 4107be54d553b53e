export declare class SeededRandom {
    #private;
    constructor(seed: number);
    /** 32 random bits as an unsigned integer. */
    nextU32(): number;
    /** A float in [0, 1). */
    next(): number;
    /** An integer in [lo, hi]. */
    int(lo: number, hi: number): number;
}
