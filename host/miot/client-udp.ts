// A DatagramTransport on a real node:dgram socket, for MiioClient on a real LAN
// (docs/reference/miot-protocol.md §1 transport: UDP; §7: loopback and any port work).

import { createSocket, type Socket } from "node:dgram";
import { SailError } from "../errors.js";
import type { DatagramTransport } from "./transport.js";

/** A UDP socket bound to an ephemeral port (port 0) on `host` (all IPv4 interfaces by default). */
export async function udpTransport(host = "0.0.0.0", port = 0): Promise<DatagramTransport> {
  const socket: Socket = createSocket(host.includes(":") ? "udp6" : "udp4");
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(port, host, () => {
      socket.off("error", reject);
      resolve();
    });
  });
  // After binding, socket errors are what UDP loss looks like: the caller's timeouts handle them.
  socket.on("error", () => {});
  let closed = false;
  return {
    send(bytes, to) {
      if (closed) throw new SailError(`udpTransport: socket is closed; cannot send to ${to}`);
      const { address, port: toPort } = splitAddress(to);
      socket.send(bytes, toPort, address, () => {
        /* a send error is a lost datagram */
      });
    },
    onReceive(handler) {
      socket.on("message", (msg, rinfo) =>
        handler(new Uint8Array(msg.buffer, msg.byteOffset, msg.length), joinAddress(rinfo.address, rinfo.port)),
      );
    },
    close() {
      if (closed) return;
      closed = true;
      socket.close();
    },
  };
}

/** "10.0.0.2:54321" or "[::1]:54321" → host and port. */
function splitAddress(to: string): { address: string; port: number } {
  const at = to.lastIndexOf(":");
  const port = Number(to.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SailError(`udpTransport: address "${to}" must be host:port with a port from 1 to 65535`);
  }
  const host = to.slice(0, at);
  return { address: host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host, port };
}

function joinAddress(address: string, port: number): string {
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}
