// The chip's peripherals built from a board profile: the pin mux, GPIO pads,
// PWM, ADC, timers, sleep, I2C, UART, SPI and RMT, each given the same host shape
// (board time, the change stream, warnings), and their events routed to the
// firmware through one `event` callback.

import { EVENT_KIND, MAX_TIMERS } from "../abi/table.js";
import type { BoardProfile } from "../boards/profile.js";
import { partSeed, type PartHost } from "../parts/part.js";
import { Adc } from "../peripherals/adc.js";
import { Gpio } from "../peripherals/gpio.js";
import { I2cBus } from "../peripherals/i2c.js";
import { PinMux } from "../peripherals/pin-mux.js";
import { Pwm } from "../peripherals/pwm.js";
import { Rmt } from "../peripherals/rmt.js";
import { SpiBus } from "../peripherals/spi.js";
import { Timers } from "../peripherals/timers.js";
import { Uart } from "../peripherals/uart.js";
import { Sleep, type SleepDepth } from "../power/sleep.js";
import type { VirtualClock } from "../time/clock.js";
import type { Changes } from "../trace/changes.js";
import { BusPins } from "./bus-imports.js";

export interface ChipHost {
  readonly clock: VirtualClock;
  readonly changes: Changes;
  /** Board time, including the running handler's (inputs.ts). */
  readonly now: () => number;
  readonly warn: (text: string) => void;
  /** The board's seed (parts draw their noise from it). */
  readonly seed: number;
  /** A peripheral's event for the firmware: TIMER, GPIO_EDGE, UART_RX. */
  readonly event: (kind: number, id: number, a: bigint, b: bigint, during: string) => void;
  /** A sleep ended. */
  readonly woke: (depth: SleepDepth, cause: number, asleepUs: number) => void;
}

export interface Chip {
  readonly mux: PinMux;
  readonly gpio: Gpio;
  readonly pwm: Pwm;
  readonly adc: Adc;
  readonly timers: Timers;
  readonly sleep: Sleep;
  readonly i2c: I2cBus;
  readonly uart: Uart;
  readonly spi: SpiBus;
  readonly rmt: Rmt;
}

export function buildChip(profile: BoardProfile, host: ChipHost): Chip {
  const { clock, changes, now, warn, event } = host;
  const mux = new PinMux(profile.pins);
  const edge = (pin: number, level: number, id: number): void => {
    const t = now();
    clock.at(t, () => event(EVENT_KIND.GPIO_EDGE, id, BigInt(level), BigInt(t), `GPIO_EDGE ${id} (GPIO ${pin})`));
  };
  const gpio = new Gpio(profile.pins, { mux, changes, now, warn, edge, boardLed: profile.led?.gpio ?? null });
  const pwm = new Pwm(profile.ledc, { mux, changes, now });
  const adc = new Adc(profile.adc, { mux, warn });
  const fire = (id: number, due: number): void => event(EVENT_KIND.TIMER, id, BigInt(due), 0n, `TIMER ${id}`);
  const timers = new Timers({ timers: MAX_TIMERS }, { clock, now, fire });
  for (const b of profile.buttons) gpio.setBoardPull(b.gpio, b.activeLow ? 1 : 0);
  const sleep = new Sleep(profile.sleep, { clock, changes, level: (pin) => gpio.level(pin), woke: host.woke });
  const pads = new BusPins(mux, gpio);
  const partHost = (where: string): PartHost => ({ clock, now, warn, where, seed: partSeed(host.seed, where) });
  const board = profile.id;
  const i2c = new I2cBus(profile.i2c, { pads, now, warn, partHost, board });
  const deliver = (port: number, id: number, waiting: number, dropped: number): void =>
    event(EVENT_KIND.UART_RX, id, BigInt(waiting), BigInt(dropped), `UART_RX ${id} (UART ${port})`);
  const uart = new Uart(profile.uart, { pads, clock, now, warn, partHost, board, deliver });
  const spi = new SpiBus(profile.spi, { pads, now, warn, partHost, board });
  const rmt = new Rmt(profile.rmt, { pads, changes, now, partHost });
  return { mux, gpio, pwm, adc, timers, sleep, i2c, uart, spi, rmt };
}
