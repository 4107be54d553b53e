import type { Figure } from "./foundation.js";
export declare function profileFigures(report: (f: Figure) => void): Promise<void>;
