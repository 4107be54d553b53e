// The part of binaryen.js Sail uses, typed as the runtime really behaves (its
// bundled .d.ts disagrees: readBinary takes features as a 2nd argument, the
// Block/Loop/If wrapper classes are missing, i64.const takes one BigInt).
// Loaded lazily: importing binaryen takes a few hundred milliseconds.
let loaded = null;
export async function loadBinaryen() {
    if (loaded === null) {
        const mod = await import("binaryen");
        loaded = mod.default;
    }
    return loaded;
}
/** An operator constant such as `ExtendS8Int32`, checked to exist. */
export function opConstant(b, name) {
    const v = b[name];
    if (typeof v !== "number")
        throw new Error(`binaryen has no operator ${name}`);
    return v;
}
/**
 * Runs `fn` with binaryen's console output captured: validation prints
 * straight to stdout/stderr. Returns what it printed.
 */
export function captureOutput(fn) {
    const chunks = [];
    const out = process.stdout.write;
    const err = process.stderr.write;
    const sink = ((chunk) => {
        chunks.push(typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk));
        return true;
    });
    process.stdout.write = sink;
    process.stderr.write = sink;
    try {
        return { result: fn(), output: chunks.join("") };
    }
    finally {
        process.stdout.write = out;
        process.stderr.write = err;
    }
}
//# sourceMappingURL=binaryen.js.map