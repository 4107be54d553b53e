// OTA figures: wall time to apply an update (signature and manifest checks,
// writing the inactive slot on the emulated NOR flash, reading it back, then
// the bootloader's SHA-256 check on the next boot), for an image the size of
// the smart lamp and for 1 MiB; with the flash time the same writes would
// take on the board's part (its profile's erase and program typicals).

import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildProject } from "../host/build/build.js";
import { FlashChip, PROGRAM_WORD_BYTES } from "../host/flash/chip.js";
import { readManifest, withManifest } from "../host/flash/manifest.js";
import { FlashRegion } from "../host/flash/region.js";
import { OtaManager } from "../host/ota/manager.js";
import { generateSigningKeys, loadPrivateKey, signImage } from "../host/ota/signature.js";
import { appendCustomSection, readWasm } from "../host/wasm/binary.js";
import type { Figure } from "./foundation.js";
import { defined } from "../host/defined.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const RUNS = 21;
/** Runs first, unmeasured, so the JIT has compiled the flash and hashing paths. */
const WARMUP = 5;
const MIB = 1024 * 1024;
/** Bytes per program operation on SPI NOR (one page). */
const PAGE_BYTES = 256;

interface Timing {
  readonly eraseSectorMs: number;
  readonly programPageUs: number;
}

async function flashTiming(): Promise<Timing | null> {
  const profile = JSON.parse(await readFile(join(ROOT, "boards", "esp32-devkitc.json"), "utf8")) as {
    flash?: { timing?: Timing };
  };
  return profile.flash?.timing ?? null;
}

function manager(chip: FlashChip, publicPem: string): OtaManager {
  return new OtaManager({
    slots: [new FlashRegion(chip, 0x10000, 0x180000, "ota_0"), new FlashRegion(chip, 0x190000, 0x180000, "ota_1")],
    otadata: new FlashRegion(chip, 0xd000, 0x2000, "otadata"),
    trustedKey: publicPem,
    board: "esp32-devkitc",
  });
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export async function otaFigures(report: (f: Figure) => void): Promise<void> {
  const lamp = new Uint8Array(await readFile((await buildProject(join(ROOT, "examples/smart-lamp"))).file));
  const keys = generateSigningKeys();
  const priv = loadPrivateKey(keys.privatePem, "bench.pem");
  const m = defined(readManifest(readWasm(lamp), "smart-lamp"), "the smart lamp's manifest");
  /** A signed release of the lamp, padded with an assets section to `totalBytes` when that is larger. */
  const release = (version: string, totalBytes: number): Uint8Array => {
    const bytes = withManifest(lamp, { ...m, version });
    const build = (pad: number): Uint8Array =>
      signImage(
        pad > 0 ? appendCustomSection(bytes, "assets", new Uint8Array(pad).fill(0xa5)) : bytes,
        priv,
        `smart-lamp-${version}.wasm`,
      );
    const bare = build(0);
    if (bare.length >= totalBytes) return bare;
    const guess = build(totalBytes - bare.length);
    return build(2 * (totalBytes - bare.length) - (guess.length - bare.length)); // minus the section's own header
  };
  const old = release("1.0.0", 0);
  const timing = await flashTiming();

  for (const [what, image] of [
    ["smart lamp", release("1.1.0", lamp.length)],
    ["1 MiB", release("1.1.0", MIB)],
  ] as const) {
    const apply: number[] = [];
    const boot: number[] = [];
    let device = "";
    for (let i = -WARMUP; i < RUNS; i++) {
      const chip = new FlashChip(4 * MIB);
      const first = manager(chip, keys.publicPem);
      first.flashDirect(old);
      first.bootImage();
      const erasesBefore = chip.eraseCounts.reduce((a, b) => a + b, 0);
      const stepsBefore = chip.steps;
      const t0 = performance.now();
      first.apply(image);
      const t1 = performance.now();
      const booted = manager(chip, keys.publicPem).bootImage();
      const t2 = performance.now();
      if (booted.manifest?.version !== "1.1.0")
        throw new Error(`bench: the update did not boot (${booted.notes.join("; ")})`);
      if (i < 0) continue;
      apply.push(t1 - t0);
      boot.push(t2 - t1);
      if (timing !== null) {
        const erases = chip.eraseCounts.reduce((a, b) => a + b, 0) - erasesBefore;
        const programmed = (chip.steps - stepsBefore - erases) * PROGRAM_WORD_BYTES;
        const ms = erases * timing.eraseSectorMs + (Math.ceil(programmed / PAGE_BYTES) * timing.programPageUs) / 1000;
        device =
          `; on the board's flash ≈ ${(ms / 1000).toFixed(2)} s (${erases} ` +
          `sector erases, ${Math.ceil(programmed / PAGE_BYTES)} page programs)`;
      }
    }
    const total = median(apply) + median(boot);
    report({
      name:
        `OTA apply, ${what} image (${image.length.toLocaleString("en")} B): ` +
        `verify + write inactive slot + boot-verify`,
      value:
        `${total.toFixed(1)} ms (apply ${median(apply).toFixed(1)} ms, boot ` +
        `check ${median(boot).toFixed(1)} ms; median of ${RUNS})${device}`,
      goal: "(report)",
      met: null,
    });
  }
}
