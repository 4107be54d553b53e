// The miIO client against a DeviceSession on a deterministic virtual LAN (and
// once over real UDP): handshake, MIoT calls, errors, retries, timeouts, pushes.

import assert from "node:assert/strict";
import { SeededRandom } from "../host/random.js";
import { MiioRpcError, MiioTimeoutError, MiioClient, discover } from "../host/miot/client.js";
import {
  decodeJson,
  decodePacket,
  encodeHelloReply,
  encodeJson,
  encodePacket,
  isHello,
  parseToken,
} from "../host/miot/codec.js";
import { DeviceSession, type RpcOutcome } from "../host/miot/device-session.js";
import type { DatagramTransport } from "../host/miot/transport.js";
import { VirtualLan, virtualTimers, type LanEvent } from "../host/miot/virtual-lan.js";
import { VirtualClock } from "../host/time/clock.js";

const TOKEN = parseToken("00112233445566778899aabbccddeeff");
const OTHER_TOKEN = parseToken("ffeeddccbbaa99887766554433221100");
const DID = 0x01020304;
const DEVICE = "10.0.0.2:54321";
const CLIENT = "10.0.0.9:40001";

interface Rig {
  clock: VirtualClock;
  lan: VirtualLan;
  session: DeviceSession;
  client: MiioClient;
  calls: string[];
  trace: LanEvent[];
  /** The device's own socket, to send raw datagrams from its address. */
  device: DatagramTransport | undefined;
}

/** A device with a few MIoT properties, counting the methods it executes. */
function deviceSession(clock: VirtualClock, calls: string[]): DeviceSession {
  const props = new Map<string, unknown>([
    ["2.1", true],
    ["2.2", 40],
  ]);
  return new DeviceSession({
    did: DID,
    token: TOKEN,
    nowUs: () => clock.now,
    handle: (method, params): RpcOutcome | null => {
      calls.push(method);
      const items = params as { did: string; siid: number; piid: number; value?: unknown }[];
      switch (method) {
        case "miIO.info":
          return { result: { model: "sail.test.client1", fw_ver: "1.0.0" } };
        case "echo":
          return { result: params };
        case "get_properties":
          return {
            result: items.map(({ did, siid, piid }) => {
              const value = props.get(`${siid}.${piid}`);
              return value === undefined ? { did, siid, piid, code: -4003 } : { did, siid, piid, code: 0, value };
            }),
          };
        case "set_properties":
          return {
            result: items.map(({ did, siid, piid, value }) => {
              props.set(`${siid}.${piid}`, value);
              return { did, siid, piid, code: 0 };
            }),
          };
        case "action": {
          const a = params as { did: string; siid: number; aiid: number; in: unknown[] };
          return { result: { code: 0, out: [a.did, a.siid, a.aiid, ...a.in] } };
        }
        default:
          return null;
      }
    },
  });
}

function rig(options: { seed?: number; lossRate?: number; jitterUs?: number; attach?: boolean } = {}): Rig {
  const clock = new VirtualClock();
  clock.advance("100s"); // a device stamp that is clearly not 1
  const lan = new VirtualLan(clock, {
    ...(options.seed === undefined ? {} : { random: new SeededRandom(options.seed) }),
    lossRate: options.lossRate ?? 0,
    jitterUs: options.jitterUs ?? 0,
  });
  const calls: string[] = [];
  const session = deviceSession(clock, calls);
  const device = (options.attach ?? true) ? lan.attachDevice(session, DEVICE) : undefined;
  const trace: LanEvent[] = [];
  lan.tap((e) => trace.push(e));
  const client = new MiioClient(lan.endpoint(CLIENT), virtualTimers(clock), { address: DEVICE, token: TOKEN });
  return { clock, lan, session, client, calls, trace, device };
}

/** Runs virtual time for `d`, then lets the promise's callbacks run. */
async function run<T>(clock: VirtualClock, p: Promise<T>, d: string | number = "10s"): Promise<T> {
  clock.advance(d);
  return p;
}

/** Whether a promise has settled, checked after the current virtual step. */
function track(p: Promise<unknown>): { settled: boolean; error: unknown } {
  const state = { settled: false, error: undefined as unknown };
  p.then(
    () => {
      state.settled = true;
    },
    (e: unknown) => {
      state.settled = true;
      state.error = e;
    },
  );
  return state;
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The JSON of the requests the client sent to the device (decoded with the token), in order. */
function requestsTo(
  trace: readonly LanEvent[],
  fate?: LanEvent["fate"],
): { id: number; method: string; stamp: number }[] {
  return trace
    .filter((e) => e.to === DEVICE && !isHello(e.bytes) && (fate === undefined || e.fate === fate))
    .map((e) => {
      const packet = decodePacket(e.bytes, TOKEN);
      const m = decodeJson(packet.payload) as { id: number; method: string };
      return { id: m.id, method: m.method, stamp: packet.header.stamp };
    });
}

const hellosTo = (trace: readonly LanEvent[]): number =>
  trace.filter((e) => e.to === DEVICE && isHello(e.bytes)).length;

describe("miIO client on a virtual LAN", () => {
  it("handshakes: adopts the device's did and stamp after one round trip", async () => {
    const { clock, client, session } = rig();
    const reply = await run(clock, client.handshake(), "1ms");
    assert.deepEqual(reply, { did: DID, stamp: session.stamp });
    assert.equal(client.did, DID);
  });

  it("calls miIO.info, get_properties, set_properties and action with MIoT param shapes", async () => {
    const { clock, client, calls } = rig();
    assert.deepEqual(await run(clock, client.info()), { model: "sail.test.client1", fw_ver: "1.0.0" });
    assert.deepEqual(
      await run(
        clock,
        client.getProperties([
          { siid: 2, piid: 1 },
          { siid: 2, piid: 2 },
          { siid: 9, piid: 9 },
        ]),
      ),
      [
        { did: String(DID), siid: 2, piid: 1, code: 0, value: true },
        { did: String(DID), siid: 2, piid: 2, code: 0, value: 40 },
        { did: String(DID), siid: 9, piid: 9, code: -4003 },
      ],
    );
    assert.deepEqual(await run(clock, client.setProperties([{ siid: 2, piid: 2, value: 75 }])), [
      { did: String(DID), siid: 2, piid: 2, code: 0 },
    ]);
    assert.deepEqual(await run(clock, client.getProperties([{ siid: 2, piid: 2 }])), [
      { did: String(DID), siid: 2, piid: 2, code: 0, value: 75 },
    ]);
    assert.deepEqual(await run(clock, client.action(3, 1, [5, "x"])), { code: 0, out: [String(DID), 3, 1, 5, "x"] });
    assert.deepEqual(calls, ["miIO.info", "get_properties", "set_properties", "get_properties", "action"]);
  });

  it("numbers requests 1, 2, 3 and stamps them with the device stamp plus whole elapsed seconds", async () => {
    const { clock, client, trace } = rig();
    const { stamp } = await run(clock, client.handshake(), "1ms");
    await run(clock, client.call("echo", [1]), "2s"); // its reply, 1 ms later, is stamped `stamp`
    await run(clock, client.call("echo", [2]), "50s"); // 1.999 s later: stamp + 1; reply stamped stamp + 2
    await run(clock, client.call("echo", [3]), "1ms"); // 49.999 s later: stamp + 2 + 49
    assert.deepEqual(requestsTo(trace), [
      { id: 1, method: "echo", stamp },
      { id: 2, method: "echo", stamp: stamp + 1 },
      { id: 3, method: "echo", stamp: stamp + 51 },
    ]);
  });

  it("rejects an error reply with MiioRpcError carrying the device's code", async () => {
    const { clock, client } = rig();
    const p = client.call("no_such_method", []);
    clock.advance("1s");
    await assert.rejects(
      p,
      (e: unknown) =>
        e instanceof MiioRpcError && e.code === -32601 && /no_such_method.*Method not found/.test(e.message),
    );
  });

  it("re-sends a lost request with id + 100 after a fresh hello; the device executes it once", async () => {
    const { clock, client, lan, calls, trace } = rig();
    await run(clock, client.handshake(), "1ms");
    lan.dropNext(DEVICE);
    const p = track(client.call("echo", ["once"]));
    clock.advance("1999ms");
    await flush();
    assert.equal(p.settled, false, "must wait the whole 2 s timeout");
    clock.advance("1s");
    await flush();
    assert.equal(p.settled, true);
    assert.equal(p.error, undefined);
    assert.deepEqual(
      requestsTo(trace, "lost").map((r) => r.id),
      [1],
    );
    assert.deepEqual(
      requestsTo(trace, "delivered").map((r) => r.id),
      [101],
    );
    assert.equal(hellosTo(trace), 2, "the retry re-handshakes first");
    assert.deepEqual(calls, ["echo"]);
    await run(clock, client.call("echo", []), "1s");
    const requests = requestsTo(trace);
    assert.equal(requests[requests.length - 1]?.id, 102, "ids continue after the retry id");
  });

  it("rejects with a timeout naming address and method after (retries + 1) × timeout of virtual time", async () => {
    const clock = new VirtualClock();
    const lan = new VirtualLan(clock);
    const device = lan.endpoint(DEVICE); // answers hello, never a request
    device.onReceive((bytes, from) => {
      if (isHello(bytes)) device.send(encodeHelloReply(DID, 7), from);
    });
    const client = new MiioClient(lan.endpoint(CLIENT), virtualTimers(clock), {
      address: DEVICE,
      token: TOKEN,
      timeoutMs: 2000,
      retries: 3,
    });
    await run(clock, client.handshake(), "1ms");
    const start = clock.now;
    const p = client.call("echo", []);
    const state = track(p);
    clock.advance(4 * 2000 * 1000 - 1);
    await flush();
    assert.equal(state.settled, false);
    clock.advance(1);
    await assert.rejects(
      p,
      (e: unknown) =>
        e instanceof MiioTimeoutError &&
        e.message === "miIO echo to 10.0.0.2:54321: no reply after 4 tries of 2000 ms each",
    );
    assert.equal(clock.now - start, 8_000_000);
  });

  it("rejects a handshake with nobody at the address after (retries + 1) × timeout", async () => {
    const { clock, client, trace } = rig({ attach: false });
    const p = client.handshake();
    clock.advance("8s");
    await assert.rejects(p, /miIO hello to 10\.0\.0\.2:54321: no reply after 4 tries of 2000 ms each/);
    assert.equal(trace.filter((e) => e.fate === "unreachable").length, 4);
  });

  it("re-sends hello after a zero stamp and never adopts the token slot", async () => {
    const clock = new VirtualClock();
    const lan = new VirtualLan(clock);
    const calls: string[] = [];
    const session = deviceSession(clock, calls);
    const device = lan.endpoint(DEVICE);
    let hellos = 0;
    device.onReceive((bytes, from) => {
      if (!isHello(bytes)) {
        const reply = session.receive(bytes, from);
        if (reply !== null) device.send(reply, from);
        return;
      }
      // A leaky device: the first reply has stamp 0, every reply carries a wrong "token" in 16..31.
      const reply = new Uint8Array(32);
      reply.set(encodeHelloReply(DID, 5).subarray(0, 16));
      if (hellos++ === 0) reply.fill(0, 12, 16);
      reply.set(OTHER_TOKEN, 16);
      device.send(reply, from);
    });
    const client = new MiioClient(lan.endpoint(CLIENT), virtualTimers(clock), { address: DEVICE, token: TOKEN });
    assert.deepEqual(await run(clock, client.handshake(), "1s"), { did: DID, stamp: 5 });
    assert.equal(hellos, 2);
    assert.deepEqual(await run(clock, client.info()), { model: "sail.test.client1", fw_ver: "1.0.0" });
  });

  it("ignores replies sealed with another token, for another did, or from another address", async () => {
    const clock = new VirtualClock();
    const lan = new VirtualLan(clock);
    const session = deviceSession(clock, []);
    const device = lan.endpoint(DEVICE);
    const spoofer = lan.endpoint("10.0.0.66:54321");
    const forged = (token: Uint8Array, did = DID): Uint8Array =>
      encodePacket({ did, stamp: 1 }, encodeJson({ id: 1, result: ["forged"] }), token);
    device.onReceive((bytes, from) => {
      const reply = session.receive(bytes, from);
      if (reply === null) return;
      if (!isHello(bytes)) {
        // Same latency, so these arrive first, in this order.
        device.send(forged(OTHER_TOKEN), from);
        device.send(forged(TOKEN, DID + 1), from);
        spoofer.send(forged(TOKEN), from);
      }
      device.send(reply, from);
    });
    const client = new MiioClient(lan.endpoint(CLIENT), virtualTimers(clock), { address: DEVICE, token: TOKEN });
    assert.deepEqual(await run(clock, client.call("echo", ["real"]), "1s"), ["real"]);
  });

  it("re-handshakes before a call more than 120 s after the last received packet", async () => {
    const { clock, client, trace } = rig();
    await run(clock, client.handshake(), "1ms");
    await run(clock, client.call("echo", []), "119s");
    await run(clock, client.call("echo", []), "121s");
    assert.equal(hellosTo(trace), 1, "within 120 s: no new hello");
    await run(clock, client.call("echo", []), "1s");
    assert.equal(hellosTo(trace), 2);
  });

  it("delivers properties_changed to onPush after miIO.sub, and acknowledges it", async () => {
    const { clock, client, lan, session, trace, device } = rig();
    const pushes: [string, unknown][] = [];
    client.onPush((method, params) => pushes.push([method, params]));
    assert.deepEqual(
      await run(clock, client.call("miIO.sub", { version: "2.0", did: "client", update_ts: 0, sub_method: "." })),
      { code: 0 },
    );
    assert.deepEqual(session.subscribers, [CLIENT]);
    const changed = [{ did: String(DID), siid: 2, piid: 1, value: false }];
    lan.push(session, DEVICE, "properties_changed", changed);
    lan.push(session, DEVICE, "event_occured", { did: String(DID), siid: 3, eiid: 1, arguments: [] });
    clock.advance("1s");
    assert.deepEqual(pushes, [
      ["properties_changed", changed],
      ["event_occured", { did: String(DID), siid: 3, eiid: 1, arguments: [] }],
    ]);
    const acks = trace
      .filter((e) => e.to === DEVICE && e.fate === "delivered")
      .slice(-2)
      .map((e) => decodeJson(decodePacket(e.bytes, TOKEN).payload));
    assert.deepEqual(acks, [
      { id: 1, result: { code: 0 } },
      { id: 2, result: { code: 0 } },
    ]);
    assert.equal(session.executed, 1, "acknowledgements are not requests");
    // The same push datagram again, within 5 s: acknowledged, not delivered twice.
    const toClient = trace.filter((e) => e.to === CLIENT);
    const lastPush = toClient[toClient.length - 1];
    assert.ok(lastPush !== undefined && device !== undefined);
    device.send(lastPush.bytes, CLIENT);
    clock.advance("1s");
    assert.equal(pushes.length, 2);
    assert.equal(trace.filter((e) => e.to === DEVICE).length, 5, "hello, sub, and three acks");
  });

  it("rejects pending calls on close", async () => {
    const { client } = rig();
    const p = client.info();
    client.close();
    await assert.rejects(p, /MiioClient for 10\.0\.0\.2:54321 was closed/);
    await assert.rejects(client.info(), /is closed; cannot call miIO\.info/);
  });

  it("discover resolves with did and stamp, or null when nobody answers", async () => {
    const clock = new VirtualClock();
    const lan = new VirtualLan(clock);
    lan.attachDevice(deviceSession(clock, []), DEVICE);
    const found = discover(lan.endpoint(CLIENT), virtualTimers(clock), DEVICE, 500);
    const missing = discover(lan.endpoint("10.0.0.9:40002"), virtualTimers(clock), "10.0.0.77:54321", 500);
    clock.advance("1s");
    assert.deepEqual(await found, { did: DID, stamp: 1 });
    assert.equal(await missing, null);
  });
});

describe("miIO client on a lossy, jittery virtual LAN", () => {
  /** A whole session on a seeded lossy LAN; the trace of every datagram's fate. */
  async function session(seed: number): Promise<{ results: unknown[]; trace: string[]; ids: number[] }> {
    const { clock, client, trace } = rig({ seed, lossRate: 0.2, jitterUs: 3000 });
    const results: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      const p = client.call("echo", [i]);
      clock.advance("10s");
      results.push(await p);
    }
    const lines = trace.map(
      (e) => `${e.sentUs}->${e.atUs} ${e.from}>${e.to} ${e.fate} ${Buffer.from(e.bytes).toString("hex")}`,
    );
    return { results, trace: lines, ids: requestsTo(trace).map((r) => r.id) };
  }

  it("completes every call through losses, by retrying", async () => {
    const { results, trace, ids } = await session(9);
    assert.deepEqual(results, [[0], [1], [2], [3], [4], [5]]);
    assert.ok(trace.filter((l) => l.includes(" lost ")).length >= 3, "this seed loses datagrams");
    assert.ok(
      ids.some((id) => id > 100),
      `some call was retried with id + 100; ids ${ids.join(", ")}`,
    );
  });

  it("repeats exactly with the same seed, and differs with another", async () => {
    const a = await session(9);
    const b = await session(9);
    const c = await session(6);
    assert.deepEqual(b, a);
    assert.notDeepEqual(c.trace, a.trace);
  });
});

describe("miIO client over real UDP", () => {
  it("handshakes and calls a DeviceSession served on 127.0.0.1 port 0", async () => {
    const { serveUdp } = await import("../host/miot/device-udp.js");
    const { udpTransport } = await import("../host/miot/client-udp.js");
    const { realTimers } = await import("../host/miot/transport.js");
    const clock = new VirtualClock(); // the device's uptime; the client runs on real timers
    clock.advance("42s");
    const device = await serveUdp(deviceSession(clock, []), "127.0.0.1", 0);
    const client = new MiioClient(await udpTransport("127.0.0.1"), realTimers, {
      address: `${device.host}:${device.port}`,
      token: TOKEN,
      timeoutMs: 1000,
      retries: 1,
    });
    try {
      assert.deepEqual(await client.handshake(), { did: DID, stamp: 43 });
      assert.deepEqual(await client.info(), { model: "sail.test.client1", fw_ver: "1.0.0" });
    } finally {
      client.close();
      await device.close();
    }
  });
});
