// Every 100 ms, 1,000 SPI transfers of a 4-byte frame (GPIO 4 high) or 100
// frames to 8 WS2812 LEDs (GPIO 4 low): the cost of one spi_transfer or one
// led_strip_write in the emulator.

import { Pin, Pull, Timer } from "../../../../assembly/sail";
import { led_strip_write, spi_bus_setup, spi_device_add, spi_transfer } from "../../../../assembly/sail/bindings";
export { sail_event, sail_abi_version } from "../../../../assembly/sail";

export const SPI_CALLS_PER_TICK: i32 = 1_000;
export const LED_CALLS_PER_TICK: i32 = 100;
const frame = memory.data(4);
const leds = memory.data(24);
let device: i32 = -1;

export function sail_setup(): void {
  const spiMode = new Pin(4).input(Pull.DOWN).read();
  if (spiMode) {
    spi_bus_setup(0, 18, -1, 19);
    device = spi_device_add(0, 5, 0, 4_000_000, 0);
    Timer.every(100, spiTick);
  } else {
    Timer.every(100, ledTick);
  }
}

function spiTick(): void {
  for (let i = 0; i < SPI_CALLS_PER_TICK; i++) spi_transfer(device, <i32>frame, <i32>frame, 4);
}

function ledTick(): void {
  for (let i = 0; i < LED_CALLS_PER_TICK; i++) {
    store<u8>(leds, <u8>i);
    led_strip_write(13, <i32>leds, 24);
  }
}
