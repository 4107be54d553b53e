// `flash()`: the test API's way onto a board. Takes a .wasm path, image bytes
// or a project folder (built with `sail build` once per test run; under
// `sail test` the image it just built), makes an emulated board and boots it.

import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { Board } from "../board/board.js";
import type { MiotIdentity } from "../board/miot.js";
import type { BoardProfile } from "../board/profile.js";
import { buildProject } from "../build/build.js";
import { SailError } from "../errors.js";
import { parseToken } from "../miot/codec.js";
import type { VirtualClock } from "../time/clock.js";
import { watch } from "./not-implemented.js";
import { formatLogLine } from "./report.js";
import { TestBoard, type LanOptions } from "./test-board.js";

/** Set by `sail test`: the project folder it built, and the image it built there. */
export const ENV_PROJECT = "SAIL_TEST_PROJECT";
export const ENV_IMAGE = "SAIL_TEST_IMAGE";
/** "1" prints every log line to stderr as it happens (`sail test --logs`). */
export const ENV_ECHO = "SAIL_TEST_LOGS";

export const DEFAULT_BOARD = "esp32-devkitc";

export interface FlashOptions<W = undefined> {
  /** Board profile id (see `sail boards`) or a profile; default "esp32-devkitc". */
  readonly board?: string | BoardProfile;
  /** Seed for every random choice: button bounce, the firmware's random, LAN jitter (default 1). */
  readonly seed?: number;
  /** MIoT identity; the token as 32 hex digits or 16 bytes. Missing parts are drawn from the seed. */
  readonly identity?: { readonly did?: number; readonly token?: Uint8Array | string; readonly mac?: string };
  /** Let "not implemented" log lines pass instead of failing the test. */
  readonly allowNotImplemented?: boolean;
  /** Print log lines to stderr as they happen (default: when SAIL_TEST_LOGS=1, as `sail test --logs` sets). */
  readonly echo?: boolean;
  /** A clock shared with a world or other boards; by default the board has its own. */
  readonly clock?: VirtualClock;
  /** The physical world the board lives in; kept as `board.world`. */
  readonly world?: W;
  /** Latency, jitter and loss of the virtual LAN that `miot()` clients use. */
  readonly lan?: LanOptions;
  /** Runs on the new board before the firmware boots: attach parts, drive strapping or input pins. */
  readonly beforeBoot?: (board: TestBoard<W>) => void | Promise<void>;
}

/** A .wasm file, a project folder (with sail.json), or image bytes. */
export type Firmware = string | Uint8Array;

/** Flashes the project in the current folder (under `sail test`: the image it built). */
export function flash<W = undefined>(options?: FlashOptions<W>): Promise<TestBoard<W>>;
/** Flashes `image`: a .wasm path, a project folder (built once per run) or the image's bytes. */
export function flash<W = undefined>(image: Firmware, options?: FlashOptions<W>): Promise<TestBoard<W>>;
export async function flash<W = undefined>(a?: Firmware | FlashOptions<W>, b?: FlashOptions<W>): Promise<TestBoard<W>> {
  const image = typeof a === "string" || a instanceof Uint8Array ? a : undefined;
  const options = (image === undefined ? a : b) as FlashOptions<W> | undefined ?? {};
  const { bytes, file } = await firmwareBytes(image);
  const echo = options.echo ?? process.env[ENV_ECHO] === "1";
  const board = Board.load(options.board ?? DEFAULT_BOARD, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    identity: identityOf(options.identity),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(echo ? { onLog: (line) => process.stderr.write(`${formatLogLine(line)}\n`) } : {}),
  });
  const test = new TestBoard<W>(board, {
    ...(options.allowNotImplemented === undefined ? {} : { allowNotImplemented: options.allowNotImplemented }),
    ...(options.lan === undefined ? {} : { lan: options.lan }),
    ...(options.world === undefined ? {} : { world: options.world }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  watch(test);
  await options.beforeBoot?.(test);
  await board.flash(bytes, file);
  return test;
}

/** Image bytes and the name errors use for them. */
async function firmwareBytes(image: Firmware | undefined): Promise<{ bytes: Uint8Array; file: string }> {
  if (image instanceof Uint8Array) return { bytes: image, file: "firmware.wasm" };
  const path = resolve(image ?? ".");
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw new SailError(`flash(${JSON.stringify(image ?? ".")}): nothing at ${path}; give a .wasm image, a project folder (with sail.json) or the image's bytes`);
  }
  if (!isDir) return { bytes: new Uint8Array(await readFile(path)), file: path };
  const file = await projectImage(path);
  return { bytes: new Uint8Array(await readFile(file)), file };
}

const builds = new Map<string, Promise<string>>();

/** The image of a project folder: the one `sail test` built, or built here once per run. */
function projectImage(dir: string): Promise<string> {
  const built = process.env[ENV_IMAGE];
  const project = process.env[ENV_PROJECT];
  if (built !== undefined && project !== undefined && resolve(project) === dir) return Promise.resolve(built);
  let p = builds.get(dir);
  if (p === undefined) {
    p = buildProject(dir).then((r) => r.file);
    builds.set(dir, p);
    p.catch(() => builds.delete(dir)); // a failed build is retried by the next flash
  }
  return p;
}

function identityOf(given: FlashOptions<unknown>["identity"]): Partial<MiotIdentity> {
  if (given === undefined) return {};
  const { token, ...rest } = given;
  return { ...rest, ...(token === undefined ? {} : { token: typeof token === "string" ? parseToken(token) : token }) };
}
