// What an emulated board does when it boots from flash at the end of a serial
// line: the emulator runs what the flash holds for a stretch of virtual time
// and its log goes out on UART0 in ESP-IDF's console format,
// `I (<ms since boot>) <tag>: <text>`, with the tag "sail" for the board's
// own lines and "app" for the firmware's, as the on-board runtime prints them.

import { Board } from "../board/board.js";
import type { BoardProfile } from "../boards/profile.js";
import type { LogLine } from "../trace/changes.js";
import type { BootFromFlash } from "./emulated-link.js";

export function consoleLine(line: LogLine): string {
  const tag = line.source === "app" ? "app" : "sail";
  return `${line.level} (${Math.floor(line.timeUs / 1000)}) ${tag}: ${line.text}\r\n`;
}

/** Boots the flash on `profile` and runs it for `runFor` of virtual time, logging to the console. */
export function emulatedBoot(profile: BoardProfile, runFor = "5s", seed = 1): BootFromFlash {
  return async (flash, console) => {
    const board = Board.load(profile, { flash, seed, onLog: (line) => console(consoleLine(line)) });
    await board.bootFromFlash();
    await board.advance(runFor);
  };
}
