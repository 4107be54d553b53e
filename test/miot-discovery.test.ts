// Discovery as clients do it (docs/miot.md "Discovery"; docs/decisions.md D140): the device
// answers a broadcast hello and is advertised as `_miio._udp` over mDNS; Sail's own
// discovery, python-zeroconf, npm miio's name parsing and python-miio's discover find it.
// Everything stays on loopback (hellos to 127.255.255.255, mDNS on interface 127.0.0.1),
// or inside a private network namespace where python-miio's fixed port 54321 is used.

import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import miio from "miio";
import infoFromHostname from "miio/lib/infoFromHostname.js";
import { Board } from "../host/board/board.js";
import { discoverDevices } from "../host/miot/discover.js";
import { advertiseMiio, miioInstanceName, type Advertising } from "../host/miot/mdns.js";
import type { UdpEndpoint } from "../host/miot/device-udp.js";
import { firmware, ROOT, SMART_LAMP } from "./support/firmware.js";
import { requirePython } from "./support/python.js";

/** A did no other run on this machine advertises at the same time: instance names stay unique. */
const DID = 0x5a000000 + (process.pid % 0x10000) * 16;

interface Served {
  readonly board: Board;
  readonly endpoint: UdpEndpoint;
  readonly advertising: Advertising;
}

/** The smart lamp on 0.0.0.0 (so a broadcast reaches it) at an ephemeral port, advertised on loopback. */
async function serveLamp(did: number): Promise<Served> {
  const board = Board.load("esp32-devkitc", { seed: 41, identity: { did } });
  await board.flash(await firmware(SMART_LAMP));
  await board.runUntil(() => board.online, "5 s", "the radio to connect");
  const miot = board.miot;
  assert.ok(miot !== null);
  const endpoint = await miot.serveUdp("0.0.0.0", 0);
  const advertising = advertiseMiio({
    model: "sail.light.lamp1",
    did,
    mac: board.identity.mac,
    host: "127.0.0.1",
    port: endpoint.port,
  });
  return { board, endpoint, advertising };
}

async function stop(served: Served): Promise<void> {
  await served.advertising.stop();
  await served.endpoint.close();
}

describe("discovery: broadcast hello and mDNS on loopback", () => {
  it("names the instance as clients parse it: model with '.' → '-', _miio, the did (npm miio reads it back)", () => {
    const name = miioInstanceName("sail.light.lamp1", 123456789);
    assert.equal(name, "sail-light-lamp1_miio123456789");
    assert.deepEqual(infoFromHostname(`${name}._miio._udp.local`), { model: "sail.light.lamp1", id: "123456789" });
  });

  it("sail's discovery finds the device by both methods, as one entry, and npm miio connects to it", async () => {
    const served = await serveLamp(DID);
    try {
      const found = await discoverDevices({
        broadcast: "127.255.255.255",
        port: served.endpoint.port,
        timeoutMs: 4000,
        mdnsHost: "127.0.0.1",
      });
      const mine = found.filter((d) => d.did === DID);
      assert.equal(mine.length, 1, "one entry for the device");
      const d = mine[0];
      assert.ok(d !== undefined);
      assert.deepEqual([...d.via].sort(), ["hello", "mdns"]);
      assert.equal(d.model, "sail.light.lamp1");
      assert.equal(d.mac, served.board.identity.mac.replaceAll(":", "").toLowerCase());
      assert.equal(d.address, `127.0.0.1:${served.endpoint.port}`);
      assert.equal(d.token, null, "a provisioned device keeps its token");

      const device = await miio.device({
        address: "127.0.0.1",
        port: served.endpoint.port,
        token: Buffer.from(served.board.identity.token).toString("hex"),
      });
      try {
        assert.equal(device.miioModel, "sail.light.lamp1");
      } finally {
        device.destroy();
      }
    } finally {
      await stop(served);
    }
  });

  it("python-zeroconf browsing _miio._udp.local on 127.0.0.1 resolves the address, port and TXT", async function () {
    const python = requirePython(this, "zeroconf", "python3-zeroconf");
    const served = await serveLamp(DID + 1);
    try {
      const script = `
import json, sys, time
from zeroconf import Zeroconf, ServiceBrowser
zc = Zeroconf(interfaces=["127.0.0.1"])
found = {}
class Listener:
    def add_service(self, zc, type_, name):
        info = zc.get_service_info(type_, name, timeout=3000)
        if info is not None:
            found[name] = {"addresses": info.parsed_addresses(), "port": info.port,
                           "txt": {k.decode(): (v or b"").decode() for k, v in info.properties.items()}}
    def update_service(self, *args): pass
    def remove_service(self, *args): pass
ServiceBrowser(zc, "_miio._udp.local.", Listener())
for _ in range(300):
    if sys.argv[1] in found: break
    time.sleep(0.1)
zc.close()
print(json.dumps({"wanted": found.get(sys.argv[1]), "names": sorted(found)}))
`;
      const name = `${served.advertising.instance}._miio._udp.local.`;
      // Asynchronously: the responder answering zeroconf runs on this process's event loop.
      const { stdout: out } = await promisify(execFile)(python, ["-c", script, name], {
        encoding: "utf8",
        timeout: 60_000,
      });
      const { wanted: info, names } = JSON.parse(out) as {
        wanted: { addresses: string[]; port: number; txt: Record<string, string> } | null;
        names: string[];
      };
      assert.ok(info !== null, `zeroconf did not resolve ${name}; it found ${names.join(", ") || "nothing"}`);
      assert.deepEqual(info.addresses, ["127.0.0.1"]);
      assert.equal(info.port, served.endpoint.port);
      assert.equal(info.txt["mac"], served.board.identity.mac.replaceAll(":", "").toLowerCase());
      assert.equal(info.txt["epoch"], "1");
    } finally {
      await stop(served);
    }
  });

  it("python-miio's discover (a broadcast hello to port 54321) finds it in a private network namespace", function () {
    const python = requirePython(this, "miio", "python3-miio");
    for (const [tool, pkg] of [
      ["unshare", "util-linux"],
      ["ip", "iproute2"],
    ] as const) {
      if (!onPath(tool)) {
        const message = `${tool} not found: install the Debian package ${pkg}`;
        if (process.env["CI"] === "true") throw new Error(message);
        process.stderr.write(`      skipped: ${message}\n`);
        this.skip();
      }
    }
    // In a new user and network namespace only loopback exists: port 54321 and the broadcast stay there.
    const inside = `
set -e
ip link set lo up
ip route add broadcast 255.255.255.255 dev lo table local
out=$(mktemp)
node dist/test/support/discovery-device.js 54321 > "$out" &
device=$!
for i in $(seq 1 1200); do grep -q ready "$out" && break; sleep 0.1; done
cat "$out"
"$1" -c 'import logging, sys
logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(message)s")
from miio.miioprotocol import MiIOProtocol
MiIOProtocol.discover(None)'
kill $device
`;
    try {
      execFileSync("unshare", ["-rn", "true"], { stdio: "ignore" });
    } catch {
      const message = "unshare -rn: this machine gives no private network namespace to an unprivileged user";
      if (process.env["CI"] === "true") throw new Error(message);
      process.stderr.write(`      skipped: ${message}\n`);
      this.skip();
    }
    const out = execFileSync("unshare", ["-rn", "sh", "-c", inside, "sh", python], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 170_000,
    });
    const ready = /ready (\d+) 54321/.exec(out);
    assert.ok(ready !== null, `the device did not start:\n${out}`);
    const didHex = Number(ready[1]).toString(16).padStart(8, "0");
    assert.match(out, new RegExp(`IP 127\\.0\\.0\\.1 \\(ID: ${didHex}\\) - token: b'f{32}'`), out);
  }).timeout(180_000);
});

function onPath(tool: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
