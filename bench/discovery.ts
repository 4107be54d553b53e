// Discovery figures on loopback (docs/miot.md "Discovery"): the round trip of a broadcast
// hello to 127.255.255.255 (sent to the reply in hand, 50 times) and of an mDNS browse of
// `_miio._udp.local` on 127.0.0.1 (a fresh browser started to the device resolved, 5 times,
// the responder's probing already done), for the smart lamp served in this process.

import { createSocket } from "node:dgram";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Bonjour, type ServiceConfig } from "bonjour-service";
import { Board } from "../host/board/board.js";
import { buildProject } from "../host/build/build.js";
import { HELLO } from "../host/miot/codec.js";
import { advertiseMiio, mdnsInterface } from "../host/miot/mdns.js";
import type { Figure } from "./foundation.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DID = 0x5c000000 + (process.pid % 0x10000) * 16;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** A reply not back within this is a lost datagram: the bench says so instead of waiting forever. */
const REPLY_TIMEOUT_MS = 2000;

async function helloRoundTrips(board: Board, port: number, times: number): Promise<number[]> {
  const socket = createSocket("udp4");
  await new Promise<void>((r) => socket.bind(0, "0.0.0.0", r));
  socket.setBroadcast(true);
  const out: number[] = [];
  try {
    for (let i = 0; i < times; i++) {
      const t0 = performance.now();
      await new Promise<void>((r, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`bench discovery: hello ${i + 1} had no reply within ${REPLY_TIMEOUT_MS} ms`));
        }, REPLY_TIMEOUT_MS);
        socket.once("message", () => {
          clearTimeout(timer);
          r();
        });
        socket.send(HELLO, port, "127.255.255.255");
      });
      out.push(performance.now() - t0);
      // The device answers 20 hellos per second of its own (virtual) time from one source: move it on.
      await board.advance("60 ms");
    }
  } finally {
    socket.close();
  }
  return out;
}

async function mdnsRoundTrip(instance: string): Promise<number> {
  const bonjour = new Bonjour(mdnsInterface("127.0.0.1") as Partial<ServiceConfig>);
  const t0 = performance.now();
  try {
    return await new Promise<number>((r, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`bench discovery: mDNS did not resolve ${instance} within 10 s`));
      }, 10_000);
      bonjour.find({ type: "miio", protocol: "udp" }, (s) => {
        if (s.name !== instance) return;
        clearTimeout(timer);
        r(performance.now() - t0);
      });
    });
  } finally {
    await new Promise<void>((r) => bonjour.destroy(() => r()));
  }
}

export async function discoveryFigures(report: (f: Figure) => void): Promise<void> {
  const built = await buildProject(join(ROOT, "examples/smart-lamp"));
  const board = Board.load("esp32-devkitc", { seed: 51, identity: { did: DID } });
  await board.flash(built.file);
  await board.runUntil(() => board.online, "5 s", "the radio to connect");
  const miot = board.miot;
  if (miot === null) throw new Error("the smart lamp carries a MIoT spec");
  const endpoint = await miot.serveUdp("0.0.0.0", 0);
  const advertising = advertiseMiio({
    model: "sail.light.lamp1",
    did: DID,
    mac: board.identity.mac,
    host: "127.0.0.1",
    port: endpoint.port,
  });
  try {
    await mdnsRoundTrip(advertising.instance); // waits out the probe and the first announcement
    const hello = await helloRoundTrips(board, endpoint.port, 50);
    const mdns: number[] = [];
    for (let i = 0; i < 5; i++) mdns.push(await mdnsRoundTrip(advertising.instance));
    report({
      name: "discovery: broadcast hello round trip on loopback (median of 50)",
      value: `${median(hello).toFixed(2)} ms (max ${Math.max(...hello).toFixed(2)} ms)`,
      goal: "reported",
      met: null,
    });
    report({
      name: "discovery: mDNS browse to resolved device on loopback (median of 5)",
      value: `${median(mdns).toFixed(1)} ms (max ${Math.max(...mdns).toFixed(1)} ms)`,
      goal: "reported",
      met: null,
    });
  } finally {
    await advertising.stop();
    await endpoint.close();
  }
}
