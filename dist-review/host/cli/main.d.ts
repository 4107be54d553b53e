#!/usr/bin/env node
export interface OptionSpec {
    readonly type: "string" | "boolean";
    readonly description: string;
    /** Placeholder shown in help for string options, e.g. "id", "duration". */
    readonly value?: string;
}
export interface Command {
    readonly summary: string;
    readonly usage: string;
    readonly options: Readonly<Record<string, OptionSpec>>;
    readonly run: (values: Readonly<Record<string, string | boolean | undefined>>, positionals: readonly string[]) => Promise<number>;
}
