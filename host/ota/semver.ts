// Version precedence as Semantic Versioning 2.0.0 §11 orders it: major, minor,
// patch numerically; a pre-release sorts before its release; build metadata
// (after "+") is ignored. Used for the downgrade check (docs/decisions.md D2).

import { defined } from "../defined.js";
const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

interface Parsed {
  readonly core: readonly [number, number, number];
  readonly pre: readonly string[];
}

export function isSemver(text: string): boolean {
  return SEMVER.test(text);
}

function parse(text: string): Parsed {
  const m = SEMVER.exec(text);
  if (m === null) throw new RangeError(`"${text}" is not a semantic version such as 1.2.0`);
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] === undefined ? [] : m[4].split(".") };
}

/** Pre-release identifiers (§11.4): numeric ones compare as numbers and sort before alphanumeric ones. */
function comparePre(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return (a.length === 0 ? 1 : 0) - (b.length === 0 ? 1 : 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) {
      const d = Number(x) - Number(y);
      if (d !== 0) return Math.sign(d);
    } else if (xn !== yn) return xn ? -1 : 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** −1, 0 or 1 as `a` is lower than, equal to or higher than `b`. Throws RangeError for a non-semver. */
export function compareSemver(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = defined(pa.core[i], "version part") - defined(pb.core[i], "version part");
    if (d !== 0) return Math.sign(d);
  }
  return comparePre(pa.pre, pb.pre);
}
