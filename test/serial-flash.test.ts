// `sail flash` through esptool-js against the emulated board's ROM
// bootloader model (docs/decisions.md D121): the image, the runtime and the
// identity land in the emulated flash where the chip's runtime reads them,
// and booting that flash runs the image. Checksums, sequence numbers, the
// wrong chip and an image too big for its slot are refused with messages.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { loadBoardProfile } from "../host/boards/profile.js";
import { FlashChip } from "../host/flash/chip.js";
import { FlashRegion } from "../host/flash/region.js";
import { emulatedBoot } from "../host/flasher/emulated-boot.js";
import { EmulatedLink } from "../host/flasher/emulated-link.js";
import { writeOverSerial } from "../host/flasher/esptool.js";
import { parseIdentity } from "../host/flasher/identity-image.js";
import { planFlash } from "../host/flasher/plan.js";
import { ROM_CHIPS, RomLoader, xorChecksum, OP } from "../host/flasher/rom-loader.js";
import { readSlot } from "../host/ota/slot.js";
import { slipEncode, SlipDecoder } from "../host/serial/slip.js";
import { appendCustomSection } from "../host/wasm/binary.js";
import { SailError } from "../host/errors.js";
import { BLINK, firmware } from "./support/firmware.js";

const devkitc = loadBoardProfile("esp32-devkitc");
const c3 = loadBoardProfile("esp32-c3-devkitm");

function emulated(profile = devkitc, chip = ROM_CHIPS.ESP32): EmulatedLink {
  return new EmulatedLink(chip, new FlashChip(profile.chip.flashBytes), emulatedBoot(profile, "3s"));
}

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof SailError, `expected SailError, got ${String(e)}`);
    return e.message;
  }
  assert.fail("it was accepted");
}

describe("serial flash: sail flash against the emulated ROM bootloader", function () {
  this.timeout(60_000);

  it("writes blink into sail_0 of an emulated ESP32 and the board boots it and blinks", async () => {
    const link = emulated();
    const blink = await firmware(BLINK);
    const lines: string[] = [];
    const result = await writeOverSerial(link, await planFlash(devkitc, blink, "blink.wasm"), {
      expectChip: "ESP32",
      log: (l) => lines.push(l),
    });
    assert.equal(result.chip, "ESP32");
    assert.ok(link.romCommands.includes("SYNC") && link.romCommands.includes("READ_REG"), link.romCommands.join());
    assert.ok(link.romCommands.includes("SPI_ATTACH") && link.romCommands.includes("FLASH_DEFL_DATA"));
    assert.ok(link.romCommands.includes("SPI_FLASH_MD5"));
    assert.ok(
      lines.some((l) => /^writing sail_0: blink\.wasm: [\d,]+ bytes at 0x292000$/.test(l)),
      lines.join("\n"),
    );
    assert.ok(lines.includes("verified 2 writes by MD5 on the chip"));
    const slot = readSlot(new FlashRegion(link.flash, 0x292000, 0xa0000, "sail_0"));
    assert.deepEqual(slot.status === "valid" ? slot.bytes : slot, blink);
    assert.deepEqual(link.events.slice(-1), ["reset: IO0 high, booting from flash"]);

    // The flash as a file boots on the emulator as sail run --flash would.
    const board = Board.load(devkitc, { flash: new FlashChip(devkitc.chip.flashBytes, link.flash.snapshot()) });
    await board.bootFromFlash();
    await board.advance("2s");
    assert.ok(
      board.logs.some((l) => /blink 1\.0\.0 on esp32-devkitc/.test(l.text)),
      JSON.stringify(board.logs),
    );
    assert.ok(board.trace.entries.filter((t) => t.gpio === 2).length >= 3, "GPIO 2 blinks");
  });

  it("its console shows the booted image's log lines, in ESP-IDF's format", async () => {
    const link = emulated(c3, ROM_CHIPS["ESP32-C3"]);
    const received: string[] = [];
    link.onData((b) => received.push(new TextDecoder().decode(b)));
    await writeOverSerial(link, await planFlash(c3, await firmware(BLINK), "blink.wasm"), {
      expectChip: "ESP32-C3",
      log: () => undefined,
    });
    // writeOverSerial closed the line; a monitor opens it again and resets the board.
    const seen: string[] = [];
    link.onData((b) => seen.push(new TextDecoder().decode(b)));
    await link.open(115200);
    await link.setSignals({ dataTerminalReady: false, requestToSend: true });
    await link.setSignals({ requestToSend: false });
    await link.settled();
    await new Promise((r) => setImmediate(r));
    const text = seen.join("");
    assert.match(text, /boot:0x13 \(SPI_FAST_FLASH_BOOT\)/);
    assert.match(text, /^I \(0\) sail: boot: reset reason POWERON; blink 1\.0\.0 on esp32-c3-devkitm\r$/m);
    await link.close();
  });

  it("changes the baud rate when asked, and the chip follows", async () => {
    const link = emulated();
    await writeOverSerial(link, await planFlash(devkitc, await firmware(BLINK), "blink.wasm"), {
      baud: 921600,
      expectChip: "ESP32",
      log: () => undefined,
    });
    assert.ok(link.events.includes("baud: 921600"), link.events.join("; "));
    assert.ok(link.romCommands.includes("CHANGE_BAUDRATE"));
  });

  it("writes a factory identity into nvs in sail.factory, and the board takes it", async () => {
    const link = emulated();
    const identity = parseIdentity("did=305419896,token=00112233445566778899aabbccddeeff,mac=02:5a:12:34:56:78");
    await writeOverSerial(link, await planFlash(devkitc, await firmware(BLINK), "blink.wasm", { identity }), {
      expectChip: "ESP32",
      log: () => undefined,
    });
    const board = Board.load(devkitc, { flash: link.flash });
    await board.bootFromFlash();
    assert.equal(board.identity.did, 305419896);
    assert.equal(Buffer.from(board.identity.token).toString("hex"), "00112233445566778899aabbccddeeff");
    assert.equal(board.identity.mac, "02:5A:12:34:56:78");
  });

  it("writes the runtime to ota_0 and blanks otadata, and refuses what is not an ESP-IDF app image", async () => {
    const runtime = new Uint8Array(200_000).fill(0x5a);
    runtime[0] = 0xe9;
    const link = emulated();
    const writes = await planFlash(devkitc, await firmware(BLINK), "blink.wasm", {
      runtime: { bytes: runtime, file: "sail-runtime.bin" },
    });
    await writeOverSerial(link, writes, { expectChip: "ESP32", log: () => undefined });
    assert.deepEqual(link.flash.read(0x10000, runtime.length), runtime);
    assert.ok(link.flash.read(0xd000, 0x2000).every((b) => b === 0xff));
    const notApp = await rejection(
      planFlash(devkitc, await firmware(BLINK), "blink.wasm", {
        runtime: { bytes: new Uint8Array(16), file: "x.bin" },
      }),
    );
    assert.match(notApp, /^x\.bin is not an ESP-IDF app image \(it does not start with 0xE9\)/);
  });

  it("refuses the wrong chip, naming both, before writing anything", async () => {
    const link = emulated();
    const before = link.flash.snapshot();
    const message = await rejection(
      writeOverSerial(link, await planFlash(c3, await firmware(BLINK), "blink.wasm"), {
        expectChip: "ESP32-C3",
        log: () => undefined,
      }),
    );
    assert.match(message, /has an ESP32; the board profile is for an ESP32-C3: give the --board of this chip/);
    assert.deepEqual(link.flash.snapshot(), before);
  });

  it("refuses an image too big for the slot, naming the slot and its size", async () => {
    const big = appendCustomSection(await firmware(BLINK), "padding", new Uint8Array(700_000));
    const message = await rejection(planFlash(devkitc, big, "big.wasm"));
    assert.match(message, /^big\.wasm is [\d,]+ bytes; the sail_0 slot of esp32-devkitc holds at most 655,296 /);
  });

  it("says no chip answered when nothing is in download mode", async () => {
    const link = emulated();
    // A board whose auto-reset circuit is missing: DTR and RTS change nothing.
    link.setSignals = () => Promise.resolve();
    const message = await rejection(
      writeOverSerial(link, await planFlash(devkitc, await firmware(BLINK), "blink.wasm"), {
        expectChip: "ESP32",
        log: () => undefined,
      }),
    );
    assert.match(message, /^no ESP chip answered on an emulated ESP32 board .*hold BOOT while pressing EN/);
  });
});

describe("serial flash: the ROM bootloader model checks what it is sent", () => {
  function rom(): { loader: RomLoader; replies: Uint8Array[] } {
    const replies: Uint8Array[] = [];
    const loader = new RomLoader(ROM_CHIPS.ESP32, new FlashChip(0x400000), {
      reply: (p) => replies.push(p),
      baud: () => undefined,
      runApp: () => undefined,
    });
    return { loader, replies };
  }
  const command = (op: number, data: Uint8Array, checksum = 0): Uint8Array => {
    const out = new Uint8Array(8 + data.length);
    const v = new DataView(out.buffer);
    v.setUint8(1, op);
    v.setUint16(2, data.length, true);
    v.setUint32(4, checksum, true);
    out.set(data, 8);
    return out;
  };
  const words = (...w: number[]): Uint8Array => {
    const out = new Uint8Array(w.length * 4);
    w.forEach((x, i) => new DataView(out.buffer).setUint32(i * 4, x, true));
    return out;
  };
  const status = (reply: Uint8Array | undefined): [number, number] => {
    assert.ok(reply !== undefined);
    return [reply[reply.length - 4] ?? -1, reply[reply.length - 3] ?? -1];
  };
  const dataPacket = (seq: number, block: Uint8Array, checksum = xorChecksum(block)): Uint8Array =>
    command(OP.FLASH_DATA, new Uint8Array([...words(block.length, seq, 0, 0), ...block]), checksum);

  it("answers SYNC eight times and gives the chip's magic value", () => {
    const { loader, replies } = rom();
    loader.handle(command(OP.SYNC, new Uint8Array([7, 7, 0x12, 0x20, ...new Array<number>(32).fill(0x55)])));
    assert.equal(replies.length, 8);
    loader.handle(command(OP.READ_REG, words(0x40001000)));
    assert.equal(new DataView(replies[8]?.buffer ?? new ArrayBuffer(8)).getUint32(4, true), 0x00f01d83);
  });

  it("refuses flash writes before SPI_ATTACH, a bad checksum and a block out of sequence", () => {
    const { loader, replies } = rom();
    loader.handle(command(OP.FLASH_BEGIN, words(0x1000, 2, 0x400, 0x292000, 0)));
    assert.deepEqual(status(replies.pop()), [1, 0x06], "not attached: failed to act");
    loader.handle(command(OP.SPI_ATTACH, words(0)));
    loader.handle(command(OP.FLASH_BEGIN, words(0x1000, 2, 0x400, 0x292000, 0)));
    assert.deepEqual(status(replies.pop()), [0, 0]);
    const block = new Uint8Array(0x400).fill(0x42);
    loader.handle(dataPacket(0, block, xorChecksum(block) ^ 1));
    assert.deepEqual(status(replies.pop()), [1, 0x07], "checksum: invalid CRC");
    loader.handle(dataPacket(1, block));
    assert.deepEqual(status(replies.pop()), [1, 0x05], "seq 1 before 0: invalid message");
    loader.handle(dataPacket(0, block));
    assert.deepEqual(status(replies.pop()), [0, 0]);
    assert.deepEqual(loader.flash.read(0x292000, 0x400), block);
  });

  it("frames with SLIP both ways, escapes included", () => {
    const packet = new Uint8Array([0x00, 0xc0, 0xdb, 0x01]);
    const framed = slipEncode(packet);
    assert.deepEqual([...framed], [0xc0, 0x00, 0xdb, 0xdc, 0xdb, 0xdd, 0x01, 0xc0]);
    assert.deepEqual(new SlipDecoder().push(new Uint8Array([0x55, ...framed, ...framed.subarray(0, 3)])), [packet]);
  });
});
