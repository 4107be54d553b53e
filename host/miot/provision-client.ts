// The client side of provisioning (`sail miot provision`, tests): in the device's setup
// network, a hello learns the did and the token the device gives there; miIO.config_router
// then carries the home network's ssid and password and the account uid, as python-miio's
// configure_wifi sends them ({"ssid", "passwd", "uid"}; docs/miot.md "Provisioning").

import { SailError } from "../errors.js";
import { MiioClient } from "./client.js";
import { HELLO } from "./codec.js";
import { parseHelloReply } from "./discover.js";
import type { DatagramTransport, Timers } from "./transport.js";

export interface ProvisionRequest {
  /** The device in its setup network, "192.168.4.1:54321". */
  readonly address: string;
  readonly ssid: string;
  readonly passwd: string;
  /** The account id the device is bound to (python-miio sends 0 by default). */
  readonly uid?: number | string;
  /** The device's token when it is known; otherwise the one its hello reply gives is used. */
  readonly token?: Uint8Array;
  /** Per-try timeout, ms (default 2000; 3 tries). */
  readonly timeoutMs?: number;
}

export interface Provisioned {
  readonly did: number;
  /** The token the device answered with: keep it, the device no longer gives it once provisioned. */
  readonly token: Uint8Array;
  readonly result: unknown;
}

/** Sends miIO.config_router to a device in its setup network; throws naming what went wrong. */
export async function provisionDevice(
  transport: DatagramTransport,
  timers: Timers,
  request: ProvisionRequest,
): Promise<Provisioned> {
  const timeoutMs = request.timeoutMs ?? 2000;
  const hello = await helloOnce(transport, timers, request.address, timeoutMs);
  const kept = hello.slot.every((b) => b === 0xff) || hello.slot.every((b) => b === 0);
  const token = request.token ?? (kept ? null : hello.slot);
  if (token === null) {
    throw new SailError(
      `${request.address} (did ${hello.did}) keeps its token, so it is not in its setup network: give --token, ` +
        "or hold its button for 5 s to forget its Wi-Fi and open the setup network",
    );
  }
  const client = new MiioClient(transport, timers, { address: request.address, token, timeoutMs });
  try {
    const result = await client.call("miIO.config_router", {
      ssid: request.ssid,
      passwd: request.passwd,
      uid: request.uid ?? 0,
    });
    return { did: hello.did, token, result };
  } finally {
    client.close();
  }
}

/** Hello to `address`, three tries; the first reply. */
function helloOnce(
  transport: DatagramTransport,
  timers: Timers,
  address: string,
  timeoutMs: number,
): Promise<{ did: number; slot: Uint8Array }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let cancel = (): void => {};
    transport.onReceive((bytes) => {
      const reply = parseHelloReply(bytes);
      if (settled || reply === null) return;
      settled = true;
      cancel();
      resolve(reply);
    });
    const attempt = (left: number): void => {
      if (settled) return;
      if (left === 0) {
        settled = true;
        reject(
          new SailError(
            `no hello reply from ${address} in 3 tries of ${timeoutMs} ms: ` +
              "is this client on the device's setup network?",
          ),
        );
        return;
      }
      transport.send(HELLO, address);
      cancel = timers.after(timeoutMs, () => attempt(left - 1));
    };
    attempt(3);
  });
}
