// `sail dev`: builds a project, runs it on an emulated board in real time and
// serves a live page of the board on 127.0.0.1 (pins, PWM, buttons, ADC,
// parts and the room, the MIoT panel, the log, a waveform, time controls);
// on every save it rebuilds and dev-reflashes the board (docs/dev.md).

import { readProjectManifest } from "../build/build.js";
import { DevSession } from "../dev/session.js";
import { MIIO_PORT } from "../miot/codec.js";
import { advertiseBoard } from "./advertise.js";
import { formatLog, note } from "./format.js";
import type { Command } from "./main.js";
import { parseAddress } from "./run.js";

export const DEV_HTTP_PORT = 8080;

export const devCommand: Command = {
  summary: "run a project live: a board page on 127.0.0.1, miIO, and reload on save",
  usage: `sail dev [project-dir] [--board id] [--http ${DEV_HTTP_PORT}] [--miot host:port] [--no-mdns]`,
  options: {
    board: { type: "string", value: "id", description: "board profile id (default: the first of sail.json's boards)" },
    http: { type: "string", value: "port", description: `port of the page on 127.0.0.1 (default ${DEV_HTTP_PORT})` },
    miot: {
      type: "string",
      value: "host:port",
      description: `also serve miIO over UDP (e.g. 127.0.0.1:${MIIO_PORT}); the image must carry a MIoT spec`,
    },
    seed: { type: "string", value: "n", description: "seed for the board's random generator (default 1)" },
    "no-mdns": { type: "boolean", description: "with --miot: do not advertise _miio._udp over mDNS" },
  },
  async run(values, positionals) {
    const projectDir = positionals[0] ?? ".";
    const http = Number(values["http"] ?? DEV_HTTP_PORT);
    if (!Number.isInteger(http) || http < 0 || http > 65535) {
      note(`sail dev: --http ${String(values["http"])}: give a port from 0 to 65535, e.g. --http ${DEV_HTTP_PORT}`);
      return 2;
    }
    const seed = Number(values["seed"] ?? 1);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      note(`sail dev: --seed ${String(values["seed"])}: give a whole number from 0 to 4294967295`);
      return 2;
    }
    const board = typeof values["board"] === "string" ? values["board"] : await firstBoard(projectDir);
    let session: DevSession;
    try {
      session = await DevSession.start({
        projectDir,
        board,
        http: { host: "127.0.0.1", port: http },
        miot: typeof values["miot"] === "string" ? parseAddress(values["miot"]) : null,
        seed,
        onLog: (line) => console.log(formatLog(line)),
        note,
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE")
        note(`sail dev: port ${http} is in use (another sail dev?): choose another with --http <port>`);
      else note(`sail dev: ${(e as Error).message}`);
      return 1;
    }
    note(`sail dev: ${board} running ${projectDir} in real time; the board: ${session.url}`);
    const miio = session.miio;
    if (miio !== null) {
      const token = Buffer.from(session.rig.board.identity.token).toString("hex");
      note(`miIO on ${miio.host}:${miio.port}: did ${session.rig.board.identity.did}, token ${token}`);
    }
    // A dev reflash keeps the board's identity, so one advertisement lasts the session.
    const advertising = miio !== null && values["no-mdns"] !== true ? advertiseBoard(session.rig.board, miio) : null;
    note("watching the sources: a save rebuilds and reflashes the board (key-value store kept); Ctrl-C stops");
    await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
    await advertising?.stop();
    await session.close();
    return 0;
  },
};

/** The first board sail.json names, or esp32-devkitc. */
async function firstBoard(projectDir: string): Promise<string> {
  try {
    return (await readProjectManifest(projectDir)).boards[0] ?? "esp32-devkitc";
  } catch {
    return "esp32-devkitc"; // the build says what is wrong with sail.json
  }
}
