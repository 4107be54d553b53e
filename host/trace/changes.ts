// One stream of a board's state changes: pin levels, PWM duty/frequency, log
// lines and resets, published once as they happen. The pin trace (which the
// VCD writer reads), board.logs and board.resets (each keeping its newest
// entries, kept.ts), onLog, sleep's pin wake, world actuators and sail run's
// --trace and --vcd files subscribe to it; a browser view would the same way.

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

/** A listener for log lines only (subscribe it to the "logs" topic). */
export function logLines(listener: (line: LogLine) => void): ChangeListener {
  return (c) => {
    if (c.kind === "log") listener(c.line);
  };
}

/** What a listener may ask for: every change, or one kind of change. */
export type ChangeTopic = "all" | "pins" | "logs" | "resets";

export class Changes {
  // One list per topic, each in subscription order; an "all" listener is on every list. A publish then walks
  // only the listeners of its topic: a pin change does not call the log listeners.
  #pins: readonly ChangeListener[] = [];
  #logs: readonly ChangeListener[] = [];
  #resets: readonly ChangeListener[] = [];

  /**
   * Calls `listener` for every change of `topic` from now on, in publication
   * order (and after the listeners subscribed before it). Returns the
   * unsubscribe.
   */
  subscribe(listener: ChangeListener, topic: ChangeTopic = "all"): () => void {
    const on = (t: ChangeTopic): boolean => topic === "all" || topic === t;
    if (on("pins")) this.#pins = [...this.#pins, listener];
    if (on("logs")) this.#logs = [...this.#logs, listener];
    if (on("resets")) this.#resets = [...this.#resets, listener];
    return () => {
      this.#pins = this.#pins.filter((l) => l !== listener);
      this.#logs = this.#logs.filter((l) => l !== listener);
      this.#resets = this.#resets.filter((l) => l !== listener);
    };
  }

  /** Calls `listener` for every log line from now on; returns the unsubscribe. */
  onLog(listener: (line: LogLine) => void): () => void {
    return this.subscribe(logLines(listener), "logs");
  }

  /** Whether anyone listens to pin changes (every Board's pin trace does), so a change nobody reads can be skipped. */
  get listened(): boolean {
    return this.#pins.length > 0;
  }

  /** A pin level or PWM change: the hot path (a pin write), straight to the pin listeners. */
  publishPin(change: TraceEntry): void {
    const listeners = this.#pins;
    for (let i = 0; i < listeners.length; i++) (listeners[i] as ChangeListener)(change);
  }

  publish(change: Change): void {
    // Lists are replaced, never changed, on (un)subscribe: a listener that unsubscribes during publish is safe.
    const listeners = change.kind === "log" ? this.#logs : change.kind === "reset" ? this.#resets : this.#pins;
    for (let i = 0; i < listeners.length; i++) (listeners[i] as ChangeListener)(change);
  }
}
