// What the miIO session layer is handed instead of sockets and wall time
// (docs/reference/miot-protocol.md §1 transport, §3 timeouts): a datagram transport
// and a timer source, so the same client runs on real UDP or a virtual LAN.

/** A UDP-like socket: unreliable, unordered, addresses written "host:port". */
export interface DatagramTransport {
  /** Sends one datagram; an unreachable address loses it silently, as UDP does. */
  send(bytes: Uint8Array, to: string): void;
  /** Adds a handler for every datagram received, with the sender's "host:port". */
  onReceive(handler: (bytes: Uint8Array, from: string) => void): void;
  close(): void;
}

/** Timers in milliseconds: real ones, or a VirtualClock's (see virtual-lan.ts). */
export interface Timers {
  /** Calls `fn` once after `ms`; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
  /** A monotonic time in ms; only differences are meaningful. */
  nowMs(): number;
}

/** Wall-clock timers: setTimeout for alarms, performance.now() (monotonic, never Date) for time. */
export const realTimers: Timers = {
  after(ms, fn) {
    const handle = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(handle);
  },
  nowMs: () => performance.now(),
};
