// `sail run --miot` advertises the device over mDNS while it serves, and `sail miot discover`
// lists what answers (docs/miot.md "Discovery"), all on loopback.

import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { Board } from "../host/board/board.js";
import { advertiseMiio, browseMiio } from "../host/miot/mdns.js";
import { firmware, ROOT, SMART_LAMP } from "./support/firmware.js";

const SAIL = join(ROOT, "dist/host/cli/main.js");
/** Unique per process, so parallel runs on one machine never share an instance name. */
const DID = 0x5b000000 + (process.pid % 0x10000) * 16;

describe("sail CLI: discovery", () => {
  it("sail miot discover lists a device found by hello and mDNS once, with its model, mac and address", async () => {
    const board = Board.load("esp32-devkitc", { seed: 42, identity: { did: DID } });
    await board.flash(await firmware(SMART_LAMP));
    await board.runUntil(() => board.online, "5 s", "the radio to connect");
    const endpoint = await board.miot?.serveUdp("0.0.0.0", 0);
    assert.ok(endpoint);
    const advert = { model: "sail.light.lamp1", did: DID, mac: board.identity.mac, host: "127.0.0.1" };
    const advertising = advertiseMiio({ ...advert, port: endpoint.port });
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          SAIL,
          "miot",
          "discover",
          "--broadcast",
          "127.255.255.255",
          "--port",
          String(endpoint.port),
          "--interface",
          "127.0.0.1",
          "--timeout",
          "4000",
        ],
        { cwd: ROOT, encoding: "utf8" },
      );
      const mine = stdout.split("\n").filter((line) => line.startsWith(`did ${DID} `));
      const mac = board.identity.mac.replaceAll(":", "").toLowerCase();
      assert.equal(mine.length, 1, stdout);
      assert.match(
        mine[0] ?? "",
        new RegExp(
          `^did ${DID}  127\\.0\\.0\\.1:${endpoint.port}  sail\\.light\\.lamp1  mac ${mac}  via hello\\+mdns  \\d+ ms$`,
        ),
      );
    } finally {
      await advertising.stop();
      await endpoint.close();
    }
  });

  it("sail run --miot advertises _miio._udp on the address it serves while it runs", async () => {
    const child = spawn(
      process.execPath,
      [SAIL, "run", SMART_LAMP, "--miot", "127.0.0.1:0", "--for", "120s", "--did", String(DID + 1)],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      const instance = `sail-light-lamp1_miio${DID + 1}`;
      for (let i = 0; i < 1500 && !output.includes("mDNS: "); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(output, new RegExp(`mDNS: ${instance}\\._miio\\._udp\\.local on 127\\.0\\.0\\.1`), output);
      const port = Number(/miIO on 127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
      const found = (await browseMiio(4000, "127.0.0.1")).filter((d) => d.instance === instance);
      assert.deepEqual(
        found.map((d) => [d.model, d.did, d.address, d.port]),
        [["sail.light.lamp1", DID + 1, "127.0.0.1", port]],
      );
    } finally {
      child.kill("SIGINT");
      await exited;
    }
  });

  it("sail dev --miot advertises _miio._udp too, and stops on Ctrl-C", async () => {
    const child = spawn(
      process.execPath,
      [SAIL, "dev", join(ROOT, "examples/smart-lamp"), "--http", "0", "--miot", "127.0.0.1:0"],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      for (let i = 0; i < 1500 && !output.includes("mDNS: "); i++) await new Promise((r) => setTimeout(r, 100));
      const instance = /mDNS: (sail-light-lamp1_miio\d+)\._miio\._udp\.local on 127\.0\.0\.1/.exec(output)?.[1];
      assert.ok(instance !== undefined, output);
      const port = Number(/miIO on 127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
      const found = (await browseMiio(4000, "127.0.0.1")).filter((d) => d.instance === instance);
      assert.deepEqual(
        found.map((d) => [d.model, d.address, d.port]),
        [["sail.light.lamp1", "127.0.0.1", port]],
      );
    } finally {
      child.kill("SIGINT");
      assert.equal(await exited, 0, output);
    }
  });
});
