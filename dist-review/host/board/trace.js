// The board's record of pin activity: level changes only (a pin set to its
// current level is no edge), and PWM as duty/frequency changes.
export class PinTrace {
    entries = [];
    #listeners = [];
    onEntry(listener) {
        this.#listeners.push(listener);
    }
    record(e) {
        this.entries.push(e);
        for (const l of this.#listeners)
            l(e);
    }
    /** Level changes of one pin, optionally only rising (to 1) or falling (to 0). */
    edges(gpio, direction = "any") {
        const out = [];
        for (const e of this.entries) {
            if (e.kind !== "level" || e.gpio !== gpio)
                continue;
            if (direction === "rising" && e.level !== 1)
                continue;
            if (direction === "falling" && e.level !== 0)
                continue;
            out.push({ timeUs: e.timeUs, level: e.level });
        }
        return out;
    }
    /** PWM changes of one pin. */
    pwm(gpio) {
        const out = [];
        for (const e of this.entries)
            if (e.kind === "pwm" && e.gpio === gpio)
                out.push(e);
        return out;
    }
    clear() {
        this.entries.length = 0;
    }
}
//# sourceMappingURL=trace.js.map