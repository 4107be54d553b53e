// What `--port` names for `sail flash` and `sail monitor`: a serial device
// (/dev/ttyUSB0, COM3), or `emulated:<board>:<flash file>`, an emulated board
// of that profile whose flash is the file `sail run --flash` boots (created
// erased if missing, saved when the command ends). The emulated port is how
// the commands are tested end to end without hardware (docs/decisions.md D121).

import { existsSync } from "node:fs";
import { loadBoardProfile, type BoardProfile } from "../boards/profile.js";
import { SailError } from "../errors.js";
import { loadFlashImage, saveFlashImage } from "../flash/file.js";
import { lockFlashFile, type FlashFileLock } from "../flash/lock.js";
import type { SerialLink } from "../serial/link.js";
import { NodeSerialLink } from "../serial/node-link.js";
import { emulatedBoot } from "./emulated-boot.js";
import { EmulatedLink } from "./emulated-link.js";
import { ROM_CHIPS, type RomChip } from "./rom-loader.js";

export const EMULATED_PREFIX = "emulated:";

export interface OpenedPort {
  readonly link: SerialLink;
  /** The board profile behind an emulated port; null for a real one. */
  readonly board: BoardProfile | null;
  /** Waits for the emulated board's run, saves its flash file and releases it; nothing for a real port. */
  finish(): Promise<void>;
}

/** The chip esptool names for a board profile ("ESP32", "ESP32-C3"), from its chip model. */
export function romChipOf(profile: BoardProfile): RomChip {
  return profile.chip.model.toUpperCase().startsWith("ESP32-C3") ? ROM_CHIPS["ESP32-C3"] : ROM_CHIPS.ESP32;
}

/** Opens nothing yet: resolves `--port` to a link (a real port is opened by whoever uses it). */
export function resolvePort(port: string, runFor = "5s"): OpenedPort {
  if (!port.startsWith(EMULATED_PREFIX)) {
    if (!/^(COM\d+)$/i.test(port) && !existsSync(port))
      throw new SailError(
        `serial port ${port} does not exist: give the board's port (ls /dev/ttyUSB* /dev/ttyACM* on Linux, ` +
          `/dev/cu.* on macOS, COMn on Windows), or ${EMULATED_PREFIX}<board>:<flash file> for an emulated board`,
      );
    return { link: new NodeSerialLink(port), board: null, finish: () => Promise.resolve() };
  }
  const rest = port.slice(EMULATED_PREFIX.length);
  const colon = rest.indexOf(":");
  if (colon <= 0 || colon === rest.length - 1)
    throw new SailError(
      `--port ${port}: an emulated port is ${EMULATED_PREFIX}<board>:<flash file>, ` +
        `e.g. ${EMULATED_PREFIX}esp32-devkitc:dev.bin (the file sail run --flash boots)`,
    );
  const board = loadBoardProfile(rest.slice(0, colon));
  const file = rest.slice(colon + 1);
  const lock: FlashFileLock = lockFlashFile(file);
  try {
    const flash = loadFlashImage(file, board.chip.flashBytes);
    const link = new EmulatedLink(
      romChipOf(board),
      flash,
      emulatedBoot(board, runFor),
      `emulated ${board.id} (${file})`,
    );
    let finished: Promise<void> | null = null;
    const finish = async (): Promise<void> => {
      try {
        await link.settled();
        // Let the console's last bytes reach the reader before the line closes.
        await new Promise((resolve) => setImmediate(resolve));
        saveFlashImage(file, flash);
      } finally {
        lock.release();
      }
    };
    return { link, board, finish: () => (finished ??= finish()) };
  } catch (e) {
    lock.release();
    throw e;
  }
}
