// Real-time pacing for interactive runs: virtual time follows the wall clock
// (1 s of virtual time per second), advanced in small steps.
const STEP_MS = 10;
/** Advances `clock` in step with wall time until `untilUs` (or forever) or until aborted. */
export async function runPaced(clock, untilUs, signal) {
    const wallStart = performance.now();
    const virtualStart = clock.now;
    while (!signal.aborted && (untilUs === null || clock.now < untilUs)) {
        await new Promise((resolve) => setTimeout(resolve, STEP_MS));
        const target = virtualStart + Math.floor((performance.now() - wallStart) * 1000);
        clock.advance(Math.max(0, (untilUs === null ? target : Math.min(target, untilUs)) - clock.now));
    }
}
//# sourceMappingURL=pacer.js.map