/** The package root (compiled code lives in dist/host/). */
export declare const PACKAGE_ROOT: string;
