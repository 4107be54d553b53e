// Addressable LEDs (WS2812-class) through the RMT peripheral, as ESP-IDF's
// led_strip component drives them: set colours in a buffer, then `show()`
// sends them all (3 bytes an LED, G R B) and blocks for the frame's time,
// about 30 µs an LED plus the 50 µs reset. `onboardLed` drives whichever LED
// the board has: a plain one on a pin, or one WS2812.

import { board_led, gpio_mode, gpio_write, led_strip_write } from "./bindings";
import { GpioMode, GpioPull, LedKind } from "./abi";

export class LedStrip {
  private readonly grb: StaticArray<u8>;
  /** What the last show() returned: 0, ERR_NOT_FOUND (no free RMT channel). */
  status: i32 = 0;

  /** `count` LEDs on data pin `pin`, all off until the first show(). */
  constructor(readonly pin: i32, readonly count: i32) {
    this.grb = new StaticArray<u8>(count * 3);
  }

  /** LED `i` to red, green, blue (0..255 each); shown at the next show(). */
  set(i: i32, r: i32, g: i32, b: i32): void {
    if (<u32>i >= <u32>this.count) return;
    unchecked((this.grb[3 * i] = <u8>g));
    unchecked((this.grb[3 * i + 1] = <u8>r));
    unchecked((this.grb[3 * i + 2] = <u8>b));
  }

  /** LED `i` to a 0xRRGGBB colour. */
  setRgb(i: i32, rgb: u32): void {
    this.set(i, <i32>((rgb >> 16) & 0xff), <i32>((rgb >> 8) & 0xff), <i32>(rgb & 0xff));
  }

  /** Every LED to one 0xRRGGBB colour. */
  fill(rgb: u32): void {
    for (let i = 0; i < this.count; i++) this.setRgb(i, rgb);
  }

  /** Sends the colours to the LEDs. */
  show(): i32 {
    this.status = led_strip_write(this.pin, <i32>changetype<usize>(this.grb), this.count * 3);
    return this.status;
  }
}

/** The board's own LED, whatever kind it is. */
export namespace onboardLed {
  let info: i32 = -1;
  let output = false;
  /** One LED's G, R, B: static, so blinking allocates nothing. */
  const grb = memory.data(3);

  function kind(): i32 {
    if (info == -1) info = board_led();
    return info < 0 ? -1 : info >> 8;
  }

  /** Whether the board has an LED of its own. */
  export function present(): bool { return kind() >= 0; }

  /** The LED's GPIO, or -1. */
  export function gpio(): i32 { return kind() < 0 ? -1 : info & 0xff; }

  /** Lights the LED in a 0xRRGGBB colour (a plain LED is on for any colour but black). */
  export function setRgb(rgb: u32): void {
    const k = kind();
    if (k < 0) return;
    const pin = info & 0xff;
    if (k == LedKind.WS2812) {
      store<u8>(grb, <u8>(rgb >> 8));
      store<u8>(grb + 1, <u8>(rgb >> 16));
      store<u8>(grb + 2, <u8>rgb);
      led_strip_write(pin, <i32>grb, 3);
      return;
    }
    const on = rgb != 0;
    gpio_write(pin, (on ? 1 : 0) ^ (k == LedKind.GPIO_LOW ? 1 : 0));
    if (!output) {
      output = true;
      gpio_mode(pin, GpioMode.OUTPUT, GpioPull.NONE);
    }
  }

  /** On (white, or `rgb`) or off. */
  export function set(on: bool, rgb: u32 = 0xffffff): void { setRgb(on ? rgb : 0); }
}
