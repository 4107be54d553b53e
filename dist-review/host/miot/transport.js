// What the miIO session layer is handed instead of sockets and wall time
// (reference/miot-protocol.md §1 transport, §3 timeouts): a datagram transport
// and a timer source, so the same client runs on real UDP or a virtual LAN.
/** Wall-clock timers: setTimeout for alarms, performance.now() (monotonic, never Date) for time. */
export const realTimers = {
    after(ms, fn) {
        const handle = setTimeout(fn, Math.max(0, ms));
        return () => clearTimeout(handle);
    },
    nowMs: () => performance.now(),
};
//# sourceMappingURL=transport.js.map