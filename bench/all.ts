// npm run bench: prints every benchmark figure with its goal.

import { foundationFigures, type Figure } from "./foundation.js";

const mark = (f: Figure): string => (f.met === null ? " " : f.met ? "✓" : "✗");

process.stdout.write(`Sail benchmarks on ${process.platform}/${process.arch}, Node ${process.version}\n\n`);
await foundationFigures((f) => {
  process.stdout.write(`${mark(f)} ${f.name}\n    ${f.value}   goal ${f.goal}\n`);
});
