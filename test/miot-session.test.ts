// The device side of a miIO session, driven with packets a client would send.

import assert from "node:assert/strict";
import { decodeJson, decodePacket, encodeJson, encodePacket, HELLO, parseToken } from "../host/miot/codec.js";
import { DeviceSession, type RpcOutcome } from "../host/miot/device-session.js";

const TOKEN = parseToken("00112233445566778899aabbccddeeff");
const OTHER_TOKEN = parseToken("ffeeddccbbaa99887766554433221100");
const DID = 0x01020304;

function setup(uptimeS = 100): { session: DeviceSession; clock: { us: number }; calls: string[] } {
  const clock = { us: uptimeS * 1_000_000 };
  const calls: string[] = [];
  const session = new DeviceSession({
    did: DID,
    token: TOKEN,
    nowUs: () => clock.us,
    handle: (method, params): RpcOutcome | null => {
      calls.push(method);
      if (method === "miIO.info") return { result: { model: "sail.light.lamp1" } };
      if (method === "echo") return { result: params };
      if (method === "big") return { result: "x".repeat(1500) };
      return null;
    },
  });
  return { session, clock, calls };
}

function request(
  id: number,
  method: string,
  stamp: number,
  params: unknown = [],
  token = TOKEN,
  did = DID,
): Uint8Array {
  return encodePacket({ did, stamp }, encodeJson({ id, method, params }), token);
}

function answer(reply: Uint8Array | null): Record<string, unknown> {
  assert.ok(reply !== null, "expected a reply");
  return decodeJson(decodePacket(reply, TOKEN).payload) as Record<string, unknown>;
}

describe("miIO device session", () => {
  it("answers hello with its did and a non-zero stamp, and never the token", () => {
    const { session } = setup(41);
    const reply = session.receive(HELLO, "a");
    assert.ok(reply !== null);
    assert.equal(reply.length, 32);
    assert.equal(Buffer.from(reply.subarray(8, 12)).readUInt32BE(), DID);
    assert.equal(Buffer.from(reply.subarray(12, 16)).readUInt32BE(), 42);
    assert.deepEqual([...reply.subarray(16)], new Array(16).fill(0xff));
  });

  it("executes a request and answers with the same id", () => {
    const { session } = setup();
    const reply = answer(session.receive(request(7, "miIO.info", session.stamp), "a"));
    assert.deepEqual(reply, { id: 7, result: { model: "sail.light.lamp1" } });
  });

  it("answers an unknown method with -32601", () => {
    const { session } = setup();
    assert.deepEqual(answer(session.receive(request(1, "get_prop", session.stamp), "a")), {
      id: 1,
      error: { code: -32601, message: "Method not found." },
    });
  });

  it("drops and counts a packet sealed with another token", () => {
    const { session, calls } = setup();
    assert.equal(session.receive(request(1, "miIO.info", session.stamp, [], OTHER_TOKEN), "a"), null);
    assert.equal(session.drops.get("bad-checksum"), 1);
    assert.deepEqual(calls, []);
  });

  it("drops a packet for another device id", () => {
    const { session } = setup();
    assert.equal(session.receive(request(1, "miIO.info", session.stamp, [], TOKEN, 99), "a"), null);
    assert.equal(session.drops.get("foreign-did"), 1);
  });

  it("accepts stamps from 300 s behind to 60 s ahead, and drops the rest silently", () => {
    const { session } = setup(1000);
    const now = session.stamp;
    assert.ok(session.receive(request(1, "miIO.info", now - 300), "a"));
    assert.ok(session.receive(request(2, "miIO.info", now + 60), "a"));
    assert.equal(session.receive(request(3, "miIO.info", now - 301), "a"), null);
    assert.equal(session.receive(request(4, "miIO.info", now + 61), "a"), null);
    assert.equal(session.drops.get("stale-stamp"), 2);
  });

  it("answers a verbatim replay from any address from its cache, executing once", () => {
    const { session, calls } = setup();
    const packet = request(5, "echo", session.stamp, ["x"]);
    const first = session.receive(packet, "a");
    const replay = session.receive(packet, "attacker");
    assert.deepEqual(replay, first);
    assert.deepEqual(calls, ["echo"]);
  });

  it("answers a repeated id from the same sender with the same reply; id + 100 is a new request", () => {
    const { session, clock, calls } = setup();
    const first = session.receive(request(9, "echo", session.stamp, [1]), "a");
    clock.us += 2_000_000;
    assert.deepEqual(session.receive(request(9, "echo", session.stamp, [1]), "a"), first);
    assert.deepEqual(answer(session.receive(request(109, "echo", session.stamp, [2]), "a")), { id: 109, result: [2] });
    assert.deepEqual(calls, ["echo", "echo"]);
  });

  it("still answers a replay from cache when the request was stamped ahead and its stamp is still accepted", () => {
    const { session, clock, calls } = setup(1000);
    const packet = request(6, "echo", session.stamp + 59, ["ahead"]);
    const first = session.receive(packet, "a");
    clock.us += 301_000_000;
    assert.deepEqual(session.receive(packet, "b"), first);
    assert.deepEqual(calls, ["echo"]);
  });

  it("pushes only to subscribers, until they unsubscribe", () => {
    const { session } = setup();
    assert.deepEqual(session.push("properties_changed", []), []);
    assert.deepEqual(answer(session.receive(request(1, "miIO.sub", session.stamp, { version: "2.0" }), "a")), {
      id: 1,
      result: { code: 0 },
    });
    const pushes = session.push("properties_changed", [{ did: String(DID), siid: 2, piid: 1, value: true }]);
    assert.deepEqual(
      pushes.map((p) => p.to),
      ["a"],
    );
    const pushed = answer(pushes[0]?.bytes ?? null);
    assert.equal(pushed["method"], "properties_changed");
    session.receive(request(2, "miIO.unsub", session.stamp), "a");
    assert.deepEqual(session.push("properties_changed", []), []);
  });

  it("answers miIO.sub without an object of params with -5005 and subscribes nothing", () => {
    const { session } = setup();
    for (const [id, params] of [
      [1, null],
      [2, []],
      [3, "2.0"],
    ] as const) {
      const reply = answer(session.receive(request(id, "miIO.sub", session.stamp, params), "a"));
      assert.equal((reply["error"] as { code: number } | undefined)?.code, -5005, JSON.stringify(params));
    }
    assert.deepEqual(session.subscribers, []);
  });

  it("echoes an id past 2^53 exactly, and drops a request whose id is not an exact integer", () => {
    const { session } = setup();
    const big = 9007199254740993n;
    const json = (id: string): Uint8Array => new TextEncoder().encode(`{"id":${id},"method":"miIO.info","params":[]}`);
    const exact = session.receive(encodePacket({ did: DID, stamp: session.stamp }, json(String(big)), TOKEN), "a");
    assert.equal(answer(exact)["id"], big);
    for (const id of ["9007199254740993.0", "1e300", "0.5"]) {
      const reply = session.receive(encodePacket({ did: DID, stamp: session.stamp }, json(id), TOKEN), "a");
      assert.equal(reply, null, id);
    }
    assert.equal(session.drops.get("not-a-request"), 3);
  });

  it("answers at most 20 hellos a second from one address, counting the rest; other addresses are answered", () => {
    const { session, clock } = setup();
    const answered = (from: string): number =>
      Array.from({ length: 25 }, () => session.receive(HELLO, from)).filter((r) => r !== null).length;
    assert.equal(answered("127.0.0.9:40001"), 20);
    assert.equal(
      session.receive(HELLO, "127.0.0.9:40002"),
      null,
      "another port of the same address is the same source",
    );
    assert.equal(session.drops.get("hello-flood"), 6);
    assert.notEqual(session.receive(HELLO, "127.0.0.8:40001"), null, "another address is answered");
    clock.us += 1_000_000;
    assert.notEqual(session.receive(HELLO, "127.0.0.9:40001"), null, "the next second it is answered again");
  });

  it("refuses to send a reply over 1400 bytes, answering -5005 instead", () => {
    const { session } = setup();
    const reply = session.receive(request(3, "big", session.stamp), "a");
    assert.ok(reply !== null && reply.length <= 1400);
    assert.equal((answer(reply)["error"] as { code: number }).code, -5005);
  });
});

describe("miIO over real UDP", () => {
  it("answers hello and a request on a loopback socket (port 0)", async () => {
    const { createSocket } = await import("node:dgram");
    const { serveUdp } = await import("../host/miot/device-udp.js");
    const { session } = setup();
    const device = await serveUdp(session, "127.0.0.1", 0);
    const client = createSocket("udp4");
    const exchange = (bytes: Uint8Array): Promise<Uint8Array> =>
      new Promise((resolve) => {
        client.once("message", (msg) => resolve(new Uint8Array(msg)));
        client.send(bytes, device.port, device.host);
      });
    try {
      const hello = await exchange(HELLO);
      const stamp = Buffer.from(hello.subarray(12, 16)).readUInt32BE();
      assert.deepEqual(answer(await exchange(request(1, "miIO.info", stamp))), {
        id: 1,
        result: { model: "sail.light.lamp1" },
      });
    } finally {
      client.close();
      await device.close();
    }
  });
});
