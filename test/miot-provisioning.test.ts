// Provisioning on the virtual LAN (docs/miot.md "Provisioning"): a new device opens its
// setup network and gives its token in the hello reply there; miIO.config_router stores
// the credentials in the key-value store; the device joins the home network and answers
// there; a 5 s press of the boot button forgets them and reopens the setup network.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { MiioClient } from "../host/miot/client.js";
import { HELLO } from "../host/miot/codec.js";
import { parseHelloReply } from "../host/miot/discover.js";
import { BoardWifi, SETUP_ADDRESS, WIFI_NAMESPACE } from "../host/home/provisioning.js";
import { provisionDevice } from "../host/miot/provision-client.js";
import { VirtualLan, virtualTimers } from "../host/miot/virtual-lan.js";
import { firmware, SMART_LAMP } from "./support/firmware.js";

/** Runs the board's clock in steps until `promise` settles (its continuations run between steps). */
async function until<T>(board: Board, promise: Promise<T>): Promise<T> {
  const settled = { done: false };
  const watched = promise.finally(() => {
    settled.done = true;
  });
  for (let i = 0; i < 200 && !settled.done; i++) await board.advance("50 ms");
  return watched;
}

async function newLamp(seed: number): Promise<{ board: Board; home: VirtualLan; wifi: BoardWifi }> {
  const board = Board.load("esp32-devkitc", { seed });
  await board.flash(await firmware(SMART_LAMP));
  await board.runUntil(() => board.online, "5 s", "the radio to connect");
  const home = new VirtualLan(board.clock, { wifi: { ssid: "home", password: "secret123" }, subnet: "192.168.1" });
  return { board, home, wifi: new BoardWifi(board, { networks: [home] }) };
}

describe("provisioning over miIO.config_router", () => {
  it("a new device opens its setup network, named after its model and MAC, and gives its token there", async () => {
    const { board, wifi } = await newLamp(21);
    assert.equal(wifi.state, "setup");
    const mac = board.identity.mac.replaceAll(":", "");
    assert.equal(wifi.setupSsid, `sail-light-lamp1_miap${mac.slice(-4).toUpperCase()}`);
    const setup = wifi.setupNetwork;
    assert.ok(setup !== null);
    const phone = setup.endpoint("192.168.4.2:50000");
    let reply: ReturnType<typeof parseHelloReply> = null;
    phone.onReceive((bytes) => (reply = parseHelloReply(bytes)));
    phone.send(HELLO, SETUP_ADDRESS);
    await board.advance("10 ms");
    const got = reply as ReturnType<typeof parseHelloReply>;
    assert.ok(got !== null, "a hello reply");
    assert.equal(got.did, board.identity.did);
    assert.deepEqual(got.slot, board.identity.token, "the token, in the setup network only");
  });

  it("stores ssid, passwd and uid, joins the home network and answers there, no longer giving its token", async () => {
    const { board, home, wifi } = await newLamp(22);
    const setup = wifi.setupNetwork;
    assert.ok(setup !== null);
    const provisioned = await until(
      board,
      provisionDevice(setup.endpoint("192.168.4.2:50000"), virtualTimers(board.clock), {
        address: SETUP_ADDRESS,
        ssid: "home",
        passwd: "secret123",
        uid: 1234567,
      }),
    );
    assert.deepEqual(provisioned.result, ["ok"], "python-miio's configure_wifi reads result[0]");
    assert.deepEqual(provisioned.token, board.identity.token);
    assert.deepEqual(wifi.credentials, { ssid: "home", passwd: "secret123", uid: "1234567" });
    const kv = board.storage.kv;
    assert.ok(kv !== null);
    assert.equal(kv.get(kv.openNamespace(WIFI_NAMESPACE), "ssid"), "home", "in the key-value store");

    await board.runUntil(() => wifi.state === "joined", "10 s", "the device to join the home network");
    assert.equal(wifi.setupNetwork, null, "the setup network is closed");
    assert.equal(wifi.address, "192.168.1.100:54321");
    assert.ok(board.logs.some((l) => l.text === 'wifi: joined "home" as 192.168.1.100:54321'));

    const phone = home.endpoint("192.168.1.20:50000");
    let slot: Uint8Array | undefined;
    phone.onReceive((bytes) => (slot = parseHelloReply(bytes)?.slot));
    phone.send(HELLO, "192.168.1.100:54321");
    await board.advance("10 ms");
    assert.deepEqual(slot, new Uint8Array(16).fill(0xff), "no token in the hello reply once provisioned");
    const client = new MiioClient(home.endpoint("192.168.1.21:50000"), virtualTimers(board.clock), {
      address: "192.168.1.100:54321",
      token: board.identity.token,
    });
    const info = (await until(board, client.info())) as { model: string };
    assert.equal(info.model, "sail.light.lamp1");
  });

  it("refuses credentials no WPA2 network could have, naming the field", async () => {
    const { board, wifi } = await newLamp(23);
    const setup = wifi.setupNetwork;
    assert.ok(setup !== null);
    await assert.rejects(
      until(
        board,
        provisionDevice(setup.endpoint("192.168.4.2:50000"), virtualTimers(board.clock), {
          address: SETUP_ADDRESS,
          ssid: "home",
          passwd: "short",
        }),
      ),
      /passwd must be empty \(an open network\) or 8 to 63 characters/,
    );
    assert.equal(wifi.state, "setup");
    assert.equal(wifi.credentials, null);
  });

  it("a wrong password is forgotten and the setup network opens again", async () => {
    const { board, wifi } = await newLamp(24);
    const setup = wifi.setupNetwork;
    assert.ok(setup !== null);
    await until(
      board,
      provisionDevice(setup.endpoint("192.168.4.2:50000"), virtualTimers(board.clock), {
        address: SETUP_ADDRESS,
        ssid: "home",
        passwd: "not-the-password",
      }),
    );
    await board.runUntil(() => wifi.state === "setup" && wifi.setupNetwork !== null, "10 s", "the setup network");
    assert.ok(board.logs.some((l) => l.text.startsWith('wifi: could not join "home": wrong password')));
    assert.equal(wifi.credentials, null);
  });

  it("a 5 s press of the boot button forgets the credentials; a shorter one does not", async () => {
    const { board, wifi } = await newLamp(25);
    const setup = wifi.setupNetwork;
    assert.ok(setup !== null);
    await until(
      board,
      provisionDevice(setup.endpoint("192.168.4.2:50000"), virtualTimers(board.clock), {
        address: SETUP_ADDRESS,
        ssid: "home",
        passwd: "secret123",
      }),
    );
    await board.runUntil(() => wifi.state === "joined", "10 s", "the device to join");
    const button = board.button("boot");
    button.press();
    await board.advance("3 s");
    button.release();
    await board.advance("3 s");
    assert.equal(wifi.state, "joined", "a 3 s press is not a factory reset");
    button.press();
    await board.advance("5100 ms");
    button.release();
    assert.equal(wifi.state, "setup");
    assert.equal(wifi.credentials, null);
    assert.equal(wifi.address, null);
    assert.ok(wifi.setupNetwork !== null, "the setup network is open again");
  });

  it("a device that kept its credentials joins its network without opening a setup network", async () => {
    const { board, home, wifi } = await newLamp(26);
    const setup = wifi.setupNetwork;
    assert.ok(setup !== null);
    await until(
      board,
      provisionDevice(setup.endpoint("192.168.4.2:50000"), virtualTimers(board.clock), {
        address: SETUP_ADDRESS,
        ssid: "home",
        passwd: "secret123",
      }),
    );
    await board.runUntil(() => wifi.state === "joined", "10 s", "the device to join");
    const again = new BoardWifi(board, { networks: [home] });
    assert.equal(again.setupNetwork, null);
    await board.runUntil(() => again.state === "joined", "10 s", "the device to join again");
  });
});
