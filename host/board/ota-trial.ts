// The OTA trial: an updated image boots PENDING_VERIFY and must confirm
// itself (ota_confirm) within the profile's trial time, or the board resets
// and the bootloader rolls back; ota_reject rolls back at once.

import { STATUS, type HostImports } from "../abi/table.js";
import { FirmwareStop } from "../firmware/faults.js";
import { OTA_STATE_PENDING, OTA_STATE_UNDEFINED, OTA_STATE_VALID } from "../ota/states.js";
import { formatDuration } from "../time/duration.js";
import type { Alarm, VirtualClock } from "../time/clock.js";
import type { BoardStorage } from "./storage.js";
import type { LogLevel } from "../trace/changes.js";

export interface OtaTrialDeps {
  readonly clock: VirtualClock;
  readonly trialMs: number;
  readonly storage: BoardStorage;
  /** Charges flash time to the running handler. */
  readonly delay: (us: number) => void;
  readonly log: (level: LogLevel, text: string) => void;
  /** Whether the firmware runs (a trial that ends while it does not is moot). */
  readonly running: () => boolean;
  /** The trial ran out: reset the board with this message. */
  readonly expire: (message: string) => void;
}

export class OtaTrial {
  /** The running image's OTA state, as ota_state returns it. */
  state = OTA_STATE_UNDEFINED;
  #alarm: Alarm | null = null;

  constructor(readonly deps: OtaTrialDeps) {}

  /** A boot begins: the previous image's trial, if any, is over. */
  cancel(): void {
    this.deps.clock.cancel(this.#alarm);
    this.#alarm = null;
  }

  /** At boot: an image on trial (PENDING_VERIFY, set by the bootloader) gets the trial time to confirm. */
  armIfPending(): void {
    if (this.state !== OTA_STATE_PENDING) return;
    const { clock } = this.deps;
    const trialUs = this.deps.trialMs * 1000;
    this.#alarm = clock.at(clock.now + trialUs, () => {
      this.#alarm = null;
      if (this.state !== OTA_STATE_PENDING || !this.deps.running()) return;
      this.deps.expire(
        `ota: the image on trial did not confirm itself (ota_confirm) within ${formatDuration(trialUs)}; ` +
          "the bootloader rolls back",
      );
    });
  }

  imports(): Pick<HostImports, "ota_state" | "ota_confirm" | "ota_reject"> {
    const { storage, delay, log } = this.deps;
    return {
      ota_state: () => this.state,
      ota_confirm: () => {
        storage.timed(() => storage.ota.confirm(), delay);
        if (this.state === OTA_STATE_PENDING) log("I", "ota: image confirmed; rollback cancelled");
        this.state = this.state === OTA_STATE_UNDEFINED ? OTA_STATE_UNDEFINED : OTA_STATE_VALID;
        this.cancel();
        return STATUS.OK;
      },
      ota_reject: () => {
        if (!storage.timed(() => storage.ota.reject(), delay)) {
          log("W", "ota_reject: there is no previous image to roll back to; the running image stays");
          return;
        }
        throw new FirmwareStop("SW", "ota_reject: the image marked itself invalid; rolling back");
      },
    };
  }
}
