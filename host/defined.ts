// A checked lookup for values the code's own logic guarantees (an index in range, an entry it just stored): where
// `x!` would only assume it, `defined(x, what)` says which invariant broke if it ever does.

/** `value`, or an Error naming `what` when it is undefined or null. */
export function defined<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`internal error: ${what} is missing`);
  return value;
}
