// Finding miIO devices as clients do (docs/reference/miot-protocol.md §1 hello): a broadcast
// hello on UDP, answered by every device with its did and stamp, and an mDNS browse of
// `_miio._udp.local` (mdns.ts), both for one timeout, merged by did.

import { createSocket } from "node:dgram";
import { HELLO, MIIO_PORT } from "./codec.js";
import { browseMiio } from "./mdns.js";

export interface DiscoverOptions {
  /** Where the hello goes: 255.255.255.255 on a LAN; 127.255.255.255 stays on loopback. */
  readonly broadcast?: string;
  readonly port?: number;
  readonly timeoutMs?: number;
  /** The interface mDNS browses on: 0.0.0.0 (every one) or an address such as 127.0.0.1. */
  readonly mdnsHost?: string;
  /** Which methods to use (default both). */
  readonly methods?: readonly ("hello" | "mdns")[];
}

export interface FoundDevice {
  readonly did: number;
  /** The address miIO answered from or mDNS gave, "host:port". */
  readonly address: string;
  readonly model: string | null;
  readonly mac: string | null;
  /** The token a device in its setup network gives in its hello reply (§1 "token leak"); null once provisioned. */
  readonly token: string | null;
  readonly via: readonly ("hello" | "mdns")[];
  /** Milliseconds from the start of discovery to the first answer naming this device. */
  readonly firstMs: number;
}

/** A hello reply: did, stamp and the 16-byte slot (all 0xFF or 0x00 when the device keeps its token). */
export function parseHelloReply(bytes: Uint8Array): { did: number; stamp: number; slot: Uint8Array } | null {
  if (bytes.length !== 32 || bytes[0] !== 0x21 || bytes[1] !== 0x31 || bytes[2] !== 0 || bytes[3] !== 0x20) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const did = view.getUint32(8);
  if (did === 0 || did === 0xffffffff) return null;
  return { did, stamp: view.getUint32(12), slot: bytes.slice(16, 32) };
}

/** Broadcast hello and mDNS browse for `timeoutMs` (default 3000); one entry per did, sorted by did. */
export async function discoverDevices(options: DiscoverOptions = {}): Promise<FoundDevice[]> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const methods = options.methods ?? ["hello", "mdns"];
  const started = performance.now();
  const byDid = new Map<number, FoundDevice>();
  const add = (found: Omit<FoundDevice, "via" | "firstMs">, via: "hello" | "mdns"): void => {
    const before = byDid.get(found.did);
    const firstMs = performance.now() - started;
    byDid.set(
      found.did,
      before === undefined
        ? { ...found, via: [via], firstMs }
        : {
            did: found.did,
            address: before.via.includes("hello") ? before.address : found.address,
            model: before.model ?? found.model,
            mac: before.mac ?? found.mac,
            token: before.token ?? found.token,
            via: before.via.includes(via) ? before.via : [...before.via, via],
            firstMs: before.firstMs,
          },
    );
  };
  await Promise.all([
    methods.includes("hello")
      ? helloBroadcast(options.broadcast ?? "255.255.255.255", options.port ?? MIIO_PORT, timeoutMs, (r) =>
          add({ did: r.did, address: r.address, model: null, mac: null, token: r.token }, "hello"),
        )
      : Promise.resolve(),
    methods.includes("mdns")
      ? browseMiio(timeoutMs, options.mdnsHost ?? "0.0.0.0").then((list) => {
          for (const d of list) {
            add({ did: d.did, address: `${d.address}:${d.port}`, model: d.model, mac: d.mac, token: null }, "mdns");
          }
        })
      : Promise.resolve(),
  ]);
  return [...byDid.values()].sort((a, b) => a.did - b.did);
}

/** Sends the hello three times, 300 ms apart (as python-miio's discover), and reports each reply. */
async function helloBroadcast(
  to: string,
  port: number,
  timeoutMs: number,
  onReply: (r: { did: number; address: string; token: string | null }) => void,
): Promise<void> {
  const socket = createSocket("udp4");
  socket.on("error", () => {}); // a refused send is a lost hello, as on the air
  socket.on("message", (msg, rinfo) => {
    const reply = parseHelloReply(new Uint8Array(msg.buffer, msg.byteOffset, msg.length));
    if (reply === null) return;
    const kept = reply.slot.every((b) => b === 0xff) || reply.slot.every((b) => b === 0);
    onReply({
      did: reply.did,
      address: `${rinfo.address}:${rinfo.port}`,
      token: kept ? null : Buffer.from(reply.slot).toString("hex"),
    });
  });
  await new Promise<void>((resolve) => socket.bind(0, "0.0.0.0", resolve));
  socket.setBroadcast(true);
  const timers: NodeJS.Timeout[] = [];
  for (let i = 0; i < 3; i++) {
    timers.push(
      setTimeout(() => {
        socket.send(HELLO, port, to, () => {});
      }, i * 300),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, timeoutMs));
  for (const t of timers) clearTimeout(t);
  await new Promise<void>((resolve) => socket.close(() => resolve()));
}
