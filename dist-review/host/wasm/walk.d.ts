import type { Binaryen, ExpressionInfo, ExpressionRef } from "./binaryen.js";
export interface Walker {
    readonly idName: (id: number) => string;
    /** Child expressions of `e`, in evaluation order. Null for unknown kinds. */
    readonly children: (e: ExpressionRef, info?: ExpressionInfo) => ExpressionRef[] | null;
    /** Info of `e` (binaryen throws for Nop and Unreachable; those get a stub). */
    readonly info: (e: ExpressionRef) => ExpressionInfo;
}
export declare function makeWalker(b: Binaryen): Walker;
