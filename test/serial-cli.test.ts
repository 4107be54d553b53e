// `sail flash` and `sail monitor` as a user runs them, against an emulated
// board on `--port emulated:<board>:<flash file>` (the ROM bootloader model
// behind esptool-js), then `sail run --flash` booting what was flashed.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FADE, firmware } from "./support/firmware.js";
import { sail } from "./support/cli.js";

describe("serial CLI: sail flash and sail monitor on an emulated port", function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "sail-serial-"));
  const flashFile = join(dir, "c3.bin");
  const port = `emulated:esp32-c3-devkitm:${flashFile}`;
  let fade: string;
  before(async () => {
    fade = join(dir, "fade.wasm");
    await writeFile(fade, await firmware(FADE));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("sail flash writes the image and an identity at 460800 baud; sail run --flash boots them", async () => {
    const identity = "did=4660,token=000102030405060708090a0b0c0d0e0f,mac=02:5a:00:00:12:34";
    const flashed = await sail("flash", fade, "--port", port, "--baud", "460800", "--identity", identity);
    assert.equal(flashed.code, 0, flashed.stderr);
    assert.match(flashed.stderr, /Detecting chip type\.\.\.\n {2}ESP32-C3\n/);
    assert.match(flashed.stderr, /Changing baudrate to 460800/);
    assert.match(flashed.stderr, /writing sail_0: .*fade\.wasm: [\d,]+ bytes at 0x292000/);
    assert.match(flashed.stderr, /verified 3 writes by MD5 on the chip/);
    const booted = await sail("run", "--flash", flashFile, "--board", "esp32-c3-devkitm", "--for", "1s");
    assert.equal(booted.code, 0, booted.stderr);
    assert.match(booted.stdout + booted.stderr, /fade: breathing LED on GPIO 2/);
    assert.match(booted.stdout + booted.stderr, /device did 4660, mac 02:5A:00:00:12:34/);
  });

  it("sail monitor resets the board and shows its console in ESP-IDF's format", async () => {
    const monitored = await sail("monitor", "--port", port, "--for", "1s");
    assert.equal(monitored.code, 0, monitored.stderr);
    assert.match(monitored.stdout, /boot:0x13 \(SPI_FAST_FLASH_BOOT\)/);
    assert.match(monitored.stdout, /^I \(\d+\) app: fade: breathing LED on GPIO 2, 2 s per breath\r$/m);
  });

  it("refuses the wrong chip, a missing port and an emulated port without a file, naming the fix", async () => {
    const wrong = await sail("flash", fade, "--port", port, "--board", "esp32-devkitc");
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /has an ESP32-C3; the board profile is for an ESP32: give the --board of this chip/);
    const missing = await sail("flash", fade, "--port", "/dev/ttyUSB-sail-missing");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /serial port \/dev\/ttyUSB-sail-missing does not exist: give the board's port/);
    const bad = await sail("monitor", "--port", "emulated:esp32-devkitc");
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /an emulated port is emulated:<board>:<flash file>/);
    const usage = await sail("flash", fade);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /give the image and the port/);
  });
});
