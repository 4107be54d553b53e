// MIoT figures: encrypted request round trips on loopback (board in another
// process, 32 requests in flight), the smart lamp's size and memory, and a
// million fuzzed datagrams.

import { fork } from "node:child_process";
import { createSocket } from "node:dgram";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildProject } from "../host/build/build.js";
import { decodeJson, decodePacket, encodeJson, encodePacket, HELLO, parseToken } from "../host/miot/codec.js";
import { readWasm } from "../host/wasm/binary.js";
import { fuzzSession } from "../test/support/fuzz.js";
import type { Figure } from "./foundation.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const IN_FLIGHT = 32;
const REQUESTS = 40_000;
const WARMUP = 4_000;

interface Device {
  port: number;
  token: string;
  did: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number;
}

/** Sends REQUESTS get_properties with IN_FLIGHT outstanding; returns rate and latencies (ms). */
async function roundTrips(device: Device): Promise<{ perSecond: number; p50: number; p99: number }> {
  const token = parseToken(device.token);
  const socket = createSocket("udp4");
  await new Promise<void>((r) => socket.bind(0, "127.0.0.1", r));
  const send = (bytes: Uint8Array): void => {
    socket.send(bytes, device.port, "127.0.0.1");
  };
  const stamp = await new Promise<number>((resolveStamp) => {
    socket.once("message", (msg) => resolveStamp(msg.readUInt32BE(12)));
    send(HELLO);
  });
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let nextId = 1;
  let done = 0;
  let t0 = 0;
  const request = (): void => {
    const id = nextId++;
    sentAt.set(id, performance.now());
    send(
      encodePacket(
        { did: device.did, stamp },
        encodeJson({ id, method: "get_properties", params: [{ did: String(device.did), siid: 2, piid: 2 }] }),
        token,
      ),
    );
  };
  const finished = new Promise<number>((resolveDone) => {
    socket.on("message", (msg) => {
      const reply = decodeJson(decodePacket(new Uint8Array(msg), token).payload) as { id: number };
      const started = sentAt.get(reply.id);
      if (started === undefined) return;
      sentAt.delete(reply.id);
      done++;
      if (done === WARMUP) t0 = performance.now();
      if (done > WARMUP) latencies.push(performance.now() - started);
      if (done === WARMUP + REQUESTS) resolveDone(performance.now() - t0);
      else if (nextId <= WARMUP + REQUESTS) request();
    });
  });
  for (let i = 0; i < IN_FLIGHT; i++) request();
  const ms = await finished;
  socket.close();
  latencies.sort((a, b) => a - b);
  return { perSecond: (REQUESTS / ms) * 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export async function miotFigures(report: (f: Figure) => void): Promise<void> {
  const lamp = await buildProject(join(ROOT, "examples/smart-lamp"));
  const info = readWasm(lamp.bytes);
  report({
    name: "smart-lamp .wasm image size",
    value: `${lamp.bytes.length} B`,
    goal: "≤ 4 KiB",
    met: lamp.bytes.length <= 4096,
  });
  report({
    name: "smart-lamp linear memory",
    value: `${info.memory?.min ?? 0} page(s) of 64 KiB`,
    goal: "1 page",
    met: info.memory?.min === 1,
  });

  const child = fork(join(HERE, "miot-device.js"), [lamp.file], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    execArgv: process.env["SAIL_PROFILE_DEVICE"] ? ["--cpu-prof", "--cpu-prof-dir=/tmp/cpuprof2"] : [],
  });
  try {
    const device = await new Promise<Device>((r) => child.once("message", (m) => r(m as Device)));
    const rtt = await roundTrips(device);
    report({
      name:
        `encrypted miIO round trips on loopback (get_properties into the ` +
        `lamp firmware; ${IN_FLIGHT} in flight, board in another process)`,
      value:
        `${Math.round(rtt.perSecond).toLocaleString("en")}/s; latency p50 ${rtt.p50.toFixed(2)} ` +
        `ms, p99 ${rtt.p99.toFixed(2)} ms (${REQUESTS.toLocaleString("en")} requests)`,
      goal: "≥ 50,000/s, p99 ≤ 2 ms",
      met: rtt.perSecond >= 50_000 && rtt.p99 <= 2,
    });
  } finally {
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    child.disconnect(); // the device closes its socket and exits on its own
    await Promise.race([exited, new Promise<void>((r) => setTimeout(r, 3000))]);
    child.kill();
  }

  const count = 1_000_000;
  const t0 = performance.now();
  const { answered, executed, drops } = fuzzSession(count, 2026);
  const s = (performance.now() - t0) / 1000;
  report({
    name: "miIO session fuzzing: 10⁶ seeded mutated datagrams",
    value:
      `${answered} answered without the token, ${executed} executed, ${drops.toLocaleString("en")} ` +
      `drops counted, no crash; ${Math.round(count / s).toLocaleString("en")} datagrams/s`,
    goal: "0 answered, 0 executed",
    met: answered === 0 && executed === 0,
  });
}
