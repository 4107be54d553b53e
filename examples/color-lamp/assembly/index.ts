// Colour lamp: a MIoT light (spec.json) on a strip of 8 WS2812 LEDs (GPIO 4)
// with on, brightness, colour temperature and colour (RGB as the spec's
// uint32). From 22:00 to 07:00 local time (the timezone from the key-value
// store) it is in night mode: at most 10 % and, when white, the warmest white;
// `mode` tells clients. Its state is kept in the key-value store, so a reset
// restores it; a Wi-Fi drop changes nothing on the strip, and what changed
// meanwhile reaches clients once the board is back online.
// Bindings: `sail spec gen spec.json` writes assembly/spec.ts.

import { Kv, LedStrip, LocalTime, MiotCode, Timer, log, time, wifi, WifiEvent } from "../../../assembly/sail";
import { deviceInformation, light } from "./spec";
export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./spec";

const STRIP_GPIO: i32 = 4;
const LEDS: i32 = 8;
const NIGHT_FROM_MIN: i32 = 22 * 60;
const NIGHT_TO_MIN: i32 = 7 * 60;
const NIGHT_MAX_PERCENT: i32 = 10;
const WARMEST_K: u32 = 2700;
const COLDEST_K: u32 = 6500;
/** Warm and cold white as RGB, for the colour temperature's blend (the ends of the spec's range). */
const WARM_RGB: u32 = 0xffa657;
const COLD_RGB: u32 = 0xfff9fd;
const SCHEDULE_CHECK_MS: i64 = 30_000;

const strip = new LedStrip(STRIP_GPIO, LEDS);
const now = new LocalTime();
let store: Kv | null = null;
/** Whether the last write was a colour (RGB mode) rather than a colour temperature (white mode). */
let rgbMode = false;

export function sail_setup(): void {
  deviceInformation.manufacturer = "Sail";
  deviceInformation.model = "sail.light.color1";
  deviceInformation.serialNumber = "CL1-0001";
  deviceInformation.firmwareRevision = "1.0.0";
  const kv = new Kv("lamp");
  store = kv;
  light.on = kv.getInt("on", 0) != 0;
  light.brightness = <u8>kv.getInt("bright", 80);
  light.colorTemperature = <u32>kv.getInt("ct", 4000);
  light.color = <u32>kv.getInt("color", 0xffffff);
  rgbMode = kv.getInt("rgb", 0) != 0;
  light.onSetOn = changed;
  light.onSetBrightness = changed;
  light.onSetColorTemperature = whiteChosen;
  light.onSetColor = colourChosen;
  wifi.onChange(onWifi);
  Timer.every(SCHEDULE_CHECK_MS, checkSchedule);
  apply();
  log.info("color-lamp: MIoT light sail.light.color1, 8 WS2812 LEDs on GPIO 4");
}

function whiteChosen(): i32 { rgbMode = false; return changed(); }
function colourChosen(): i32 { rgbMode = true; return changed(); }

/** A client changed the state: keep it, and show it. */
function changed(): i32 {
  const kv = store!;
  kv.setInt("on", light.on ? 1 : 0);
  kv.setInt("bright", light.brightness);
  kv.setInt("ct", light.colorTemperature);
  kv.setInt("color", light.color);
  kv.setInt("rgb", rgbMode ? 1 : 0);
  return apply();
}

function onWifi(event: i32, value: i32): void {
  if (event == WifiEvent.CONNECTED) log.info("wifi: connected, " + value.toString() + " dBm");
  else if (event == WifiEvent.DISCONNECTED) log.warn("wifi: disconnected, reason " + value.toString());
  else log.info("wifi: signal " + value.toString() + " dBm");
}

/** Night from 22:00 to 07:00 local time; while the time is unknown, day. */
function checkSchedule(): void {
  const night: u8 = time.local(now) && (now.minuteOfDay >= NIGHT_FROM_MIN || now.minuteOfDay < NIGHT_TO_MIN) ? 1 : 0;
  if (night == light.mode) return;
  light.setMode(night);
  log.info(night == 1 ? "night mode: dimmed to 10 %, warm white" : "day mode");
  apply();
}

function channel(rgb: u32, shift: u32): u32 { return (rgb >> shift) & 0xff; }

function blend(a: u32, b: u32, t: f32): u32 {
  let out: u32 = 0;
  for (let shift: u32 = 0; shift < 24; shift += 8) {
    const v = <f32>channel(a, shift) + (<f32>channel(b, shift) - <f32>channel(a, shift)) * t;
    out |= (<u32>Mathf.round(v) & 0xff) << shift;
  }
  return out;
}

function scale(rgb: u32, percent: i32): u32 {
  let out: u32 = 0;
  for (let shift: u32 = 0; shift < 24; shift += 8) out |= ((channel(rgb, shift) * <u32>percent + 50) / 100) << shift;
  return out;
}

/** Shows on / brightness / colour on the strip, night mode applied. */
function apply(): i32 {
  const night = light.mode == 1;
  let rgb: u32 = 0;
  if (light.on) {
    const ct = night ? WARMEST_K : light.colorTemperature;
    const white = blend(WARM_RGB, COLD_RGB, <f32>(ct - WARMEST_K) / <f32>(COLDEST_K - WARMEST_K));
    const percent = night ? min(<i32>light.brightness, NIGHT_MAX_PERCENT) : <i32>light.brightness;
    rgb = scale(rgbMode ? light.color : white, percent);
  }
  strip.fill(rgb);
  return strip.show() == 0 ? MiotCode.OK : MiotCode.INTERNAL;
}
