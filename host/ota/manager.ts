// The board's OTA manager, following ESP-IDF's `esp_ota_ops` with rollback on
// (`system/ota.rst`): an update is checked, written into the slot that is not
// running, and selected to boot NEW; the bootloader boots it on trial; the
// firmware confirms it or is rolled back. Every flash write is ordered so that
// a power cut at any step leaves the previous firmware booting.

import type { KeyObject } from "node:crypto";
import { createHash } from "node:crypto";
import { ABI_VERSION, type AbiVersion } from "../abi/table.js";
import { readManifest, type Manifest } from "../flash/manifest.js";
import type { FlashRegion } from "../flash/region.js";
import { readWasm } from "../wasm/binary.js";
import { decideBoot, type SlotNames } from "./bootloader.js";
import { assertUpdate, OtaError, type UpdatePolicy } from "./checks.js";
import { OTA_IMG, OtaData, slotOfSeq, type SlotIndex } from "./otadata.js";
import { loadPublicKey } from "./signature.js";
import { readSlot, slotCapacity, SlotWriter, SLOT_WRITE_CHUNK, writeSlot } from "./slot.js";

export interface OtaManagerOptions {
  /** The image slots: sail_0 and sail_1 on a board (any two regions in tests). */
  readonly slots: readonly [FlashRegion, FlashRegion];
  /** The otadata partition (two sectors). */
  readonly otadata: FlashRegion;
  /** The public key updates must be signed with (PEM text or a key); null: every update is refused. */
  readonly trustedKey: KeyObject | string | null;
  /** The board profile id an update's manifest must list. */
  readonly board: string;
  /** Manifest of the running image, until `bootImage` reads it from flash. */
  readonly running?: Manifest | null;
  /** ABI the board implements (default: this SDK's). */
  readonly abi?: AbiVersion;
}

export interface BootResult {
  /** The image to run, or null when no slot holds a bootable one. */
  readonly image: Uint8Array | null;
  readonly slot: SlotIndex | null;
  /** `esp_ota_img_states_t` of the booted image (OTA_IMG). */
  readonly state: number;
  /** The same as the `ota_state` import returns it: 1 PENDING_VERIFY, 2 VALID, -1 UNDEFINED. */
  readonly otaState: number;
  /** An image on trial reset before confirming and the previous one boots instead. */
  readonly rolledBack: boolean;
  readonly manifest: Manifest | null;
  /** What the bootloader found and did, one line each, for the board's log. */
  readonly notes: readonly string[];
}

export interface UpdateOptions {
  /** Name of the image in messages (a file or URL). */
  readonly file?: string;
  /** SHA-256 the image must have (32 bytes or 64 hex digits), as a download announces it. */
  readonly sha256?: Uint8Array | string;
  readonly onProgress?: (written: number, total: number) => void;
}

interface Running {
  readonly slot: SlotIndex;
  state: number;
}

/** The SHA-256 an update was announced with, as lower-case hex, or null. */
function announcedSha(sha: Uint8Array | string | undefined, file: string): string | null {
  if (sha === undefined) return null;
  const hex = typeof sha === "string" ? sha.toLowerCase() : Buffer.from(sha).toString("hex");
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new OtaError(
      "sha-mismatch",
      `${file}: the announced SHA-256 "${hex}" is not 64 hex digits (32 ` +
        `bytes); give the image's SHA-256 as \`sail ota pack\` prints it`,
    );
  return hex;
}

/** An update being written into the inactive slot, chunk by chunk. */
export class OtaUpdate {
  #closed = false;

  constructor(
    readonly slot: SlotIndex,
    readonly total: number,
    readonly file: string,
    readonly sha256: string | null,
    private readonly writer: SlotWriter,
    private readonly check: (image: Uint8Array) => Manifest,
    private readonly select: () => void,
    private readonly release: () => void,
  ) {}

  get written(): number {
    return this.writer.written;
  }

  write(chunk: Uint8Array): void {
    if (this.#closed)
      throw new OtaError("download", `${this.file}: the update was already finished or aborted; start a new one`);
    this.writer.write(chunk);
  }

  /**
   * Reads the slot back, checks the SHA-256 and the update (signature,
   * manifest, board, ABI, version), then makes the slot bootable and selects
   * it to boot NEW. The board restarts next. Throws OtaError when refused; the
   * slot then reads as empty.
   */
  finish(): Manifest {
    if (this.#closed)
      throw new OtaError("download", `${this.file}: the update was already finished or aborted; start a new one`);
    this.#close();
    if (this.written !== this.total) {
      throw new OtaError(
        "download",
        `${this.file}: ${this.written.toLocaleString("en")} of ` +
          `${this.total.toLocaleString("en")} bytes arrived; the update is incomplete, try again`,
      );
    }
    const manifest = this.writer.end((image) => {
      const actual = createHash("sha256").update(image).digest("hex");
      if (this.sha256 !== null && actual !== this.sha256) {
        throw new OtaError(
          "sha-mismatch",
          `${this.file}: SHA-256 is ${actual}, not the announced ${this.sha256}: ` +
            `the image was damaged or replaced on the way; fetch it again`,
        );
      }
      return this.check(image);
    });
    this.select();
    return manifest;
  }

  /** Gives up on the update (a failed download): the slot stays without a header, so it never boots. */
  abort(): void {
    if (!this.#closed) this.#close();
  }

  #close(): void {
    this.#closed = true;
    this.release();
  }
}

export class OtaManager {
  readonly otadata: OtaData;
  readonly slots: readonly [FlashRegion, FlashRegion];
  readonly trustedKey: KeyObject | null;
  readonly board: string;
  readonly abi: AbiVersion;
  #runningManifest: Manifest | null;
  #running: Running | null = null;
  #inProgress: OtaUpdate | null = null;

  constructor(options: OtaManagerOptions) {
    this.slots = options.slots;
    this.otadata = new OtaData(options.otadata);
    const key = options.trustedKey;
    this.trustedKey = typeof key === "string" ? loadPublicKey(key, "the board's trusted key") : key;
    this.board = options.board;
    this.abi = options.abi ?? ABI_VERSION;
    this.#runningManifest = options.running ?? null;
  }

  /** The running slot and its state, once `bootImage` has run. */
  get running(): { readonly slot: SlotIndex; readonly state: number } | null {
    return this.#running === null ? null : { ...this.#running };
  }

  get runningManifest(): Manifest | null {
    return this.#runningManifest;
  }

  /**
   * Writes an image straight into the first slot and blanks otadata, as flashing over
   * the serial port does (`idf.py flash`): no checks, no trial; it boots
   * UNDEFINED.
   */
  flashDirect(image: Uint8Array): void {
    this.otadata.erase();
    writeSlot(this.slots[0], image);
    this.#running = null;
  }

  /**
   * A dev reflash (`sail dev`'s reload, docs/decisions.md D55): writes an image
   * over the running slot and leaves otadata as it is, so the bootloader boots
   * the same slot in the same state; no checks, no signature, no version rule.
   */
  flashActive(image: Uint8Array): void {
    writeSlot(this.slots[this.#current().slot], image);
    this.#running = null;
  }

  /** Runs the bootloader: decides the slot, writes the state changes, returns the image to run. */
  bootImage(): BootResult {
    const contents = [readSlot(this.slots[0]), readSlot(this.slots[1])] as const;
    const decision = decideBoot(
      this.otadata.read(),
      [contents[0].status === "valid", contents[1].status === "valid"],
      this.#names(),
    );
    for (const w of decision.writes) this.otadata.setState(w.sector, w.state);
    const problems = contents.flatMap((c) => (c.status === "invalid" ? [c.problem] : []));
    const notes = [...problems, ...decision.notes];
    const slot = decision.slot;
    const chosen = slot === null ? null : contents[slot];
    if (slot === null || chosen === null || chosen.status !== "valid") {
      this.#running = null;
      return {
        image: null,
        slot: null,
        state: OTA_IMG.UNDEFINED,
        otaState: -1,
        rolledBack: decision.rolledBack,
        manifest: null,
        notes,
      };
    }
    this.#running = { slot, state: decision.state };
    this.#runningManifest = manifestOf(chosen.bytes, this.slots[slot].name);
    return {
      image: chosen.bytes,
      slot,
      state: decision.state,
      otaState: decision.state | 0,
      rolledBack: decision.rolledBack,
      manifest: this.#runningManifest,
      notes,
    };
  }

  /** Starts an update of `length` bytes into the inactive slot (erasing it). */
  begin(length: number, options: UpdateOptions = {}): OtaUpdate {
    const file = options.file ?? "the update";
    if (this.trustedKey === null)
      throw new OtaError(
        "no-trusted-key",
        `${file}: refused: no trusted key: give the board one (the ` +
          `.pub.pem from \`sail ota keygen\`) before updating it over the air`,
      );
    const busy = this.#inProgress;
    if (busy !== null) {
      throw new OtaError(
        "busy",
        `${file}: refused: another update (${busy.file}) is being written, ${busy.written.toLocaleString("en")} ` +
          `of ${busy.total.toLocaleString("en")} bytes; wait until it finishes or fails`,
      );
    }
    const sha = announcedSha(options.sha256, file);
    const running = this.#current();
    if (running.state === OTA_IMG.PENDING_VERIFY) {
      throw new OtaError(
        "on-trial",
        `${file}: refused: the running image (${this.slots[running.slot].name}) is on trial; ` +
          `it must confirm itself (ota_confirm) or be rolled back before another update`,
      );
    }
    const target = (1 - running.slot) as SlotIndex;
    const capacity = slotCapacity(this.slots[target]);
    if (length > capacity) {
      throw new OtaError(
        "too-large",
        `${file}: ${length.toLocaleString("en")} bytes do not fit slot ${this.slots[target].name} ` +
          `(at most ${capacity.toLocaleString("en")}); make the image smaller`,
      );
    }
    // The active entry must select the running slot before the other slot is
    // touched, so that a cut from here on always falls back to it.
    const active = this.otadata.active();
    if (active === null || slotOfSeq(active.entry.seq) !== running.slot) {
      this.otadata.setBoot(running.slot, running.state === OTA_IMG.VALID ? OTA_IMG.VALID : OTA_IMG.UNDEFINED);
    }
    const writer = SlotWriter.begin(this.slots[target], length, options.onProgress);
    const update = new OtaUpdate(
      target,
      length,
      file,
      sha,
      writer,
      (image) => assertUpdate(image, file, this.#policy()),
      () => this.otadata.setBoot(target, OTA_IMG.NEW),
      () => {
        if (this.#inProgress === update) this.#inProgress = null;
      },
    );
    this.#inProgress = update;
    return update;
  }

  /**
   * Checks an update without writing anything (signature, board, ABI, version); returns its manifest or throws
   * OtaError.
   */
  check(image: Uint8Array, file = "the update"): Manifest {
    if (this.trustedKey === null)
      throw new OtaError(
        "no-trusted-key",
        `${file}: refused: no trusted key: give the board one (the ` +
          `.pub.pem from \`sail ota keygen\`) before updating it over the air`,
      );
    return assertUpdate(image, file, this.#policy());
  }

  /** Checks, writes and selects a whole image (`begin`, `write` in chunks, `finish`). Returns its manifest. */
  apply(image: Uint8Array, options: UpdateOptions = {}): Manifest {
    const file = options.file ?? "the update";
    assertUpdate(image, file, this.#policy()); // refuse before erasing anything
    const update = this.begin(image.length, options);
    for (let at = 0; at < image.length; at += SLOT_WRITE_CHUNK) update.write(image.subarray(at, at + SLOT_WRITE_CHUNK));
    return update.finish();
  }

  /**
   * Selects the running image again, abandoning an update that was written
   * and selected but not booted yet (one the board found it cannot run).
   */
  cancelUpdate(): void {
    const running = this.#current();
    this.otadata.setBoot(running.slot, running.state === OTA_IMG.VALID ? OTA_IMG.VALID : OTA_IMG.UNDEFINED);
  }

  /**
   * `esp_ota_mark_app_valid_cancel_rollback`: the running image's entry
   * becomes VALID. Returns the running image's state afterwards.
   */
  confirm(): number {
    const running = this.#running;
    if (running === null) return OTA_IMG.UNDEFINED;
    const active = this.otadata.active();
    if (active !== null && slotOfSeq(active.entry.seq) === running.slot && active.entry.state !== OTA_IMG.VALID) {
      this.otadata.setState(active.sector, OTA_IMG.VALID);
      running.state = OTA_IMG.VALID;
    }
    return running.state;
  }

  /**
   * `esp_ota_mark_app_invalid_rollback_and_reboot`: marks the running image
   * INVALID so the previous one boots after the restart the board does next.
   * Returns false, changing nothing, when there is nothing to roll back to.
   */
  reject(): boolean {
    const running = this.#running;
    if (running === null) return false;
    const active = this.otadata.active();
    if (active === null || slotOfSeq(active.entry.seq) !== running.slot) return false;
    const entries = this.otadata.read();
    entries[active.sector] = { ...entries[active.sector], state: OTA_IMG.INVALID };
    const other = (1 - running.slot) as SlotIndex;
    const after = decideBoot(
      entries,
      [readSlot(this.slots[0]).status === "valid", readSlot(this.slots[1]).status === "valid"],
      this.#names(),
    );
    if (after.slot !== other) return false;
    this.otadata.setState(active.sector, OTA_IMG.INVALID);
    running.state = OTA_IMG.INVALID;
    return true;
  }

  #policy(): UpdatePolicy {
    return {
      trustedKey: this.trustedKey,
      board: this.board,
      abi: this.abi,
      running: this.#runningManifest?.version ?? null,
    };
  }

  #names(): SlotNames {
    return [this.slots[0].name, this.slots[1].name];
  }

  /** The running slot: the booted one, or the one the bootloader would boot. */
  #current(): Running {
    if (this.#running !== null) return this.#running;
    const decision = decideBoot(
      this.otadata.read(),
      [readSlot(this.slots[0]).status === "valid", readSlot(this.slots[1]).status === "valid"],
      this.#names(),
    );
    return { slot: decision.slot ?? 0, state: decision.slot === null ? OTA_IMG.UNDEFINED : decision.state };
  }
}

/** The manifest of a booted image, or null for a bare one (or one whose manifest does not parse). */
function manifestOf(image: Uint8Array, where: string): Manifest | null {
  try {
    return readManifest(readWasm(image), where);
  } catch {
    return null;
  }
}
