// What `sail flash` writes, and where, before any port is opened: the image
// in the slot format at sail_0 with sail_otadata erased (so sail_0 boots, as
// the emulator's direct flash does), optionally the runtime (an ESP-IDF app
// image) at ota_0 with otadata erased, and a factory identity as an nvs
// partition image. Everything is checked here, so a refusal costs no flash
// writes and names the file, the partition and the fix.

import { flashImage } from "../flash/flash.js";
import { FlashChip } from "../flash/chip.js";
import { FlashRegion } from "../flash/region.js";
import { SailError } from "../errors.js";
import {
  partitionNamed,
  partitionOf,
  SAIL_OTADATA_NAME,
  SAIL_SLOT_NAMES,
  type Partition,
} from "../boards/partitions.js";
import type { BoardProfile } from "../boards/profile.js";
import type { MiotIdentity } from "../miot/board-device.js";
import { slotCapacity, writeSlot, SLOT_HEADER_BYTES } from "../ota/slot.js";
import { identityImage } from "./identity-image.js";

export interface FlashWrite {
  /** Offset in flash. */
  readonly address: number;
  readonly data: Uint8Array;
  /** The partition and what goes there, for the log. */
  readonly what: string;
}

export interface FlashPlanOptions {
  readonly runtime?: { readonly bytes: Uint8Array; readonly file: string };
  readonly identity?: MiotIdentity;
}

/** An ESP-IDF app image starts with this byte (esp_image_header_t.magic). */
const ESP_IMAGE_MAGIC = 0xe9;

export async function planFlash(
  profile: BoardProfile,
  image: Uint8Array,
  file: string,
  options: FlashPlanOptions = {},
): Promise<FlashWrite[]> {
  const flash = profile.flash;
  const slot = partitionNamed(flash, SAIL_SLOT_NAMES[0]);
  const scratch = new FlashChip(slot.size);
  const region = new FlashRegion(scratch, 0, slot.size, slot.name);
  if (image.length > slotCapacity(region))
    throw new SailError(
      `${file} is ${image.length.toLocaleString("en")} bytes; the ${slot.name} slot of ${profile.id} holds at most ` +
        `${slotCapacity(region).toLocaleString("en")} (its ${slot.size.toLocaleString("en")} bytes less the ` +
        `${SLOT_HEADER_BYTES}-byte header): make the image smaller (sail size ${file} shows what takes the room)`,
    );
  // The board's own checks (ABI, imports, boards, memory), as the emulator flashes it.
  await flashImage(image, profile, file);
  writeSlot(region, image);
  const writes: FlashWrite[] = [
    { address: slot.offset, data: scratch.read(0, SLOT_HEADER_BYTES + image.length), what: `${slot.name}: ${file}` },
    erased(partitionNamed(flash, SAIL_OTADATA_NAME), "blank, so sail_0 boots"),
  ];
  const runtime = options.runtime;
  if (runtime !== undefined) {
    const ota0 = partitionOf(flash, "app", "ota_0");
    if (runtime.bytes[0] !== ESP_IMAGE_MAGIC)
      throw new SailError(
        `${runtime.file} is not an ESP-IDF app image (it does not start with 0xE9): give the runtime's ` +
          "build/sail-runtime.bin that idf.py build writes (docs/runtime.md)",
      );
    if (runtime.bytes.length > ota0.size)
      throw new SailError(
        `${runtime.file} is ${runtime.bytes.length.toLocaleString("en")} bytes; ${ota0.name} of ${profile.id} ` +
          `holds ${ota0.size.toLocaleString("en")}: build the runtime with fewer components or a smaller log level`,
      );
    writes.push({ address: ota0.offset, data: runtime.bytes, what: `${ota0.name}: ${runtime.file}` });
    writes.push(erased(partitionOf(flash, "data", "ota"), "blank, so ota_0 boots"));
  }
  if (options.identity !== undefined) {
    const nvs = partitionOf(flash, "data", "nvs");
    const id = options.identity;
    writes.push({
      address: nvs.offset,
      data: identityImage(id, nvs.size),
      what: `${nvs.name}: identity did ${id.did}, mac ${id.mac} (the partition's other keys are erased)`,
    });
  }
  return writes.sort((a, b) => a.address - b.address);
}

function erased(p: Partition, why: string): FlashWrite {
  return { address: p.offset, data: new Uint8Array(p.size).fill(0xff), what: `${p.name}: ${why}` };
}
