// The board's MIoT side across images: made for the first image that carries
// a spec and kept for the board's life (sessions and caches survive resets
// and reflashing); requests become firmware events whose status is read.

import type { FlashedImage } from "../flash/flash.js";
import { BoardMiot, type MiotHost, type MiotIdentity } from "../miot/board-device.js";

export interface MiotLinkDeps extends Omit<MiotHost, "info"> {
  readonly identity: () => MiotIdentity;
  readonly image: () => FlashedImage | null;
  /** When the running image booted, µs (miIO.info's `life`). */
  readonly bootUs: () => number;
  readonly chipModel: string;
}

export class MiotLink {
  #miot: BoardMiot | null = null;

  constructor(readonly deps: MiotLinkDeps) {}

  /** The MIoT side, or null before any image with a spec. */
  get device(): BoardMiot | null {
    return this.#miot;
  }

  /** A newly selected image: its spec (or none) becomes the MIoT side's. */
  select(image: FlashedImage): void {
    if (this.#miot !== null) this.#miot.load(image.spec);
    else if (image.spec !== null)
      this.#miot = new BoardMiot(image.spec, this.deps.identity(), { ...this.deps, info: () => this.#info() });
  }

  #info(): Readonly<Record<string, unknown>> {
    const m = this.deps.image()?.manifest;
    return {
      model: m?.model ?? "unknown",
      fw_ver: m?.version ?? "0.0.0",
      hw_ver: this.deps.chipModel,
      mac: this.deps.identity().mac,
      life: Math.floor((this.deps.clockUs() - this.deps.bootUs()) / 1_000_000),
      ap: { ssid: "sail-virtual", bssid: "02:5A:00:00:00:01", rssi: -45 },
      netif: { localIp: "127.0.0.1", mask: "255.0.0.0", gw: "127.0.0.1" },
    };
  }
}
