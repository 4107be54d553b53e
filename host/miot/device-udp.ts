// Real UDP for a miIO device session (node:dgram): every datagram goes to the
// session, its reply goes back to the sender, pushes go to subscribers.
// Interactive runs use 127.0.0.1:54321; tests bind port 0.

import { createSocket, type Socket } from "node:dgram";
import { MIIO_PORT } from "./codec.js";
import type { DeviceSession } from "./device-session.js";

export interface UdpEndpoint {
  readonly host: string;
  readonly port: number;
  /** Sends pushes (properties_changed, event_occured) to every subscriber. */
  push(method: string, params: unknown): void;
  close(): Promise<void>;
}

export async function serveUdp(session: DeviceSession, host = "127.0.0.1", port = MIIO_PORT): Promise<UdpEndpoint> {
  const socket: Socket = createSocket(host.includes(":") ? "udp6" : "udp4");
  socket.on("message", (msg, rinfo) => {
    let reply: Uint8Array | null = null;
    try {
      reply = session.receive(new Uint8Array(msg.buffer, msg.byteOffset, msg.length), `${rinfo.address}:${rinfo.port}`);
    } catch (e) {
      // Whatever goes wrong answering one datagram must not take the process down.
      process.emitWarning(
        `miIO: dropped a datagram from ${rinfo.address}:${rinfo.port}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    if (reply !== null) socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(port, host, () => {
      socket.off("error", reject);
      resolve();
    });
  });
  const bound = socket.address();
  return {
    host: bound.address,
    port: bound.port,
    push(method, params) {
      for (const { to, bytes } of session.push(method, params)) {
        const at = to.lastIndexOf(":");
        socket.send(bytes, Number(to.slice(at + 1)), to.slice(0, at));
      }
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
