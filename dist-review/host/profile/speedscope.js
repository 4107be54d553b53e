// Folded stacks as a speedscope file: one "sampled" profile whose samples are
// the unique stacks, weighted by their counts (speedscope file format,
// https://www.speedscope.app/file-format-schema.json, SampledProfile).
import { canonicalFolded } from "./folded.js";
export const SPEEDSCOPE_SCHEMA = "https://www.speedscope.app/file-format-schema.json";
/**
 * Identical stacks are merged and sorted as in `formatFolded`, then frames are
 * numbered in the order they are first met, so the file is deterministic.
 */
export function speedscopeProfile(stacks, options) {
    const frames = [];
    const index = new Map();
    const indexOf = (name) => {
        let i = index.get(name);
        if (i === undefined) {
            i = frames.length;
            index.set(name, i);
            frames.push({ name });
        }
        return i;
    };
    const samples = [];
    const weights = [];
    for (const s of canonicalFolded(stacks)) {
        samples.push(s.frames.map(indexOf));
        weights.push(s.count);
    }
    const total = weights.reduce((sum, w) => sum + w, 0);
    return {
        $schema: SPEEDSCOPE_SCHEMA,
        shared: { frames },
        profiles: [{ type: "sampled", name: options.name, unit: options.unit, startValue: 0, endValue: total, samples, weights }],
        name: options.name,
        activeProfileIndex: 0,
        exporter: "sail",
    };
}
//# sourceMappingURL=speedscope.js.map