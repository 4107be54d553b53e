export declare class SailError extends Error {
    name: string;
}
/** A board profile that cannot be used: names the file, the field and what is allowed. */
export declare class ProfileError extends SailError {
    readonly file: string;
    readonly field: string;
    name: string;
    constructor(file: string, field: string, problem: string);
}
/** A firmware image the board refuses to flash. */
export declare class ImageError extends SailError {
    readonly file: string;
    name: string;
    constructor(file: string, problem: string);
}
/** A wait in virtual time that ran out. */
export declare class TimeoutError extends SailError {
    name: string;
}
/** A build of AssemblyScript sources that failed. */
export declare class BuildError extends SailError {
    name: string;
}
