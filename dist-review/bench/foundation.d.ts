export interface Figure {
    readonly name: string;
    readonly value: string;
    readonly goal: string;
    readonly met: boolean | null;
}
export declare function foundationFigures(report: (f: Figure) => void): Promise<void>;
