// npm run bench: prints every benchmark figure with its goal.
import { foundationFigures } from "./foundation.js";
import { miotFigures } from "./miot.js";
import { profileFigures } from "./profile.js";
const mark = (f) => (f.met === null ? " " : f.met ? "✓" : "✗");
process.stdout.write(`Sail benchmarks on ${process.platform}/${process.arch}, Node ${process.version}\n\n`);
const report = (f) => {
    process.stdout.write(`${mark(f)} ${f.name}\n    ${f.value}   goal ${f.goal}\n`);
};
await foundationFigures(report);
await miotFigures(report);
await profileFigures(report);
//# sourceMappingURL=all.js.map