// LEDC PWM (ESP32 TRM ch. 14; ESP-IDF ledc.c). A channel runs at freq with a
// bits-bit duty; the driver's divider clk·256 / (freq·2^bits) must lie in
// 256..0x3FFFF, i.e. clk/1024 <= freq·2^bits <= clk. Duty 0..2^bits.
import { STATUS } from "../abi/table.js";
import { FirmwareFault } from "../board/faults.js";
const DIV_MIN = 256;
const DIV_MAX = 0x3ffff;
export class Pwm {
    ledc;
    canDrive;
    trace;
    now;
    #channels;
    constructor(ledc, canDrive, trace, now) {
        this.ledc = ledc;
        this.canDrive = canDrive;
        this.trace = trace;
        this.now = now;
        this.#channels = Array.from({ length: ledc.channels }, () => null);
    }
    // --- firmware face -------------------------------------------------------
    setup(gpio, freqHz, bits) {
        this.canDrive(gpio, "pwm_setup");
        if (bits < 1 || bits > this.ledc.maxBits || !this.#clockCanMake(freqHz, bits))
            return STATUS.ERR_INVALID_ARG;
        let channel = this.#channels.findIndex((c) => c?.gpio === gpio);
        if (channel < 0)
            channel = this.#channels.indexOf(null);
        if (channel < 0)
            return STATUS.ERR_NOT_FOUND;
        this.#channels[channel] = { gpio, freqHz, bits, duty: 0 };
        this.#record(channel);
        return channel;
    }
    setDuty(channel, duty) {
        const c = this.#channel(channel, "pwm_set_duty");
        if (duty < 0 || duty > 2 ** c.bits)
            return STATUS.ERR_INVALID_ARG;
        if (duty !== c.duty) {
            c.duty = duty;
            this.#record(channel);
        }
        return STATUS.OK;
    }
    setFreq(channel, freqHz) {
        const c = this.#channel(channel, "pwm_set_freq");
        if (!this.#clockCanMake(freqHz, c.bits))
            return STATUS.ERR_INVALID_ARG;
        if (freqHz !== c.freqHz) {
            c.freqHz = freqHz;
            this.#record(channel);
        }
        return STATUS.OK;
    }
    // --- test face -----------------------------------------------------------
    /** The channel driving `gpio`, or null. */
    onPin(gpio) {
        const channel = this.#channels.findIndex((c) => c?.gpio === gpio);
        return channel < 0 ? null : this.#view(channel);
    }
    /** Detaches whatever channel drives `gpio` (the pin went back to GPIO). */
    detach(gpio) {
        const channel = this.#channels.findIndex((c) => c?.gpio === gpio);
        if (channel >= 0)
            this.#stop(channel);
    }
    reset() {
        this.#channels.forEach((c, channel) => { if (c !== null)
            this.#stop(channel); });
    }
    /** Frees a channel; the trace shows its output stopping (duty 0, no frequency). */
    #stop(channel) {
        const gpio = this.#channels[channel].gpio;
        this.#channels[channel] = null;
        this.trace.record({ timeUs: this.now(), kind: "pwm", gpio, dutyFraction: 0, freqHz: 0 });
    }
    // -------------------------------------------------------------------------
    #clockCanMake(freqHz, bits) {
        if (freqHz <= 0)
            return false;
        const div = (this.ledc.clockHz * 256) / (freqHz * 2 ** bits);
        return div >= DIV_MIN && div <= DIV_MAX;
    }
    #channel(channel, call) {
        const c = this.#channels[channel];
        if (c === undefined || c === null) {
            throw new FirmwareFault(call, `PWM channel ${channel} was not set up (pwm_setup returns the channel to use)`);
        }
        return c;
    }
    #view(channel) {
        const c = this.#channels[channel];
        return { channel, gpio: c.gpio, freqHz: c.freqHz, bits: c.bits, duty: c.duty, dutyFraction: c.duty / 2 ** c.bits };
    }
    #record(channel) {
        const v = this.#view(channel);
        this.trace.record({ timeUs: this.now(), kind: "pwm", gpio: v.gpio, dutyFraction: v.dutyFraction, freqHz: v.freqHz });
    }
}
//# sourceMappingURL=pwm.js.map