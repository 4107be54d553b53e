// `sail abi`: writes what derives from the ABI table.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { assemblyScriptBindings, assemblyScriptConstants, cHeader, markdownReference } from "../abi/generate.js";
import { note } from "./format.js";
export const abiCommand = {
    summary: "print or write the ABI: C header, AssemblyScript bindings, Markdown reference",
    usage: "sail abi --header [file] | --assemblyscript <dir> | --markdown",
    options: {
        header: { type: "boolean", description: "the C header for the on-board runtime (to the file given, or stdout)" },
        assemblyscript: { type: "string", value: "dir", description: "write bindings.ts and abi.ts into this SDK folder" },
        markdown: { type: "boolean", description: "the reference tables in Markdown" },
    },
    async run(values, positionals) {
        if (values["header"]) {
            const file = positionals[0];
            if (file === undefined)
                process.stdout.write(cHeader());
            else {
                await writeFile(file, cHeader());
                note(`wrote ${file}`);
            }
            return 0;
        }
        const dir = values["assemblyscript"];
        if (typeof dir === "string") {
            await writeFile(join(dir, "bindings.ts"), assemblyScriptBindings());
            await writeFile(join(dir, "abi.ts"), assemblyScriptConstants());
            note(`wrote ${join(dir, "bindings.ts")} and ${join(dir, "abi.ts")}`);
            return 0;
        }
        if (values["markdown"]) {
            console.log(markdownReference());
            return 0;
        }
        note("sail abi: say what to write: --header [file], --assemblyscript <dir> or --markdown");
        return 2;
    },
};
//# sourceMappingURL=abi.js.map