// A value as an error message quotes it: its JSON, or, for a value JSON
// cannot print (nested deeper than the stack, a bigint, a cycle), a few words
// saying what it is. Quoting a bad input must never become a second failure.

export function quoteValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "bigint") return value.toString();
  try {
    return JSON.stringify(value);
  } catch {
    return Array.isArray(value) ? "an array too deeply nested to print" : "an object too deeply nested to print";
  }
}
