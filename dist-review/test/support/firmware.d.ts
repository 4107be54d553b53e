export declare const ROOT: string;
/** The image of a project folder under the repository root, built once. */
export declare function firmware(project: string): Promise<Uint8Array>;
export declare const BLINK = "examples/blink";
export declare const BUTTON_LED = "examples/button-led";
export declare const FADE = "examples/fade";
export declare const FAULTS = "test/fixtures/faults";
export declare const SMART_LAMP = "examples/smart-lamp";
