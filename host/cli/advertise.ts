// Advertising a board that serves miIO over real UDP, as a real device does once on a
// network: `_miio._udp` over mDNS (host/miot/mdns.ts). `sail run --miot`, `sail start`
// and `sail dev` call it after serving; stop() sends the goodbye.

import type { Board } from "../board/board.js";
import { advertiseMiio, type Advertising } from "../miot/mdns.js";
import { note } from "./format.js";

/** Advertises `board` at the address its miIO endpoint is bound to; null (with a note) for a bare image. */
export function advertiseBoard(
  board: Board,
  endpoint: { readonly host: string; readonly port: number },
  onNote: (text: string) => void = note,
): Advertising | null {
  const model = board.image?.manifest?.model;
  if (model === undefined) {
    onNote("  not advertised over mDNS: the image carries no manifest, so no model to name it by");
    return null;
  }
  const advertising = advertiseMiio(
    { model, did: board.identity.did, mac: board.identity.mac, host: endpoint.host, port: endpoint.port },
    (message) => onNote(`mDNS: ${message}`),
  );
  const where = endpoint.host === "0.0.0.0" ? "every interface" : endpoint.host;
  onNote(`  mDNS: ${advertising.instance}._miio._udp.local on ${where}`);
  return advertising;
}
