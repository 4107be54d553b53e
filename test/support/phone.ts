// A phone on a virtual LAN with one board, subscribed to its pushes: what the
// device examples' tests talk MIoT through.

import assert from "node:assert/strict";
import type { Board } from "../../host/board/board.js";
import { MiioClient } from "../../host/miot/client.js";
import { VirtualLan, virtualTimers } from "../../host/miot/virtual-lan.js";

const DEVICE = "10.0.0.2:54321";
const PHONE = "10.0.0.9:50000";

/** One properties_changed item, with the virtual time it arrived. */
export interface Push {
  readonly timeUs: number;
  readonly siid: number;
  readonly piid: number;
  readonly value: unknown;
}

export interface Phone {
  readonly client: MiioClient;
  readonly pushes: Push[];
  /** Lets 50 ms of virtual time pass, then awaits `p`. */
  readonly settle: <T>(p: Promise<T>) => Promise<T>;
}

/** Waits for the board's radio, puts it on a LAN with a phone and subscribes the phone. */
export async function phoneFor(board: Board): Promise<Phone> {
  await board.runUntil(() => board.online, "5 s", "the radio to connect");
  const lan = new VirtualLan(board.clock);
  const miot = board.miot;
  assert.ok(miot !== null, "the image carries its spec");
  miot.attach(lan, DEVICE);
  const client = new MiioClient(lan.endpoint(PHONE), virtualTimers(board.clock), {
    address: DEVICE,
    token: board.identity.token,
  });
  const settle = async <T>(p: Promise<T>): Promise<T> => {
    await board.advance("50ms");
    return p;
  };
  const pushes: Push[] = [];
  client.onPush((method, params) => {
    if (method !== "properties_changed") return;
    for (const p of params as { siid: number; piid: number; value: unknown }[])
      pushes.push({ timeUs: board.clock.now, siid: p.siid, piid: p.piid, value: p.value });
  });
  await settle(client.call("miIO.sub", { version: "2.0", did: "phone", update_ts: 0, sub_method: "." }));
  return { client, pushes, settle };
}
