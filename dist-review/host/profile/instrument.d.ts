export declare const PROFILE_MODULE = "sail_prof";
export interface ProfiledCode {
    readonly bytes: Uint8Array;
    /** Names of the instrumented functions, by the id passed to enter/exit. */
    readonly names: readonly string[];
}
export declare function instrumentForProfile(code: Uint8Array, file: string): Promise<ProfiledCode>;
