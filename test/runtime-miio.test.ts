// The on-board runtime's miIO codec and session in C (runtime/miio): its unit
// tests and a 10,000-case fuzzer under AddressSanitizer and UBSan, vectors
// shared with the TS codec both ways, and the C server on real UDP answering
// npm `miio` and `sail miot`, and replying byte for byte as the emulated
// lamp's server does for the same spec and values.

import assert from "node:assert/strict";
import { execFile, spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createCipheriv, createHash } from "node:crypto";
import { createSocket } from "node:dgram";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import miio from "miio";
import { Board } from "../host/board/board.js";
import { SPEC_SECTION } from "../host/flash/manifest.js";
import { decodePacket, encodePacket, HELLO, MiioDropError } from "../host/miot/codec.js";
import { C_PACKAGES } from "../host/runtime/cc.js";
import { buildMiioTool, hasMbedtls, MBEDTLS_PACKAGE } from "../host/runtime/miio-c.js";
import { readWasm } from "../host/wasm/binary.js";
import { firmware, ROOT, SMART_LAMP } from "./support/firmware.js";
import { requireTool } from "./support/tools.js";

const run = promisify(execFile);

/** A miIO tool built with mbedtls, or the test skipped (failed under CI=true) naming the package. */
function miioTool(context: Mocha.Context, name: string): string {
  const cc = requireTool(context, ["cc", "gcc", "clang"], C_PACKAGES);
  if (!hasMbedtls(cc)) {
    const message = `mbedtls headers not found: install the Debian package ${MBEDTLS_PACKAGE}`;
    if (process.env["CI"] === "true") throw new Error(message);
    process.stderr.write(`      skipped: ${message}\n`);
    context.skip();
  }
  return buildMiioTool(name, cc);
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/** One request over UDP and its decrypted reply as text; null after 1.5 s without one. */
async function rawCall(
  port: number,
  token: Uint8Array,
  did: number,
  stamp: number,
  json: string,
): Promise<string | null> {
  const packet = encodePacket({ did, stamp }, new TextEncoder().encode(json), token);
  const reply = await exchange(port, packet);
  return reply === null ? null : new TextDecoder().decode(decodePacket(reply, token).payload);
}

async function exchange(port: number, packet: Uint8Array): Promise<Uint8Array | null> {
  const socket = createSocket("udp4");
  try {
    return await new Promise<Uint8Array | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 1500);
      socket.once("message", (msg) => {
        clearTimeout(timer);
        resolve(new Uint8Array(msg));
      });
      socket.send(packet, port, "127.0.0.1");
    });
  } finally {
    socket.close();
  }
}

/** The device stamp a hello reply carries. */
async function stampOf(port: number): Promise<number> {
  const reply = await exchange(port, HELLO);
  assert.ok(reply !== null, "hello answered");
  assert.equal(hex(reply.subarray(16)), "ff".repeat(16), "the hello reply carries no token");
  return Buffer.from(reply).readUInt32BE(12);
}

/** A packet with a good checksum whose plaintext ends in a 0 byte: not PKCS#7. */
function badPadding(token: Uint8Array): Uint8Array {
  const key = createHash("md5").update(token).digest();
  const iv = createHash("md5").update(key).update(token).digest();
  const cipher = createCipheriv("aes-128-cbc", key, iv).setAutoPadding(false);
  const body = Buffer.concat([cipher.update(Buffer.alloc(16, 0)), cipher.final()]);
  const packet = Buffer.alloc(48);
  packet.writeUInt16BE(0x2131, 0);
  packet.writeUInt16BE(48, 2);
  packet.writeUInt32BE(5, 8);
  packet.writeUInt32BE(6, 12);
  Buffer.from(token).copy(packet, 16);
  body.copy(packet, 32);
  createHash("md5").update(packet).digest().copy(packet, 16);
  return new Uint8Array(packet);
}

interface CServer {
  readonly port: number;
  readonly child: ChildProcessWithoutNullStreams;
  /** Sends a command line, resolves with the line it prints. */
  command(line: string): Promise<string>;
  stop(): Promise<string>;
}

async function serveC(tool: string, args: readonly string[]): Promise<CServer> {
  const child = spawn(tool, args, { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout });
  const queue: ((line: string) => void)[] = [];
  const first = new Promise<string>((resolve) => queue.push(resolve));
  lines.on("line", (line) => queue.shift()?.(line));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const head = await Promise.race([first, exited.then(() => `exited: ${stderr}`)]);
  const match = /^listening (\d+)$/.exec(head);
  assert.ok(match !== null, head);
  return {
    port: Number(match[1]),
    child,
    command: (line) =>
      new Promise<string>((resolve) => {
        queue.push(resolve);
        child.stdin.write(`${line}\n`);
      }),
    stop: async () => {
      child.stdin.end("quit\n");
      await exited;
      return stderr;
    },
  };
}

interface Lamp {
  readonly board: Board;
  readonly port: number;
  readonly close: () => Promise<void>;
  readonly token: Uint8Array;
  readonly did: number;
  readonly specFile: string;
  /** miio_serve's options for the lamp's identity, info and current values. */
  readonly args: string[];
}

/** The emulated smart lamp on real UDP, and what a C server needs to be the same device. */
async function lamp(): Promise<Lamp> {
  const image = await firmware(SMART_LAMP);
  const board = Board.load("esp32-devkitc", { seed: 13 });
  await board.flash(image);
  await board.runUntil(() => board.online, "5 s", "the radio to connect");
  const endpoint = await board.miot?.serveUdp("127.0.0.1", 0);
  assert.ok(endpoint);
  const { token, did } = board.identity;
  // The spec as the image carries it: the sail.spec section's bytes, which the C side parses.
  const section = readWasm(image).customSections.find((s) => s.name === SPEC_SECTION);
  assert.ok(section);
  const specFile = join(mkdtempSync(join(tmpdir(), "sail-miio-")), "sail.spec.json");
  writeFileSync(specFile, section.data);
  const stamp = await stampOf(endpoint.port);
  const ask = async (json: string): Promise<unknown> =>
    JSON.parse((await rawCall(endpoint.port, token, did, stamp, json)) ?? "null") as unknown;
  const info = (await ask('{"id":1,"method":"miIO.info"}')) as { result: Record<string, string> };
  const props = [
    [1, 1],
    [1, 2],
    [1, 3],
    [1, 4],
    [2, 1],
    [2, 2],
    [2, 3],
  ];
  const got = (await ask(
    JSON.stringify({ id: 2, method: "get_properties", params: props.map(([siid, piid]) => ({ siid, piid })) }),
  )) as { result: { siid: number; piid: number; value: unknown }[] };
  const { model, fw_ver, hw_ver, mac } = info.result;
  const args = [
    specFile,
    String(did),
    hex(token),
    "--info",
    `${model},${fw_ver},${hw_ver},${mac}`,
    "--toggle",
    "2.1=2.1",
    ...got.result.flatMap((r) => ["--prop", `${r.siid}.${r.piid}=${JSON.stringify(r.value)}`]),
  ];
  return { board, port: endpoint.port, close: () => endpoint.close(), token, did, specFile, args };
}

describe("runtime/miio: the miIO codec and session in C", function () {
  this.timeout(180_000);

  it("passes its unit tests under AddressSanitizer and UBSan", function () {
    const tool = miioTool(this, "test_miio");
    const r = spawnSync(tool, [], { encoding: "utf8" });
    assert.equal(r.stderr, "", "no sanitizer report");
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /^\d+ passed, 0 failed$/m);
  });

  it("encrypts the TS codec's bytes, decrypts them, and drops what it drops for the same reason", function () {
    const tool = miioTool(this, "miio_codec_tool");
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const token = Uint8Array.from({ length: 16 }, () => next() & 0xff);
    const cases: { payload: Uint8Array; did: number; stamp: number }[] = [];
    for (let i = 0; i < 200; i++) {
      const size = i === 0 ? 0 : i === 1 ? 1359 : next() % 700;
      cases.push({ payload: Uint8Array.from({ length: size }, () => (next() % 255) + 1), did: next(), stamp: next() });
    }
    const packets = cases.map((c) => encodePacket({ did: c.did, stamp: c.stamp }, c.payload, token));
    // Broken packets, and what the TS codec says of each.
    const broken: Uint8Array[] = [];
    for (const p of packets.slice(0, 60)) {
      const b = new Uint8Array(p);
      const kind = next() % 4;
      const at = next() % b.length;
      if (kind === 0) b[at] = (b[at] ?? 0) ^ (1 << (next() % 8));
      broken.push(kind === 1 ? b.subarray(0, next() % b.length) : kind === 2 ? Uint8Array.of(...b, 0) : b);
      if (kind === 3) b[3] = (b[3] ?? 0) ^ 0x10;
    }
    // And one of each reason the random edits rarely make.
    const first = packets[1] ?? new Uint8Array();
    const tooLong = Uint8Array.from({ length: 1401 }, (_, i) => first[i] ?? 0);
    const badMagic = Uint8Array.of(0, ...first.subarray(1));
    const unaligned = Uint8Array.from(first.subarray(0, 40));
    unaligned[2] = 0;
    unaligned[3] = 40;
    broken.push(tooLong, badMagic, unaligned, badPadding(token));
    const tsVerdict = (b: Uint8Array): string => {
      try {
        const d = decodePacket(b, token);
        return `ok ${d.header.did} ${d.header.stamp} ${hex(d.payload)}`;
      } catch (e) {
        assert.ok(e instanceof MiioDropError);
        return `drop ${e.reason}`;
      }
    };
    const input = [
      ...cases.map((c) => `encode ${hex(token)} ${c.did} ${c.stamp} ${hex(c.payload)}`),
      ...packets.map((p) => `decode ${hex(token)} ${hex(p)}`),
      ...broken.map((b) => `decode ${hex(token)} ${hex(b)}`),
      `hello ${hex(HELLO)}`,
      `hello ${hex(packets[0] ?? new Uint8Array())}`,
    ].join("\n");
    const r = spawnSync(tool, [], { input, encoding: "utf8", maxBuffer: 64 << 20 });
    assert.equal(r.stderr, "", "no sanitizer report");
    const lines = r.stdout.trimEnd().split("\n");
    const encoded = lines.slice(0, cases.length);
    assert.deepEqual(encoded, packets.map(hex), "C encrypts to the TS codec's bytes");
    for (const [i, line] of encoded.entries()) {
      const back = decodePacket(Buffer.from(line, "hex"), token);
      assert.equal(
        hex(back.payload),
        hex((cases[i] as { payload: Uint8Array }).payload),
        "TS decrypts what C encrypted",
      );
    }
    const decoded = lines.slice(cases.length, cases.length + packets.length);
    assert.deepEqual(decoded, packets.map(tsVerdict), "C decrypts what TS encrypted");
    const drops = lines.slice(cases.length + packets.length, -2);
    assert.deepEqual(drops, broken.map(tsVerdict), "the same drop reasons");
    assert.deepEqual([...new Set(drops)].sort(), [
      "drop bad-checksum",
      "drop bad-length",
      "drop bad-magic",
      "drop bad-padding",
      "drop not-block-aligned",
      "drop too-long",
    ]);
    assert.deepEqual(lines.slice(-2), ["hello", "no"]);
  });

  it("replies byte for byte as the emulated lamp's server for the same spec and values", async function () {
    const tool = miioTool(this, "miio_serve");
    const l = await lamp();
    const c = await serveC(tool, l.args);
    try {
      const stamps = [await stampOf(l.port), await stampOf(c.port)];
      const requests = [
        '{"id":10,"method":"get_properties","params":[{"did":"d","siid":1,"piid":1},{"siid":2,"piid":1},' +
          '{"siid":2,"piid":2},{"siid":2,"piid":3},{"siid":7,"piid":7},5,{"siid":2.0,"piid":"x"},' +
          '{"did":"\\u0041\\/b","siid":2e0,"piid":1.5E0}]}',
        '{"id":11,"method":"set_properties","params":[{"siid":2,"piid":2,"value":42},' +
          '{"siid":2,"piid":2,"value":0},{"siid":2,"piid":2,"value":true},{"siid":2,"piid":3,"value":6500},' +
          '{"siid":2,"piid":3,"value":6.5e3},{"siid":1,"piid":1,"value":"x"},{"siid":9,"piid":1,"value":1}]}',
        '{"id":12,"method":"get_properties","params":[{"siid":2,"piid":2},{"siid":2,"piid":3}]}',
        '{"id":13,"method":"action","params":{"did":"d","siid":2,"aiid":1,"in":[]}}',
        '{"id":14,"method":"get_properties","params":[{"siid":2,"piid":1}]}',
        '{"id":15,"method":"action","params":{"siid":2,"aiid":1,"in":[1]}}',
        '{"id":16,"method":"action","params":{"siid":2,"aiid":5}}',
        '{"id":17,"method":"action","params":[]}',
        '{"id":18,"method":"get_properties","params":{"siid":2}}',
        '{"id":19,"method":"set_properties"}',
        '{"id":20,"method":"miIO.sub","params":[]}',
        '{"id":21,"method":"no_such_method","params":[]}',
        '{"id":18446744073709551617,"method":"miIO.unsub"}',
        '{"id":22,"method":"miIO.info","params":{}}',
      ];
      for (const json of requests) {
        const [fromLamp, fromC] = [
          await rawCall(l.port, l.token, l.did, stamps[0] ?? 0, json),
          await rawCall(c.port, l.token, l.did, stamps[1] ?? 0, json),
        ];
        // miIO.info's life is each device's own uptime.
        const same = (s: string | null): string | null => s?.replace(/"life":\d+/, '"life":0') ?? null;
        assert.ok(fromLamp !== null, `the lamp answers ${json}`);
        assert.equal(same(fromC), same(fromLamp), json);
      }
      // A verbatim replay gets the cached bytes and runs nothing; malformed JSON is dropped and counted.
      const replay = encodePacket(
        { did: l.did, stamp: stamps[1] ?? 0 },
        new TextEncoder().encode('{"id":30,"method":"action","params":{"siid":2,"aiid":1}}'),
        l.token,
      );
      const first = await exchange(c.port, replay);
      const again = await exchange(c.port, replay);
      assert.ok(first !== null && again !== null);
      assert.equal(hex(again), hex(first));
      const bad = encodePacket({ did: l.did, stamp: stamps[1] ?? 0 }, new TextEncoder().encode("{"), l.token);
      assert.equal(await exchange(c.port, bad), null);
      // Stamped 1,000 s ahead of the device: outside the window (60 s ahead), dropped and counted.
      const ahead = encodePacket(
        { did: l.did, stamp: (stamps[1] ?? 0) + 1000 },
        new TextEncoder().encode('{"id":31,"method":"miIO.info"}'),
        l.token,
      );
      assert.equal(await exchange(c.port, ahead), null);
      const drops = await c.command("drops");
      assert.match(drops, / bad-json=1 /);
      assert.match(drops, / stale-stamp=1 /);
      assert.match(
        drops,
        new RegExp(` executed=${requests.length + 1}$`),
        `the replay was not executed again: ${drops}`,
      );
    } finally {
      assert.equal(await c.stop(), "", "no sanitizer report");
      await l.close();
    }
  });

  it("answers npm miio over real UDP: handshake, miIO.info, get, set and action", async function () {
    const tool = miioTool(this, "miio_serve");
    const l = await lamp();
    await l.close();
    // npm miio keeps one device per IP address for the whole process, so this server listens on an
    // address of its own: the emulated lamp of the interop test took 127.0.0.1 in that cache.
    const c = await serveC(tool, [...l.args, "--host", "127.0.0.2"]);
    let device: Awaited<ReturnType<typeof miio.device>> | null = null;
    try {
      device = await miio.device({ address: "127.0.0.2", port: c.port, token: hex(l.token) });
      assert.equal(device.miioModel, "sail.light.lamp1", "handshake and miIO.info");
      const did = String(l.did);
      const set = await device.call("set_properties", [
        { did, siid: 2, piid: 1, value: true },
        { did, siid: 2, piid: 2, value: 50 },
        { did, siid: 2, piid: 2, value: 150 },
      ]);
      assert.deepEqual(
        (set as { code: number }[]).map((r) => r.code),
        [0, 0, -4005],
      );
      assert.deepEqual(
        await device.call("get_properties", [
          { did, siid: 2, piid: 1 },
          { did, siid: 2, piid: 2 },
        ]),
        [
          { did, siid: 2, piid: 1, code: 0, value: true },
          { did, siid: 2, piid: 2, code: 0, value: 50 },
        ],
      );
      assert.deepEqual(await device.call("action", { did, siid: 2, aiid: 1, in: [] }), { code: 0, out: [] });
      assert.deepEqual(await device.call("get_properties", [{ did, siid: 2, piid: 1 }]), [
        { did, siid: 2, piid: 1, code: 0, value: false },
      ]);
    } finally {
      device?.destroy();
      assert.equal(await c.stop(), "", "no sanitizer report");
    }
  });

  it("answers sail miot as the emulated lamp does: info, get, set, a refused value, action", async function () {
    const tool = miioTool(this, "miio_serve");
    const l = await lamp();
    await l.close();
    const c = await serveC(tool, l.args);
    const sail = async (...args: string[]): Promise<{ code: number; stdout: string }> => {
      const argv = [join(ROOT, "dist/host/cli/main.js"), "miot", "--host", "127.0.0.1", "--port", String(c.port)];
      try {
        const r = await run(process.execPath, [...argv, "--token", hex(l.token), ...args], { cwd: ROOT });
        return { code: 0, stdout: r.stdout };
      } catch (e) {
        const x = e as { code: number; stdout: string };
        return { code: x.code, stdout: x.stdout };
      }
    };
    try {
      const info = await sail("info");
      assert.equal(info.code, 0);
      assert.match(info.stdout, /"model": "sail\.light\.lamp1"/);
      assert.equal((await sail("set", "2.2", "42")).stdout.trim(), "2.2 ← 42: ok");
      const get = await sail("get", "2.1", "2.2", "7.7");
      assert.equal(get.stdout, "2.1 = false\n2.2 = 42\n7.7: error -4003 (no such property or action)\n");
      const refused = await sail("set", "2.2", "0");
      assert.equal(refused.code, 1);
      assert.match(refused.stdout, /2\.2 ← 0: error -4005 \(value refused\)/);
      assert.equal((await sail("action", "2.1")).stdout.trim(), "action 2.1: ok");
      assert.equal((await sail("get", "2.1")).stdout, "2.1 = true\n");
    } finally {
      assert.equal(await c.stop(), "", "no sanitizer report");
    }
  });

  it("pushes properties_changed to a miIO.sub subscriber", async function () {
    const tool = miioTool(this, "miio_serve");
    const l = await lamp();
    await l.close();
    const c = await serveC(tool, l.args);
    const socket = createSocket("udp4");
    try {
      await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
      const stamp = await stampOf(c.port);
      const messages: Uint8Array[] = [];
      const arrived = new Promise<void>((resolve) =>
        socket.on("message", (m) => {
          messages.push(new Uint8Array(m));
          if (messages.length === 2) resolve();
        }),
      );
      const sub = '{"id":40,"method":"miIO.sub","params":{"version":"2.0","did":"1","update_ts":0,"sub_method":"."}}';
      socket.send(encodePacket({ did: l.did, stamp }, new TextEncoder().encode(sub), l.token), c.port, "127.0.0.1");
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.match(await c.command("change 2.1 true"), /^pushed \d+ bytes to 1$/);
      await arrived;
      const [reply, push] = messages.map((m) => new TextDecoder().decode(decodePacket(m, l.token).payload));
      assert.equal(reply, '{"id":40,"result":{"code":0}}');
      assert.equal(
        push,
        `{"id":1,"method":"properties_changed","params":[{"did":"${l.did}","siid":2,"piid":1,"value":true}]}`,
      );
      assert.equal(await c.command("change 2.2 0"), "refused change 2.2 0", "a value the spec refuses is not pushed");
    } finally {
      socket.close();
      assert.equal(await c.stop(), "", "no sanitizer report");
    }
  });

  it("takes 10,000 seeded mutations of requests and packets with no sanitizer report", function () {
    const tool = miioTool(this, "fuzz_miio");
    const r = spawnSync(tool, ["1", "10000"], { encoding: "utf8" });
    assert.equal(r.stderr, "", "no sanitizer report");
    assert.equal(r.status, 0);
    const counts = new Map([...r.stdout.matchAll(/([a-z-]+)=(\d+)/g)].map((m) => [m[1] ?? "", Number(m[2])]));
    assert.match(r.stdout, /^10000 cases: \d+ answered/);
    for (const reason of ["bad-length", "bad-checksum", "bad-json", "not-a-request", "stale-stamp"])
      assert.ok((counts.get(reason) ?? 0) > 0, `${reason} reached: ${r.stdout}`);
    assert.ok((counts.get("executed") ?? 0) > 100, `requests reached the methods: ${r.stdout}`);
  });
});
