// A flash image on disk, for `sail run --flash dev.bin`: the file holds the
// chip's bytes exactly as `esptool.py read_flash` would dump them (so its size
// is the chip's), and a sidecar `<file>.erase-counts.json` holds the per-sector
// erase counts: {"sectorBytes": 4096, "eraseCounts": [n, ...]}. A missing image
// means an erased chip; a missing sidecar means no wear yet. Saving writes each
// file to a temporary name in the same folder and renames it over the old one,
// so a crash mid-save leaves the previous image whole.

import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { FlashChip, FlashError, SECTOR_BYTES } from "./chip.js";

export const ERASE_COUNTS_SUFFIX = ".erase-counts.json";

interface EraseCountsFile {
  readonly sectorBytes: number;
  readonly eraseCounts: readonly number[];
}

export function eraseCountsPath(file: string): string {
  return file + ERASE_COUNTS_SUFFIX;
}

/** Loads the image at `file` into a chip of `size` bytes, or an erased chip when the file does not exist. */
export function loadFlashImage(file: string, size: number): FlashChip {
  if (!existsSync(file)) return new FlashChip(size);
  if (!statSync(file).isFile())
    throw new FlashError(
      `flash image ${file} is not a file: give the path of a file (it is created, erased, if missing)`,
    );
  const bytes = new Uint8Array(readFileSync(file));
  if (bytes.length !== size) {
    throw new FlashError(
      `flash image ${file} is ${bytes.length} bytes; the board's flash is ${size} bytes ` +
        `(0x${size.toString(16)}): use an image of that size, or delete the file to start from an erased chip`,
    );
  }
  const chip = new FlashChip(size, bytes);
  const countsFile = eraseCountsPath(file);
  if (existsSync(countsFile)) chip.eraseCounts.set(readEraseCounts(countsFile, chip.eraseCounts.length));
  return chip;
}

/** Writes the chip's bytes and erase counts to `file`, atomically for each of the two files. */
export function saveFlashImage(file: string, chip: FlashChip): void {
  const counts: EraseCountsFile = { sectorBytes: SECTOR_BYTES, eraseCounts: [...chip.eraseCounts] };
  writeAtomically(eraseCountsPath(file), new TextEncoder().encode(`${JSON.stringify(counts)}\n`));
  writeAtomically(file, chip.snapshot());
}

function readEraseCounts(file: string, sectors: number): Uint32Array {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new FlashError(
      `${file}: not JSON (${e instanceof Error ? e.message : String(e)}); delete it to start counting erases from 0`,
    );
  }
  const p = parsed as Partial<EraseCountsFile> | null;
  const counts = p?.eraseCounts;
  if (
    p?.sectorBytes !== SECTOR_BYTES ||
    !Array.isArray(counts) ||
    counts.length !== sectors ||
    !counts.every((n) => Number.isInteger(n) && n >= 0)
  ) {
    throw new FlashError(
      `${file}: expected {"sectorBytes": ${SECTOR_BYTES}, "eraseCounts": [${sectors} ` +
        `non-negative integers]}; delete it to start counting erases from 0`,
    );
  }
  return Uint32Array.from(counts);
}

function writeAtomically(file: string, bytes: Uint8Array): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new FlashError(`cannot save flash image ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
