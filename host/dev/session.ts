// `sail dev`'s composition: builds the project, flashes it onto a board with
// its dev.json surroundings, runs it paced to wall time, serves the page and
// (optionally) miIO over UDP, and reloads on every save.

import { resolve } from "node:path";
import { loadBoardProfile } from "../boards/profile.js";
import { buildProject, type BuildResult } from "../build/build.js";
import type { UdpEndpoint } from "../miot/device-udp.js";
import type { LogLine } from "../trace/changes.js";
import { miotStepProblem } from "../scenario/miot-step.js";
import { parseCommand } from "./commands.js";
import { StateFeed } from "./feed.js";
import type { Command, Hello } from "./protocol.js";
import { Reloader } from "./reloader.js";
import { DevRig } from "./rig.js";
import { PageServer } from "./server.js";
import { loadDevSetup } from "./setup.js";
import { TimeControl } from "./time-control.js";

export interface DevOptions {
  readonly projectDir: string;
  readonly board: string;
  /** Where the page is served (port 0 picks a free one). */
  readonly http: { readonly host: string; readonly port: number };
  /** Where miIO is served over UDP, or null for no miIO. */
  readonly miot: { readonly host: string; readonly port: number } | null;
  readonly seed?: number;
  /** Watch the sources and reload on save (default true). */
  readonly watch?: boolean;
  /** The board's log lines and the session's own notes, for the terminal. */
  readonly onLog?: (line: LogLine) => void;
  readonly note?: (text: string) => void;
  /** A reload's image has booted, `ms` after the save (bench/dev.ts measures it). */
  readonly onReloaded?: (ms: number) => void;
}

export class DevSession {
  #built: BuildResult;
  #endpoint: UdpEndpoint | null = null;

  private constructor(
    readonly options: DevOptions,
    readonly rig: DevRig,
    built: BuildResult,
    readonly time: TimeControl,
    readonly feed: StateFeed,
    readonly reloader: Reloader,
    readonly server: PageServer,
  ) {
    this.#built = built;
  }

  /** Builds, flashes, serves and starts the clock. A first build that fails is thrown (there is no image to run). */
  static async start(options: DevOptions): Promise<DevSession> {
    const projectDir = resolve(options.projectDir);
    const note = options.note ?? (() => undefined);
    const profile = loadBoardProfile(options.board);
    const setup = await loadDevSetup(projectDir);
    // miIO stamps follow the wall clock from now on, whatever the page does to the board's time
    // (docs/decisions.md D125).
    const wallStart = performance.now();
    const rig = new DevRig(profile, setup, {
      seed: options.seed ?? 1,
      miioStampUs: () => Math.floor((performance.now() - wallStart) * 1000),
      ...(options.onLog === undefined ? {} : { onLog: options.onLog }),
    });
    const built = await buildProject(projectDir);
    await rig.board.flash(built.bytes, built.file);
    let session: DevSession | null = null;
    const time = new TimeControl(rig.board.clock, () => session?.reloader.check());
    const feed = new StateFeed(
      rig,
      () => ({ speed: time.speed, paused: time.paused }),
      (b) => session?.server.broadcast(b),
    );
    feed.hookMiot();
    const reloader = new Reloader(projectDir, {
      board: rig.board,
      failed: (message) => {
        note(`build failed; the board keeps running the last good image:\n${message}`);
        feed.buildFailed(message);
      },
      flashed: (b) => {
        if (session !== null) session.#built = b;
        note(`reload: ${b.manifest.name} ${b.manifest.version} built (${b.bytes.length} bytes), dev reflash`);
      },
      booted: (b, ms) => {
        feed.hookMiot();
        feed.reloaded(ms, `${b.manifest.name} ${b.manifest.version}`);
        options.onReloaded?.(ms);
        note(`reload: running ${b.file} ${ms.toFixed(0)} ms after the save`);
        session?.server.broadcast(session.hello(false)); // the pages have the log so far
      },
    });
    const server = await PageServer.listen(options.http.host, options.http.port, {
      hello: () => session?.hello() ?? null,
      command: (text) => (session === null ? "sail dev is starting" : session.command(text)),
    });
    session = new DevSession(options, rig, built, time, feed, reloader, server);
    if (options.miot !== null) {
      const miot = rig.board.miot;
      if (miot === null) {
        await session.close();
        throw new Error(`${projectDir} carries no MIoT spec, so it cannot serve miIO: add "spec" to its sail.json`);
      }
      session.#endpoint = await miot.serveUdp(options.miot.host, options.miot.port);
    }
    if (options.watch !== false) reloader.watch();
    feed.start();
    time.start();
    return session;
  }

  /** The page's address. */
  get url(): string {
    return `http://${this.options.http.host}:${this.server.port}/`;
  }

  /** Where miIO is served, or null. */
  get miio(): UdpEndpoint | null {
    return this.#endpoint;
  }

  /** The page's first message: the board, the image and the whole state (with the newest log lines if `history`). */
  hello(history = true): Hello {
    const { board, profile, setup } = this.rig;
    const m = board.image?.manifest ?? null;
    const endpoint = this.#endpoint;
    return {
      type: "hello",
      board: { id: profile.id, name: profile.name },
      pins: [...profile.pins.values()].map((p) => ({
        gpio: p.gpio,
        io: p.io,
        note: p.note ?? null,
        reserved: p.reserved ?? null,
        adc: p.adc !== null && profile.adc.units.includes(p.adc.unit),
      })),
      led: profile.led,
      buttons: profile.buttons,
      adcRangeMv: profile.adc.rangeMv,
      setup,
      image: m === null ? null : { name: m.name, version: m.version, bytes: this.#built.bytes.length },
      spec: board.miot?.spec ?? null,
      miio:
        endpoint === null
          ? null
          : {
              host: endpoint.host,
              port: endpoint.port,
              token: Buffer.from(board.identity.token).toString("hex"),
              did: board.identity.did,
            },
      state: this.feed.snapshot(history),
    };
  }

  /** A message from the page: checked, then applied; returns what was wrong with it, or null. */
  command(text: string): string | null {
    const c = parseCommand(text);
    return typeof c === "string" ? c : this.apply(c);
  }

  apply(c: Command): string | null {
    const { rig, time } = this;
    switch (c.type) {
      case "press":
      case "release":
        return rig.press(c.button, c.type === "press");
      case "drive":
        return rig.drive(c.gpio, c.level);
      case "voltage":
        return rig.voltage(c.gpio, c.mv);
      case "world":
        return rig.setWorld(c.quantity, c.value);
      case "speed":
        time.setSpeed(c.speed === "max" ? "max" : (c.speed as 1 | 10 | 100));
        return null;
      case "pause":
        time.pause();
        return null;
      case "resume":
        time.resume();
        return null;
      case "step":
        time.step(Math.round(c.ms * 1000));
        return null;
      default:
        return this.#miot(c);
    }
  }

  #miot(c: Command): string | null {
    const miot = this.rig.board.miot;
    if (miot === null) return "this image carries no MIoT spec";
    // Checked against the spec as a client's request is, before the firmware is asked.
    const problem =
      c.type === "set"
        ? miotStepProblem(miot.spec, { set: [c.siid, c.piid, c.value] })
        : c.type === "action"
          ? miotStepProblem(miot.spec, { action: [c.siid, c.aiid, c.input] })
          : null;
    if (problem !== null) return problem;
    if (c.type === "set") {
      const code = miot.set(c.siid, c.piid, c.value);
      if (code !== 0) return `set ${c.siid}.${c.piid}: the board answered ${code}`;
      const got = miot.get(c.siid, c.piid);
      if (got.code === 0) this.feed.property(c.siid, c.piid, got.value);
      return null;
    }
    if (c.type === "action") {
      const r = miot.action(c.siid, c.aiid, c.input);
      return r.code === 0 ? this.#refresh() : `action ${c.siid}.${c.aiid}: the board answered ${r.code}`;
    }
    return this.#refresh();
  }

  /** Reads every readable property once (the page shows them before any push). */
  #refresh(): string | null {
    const miot = this.rig.board.miot;
    if (miot === null) return null;
    for (const s of miot.spec.services)
      for (const p of s.properties) {
        if (!p.access.includes("read")) continue;
        const got = miot.get(s.iid, p.iid);
        if (got.code === 0) this.feed.property(s.iid, p.iid, got.value);
      }
    return null;
  }

  async close(): Promise<void> {
    this.reloader.close();
    this.time.stop();
    this.feed.stop();
    await this.#endpoint?.close();
    await this.server.close();
  }
}
