// One virtual clock per board (or per home): a discrete-event queue in integer
// microseconds. Parts schedule alarms; nothing polls and nothing reads wall
// time. Alarms at the same instant fire in the order they were scheduled.
import { TimeoutError } from "../errors.js";
import { formatDuration, toMicros } from "./duration.js";
export class VirtualClock {
    #now = 0;
    #seq = 0;
    #heap = [];
    /** Current virtual time in microseconds. */
    get now() {
        return this.#now;
    }
    /** Time of the next pending alarm, or null. */
    get nextAt() {
        this.#dropCancelled();
        return this.#heap[0]?.at ?? null;
    }
    /** Schedules `fire` at absolute time `at` (clamped to now). */
    at(at, fire) {
        const entry = { at: Math.max(at, this.#now), seq: this.#seq++, fire, cancelled: false };
        this.#push(entry);
        return entry;
    }
    /** Schedules `fire` after `delayUs` microseconds. */
    after(delayUs, fire) {
        return this.at(this.#now + delayUs, fire);
    }
    cancel(alarm) {
        if (alarm)
            alarm.cancelled = true;
    }
    /**
     * Moves time forward to `t` without firing anything; used while a firmware
     * handler runs or blocks, so alarms falling due meanwhile fire afterwards.
     */
    moveTo(t) {
        if (t > this.#now)
            this.#now = t;
    }
    /** Fires the next alarm due at or before `limit`. Returns false if none. */
    step(limit = Infinity) {
        this.#dropCancelled();
        const next = this.#heap[0];
        if (next === undefined || next.at > limit)
            return false;
        this.#pop();
        if (next.at > this.#now)
            this.#now = next.at;
        next.cancelled = true;
        next.fire();
        return true;
    }
    /** Runs everything due at or before now + d; time ends at least at now + d. */
    advance(d) {
        const target = this.#now + toMicros(d);
        while (this.step(target)) { /* fire in order */ }
        this.moveTo(target);
    }
    /**
     * Runs alarms until `condition()` holds, checked before the first and after
     * each alarm. Throws TimeoutError if it does not hold within `timeout`.
     */
    runUntil(condition, timeout, what = "condition") {
        const timeoutUs = toMicros(timeout);
        const deadline = this.#now + timeoutUs;
        if (condition())
            return;
        while (this.step(deadline)) {
            if (condition())
                return;
        }
        this.moveTo(deadline);
        throw new TimeoutError(`${what} did not hold within ${formatDuration(timeoutUs)} of virtual time`);
    }
    #push(e) {
        const h = this.#heap;
        h.push(e);
        let i = h.length - 1;
        while (i > 0) {
            const p = (i - 1) >> 1;
            if (!before(e, h[p]))
                break;
            h[i] = h[p];
            i = p;
        }
        h[i] = e;
    }
    #pop() {
        const h = this.#heap;
        const last = h.pop();
        if (h.length === 0)
            return;
        let i = 0;
        for (;;) {
            const l = 2 * i + 1;
            if (l >= h.length)
                break;
            const r = l + 1;
            const c = r < h.length && before(h[r], h[l]) ? r : l;
            if (!before(h[c], last))
                break;
            h[i] = h[c];
            i = c;
        }
        h[i] = last;
    }
    #dropCancelled() {
        while (this.#heap[0]?.cancelled)
            this.#pop();
    }
}
function before(a, b) {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
//# sourceMappingURL=clock.js.map