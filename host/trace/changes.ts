// One stream of a board's state changes: pin levels, PWM duty/frequency, log
// lines and resets, published once as they happen. The pin trace, the VCD
// (through the trace), onLog, the CLI and a browser view subscribe to it.

import type { ResetRecord } from "../firmware/faults.js";
import type { TraceEntry } from "./pin-trace.js";

export type LogLevel = "E" | "W" | "I" | "D" | "V";

export interface LogLine {
  readonly timeUs: number;
  readonly level: LogLevel;
  /** "app" for firmware logs, "board" for what the board itself reports. */
  readonly source: "app" | "board";
  readonly text: string;
}

export type Change =
  | TraceEntry
  | { readonly timeUs: number; readonly kind: "log"; readonly line: LogLine }
  | { readonly timeUs: number; readonly kind: "reset"; readonly record: ResetRecord };

export type ChangeListener = (change: Change) => void;

/** A listener for log lines only. */
export function logLines(listener: (line: LogLine) => void): ChangeListener {
  return (c) => {
    if (c.kind === "log") listener(c.line);
  };
}

export class Changes {
  #listeners: readonly ChangeListener[] = [];

  /**
   * Calls `listener` for every change from now on, in publication order (and
   * after the listeners subscribed before it). Returns the unsubscribe.
   */
  subscribe(listener: ChangeListener): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  /** Whether anyone listens: publishers may skip building a change nobody reads. */
  get listened(): boolean {
    return this.#listeners.length > 0;
  }

  publish(change: Change): void {
    // The array is replaced, never changed, on (un)subscribe: a listener that unsubscribes during publish is safe.
    const listeners = this.#listeners;
    for (let i = 0; i < listeners.length; i++) (listeners[i] as ChangeListener)(change);
  }
}
