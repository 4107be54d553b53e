// `sail run`: flash a firmware onto an emulated board and run it, printing
// its logs (and with --trace, pin changes) with virtual timestamps; --trace
// <file> and --vcd <file> stream to their file as the run goes.

import { constants } from "node:fs";
import { access, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { loadBoardProfile, type BoardProfile } from "../boards/profile.js";
import { loadFlashImage, saveFlashImage } from "../flash/file.js";
import { lockFlashFile } from "../flash/lock.js";
import { formatEnergy } from "../power/energy.js";
import { SailError } from "../errors.js";
import { Board } from "../board/board.js";
import type { MiotIdentity } from "../miot/board-device.js";
import { MIIO_PORT, parseToken } from "../miot/codec.js";
import { buildProject } from "../build/build.js";
import { applyScenario, loadScenario } from "../scenario/scenario.js";
import { runPaced } from "../time/pacer.js";
import { formatDuration, toMicros } from "../time/duration.js";
import { formatLog, note } from "./format.js";
import { cliPrefix, miotTryLines } from "./miot-hint.js";
import { streamOutputs, type RunOutputs } from "./run-outputs.js";
import { readUserFile } from "./system-error.js";
import type { Command } from "./main.js";

export interface RunOptions {
  /** The image or project to flash; null boots what the flash file holds. */
  readonly firmware: string | null;
  readonly board: string;
  /** Virtual time to run; null runs until Ctrl-C. */
  readonly forUs: number | null;
  readonly realtime: boolean;
  /** Print every pin change (true), or write them to this file as they happen. */
  readonly trace: boolean | string;
  readonly seed: number;
  /** Serve miIO over UDP at this host:port (the image must carry a MIoT spec). */
  readonly miot: { readonly host: string; readonly port: number } | null;
  readonly identity: Partial<MiotIdentity>;
  /** Write the pin activity as a VCD file here, streamed as the run goes. */
  readonly vcd?: string;
  /** The board's flash as a file: loaded at the start (erased if missing), saved at the end. */
  readonly flashFile?: string;
  /** Print the energy used, and the life of a battery of this many mAh (0: no battery line). */
  readonly energy?: { readonly batteryMah: number };
  /** PEM file of the public key the board trusts for OTA updates. */
  readonly otaKey?: string;
  /** Timed inputs from a scenario file (schemas/scenario.schema.json, the format sail profile takes). */
  readonly scenario?: string;
}

/** Builds `path` first when it is a project folder; returns the image path. */
export async function resolveFirmware(path: string): Promise<string> {
  if ((await stat(path)).isDirectory()) {
    const built = await buildProject(path);
    note(`built ${built.manifest.name} ${built.manifest.version}: ${built.bytes.length} bytes`);
    return built.file;
  }
  return path;
}

/** Finds out before a long run, not after it, that an output file cannot be written. */
async function prepareOutput(file: string, what: string): Promise<void> {
  const folder = dirname(file);
  if (!(await stat(folder)).isDirectory()) throw new SailError(`${what} ${file}: ${folder} is not a folder`);
  await access(folder, constants.W_OK);
  const existing = await stat(file).catch(() => null);
  if (existing?.isDirectory() === true) throw new SailError(`${what} ${file} is a folder: give the path of a file`);
}

export async function runFirmware(o: RunOptions): Promise<number> {
  const profile = loadBoardProfile(o.board);
  if (o.vcd !== undefined) await prepareOutput(o.vcd, "--vcd");
  if (typeof o.trace === "string") await prepareOutput(o.trace, "--trace");
  if (o.flashFile === undefined) return runBoard(o, profile);
  await prepareOutput(o.flashFile, "--flash");
  const lock = lockFlashFile(o.flashFile);
  if (lock.recovered !== null) {
    note(`${o.flashFile}: took over the lock of pid ${lock.recovered.pid}, which is no longer running`);
  }
  try {
    return await runBoard(o, profile);
  } finally {
    lock.release();
  }
}

async function runBoard(o: RunOptions, profile: BoardProfile): Promise<number> {
  const flash = o.flashFile === undefined ? undefined : loadFlashImage(o.flashFile, profile.chip.flashBytes);
  const otaKey = o.otaKey === undefined ? null : (await readUserFile(o.otaKey)).toString("utf8");
  const board = Board.load(profile, {
    seed: o.seed,
    identity: o.identity,
    onLog: (line) => console.log(formatLog(line)),
    ...(flash === undefined ? {} : { flash }),
    otaKey,
  });
  const outputs = streamOutputs(board, o.trace === true ? "" : o.trace === false ? undefined : o.trace, o.vcd);
  try {
    return await runFlashed(o, board, outputs);
  } finally {
    outputs.abandon(); // when the run stopped before finishing them
  }
}

async function runFlashed(o: RunOptions, board: Board, outputs: RunOutputs): Promise<number> {
  const started = performance.now();
  if (o.firmware === null) {
    note(`booting what ${o.flashFile} holds on ${board.profile.id} (${board.profile.name})`);
    await board.bootFromFlash();
  } else {
    const file = await resolveFirmware(o.firmware);
    note(
      `flashing ${file} onto ${board.profile.id} ` +
        `(${board.profile.name})${o.flashFile === undefined ? "" : `, keeping the key-value store of ${o.flashFile}`}`,
    );
    const flashed = await board.flash(file);
    if (flashed.file !== file) {
      // A bare .wasm runs as a new image (docs/fidelity.md "Memory"): written next to it, never over it.
      await writeFile(flashed.file, flashed.bytes);
      note(`  ${file} is a bare .wasm: wrote ${flashed.file} (metered, with a memory maximum) and runs that`);
    }
  }
  const image = board.image;
  const m = image?.manifest ?? null;
  note(
    m === null
      ? "  bare image (no manifest)"
      : `  ${m.name} ${m.version} (${m.model}), ABI ${m.abi}, ${image?.bytes.length ?? 0} bytes`,
  );
  note(`  device did ${board.identity.did}, mac ${board.identity.mac}`);
  const file = o.firmware ?? o.flashFile ?? "the firmware";
  if (o.scenario !== undefined) {
    const steps = await loadScenario(o.scenario);
    applyScenario(board, steps, o.scenario); // refused here, before any time runs, when the board cannot take a step
    note(`  scenario ${o.scenario}: ${steps.length} steps, times from now`);
  }

  let endpoint: Awaited<ReturnType<NonNullable<Board["miot"]>["serveUdp"]>> | null = null;
  if (o.miot !== null) {
    const miot = board.miot;
    if (miot === null) {
      note(`${file} carries no MIoT spec, so it cannot serve miIO: add "spec" to its sail.json and rebuild`);
      return 2;
    }
    try {
      endpoint = await miot.serveUdp(o.miot.host, o.miot.port);
    } catch (e) {
      note(
        `cannot serve miIO on ${o.miot.host}:${o.miot.port}: ${(e as Error).message}; ` +
          `is another device running? choose another with --miot host:port`,
      );
      return 1;
    }
    const token = Buffer.from(board.identity.token).toString("hex");
    const portArg = endpoint.port === MIIO_PORT ? "" : ` --port ${endpoint.port}`;
    note(
      `miIO on ${endpoint.host}:${endpoint.port}: model ${m?.model ?? "?"}, ` +
        `did ${board.identity.did}, token ${token}, mac ${board.identity.mac}`,
    );
    const connect = `--host ${endpoint.host}${portArg} --token ${token}`;
    if (image?.spec) for (const line of miotTryLines(image.spec, cliPrefix(), connect)) note(line);
  }

  const stop = new AbortController();
  const onSigint = (): void => stop.abort();
  process.once("SIGINT", onSigint);
  const runStart = performance.now();
  if (o.realtime) {
    note(
      o.forUs === null
        ? "running in real time; Ctrl-C stops"
        : `running ${formatDuration(o.forUs)} in real time; Ctrl-C stops`,
    );
    await runPaced(board.clock, o.forUs, stop.signal);
  } else {
    await board.advance(o.forUs ?? toMicros("10s"));
  }
  process.off("SIGINT", onSigint);
  await endpoint?.close();
  if (o.energy !== undefined) {
    note(formatEnergy(board.energy.report(), o.energy.batteryMah > 0 ? o.energy.batteryMah : undefined));
  }
  if (o.flashFile !== undefined) {
    saveFlashImage(o.flashFile, board.storage.chip);
    note(`saved the board's flash to ${o.flashFile}`);
  }
  outputs.finish();
  if (typeof o.trace === "string") note(`wrote ${o.trace} (every pin change)`);
  if (o.vcd !== undefined) note(`wrote ${o.vcd} (pin activity; open it in GTKWave, PulseView or Surfer)`);
  const wallMs = performance.now() - runStart;
  const virtualUs = board.clock.now;
  const speed = wallMs > 0 ? `${Math.round(virtualUs / 1000 / wallMs).toLocaleString("en")}× real time` : "instant";
  note(
    `ran ${formatDuration(virtualUs)} of virtual time in ${wallMs.toFixed(0)} ms (${speed}; flash ` +
      `${(runStart - started).toFixed(0)} ms): ${board.eventsDelivered} events, ${board.kept.resets.total} ` +
      `resets, ${board.cpu.totalInstructions.toLocaleString("en")} wasm instructions`,
  );
  if (board.state === "halted") {
    note("the board halted in a boot loop");
    return 1;
  }
  return 0;
}

export const runCommand: Command = {
  summary: "flash a firmware (.wasm or project folder) onto an emulated board and run it",
  usage:
    "sail run [<firmware.wasm | project-dir>] --board <id> [--for " +
    "10s] [--realtime] [--scenario file.json] [--trace [file]] [--vcd file] [--flash dev.bin] [--energy]",
  options: {
    board: {
      type: "string",
      value: "id",
      description: "board profile id (sail boards lists them); default esp32-devkitc",
    },
    for: {
      type: "string",
      value: "duration",
      description: "virtual time to run, e.g. 10s, 500ms, 1h (default 10s; with --realtime: until Ctrl-C)",
    },
    realtime: { type: "boolean", description: "pace virtual time to the wall clock" },
    scenario: {
      type: "string",
      value: "file",
      description: "timed inputs: button presses, pin levels, voltages, MIoT requests (the format sail profile takes)",
    },
    trace: {
      type: "string",
      value: "file",
      optionalValue: true,
      description: "print every pin change, or write them to this file as the run goes",
    },
    seed: { type: "string", value: "n", description: "seed for the board's random generator (default 1)" },
    miot: {
      type: "string",
      value: "host:port",
      description: `serve miIO over UDP (e.g. 127.0.0.1:${MIIO_PORT}), in real time; the image must carry a MIoT spec`,
    },
    token: {
      type: "string",
      value: "hex",
      description: "the device's miIO token, 32 hex digits (default: drawn from the seed, as on first boot)",
    },
    did: { type: "string", value: "n", description: "the device id (default: drawn from the seed)" },
    vcd: {
      type: "string",
      value: "file",
      description:
        "write pin activity as a VCD file as the run goes (levels as wires, PWM duty and frequency as reals)",
    },
    flash: {
      type: "string",
      value: "file",
      description:
        "keep the board's flash in this file (4 MB, created erased if missing) so its key-value " +
        "store, identity and OTA slots survive runs; without a firmware, boots what the file holds",
    },
    energy: { type: "boolean", description: "print the energy used per power state (the profile's currents)" },
    battery: {
      type: "string",
      value: "mAh",
      description: "with --energy: the life of a battery of this capacity at the run's average current",
    },
    "ota-key": {
      type: "string",
      value: "pem",
      description: "public key the board trusts for OTA updates (from sail ota keygen)",
    },
  },
  async run(values, positionals) {
    const firmware = positionals[0] ?? null;
    const flashFile = typeof values["flash"] === "string" ? values["flash"] : undefined;
    if (firmware === null && flashFile === undefined) {
      note(
        "sail run: which firmware? give a .wasm file or a project folder, e.g. sail run " +
          "examples/blink --board esp32-devkitc (or --flash dev.bin to boot what a saved flash holds)",
      );
      return 2;
    }
    const battery = typeof values["battery"] === "string" ? Number(values["battery"]) : 0;
    if (!Number.isFinite(battery) || battery < 0) {
      note(`sail run: --battery ${String(values["battery"])}: give the capacity in mAh, e.g. --battery 620`);
      return 2;
    }
    const seed = typeof values["seed"] === "string" ? Number(values["seed"]) : 1;
    if (!/^\d+$/.test(String(values["seed"] ?? "1")) || seed > 0xffffffff) {
      note(`sail run: --seed ${String(values["seed"])}: give a whole number from 0 to 4294967295`);
      return 2;
    }
    const forValue = values["for"];
    let forUs: number | undefined;
    try {
      forUs = typeof forValue === "string" ? toMicros(forValue) : undefined;
    } catch (e) {
      note(`sail run: --for ${String(forValue)}: ${(e as Error).message}`);
      return 2;
    }
    // Serving real clients needs the clock to follow the wall clock, or nothing would wait for them.
    const realtime = values["realtime"] === true || typeof values["miot"] === "string";
    return runFirmware({
      firmware,
      board: typeof values["board"] === "string" ? values["board"] : "esp32-devkitc",
      forUs: forUs ?? (realtime ? null : toMicros("10s")),
      realtime,
      trace: values["trace"] === "" ? true : typeof values["trace"] === "string" ? values["trace"] : false,
      seed,
      miot: typeof values["miot"] === "string" ? parseAddress(values["miot"]) : null,
      identity: {
        ...(typeof values["token"] === "string" ? { token: parseToken(values["token"]) } : {}),
        ...(typeof values["did"] === "string" ? { did: Number(values["did"]) } : {}),
      },
      ...(typeof values["vcd"] === "string" ? { vcd: values["vcd"] } : {}),
      ...(flashFile === undefined ? {} : { flashFile }),
      ...(values["energy"] === true || battery > 0 ? { energy: { batteryMah: battery } } : {}),
      ...(typeof values["ota-key"] === "string" ? { otaKey: values["ota-key"] } : {}),
      ...(typeof values["scenario"] === "string" ? { scenario: values["scenario"] } : {}),
    });
  },
};

/** "127.0.0.1:54321", "127.0.0.1" or ":54321". */
export function parseAddress(text: string): { host: string; port: number } {
  const at = text.lastIndexOf(":");
  const host = at < 0 ? text : text.slice(0, at) || "127.0.0.1";
  const port = at < 0 ? MIIO_PORT : Number(text.slice(at + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new SailError(`--miot ${text}: the port must be a number from 0 to 65535`);
  return { host, port };
}
