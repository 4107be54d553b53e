// Digital pins. Configuration errors the board can name (a pin it lacks,
// output on an input-only pin) reset the board with a panic naming the pin.

import { gpio_mode, gpio_read, gpio_watch, gpio_write } from "./bindings";
import { GpioEdge, GpioMode, GpioPull } from "./abi";
import { EdgeCallback, setEdgeCallback } from "./events";

export { GpioEdge as Edge, GpioPull as Pull };

export class Pin {
  constructor(readonly gpio: i32) {}

  /** Push-pull output, starting at `level`. */
  output(level: bool = false): Pin {
    gpio_write(this.gpio, level ? 1 : 0);
    gpio_mode(this.gpio, GpioMode.OUTPUT, GpioPull.NONE);
    return this;
  }

  /** Open-drain output (drives low, floats high), starting released. */
  openDrain(pull: i32 = GpioPull.NONE): Pin {
    gpio_write(this.gpio, 1);
    gpio_mode(this.gpio, GpioMode.OUTPUT_OD, pull);
    return this;
  }

  /** Input with an optional internal pull (Pull.UP, Pull.DOWN). */
  input(pull: i32 = GpioPull.NONE): Pin {
    gpio_mode(this.gpio, GpioMode.INPUT, pull);
    return this;
  }

  write(level: bool): void { gpio_write(this.gpio, level ? 1 : 0); }
  high(): void { gpio_write(this.gpio, 1); }
  low(): void { gpio_write(this.gpio, 0); }
  toggle(): void { gpio_write(this.gpio, gpio_read(this.gpio) ^ 1); }

  /** The level on the pad. */
  read(): bool { return gpio_read(this.gpio) != 0; }

  /** Calls `callback` on Edge.RISING, Edge.FALLING or Edge.ANY. */
  onEdge(edges: i32, callback: EdgeCallback): void {
    setEdgeCallback(this.gpio, callback);
    gpio_watch(this.gpio, edges, this.gpio);
  }

  /** Stops edge callbacks. */
  unwatch(): void {
    gpio_watch(this.gpio, GpioEdge.NONE, this.gpio);
    setEdgeCallback(this.gpio, null);
  }
}
