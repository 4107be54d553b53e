// Power and boot: power-on and power cuts, the bootloader and the boot
// sequence, flashing and over-the-air updates, deep sleep and the wake from
// it. The board's state ("off", "running", "sleeping", "halted") lives here.

import { readFile } from "node:fs/promises";
import { EVENT_KIND } from "../abi/table.js";
import type { BoardProfile } from "../boards/profile.js";
import { SailError } from "../errors.js";
import type { FirmwareExecutor } from "../firmware/executor.js";
import type { ResetReason } from "../firmware/faults.js";
import { PowerCut } from "../flash/chip.js";
import type { FlashedImage } from "../flash/flash.js";
import type { Manifest } from "../flash/manifest.js";
import type { Gpio } from "../peripherals/gpio.js";
import type { EnergyMeter } from "../power/energy.js";
import type { Sleep, SleepDepth } from "../power/sleep.js";
import type { LogLevel } from "../trace/changes.js";
import { HARDWARE_EVENT, type FirmwareRunner, type Stop } from "./firmware-runner.js";
import type { OtaTrial } from "./ota-trial.js";
import type { PrepareHook } from "./profiling.js";
import type { Radio } from "./radio.js";
import type { Resets } from "./resets.js";
import type { BoardStorage } from "./storage.js";

/** "off": not powered or rebooting; "sleeping": in deep sleep; "halted": stopped by a boot loop. */
export type BoardState = "off" | "running" | "sleeping" | "halted";

export interface LifecycleDeps {
  readonly profile: BoardProfile;
  readonly storage: BoardStorage;
  readonly energy: EnergyMeter;
  readonly sleep: Sleep;
  readonly gpio: Gpio;
  readonly runner: FirmwareRunner;
  readonly resets: Resets;
  readonly trial: OtaTrial;
  readonly radio: Radio;
  readonly log: (level: LogLevel, text: string) => void;
  /** Starts an executor for the image (with the board's imports). */
  readonly execute: (image: FlashedImage) => FirmwareExecutor;
  /** Instrumentation for the profiler, or undefined. */
  readonly prepareHook: () => PrepareHook | undefined;
  /** `image` becomes the running image (its MIoT spec the board's). */
  readonly selected: (image: FlashedImage) => void;
  /** Makes and stores the board's identity on first boot. */
  readonly identity: () => unknown;
  /** What a chip reset puts back to its reset state, in this order. */
  readonly peripherals: readonly { reset(): void }[];
}

export class Lifecycle {
  #state: BoardState = "off";
  #image: FlashedImage | null = null;

  constructor(readonly deps: LifecycleDeps) {}

  /** "off": not powered or rebooting; "running"; "sleeping": in deep sleep; "halted": stopped by a boot loop. */
  get state(): BoardState {
    return this.#state;
  }

  /** A reset took the firmware down: off until the reboot, or halted by a boot loop (Resets decides which). */
  resetTo(state: "off" | "halted"): void {
    this.#state = state;
  }

  get image(): FlashedImage | null {
    return this.#image;
  }

  /** Validates and flashes an image (bytes or a path), then powers the board on. */
  async flash(image: Uint8Array | string, file?: string): Promise<FlashedImage> {
    const bytes = typeof image === "string" ? new Uint8Array(await readFile(image)) : image;
    const flashed = await this.#prepare(bytes, file ?? (typeof image === "string" ? image : "firmware.wasm"));
    for (const note of flashed.notes) this.deps.log("I", note);
    // As flashing over the serial port does: the image goes to sail_0 and sail_otadata is blanked; nvs is kept.
    // A bare .wasm goes there as the image it became (flashed.bytes, docs/fidelity.md "Memory").
    this.deps.storage.ota.flashDirect(flashed.bytes);
    this.#select(flashed);
    this.powerOn();
    return flashed;
  }

  /**
   * A dev reflash (docs/decisions.md D124): the image is checked for this board, written over the running
   * slot (nvs, identity and otadata kept) and the board resets with reason SW to boot it.
   */
  async devReflash(image: Uint8Array, file: string): Promise<FlashedImage> {
    const flashed = await this.#prepare(image, file);
    this.deps.storage.ota.flashActive(flashed.bytes);
    this.deps.resets.cancelReboot();
    this.deps.resets.reset("SW", `dev reflash: ${describeImage(flashed)}`, null, "dev");
    return flashed;
  }

  /** Boots whatever the flash holds: the images in the app slots are validated first, then the bootloader picks one. */
  async bootFromFlash(): Promise<void> {
    for (const problem of await this.deps.storage.prepareSlots(this.deps.prepareHook()))
      this.deps.log("E", `flash: ${problem}`);
    this.powerOn();
  }

  /** An over-the-air update: checked, written into the inactive slot, then the board restarts into it on trial. */
  async update(
    image: Uint8Array | string,
    options: { readonly file?: string; readonly sha256?: string } = {},
  ): Promise<Manifest> {
    const ota = this.deps.storage.ota;
    const bytes = typeof image === "string" ? new Uint8Array(await readFile(image)) : image;
    const file = options.file ?? (typeof image === "string" ? image : "the update");
    const manifest = ota.check(bytes, file);
    await this.#prepare(bytes, file); // an image this board cannot run is refused before anything is written
    ota.apply(bytes, { file, ...(options.sha256 === undefined ? {} : { sha256: options.sha256 }) });
    this.restartForUpdate(manifest);
    return manifest;
  }

  /** miIO.ota's install: an image signed for this board that cannot run here keeps the running one. */
  async install(m: Manifest): Promise<void> {
    const { storage, profile } = this.deps;
    const problems = await storage.prepareSlots(this.deps.prepareHook());
    if (problems.length > 0) {
      storage.ota.cancelUpdate();
      throw new SailError(`${m.name} ${m.version} cannot run on ${profile.id}: ${problems.join("; ")}`);
    }
    this.restartForUpdate(m);
  }

  /**
   * Restarts into a freshly written update (written while the firmware kept
   * running). A board that is not running (in deep sleep, restarting, off)
   * boots it at its next wake or boot, which goes through the bootloader.
   */
  restartForUpdate(m: Manifest): void {
    const written = `ota: ${m.name} ${m.version} written to the inactive slot`;
    if (this.deps.runner.executor === null) {
      const next = this.#state === "sleeping" ? "wake" : "boot";
      this.deps.log("I", `${written}; the board is ${this.#state}: it boots the update on trial at its next ${next}`);
      return;
    }
    this.deps.log("I", `${written}; restarting to boot it on trial`);
    this.deps.resets.reset("SW", `restart after OTA update to ${m.version}`, null, "ota");
  }

  /** Power-on reset: boots the flashed image from scratch. */
  powerOn(): void {
    this.deps.resets.powerOn();
    this.boot("POWERON");
  }

  /** Power is cut: RAM, pins and timers are lost; flash keeps what was written. */
  powerCut(): void {
    this.deps.runner.stop();
    this.deps.resets.cancelReboot();
    this.#resetPeripherals();
    this.deps.sleep.reset(false);
    this.deps.energy.enter("off");
    this.#state = "off";
    this.deps.log("W", "power cut");
  }

  /** A handler stopped the firmware: a power cut under it, deep sleep, or a reset for `stop.reason`. */
  stopped(stop: Stop | "power cut", during: string): void {
    if (stop === "power cut") this.powerCut();
    else if (stop.reason === "DEEPSLEEP") this.deepSleep(stop.message);
    else this.deps.resets.reset(stop.reason, stop.message, stop.fn, during);
  }

  /** The firmware stops and the chip's peripherals reset (a reset or deep sleep). */
  stopChip(): void {
    this.deps.runner.stop();
    this.#resetPeripherals();
  }

  boot(reason: ResetReason): void {
    const { profile, gpio, log, trial } = this.deps;
    this.deps.resets.cancelReboot();
    trial.cancel();
    const image = this.#bootloader();
    if (image === null) return;
    this.#resetPeripherals();
    this.deps.sleep.reset(reason === "DEEPSLEEP");
    this.deps.resets.booted(reason);
    this.deps.radio.connect(image.spec !== null);
    for (const [pin, p] of profile.pins) {
      if (p.strap !== null && gpio.level(pin) !== p.strap && gpio.isDriven(pin)) {
        log(
          "W",
          `GPIO ${pin} is held at ${gpio.level(pin)} while the board resets; ` +
            `it is a strapping pin latched at reset (default ${p.strap})`,
        );
      }
    }
    const m = image.manifest;
    log("I", `boot: reset reason ${reason}; ${m === null ? "bare image" : `${m.name} ${m.version}`} on ${profile.id}`);
    this.#mountKv();
    this.deps.identity(); // made and stored on first boot (docs/decisions.md D4)
    trial.armIfPending();
    const executor = this.deps.execute(image);
    this.#state = "running";
    this.deps.runner.start(executor);
  }

  /** sleep_deep: the firmware stops; the radio sends what is queued (connecting if it must); the chip sleeps. */
  deepSleep(message: string): void {
    this.stopChip();
    this.#state = "sleeping";
    const sleepNow = (): void => {
      this.deps.log("I", message);
      this.deps.energy.enter("deepSleep");
      this.deps.sleep.enter("deep");
    };
    this.deps.radio.sendThenSleep(sleepNow, (sending) => (this.#state = sending ? "running" : "sleeping"));
  }

  /** A sleep ended: a deep sleep reboots the chip, a light sleep delivers WAKE, then the events it deferred. */
  woke(depth: SleepDepth, cause: number, asleepUs: number): void {
    const { energy, runner } = this.deps;
    if (depth === "deep") {
      // Waking from deep sleep is a reset: the chip boots again, which takes the boot time.
      this.#state = "off";
      energy.enter("idle");
      this.deps.resets.rebootLater("DEEPSLEEP");
      return;
    }
    energy.enter(this.deps.radio.connected ? "idle" : "connecting");
    runner.deliver(EVENT_KIND.WAKE, 0, BigInt(cause), BigInt(asleepUs), "WAKE", HARDWARE_EVENT);
    runner.flushDeferred();
  }

  #resetPeripherals(): void {
    for (const p of this.deps.peripherals) p.reset();
  }

  async #prepare(bytes: Uint8Array, file: string): Promise<FlashedImage> {
    return this.deps.storage.prepare(bytes, file, this.deps.prepareHook());
  }

  #select(image: FlashedImage): void {
    this.#image = image;
    this.deps.selected(image);
  }

  /** The bootloader: picks the slot to boot (rolling back a failed trial) and returns its prepared image. */
  #bootloader(): FlashedImage | null {
    const { storage, log } = this.deps;
    const boot = storage.ota.bootImage();
    for (const note of boot.notes) log(boot.rolledBack ? "W" : "I", `bootloader: ${note}`);
    const image = boot.image === null ? null : storage.prepared(boot.image);
    if (image === null) {
      if (this.#image === null)
        throw new SailError(
          `the flash holds no bootable firmware (${boot.notes.join("; ")}): ` +
            "flash one first (sail run <firmware> --flash <file>, or board.flash(image))",
        );
      this.#state = "halted";
      log("E", `bootloader: no bootable image in ${storage.ota.slots.map((s) => s.name).join(" or ")}; flash one`);
      return null;
    }
    if (image !== this.#image) this.#select(image);
    this.deps.trial.state = boot.otaState;
    return image;
  }

  /** Mounts the key-value store, as nvs_flash_init does at boot; a store that cannot mount leaves kv_* failing. */
  #mountKv(): void {
    try {
      for (const w of this.deps.storage.mountKv()) this.deps.log("W", `nvs: ${w}`);
    } catch (e) {
      if (e instanceof PowerCut) throw e;
      this.deps.log("E", `nvs: ${(e as Error).message}`);
    }
  }
}

function describeImage(image: FlashedImage): string {
  const m = image.manifest;
  return m === null ? "a bare image" : `${m.name} ${m.version}`;
}
