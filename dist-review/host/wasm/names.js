// Function names for panics and profiles, kept small: the shipped image holds
// a name section with only defined functions' names, each cut to its last two
// path segments ("../../assembly/sail/events/sail_event" -> "events/sail_event").
import { appendCustomSection, readWasm, removeCustomSections, uleb } from "./binary.js";
export function shortName(name) {
    return name.split("/").slice(-2).join("/");
}
/** Replaces the name section with a compact function-names-only one. */
export function compactNameSection(bytes) {
    const info = readWasm(bytes);
    if (info.functionNames.size === 0)
        return bytes;
    const encoder = new TextEncoder();
    const entries = [];
    let count = 0;
    for (const [index, name] of [...info.functionNames].sort((a, b) => a[0] - b[0])) {
        if (index < info.importedFunctionCount)
            continue;
        const n = encoder.encode(shortName(name));
        entries.push(...uleb(index), ...uleb(n.length), ...n);
        count++;
    }
    const body = [...uleb(count), ...entries];
    const sub = [1, ...uleb(body.length), ...body];
    return appendCustomSection(removeCustomSections(bytes, ["name"]), "name", new Uint8Array(sub));
}
//# sourceMappingURL=names.js.map