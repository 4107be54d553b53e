// The messages between `sail dev` and its page over the one WebSocket, as
// JSON. The server sends a description once per image ("hello"), then state
// changes batched per 50 ms ("batch"); the page sends inputs and time
// controls. web/dev.js reads and writes exactly these shapes.

import type { Spec } from "../miot/spec.js";
import type { DevSetup } from "./setup.js";

export interface PinView {
  readonly gpio: number;
  readonly io: "inout" | "input" | "output";
  readonly note: string | null;
  readonly reserved: string | null;
  /** The attenuation ranges of this pin's ADC channel, or null when it has none. */
  readonly adc: boolean;
}

export interface WorldView {
  readonly temperatureC: number;
  readonly outsideC: number;
  readonly humidityPct: number;
  readonly lux: number;
  readonly sky: number;
  readonly pm25: number;
  readonly heaterW: number;
}

export interface Hello {
  readonly type: "hello";
  readonly board: { readonly id: string; readonly name: string };
  readonly pins: readonly PinView[];
  readonly led: { readonly gpio: number; readonly activeHigh: boolean } | null;
  readonly buttons: readonly { readonly name: string; readonly gpio: number; readonly activeLow: boolean }[];
  /** ADC input ranges per attenuation, mV. */
  readonly adcRangeMv: readonly (readonly [number, number])[];
  readonly setup: DevSetup;
  readonly image: { readonly name: string; readonly version: string; readonly bytes: number } | null;
  readonly spec: Spec | null;
  /** Where miIO is served, or null. */
  readonly miio: { readonly host: string; readonly port: number; readonly token: string; readonly did: number } | null;
  readonly state: Batch;
}

export interface PinState {
  readonly level: 0 | 1;
  /** "in", "out" or "off" (not set up since reset). */
  readonly dir: "in" | "out" | "off";
  /** PWM duty 0..1 when a channel drives the pin, else null. */
  readonly duty: number | null;
  /** ADC attenuation the firmware set up, or null. */
  readonly atten: number | null;
  readonly mv: number;
  readonly driven: boolean;
  /** The colours (0xRRGGBB) of the addressable LEDs on this pin (a WS2812 chain), else null. */
  readonly leds: readonly number[] | null;
}

export interface Batch {
  readonly type: "batch";
  /** Virtual time, µs. */
  readonly nowUs: number;
  /** Wall time the batch was sent, ms since the epoch (the page measures its update latency from it). */
  readonly sentAt: number;
  readonly speed: number | "max";
  readonly paused: boolean;
  readonly boardState: string;
  /** Pins whose state changed since the last batch (all of them in a hello). */
  readonly pins: Readonly<Record<number, PinState>>;
  /** Level changes since the last batch, for the waveform strip: [timeUs, gpio, level or duty]. */
  readonly wave: readonly (readonly [number, number, number])[];
  /** Pin changes since the last batch that the wave did not carry (more than it keeps per batch). */
  readonly waveDropped: number;
  readonly logs: readonly {
    readonly timeUs: number;
    readonly level: string;
    readonly source: string;
    readonly text: string;
  }[];
  /** Property values seen since the last batch: "siid.piid" → value. */
  readonly props: Readonly<Record<string, unknown>>;
  readonly events: readonly {
    readonly timeUs: number;
    readonly siid: number;
    readonly eiid: number;
    readonly args: unknown;
  }[];
  readonly resets: readonly { readonly timeUs: number; readonly reason: string; readonly message: string }[];
  readonly world: WorldView;
  /** A build refused since the last batch (shown until the next good one), or null. */
  readonly buildError: string | null;
  /** A reload finished since the last batch: how long from the save to the new image running, ms. */
  readonly reloaded: { readonly ms: number; readonly image: string } | null;
}

/** What the page sends. */
export type Command =
  | { readonly type: "press" | "release"; readonly button: string }
  | { readonly type: "drive"; readonly gpio: number; readonly level: 0 | 1 | null }
  | { readonly type: "voltage"; readonly gpio: number; readonly mv: number }
  | { readonly type: "world"; readonly quantity: keyof typeof WORLD_QUANTITIES; readonly value: number }
  | { readonly type: "set"; readonly siid: number; readonly piid: number; readonly value: unknown }
  | { readonly type: "action"; readonly siid: number; readonly aiid: number; readonly input: readonly unknown[] }
  | { readonly type: "refresh" }
  | { readonly type: "speed"; readonly speed: number | "max" }
  | { readonly type: "pause" | "resume" }
  | { readonly type: "step"; readonly ms: number };

/** The answer to a command that was refused. */
export interface CommandError {
  readonly type: "error";
  readonly message: string;
}

/** The world's sliders: what each sets, and its range. */
export const WORLD_QUANTITIES = {
  temperatureC: { label: "room temperature", unit: "°C", min: -10, max: 40, step: 0.1 },
  outsideC: { label: "outside temperature", unit: "°C", min: -20, max: 40, step: 0.5 },
  humidityPct: { label: "relative humidity", unit: "%", min: 0, max: 100, step: 1 },
  sky: { label: "daylight (sky)", unit: "", min: 0, max: 1, step: 0.05 },
  pm25: { label: "PM2.5", unit: "µg/m³", min: 0, max: 500, step: 1 },
} as const;
