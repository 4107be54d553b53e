// A bare .wasm (not built by `sail build`: no metering or no memory maximum)
// is never run as given, and never patched in place: it becomes a new, named
// image (docs/decisions.md D113), metered for the watchdog and declaring the
// board's RAM budget as its memory maximum, with its custom sections kept.
// That image is what the board stores and runs, and what `sail run` writes
// next to the original.

import type { BoardProfile } from "../boards/profile.js";
import {
  appendCustomSection,
  readWasm,
  removeCustomSections,
  withMemoryMaximum,
  type WasmInfo,
} from "../wasm/binary.js";
import { isMetered, meterImage } from "./meter.js";
import { inBinaryen } from "../wasm/binaryen.js";

export const PAGE_BYTES = 65536;

/** Pages of linear memory a board gives the app: its RAM budget, at least one page (the runtime clamps below). */
export function budgetPages(profile: BoardProfile): number {
  return Math.max(1, Math.floor(profile.app.ramBytes / PAGE_BYTES));
}

/** What makes `info` bare, or null when it was built by `sail build`. */
export function bareReason(info: WasmInfo): string | null {
  const missing: string[] = [];
  if (!isMetered(info.exports)) missing.push("not metered");
  if (info.memory !== null && info.memory.max === null) missing.push("no memory maximum");
  return missing.length === 0 ? null : missing.join(", ");
}

/** The name of the image a bare `file` becomes: blink.wasm → blink.sail.wasm. */
export function preparedName(file: string): string {
  return `${file.replace(/\.wasm$/i, "")}.sail.wasm`;
}

export interface PreparedImage {
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly note: string;
}

/** The image a bare one becomes on `profile`. */
export async function prepareBareImage(
  bytes: Uint8Array,
  info: WasmInfo,
  profile: BoardProfile,
  file: string,
  why: string,
): Promise<PreparedImage> {
  const custom = info.customSections.filter((s) => s.name !== "name");
  let out = removeCustomSections(
    bytes,
    custom.map((s) => s.name),
  );
  if (!isMetered(info.exports)) {
    const unmetered = out;
    out = await inBinaryen(file, "metering it", () => meterImage(unmetered, file));
  }
  const pages = Math.max(info.memory?.min ?? 0, Math.min(info.memory?.max ?? Infinity, budgetPages(profile)));
  out = withMemoryMaximum(out, readWasm(out), pages);
  for (const s of custom) out = appendCustomSection(out, s.name, s.data);
  const name = preparedName(file);
  const note =
    `${file} is a bare .wasm (${why}): it runs as ${name}, metered for the watchdog and declaring ` +
    `${pages} pages (${pages * 64} KiB, the RAM budget of ${profile.id}) as its memory maximum`;
  return { file: name, bytes: out, note };
}
