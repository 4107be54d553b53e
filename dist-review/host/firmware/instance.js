// One running copy of a flashed image: instantiated fresh at every boot, with
// its exports looked up once so the event path does no lookups.
import { FUEL_GLOBAL } from "../flash/meter.js";
export function instantiate(image, imports) {
    const instance = new WebAssembly.Instance(image.module, imports);
    const x = instance.exports;
    const fn = (name) => (typeof x[name] === "function" ? x[name] : null);
    const memory = x["memory"] instanceof WebAssembly.Memory ? x["memory"] : null;
    const fuel = x[FUEL_GLOBAL] instanceof WebAssembly.Global ? x[FUEL_GLOBAL] : null;
    const ptr = fn("sail_buffer");
    const size = fn("sail_buffer_size");
    return {
        buffer: ptr !== null && size !== null ? () => ({ ptr: ptr(), size: size() }) : null,
        start: fn("_start") ?? (() => { }),
        setup: fn("sail_setup") ?? (() => { }),
        event: fn("sail_event") ?? (() => 0),
        collect: fn("__collect"),
        memory,
        fuel,
    };
}
//# sourceMappingURL=instance.js.map