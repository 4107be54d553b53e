// The board's import table: log, time, GPIO, PWM, ADC, system, abort and
// AssemblyScript's env imports here; MIoT, buses, key-value store, OTA and
// sleep from their own files. Every import the ABI table lists is bound.

import { LED_KIND, LOG_LEVEL, STATUS, type HostImports } from "../abi/table.js";
import type { BoardProfile } from "../boards/profile.js";
import type { Cpu } from "../firmware/cpu.js";
import { FirmwareFault, FirmwareStop, RestartRequest } from "../firmware/faults.js";
import type { GuestMemory } from "../firmware/memory.js";
import type { BoardMiot } from "../miot/board-device.js";
import { miotImports } from "../miot/imports.js";
import type { SeededRandom } from "../random.js";
import type { LogLevel } from "../trace/changes.js";
import { busImports } from "./bus-imports.js";
import type { Chip } from "./chip.js";
import { kvImports } from "./kv-imports.js";
import type { OtaTrial } from "./ota-trial.js";
import { sleepImports } from "./sleep-imports.js";
import type { BoardStorage } from "./storage.js";

/** The letter for each LOG_LEVEL value (ESP-IDF's E/W/I/D/V); 0 (ESP_LOG_NONE) is shown as an error. */
const LOG_LEVELS: readonly LogLevel[] = (() => {
  const letters: LogLevel[] = ["E"];
  letters[LOG_LEVEL.ERROR] = "E";
  letters[LOG_LEVEL.WARN] = "W";
  letters[LOG_LEVEL.INFO] = "I";
  letters[LOG_LEVEL.DEBUG] = "D";
  letters[LOG_LEVEL.VERBOSE] = "V";
  return letters;
})();

export interface HostImportDeps {
  readonly profile: BoardProfile;
  readonly log: (level: LogLevel, text: string, source: "app" | "board") => void;
  /** Board time, including the running handler's. */
  readonly now: () => number;
  readonly cpu: Cpu;
  readonly memory: GuestMemory;
  /** The peripherals the imports drive. */
  readonly chip: Chip;
  readonly storage: BoardStorage;
  readonly ota: OtaTrial;
  readonly random: SeededRandom;
  readonly miot: () => BoardMiot | null;
  /** reset_reason's code. */
  readonly resetReason: () => number;
  readonly feedWatchdog: () => void;
  readonly requestLightSleep: () => void;
  /** wallclock_us's value: µs since the Unix epoch, or ERR_INVALID_STATE before the first sync. */
  readonly wallclockUs: () => number;
}

export function hostImports(deps: HostImportDeps): HostImports {
  const { cpu, memory, random, storage } = deps;
  const { mux, gpio, pwm, adc, timers, i2c, uart, spi, rmt, sleep } = deps.chip;
  const warn = (text: string): void => deps.log("W", text, "board");
  const delay = (us: number): void => cpu.delay(us);
  return {
    log_write: (level, ptr, len) => {
      deps.log(LOG_LEVELS[level] ?? "I", memory.readUtf8(ptr, len, "log_write"), "app");
    },
    time_us: () => BigInt(deps.now()),
    delay_us: (us) => {
      if (us < 0n) throw new FirmwareFault("delay_us", `negative delay ${us}`);
      cpu.delay(Number(us));
    },
    timer_start: (id, delayUs, period) => timers.start(id, Number(delayUs), Number(period)),
    timer_stop: (id) => timers.stop(id),
    gpio_mode: (pin, mode, pull) => {
      mux.toGpio(pin);
      return gpio.mode(pin, mode, pull);
    },
    gpio_write: (pin, level) => gpio.write(pin, level),
    gpio_read: (pin) => gpio.read(pin),
    gpio_watch: (pin, edges, id) => gpio.watch(pin, edges, id),
    pwm_setup: (pin, freq, bits) => pwm.setup(pin, freq, bits),
    pwm_set_duty: (ch, duty) => pwm.setDuty(ch, duty),
    pwm_set_freq: (ch, freq) => pwm.setFreq(ch, freq),
    adc_setup: (pin, atten) => adc.setup(pin, atten),
    adc_read_raw: (pin) => adc.readRaw(pin),
    adc_read_mv: (pin) => adc.readMv(pin),
    random_u32: () => random.nextU32() | 0,
    restart: () => {
      throw new RestartRequest();
    },
    reset_reason: () => deps.resetReason(),
    wdt_feed: () => deps.feedWatchdog(),
    ...miotImports({ memory, miot: deps.miot }),
    ...busImports({ i2c, uart, spi, rmt, gpio, cpu, memory }),
    wallclock_us: () => BigInt(deps.wallclockUs()),
    board_led: () => {
      const led = deps.profile.led;
      if (led === null) return STATUS.ERR_NOT_FOUND;
      const kind = led.kind === "ws2812" ? LED_KIND.WS2812 : led.activeHigh ? LED_KIND.GPIO_HIGH : LED_KIND.GPIO_LOW;
      return led.gpio | (kind << 8);
    },
    ...kvImports({ memory, store: () => storage.kv, timed: (body) => storage.timed(body, delay) }),
    ...deps.ota.imports(),
    ...sleepImports({ sleep, profile: deps.profile, memory, mux, requestLightSleep: deps.requestLightSleep, warn }),
    meter_exhausted: () => cpu.exhausted(),
    abort: (message, file, line, column) => {
      const text = memory.readAsString(message) || "abort";
      const at = memory.readAsString(file);
      throw new FirmwareStop("PANIC", `abort: ${text}${at ? ` at ${at}:${line}:${column}` : ""}`);
    },
    trace: (message, n, a0, a1, a2, a3, a4) => {
      const args = [a0, a1, a2, a3, a4].slice(0, Math.max(0, Math.min(5, n)));
      deps.log("D", `trace: ${memory.readAsString(message)} ${args.join(", ")}`.trimEnd(), "app");
    },
    seed: () => random.nextU32(),
  };
}
