// One stream of a board's state changes: pin levels, PWM duty/frequency, log
// lines and resets, published once as they happen. The pin trace (which the
// VCD writer reads), board.logs and board.resets (each keeping its newest
// entries, kept.ts), onLog, sleep's pin wake, world actuators and sail run's
// --trace and --vcd files subscribe to it; a browser view would the same way.

import type { ResetRecord } from "../firmware/faults.js";
import type { Level, TraceEntry } from "./pin-trace.js";

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

/**
 * A pin change as plain numbers, for the board's own recorders (its pin trace,
 * sleep's pin wake): they are called before the listeners, and a change that
 * only they hear allocates nothing (a pin storm is the board's hottest path).
 */
export interface PinSink {
  level(timeUs: number, gpio: number, level: Level): void;
  pwm(timeUs: number, gpio: number, dutyFraction: number, freqHz: number): void;
  /** A chain of addressable LEDs on `gpio` latched `colours` (0xRRGGBB each): rare, so an array is fine. */
  leds(timeUs: number, gpio: number, colours: readonly number[]): void;
}

export class Changes {
  #sinks: readonly PinSink[] = [];
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

  /** Adds one of the board's own recorders, called for every pin change from now on, before the listeners. */
  addSink(sink: PinSink): void {
    this.#sinks = [...this.#sinks, sink];
  }

  /** Whether anyone hears pin changes (every Board's pin trace does), so a change nobody reads can be skipped. */
  get listened(): boolean {
    return this.#sinks.length > 0 || this.#pins.length > 0;
  }

  /** A pin's level changed: the hot path (a pin write). The change is made an object only if a listener wants one. */
  publishLevel(timeUs: number, gpio: number, level: Level): void {
    const sinks = this.#sinks;
    for (let i = 0; i < sinks.length; i++) (sinks[i] as PinSink).level(timeUs, gpio, level);
    if (this.#pins.length > 0) this.#toListeners(this.#pins, { timeUs, kind: "level", gpio, level });
  }

  /** A pin's PWM duty or frequency changed (both 0: the output stopped). */
  publishPwm(timeUs: number, gpio: number, dutyFraction: number, freqHz: number): void {
    const sinks = this.#sinks;
    for (let i = 0; i < sinks.length; i++) (sinks[i] as PinSink).pwm(timeUs, gpio, dutyFraction, freqHz);
    if (this.#pins.length > 0) this.#toListeners(this.#pins, { timeUs, kind: "pwm", gpio, dutyFraction, freqHz });
  }

  /** The LEDs on `gpio` latched new colours (a frame at most every 50 µs, so not a hot path). */
  publishLeds(timeUs: number, gpio: number, colours: readonly number[]): void {
    for (const sink of this.#sinks) sink.leds(timeUs, gpio, colours);
    if (this.#pins.length > 0) this.#toListeners(this.#pins, { timeUs, kind: "leds", gpio, colours });
  }

  publish(change: Change): void {
    if (change.kind === "level") this.publishLevel(change.timeUs, change.gpio, change.level);
    else if (change.kind === "pwm") this.publishPwm(change.timeUs, change.gpio, change.dutyFraction, change.freqHz);
    else if (change.kind === "leds") this.publishLeds(change.timeUs, change.gpio, change.colours);
    else this.#toListeners(change.kind === "log" ? this.#logs : this.#resets, change);
  }

  #toListeners(listeners: readonly ChangeListener[], change: Change): void {
    // Lists are replaced, never changed, on (un)subscribe: a listener that unsubscribes during publish is safe.
    for (let i = 0; i < listeners.length; i++) (listeners[i] as ChangeListener)(change);
  }
}
