// The promise face of work done at once in virtual time: the board's and the
// test API's advance, runUntil and powerOn return promises (docs/decisions.md
// D63) while the clock runs synchronously. The body runs before this returns,
// as an async function's would, and a throw becomes a rejection.

export function settled(body: () => void): Promise<void> {
  try {
    body();
    return Promise.resolve();
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}
