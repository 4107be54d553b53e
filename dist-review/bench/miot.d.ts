import type { Figure } from "./foundation.js";
export declare function miotFigures(report: (f: Figure) => void): Promise<void>;
