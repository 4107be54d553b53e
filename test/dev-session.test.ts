// sail dev without a browser: dev.json refusals, commands from the socket that
// are refused with a message (the board runs on), a pin storm arriving as one
// batch, the dev reflash (docs/decisions.md D124) keeping the key-value store and identity, and miIO served
// beside the page with its stamps on wall time while the board runs far ahead (docs/decisions.md D125).

import assert from "node:assert/strict";
import { join } from "node:path";
import { Board } from "../host/board/board.js";
import { parseCommand } from "../host/dev/commands.js";
import { StateFeed } from "../host/dev/feed.js";
import type { Batch } from "../host/dev/protocol.js";
import { DevRig } from "../host/dev/rig.js";
import { DevSession } from "../host/dev/session.js";
import { NO_SETUP, parseDevSetup } from "../host/dev/setup.js";
import { loadBoardProfile } from "../host/boards/profile.js";
import { MiioClient } from "../host/miot/client.js";
import { udpTransport } from "../host/miot/client-udp.js";
import { realTimers } from "../host/miot/transport.js";
import { ROOT, SMART_LAMP, firmware } from "./support/firmware.js";

describe("sail dev session", () => {
  it("dev.json: a wrong field, GPIO or part is refused naming the file, the field and what is allowed", () => {
    assert.throws(
      () => parseDevSetup({ button: [] }, "p/dev.json"),
      /p\/dev\.json: button: is not a dev\.json field.*buttons/,
    );
    assert.throws(
      () => parseDevSetup({ buttons: [{ name: "wall", gpio: 99 }] }, "p/dev.json"),
      /p\/dev\.json: buttons\[0\]\.gpio: 99 is not a GPIO number \(0 to 63\)/,
    );
    assert.throws(
      () => parseDevSetup({ parts: [{ part: "bme280", i2c: 0 }] }, "p/dev.json"),
      /parts\[0\]\.part: "bme280" is not one of sht3x, bh1750, pms5003/,
    );
    assert.throws(
      () => parseDevSetup({ parts: [{ part: "pms5003", i2c: 0 }] }, "p/dev.json"),
      /parts\[0\]\.uart: give/,
    );
    assert.deepEqual(parseDevSetup({}, "p/dev.json"), NO_SETUP);
  });

  it("a message that is no command, or one the board cannot take, is answered with why; the board runs", async () => {
    assert.equal(parseCommand("{"), "not JSON");
    assert.equal(parseCommand('{"type":"explode"}'), "unknown command type explode");
    assert.equal(parseCommand('{"type":"drive","gpio":4,"level":7}'), "drive: level must be 0, 1 or null (float)");
    const session = await DevSession.start({
      projectDir: join(ROOT, SMART_LAMP),
      board: "esp32-devkitc",
      http: { host: "127.0.0.1", port: 0 },
      miot: null,
      watch: false,
    });
    try {
      session.time.pause();
      const cmd = (c: object): string | null => session.command(JSON.stringify(c));
      assert.equal(cmd({ type: "drive", gpio: 99, level: 1 }), "GPIO 99 does not exist on esp32-devkitc");
      assert.equal(cmd({ type: "voltage", gpio: 5, mv: 100 }), "GPIO 5 has no ADC channel on esp32-devkitc");
      assert.equal(
        cmd({ type: "voltage", gpio: 4, mv: 100 }),
        "GPIO 4 is on ADC2, which esp32-devkitc does not give the app",
      );
      assert.equal(cmd({ type: "voltage", gpio: 34, mv: 9000 }), "voltage 9000 mV: give 0 to 2450 mV");
      assert.equal(
        cmd({ type: "world", quantity: "temperatureC", value: 400 }),
        "room temperature: 400 is outside -10 to 40 °C",
      );
      assert.equal(cmd({ type: "press", button: "doorbell" }), 'no button "doorbell" on esp32-devkitc or in dev.json');
      assert.equal(
        cmd({ type: "set", siid: 2, piid: 2, value: 400 }),
        "miot set 2.2 (brightness): 400 is not a uint8 from 1 to 100 in steps of 1",
      );
      assert.match(
        String(cmd({ type: "set", siid: 9, piid: 1, value: 1 })),
        /^miot set 9\.1: the spec has no such property/,
      );
      assert.match(
        String(cmd({ type: "action", siid: 2, aiid: 7, input: [] })),
        /^miot action 2\.7: the spec has no such/,
      );
      assert.equal(cmd({ type: "step", ms: 500 }), null);
      assert.equal(session.rig.board.state, "running");
      assert.equal(session.rig.board.kept.resets.total, 0);
    } finally {
      await session.close();
    }
  });

  it("a thousand pin changes between two batches reach the page as one message carrying them all", async () => {
    const rig = new DevRig(loadBoardProfile("esp32-devkitc"), NO_SETUP, {});
    await rig.board.flash(await firmware(SMART_LAMP));
    const sent: Batch[] = [];
    const feed = new StateFeed(
      rig,
      () => ({ speed: 1, paused: false }),
      (b) => sent.push(b),
    );
    for (let i = 0; i < 1000; i++) {
      rig.drive(33, ((i + 1) % 2) as 0 | 1);
      await rig.board.advance(1000);
    }
    feed.flush();
    feed.stop();
    assert.equal(sent.length, 1);
    const batch = sent[0] as Batch;
    assert.equal(batch.wave.filter(([, g]) => g === 33).length, 1000);
    assert.deepEqual(batch.pins[33], {
      level: 0,
      dir: "off",
      duty: null,
      atten: null,
      mv: 0,
      driven: true,
      leds: null,
    });
  });

  it("a dev reflash keeps the key-value store and the identity, and resets with reason SW", async () => {
    const board = Board.load("esp32-devkitc");
    const image = await firmware("examples/thermostat");
    await board.flash(image);
    await board.advance("1s");
    const did = board.identity.did;
    assert.equal(board.miot?.set(2, 3, 25), 0); // kept in the "thermostat" namespace of the key-value store
    await board.devReflash(image, "thermostat.wasm");
    assert.equal(board.state, "off", "resetting");
    await board.advance("1s");
    assert.equal(board.resetReason, "SW");
    assert.match(board.resets.at(-1)?.message ?? "", /^dev reflash: thermostat 1\.0\.0$/);
    assert.equal(board.identity.did, did);
    assert.deepEqual(board.miot.get(2, 3), { code: 0, value: 25 });
  });
  it("miIO beside the page: a client is answered, its stamps on wall time, with the board at max speed", async () => {
    const started = performance.now();
    const session = await DevSession.start({
      projectDir: join(ROOT, SMART_LAMP),
      board: "esp32-devkitc",
      http: { host: "127.0.0.1", port: 0 },
      miot: { host: "127.0.0.1", port: 0 },
      watch: false,
    });
    const miio = session.miio;
    assert.ok(miio !== null, "miIO is served");
    const client = new MiioClient(await udpTransport("127.0.0.1"), realTimers, {
      address: `${miio.host}:${miio.port}`,
      token: session.rig.board.identity.token,
      timeoutMs: 2000,
      retries: 2,
    });
    try {
      assert.equal(session.command(JSON.stringify({ type: "speed", speed: "max" })), null);
      const clock = session.rig.board.clock;
      for (let i = 0; i < 600 && clock.now < 200_000_000; i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(clock.now >= 200_000_000, `the board ran 200 s of virtual time (${clock.now} µs)`);
      const hello = await client.handshake();
      const wallS = (performance.now() - started) / 1000;
      assert.equal(hello.did, session.rig.board.identity.did);
      assert.ok(hello.stamp <= wallS + 1, `the stamp ${hello.stamp} s counts wall time (${wallS.toFixed(1)} s)`);
      assert.ok(hello.stamp < clock.now / 1e6 - 100, "not the board's virtual time");
      assert.deepEqual(await client.getProperties([{ siid: 1, piid: 3 }]), [
        { did: String(session.rig.board.identity.did), siid: 1, piid: 3, code: 0, value: "SL1-0001" },
      ]);
    } finally {
      client.close();
      await session.close();
    }
  });
});
