// The parts of a board profile beyond pins and peripherals: buses, the flash
// partition table (ESP-IDF partition-tables.rst), sleep and wake, current
// draw per power state, and the OTA trial time. Validated like the rest:
// every refusal names the file, the field and what is allowed.

import type { Fields, Json } from "./profile.js";
import { parseFlash, type FlashProfile } from "./partitions.js";
import { quoteValue } from "../quote.js";

export { partitionOf, type FlashProfile, type Partition } from "./partitions.js";

export interface PowerProfile {
  readonly voltageV: number;
  /** CPU running a handler (radio in modem sleep). */
  readonly activeMa: number;
  /** Awake between events, Wi-Fi associated. */
  readonly idleMa: number;
  readonly lightSleepMa: number;
  readonly deepSleepMa: number;
  readonly radioTxMa: number;
  readonly radioRxMa: number;
  /** After each boot the radio reconnects: this long, at this average current. */
  readonly wifiConnectMs: number;
  readonly wifiConnectMa: number;
  readonly source: string;
}

export interface SleepProfile {
  /** Pins that can wake the chip from deep sleep (RTC GPIOs). */
  readonly wakePins: readonly number[];
  /** The wake cause a pin reports: EXT1 on ESP32, GPIO on ESP32-C3. */
  readonly pinWakeCause: "EXT1" | "GPIO";
  readonly rtcMemBytes: number;
}

export interface ProfileParts {
  readonly i2c: { readonly ports: number; readonly maxHz: number };
  readonly uart: { readonly ports: number; readonly console: number };
  /** General-purpose SPI ports (SPI2, SPI3), chip selects per port, the highest SCLK. */
  readonly spi: { readonly ports: number; readonly csPerPort: number; readonly maxHz: number };
  /** RMT TX channels and the tick the WS2812 encoder runs at. */
  readonly rmt: { readonly txChannels: number; readonly resolutionHz: number };
  readonly flash: FlashProfile;
  readonly sleep: SleepProfile;
  readonly power: PowerProfile;
  readonly ota: { readonly trialMs: number };
}

export function parseProfileParts(f: Fields, root: Json, flashBytes: number, pins: ReadonlySet<number>): ProfileParts {
  const i2cJ = f.known(f.obj(root["i2c"], ".i2c"), ".i2c", ["ports", "maxHz"]);
  const uartJ = f.known(f.obj(root["uart"], ".uart"), ".uart", ["ports", "console"]);
  const uart = { ports: f.int(uartJ, "ports", ".uart", 1, 8), console: f.int(uartJ, "console", ".uart", -1, 7) };
  if (uart.console >= uart.ports)
    f.fail(".uart.console", `port ${uart.console} is not one of the ${uart.ports} ports (-1 for none)`);
  const spiJ = f.known(f.obj(root["spi"], ".spi"), ".spi", ["ports", "csPerPort", "maxHz"]);
  const rmtJ = f.known(f.obj(root["rmt"], ".rmt"), ".rmt", ["txChannels", "resolutionHz"]);
  return {
    spi: {
      ports: f.int(spiJ, "ports", ".spi", 0, 4),
      csPerPort: f.int(spiJ, "csPerPort", ".spi", 1, 8),
      maxHz: f.int(spiJ, "maxHz", ".spi", 1000, 80_000_000),
    },
    rmt: {
      txChannels: f.int(rmtJ, "txChannels", ".rmt", 0, 8),
      resolutionHz: f.int(rmtJ, "resolutionHz", ".rmt", 1000, 80_000_000),
    },
    i2c: { ports: f.int(i2cJ, "ports", ".i2c", 0, 8), maxHz: f.int(i2cJ, "maxHz", ".i2c", 1000, 10_000_000) },
    uart,
    flash: parseFlash(f, f.known(f.obj(root["flash"], ".flash"), ".flash", ["partitions", "timing"]), flashBytes),
    sleep: parseSleep(
      f,
      f.known(f.obj(root["sleep"], ".sleep"), ".sleep", ["wakePins", "pinWakeCause", "rtcMemBytes"]),
      pins,
    ),
    power: parsePower(f, f.known(f.obj(root["power"], ".power"), ".power", POWER_KEYS)),
    ota: {
      trialMs: f.int(f.known(f.obj(root["ota"], ".ota"), ".ota", ["trialMs"]), "trialMs", ".ota", 1000, 3_600_000),
    },
  };
}

function parseSleep(f: Fields, o: Json, pins: ReadonlySet<number>): SleepProfile {
  const wakePins = f.arr(o, "wakePins", ".sleep").map((p, i) => {
    if (typeof p !== "number" || !pins.has(p))
      f.fail(`.sleep.wakePins[${i}]`, `${quoteValue(p)} is not a GPIO in .pins`);
    return p;
  });
  const cause = o["pinWakeCause"];
  if (cause !== "EXT1" && cause !== "GPIO")
    f.fail(".sleep.pinWakeCause", `must be "EXT1" (ESP32) or "GPIO" (ESP32-C3), got ${quoteValue(cause)}`);
  return { wakePins, pinWakeCause: cause, rtcMemBytes: f.int(o, "rtcMemBytes", ".sleep", 0, 65536) };
}

const POWER_KEYS = [
  "voltageV",
  "activeMa",
  "idleMa",
  "lightSleepMa",
  "deepSleepMa",
  "radioTxMa",
  "radioRxMa",
  "wifiConnectMs",
  "wifiConnectMa",
  "source",
];

function parsePower(f: Fields, o: Json): PowerProfile {
  const ma = (k: string): number => f.num(o, k, ".power", 0, 2000);
  return {
    voltageV: f.num(o, "voltageV", ".power", 0.5, 12),
    activeMa: ma("activeMa"),
    idleMa: ma("idleMa"),
    lightSleepMa: ma("lightSleepMa"),
    deepSleepMa: ma("deepSleepMa"),
    radioTxMa: ma("radioTxMa"),
    radioRxMa: ma("radioRxMa"),
    wifiConnectMs: f.int(o, "wifiConnectMs", ".power", 0, 60_000),
    wifiConnectMa: ma("wifiConnectMa"),
    source: f.str(o, "source", ".power"),
  };
}
