// One mutated image on a board: flashed, then run for a bounded virtual time.
// The outcome is what the fuzzing suite and the mutated-image bench count:
// refused (a project error, naming the file), ran, reset with a recorded
// reason, or a host crash (anything thrown that is not a project error).
// Hangs are the pool's to catch (test/support/mutant-pool.ts): a run past
// its wall-time limit.

import { Board } from "../../host/board/board.js";
import { SailError } from "../../host/errors.js";

export type Outcome =
  | { readonly kind: "refused"; readonly message: string }
  | { readonly kind: "ran" }
  | { readonly kind: "reset"; readonly reasons: readonly string[] }
  | { readonly kind: "crash"; readonly message: string };

/** The board mutants run on (every example lists it). */
export const MUTANT_BOARD = "esp32-devkitc";
export const MUTANT_FILE = "mutant.wasm";

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : `a thrown ${typeof e}: ${String(e)}`;
}

/** A project error must name what it refuses: the file, or (past flashing) say what failed. */
function refusal(e: SailError): Outcome {
  if (/\[object Object\]/.test(e.message)) return { kind: "crash", message: `unreadable refusal: ${e.message}` };
  return { kind: "refused", message: e.message };
}

export async function runMutant(
  bytes: Uint8Array,
  virtualTime: string,
  drive: readonly number[] = [],
): Promise<Outcome> {
  const board = Board.load(MUTANT_BOARD, { seed: 1 });
  for (const gpio of drive) board.pin(gpio).drive(1);
  try {
    await board.flash(bytes, MUTANT_FILE);
  } catch (e) {
    if (e instanceof SailError) {
      if (!e.message.includes(MUTANT_FILE)) return { kind: "crash", message: `refusal without the file: ${e.message}` };
      return refusal(e);
    }
    return { kind: "crash", message: `flash: ${describe(e)}` };
  }
  try {
    await board.advance(virtualTime);
  } catch (e) {
    if (e instanceof SailError) return refusal(e);
    return { kind: "crash", message: `run: ${describe(e)}` };
  }
  const reasons = board.resets.filter((r) => r.reason !== "POWERON").map((r) => r.reason);
  for (const r of board.resets)
    if (r.reason !== "POWERON" && r.message === "")
      return { kind: "crash", message: `a ${r.reason} reset without a message` };
  return reasons.length === 0 ? { kind: "ran" } : { kind: "reset", reasons };
}
