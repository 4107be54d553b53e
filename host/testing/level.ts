// A pin level as tests write it: 0, 1, true or false. Anything else is a
// mistake in the test (a 5, a "1") and is refused rather than read as 0.

import { SailError } from "../errors.js";
import type { Level } from "../trace/pin-trace.js";

export function levelOf(value: Level | boolean, where: string): Level {
  const v: unknown = value; // JavaScript callers may pass anything
  if (v === 1 || v === true) return 1;
  if (v === 0 || v === false) return 0;
  throw new SailError(`${where}: ${JSON.stringify(value)} is not a level; give 0, 1, true or false`);
}
