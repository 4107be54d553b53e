// Test-facing handles on a board's pins and buttons: read levels, drive pads
// from outside, press buttons (optionally with contact bounce).
export class PinHandle {
    board;
    gpio;
    constructor(board, gpio) {
        this.board = board;
        this.gpio = gpio;
    }
    /** The level on the pad now. */
    get level() {
        return this.board.gpio.level(this.gpio);
    }
    /** Drives the pad from outside at 0 or 1. */
    drive(level) {
        this.board.gpio.drive(this.gpio, level);
    }
    /** Stops driving the pad from outside. */
    release() {
        this.board.gpio.drive(this.gpio, null);
    }
    /** Rising, falling or all level changes recorded on this pin. */
    edges(direction = "any") {
        return this.board.trace.edges(this.gpio, direction);
    }
    /** The PWM channel driving this pin, or null. */
    get pwm() {
        return this.board.pwm.onPin(this.gpio);
    }
    /** Sets the voltage an ADC reading of this pin sees, in millivolts. */
    setVoltage(mv) {
        this.board.adc.setVoltage(this.gpio, mv);
    }
}
export class ButtonHandle {
    board;
    gpio;
    activeLow;
    #pin;
    constructor(board, gpio, activeLow) {
        this.board = board;
        this.gpio = gpio;
        this.activeLow = activeLow;
        this.#pin = new PinHandle(board, gpio);
    }
    get pressed() {
        return this.board.gpio.isDriven(this.gpio) && this.#pin.level === (this.activeLow ? 0 : 1);
    }
    /** Closes the contact now; with bounceUs the contact chatters first. */
    press(options = {}) {
        this.#settle(this.activeLow ? 0 : 1, options.bounceUs ?? 0, true);
    }
    /** Opens the contact now (the board's pull resistor takes the pad back). */
    release(options = {}) {
        this.#settle(this.activeLow ? 1 : 0, options.bounceUs ?? 0, false);
    }
    #settle(active, bounceUs, closing) {
        const finish = () => (closing ? this.#pin.drive(active) : this.#pin.release());
        if (bounceUs <= 0)
            return finish();
        const chatter = this.board.random.int(2, 5);
        const times = Array.from({ length: chatter * 2 }, () => this.board.random.int(0, bounceUs - 1)).sort((a, b) => a - b);
        const other = active === 1 ? 0 : 1;
        const start = this.board.clock.now;
        times.forEach((t, i) => {
            this.board.clock.at(start + t, () => this.#pin.drive(i % 2 === 0 ? active : other));
        });
        this.board.clock.at(start + bounceUs, finish);
    }
}
//# sourceMappingURL=handles.js.map