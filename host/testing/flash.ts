// `flash()`: the test API's way onto a board. Takes a .wasm path, image bytes
// or a project folder (built with `sail build` once per test run; under
// `sail test` the image it just built), makes an emulated board and boots it.

import { Board } from "../board/board.js";
import type { MiotIdentity } from "../miot/board-device.js";
import type { BoardProfile } from "../boards/profile.js";
import { SailError } from "../errors.js";
import { parseToken } from "../miot/codec.js";
import { VirtualClock } from "../time/clock.js";
import type { KeepOptions } from "../trace/kept.js";
import { ENV_ECHO } from "./env.js";
import { firmwareBytes, type Firmware } from "./firmware.js";
import { watch } from "./not-implemented.js";
import { formatLogLine } from "./report.js";
import { TestBoard, type LanOptions } from "./test-board.js";

export { ENV_ECHO, ENV_IMAGE, ENV_PROJECT } from "./env.js";
export type { Firmware } from "./firmware.js";

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
  readonly beforeBoot?: (board: TestBoard<W>) => unknown;
  /**
   * The public key (PEM, as `sail ota keygen` or `otaKeys()` make) the board trusts for OTA updates; without one it
   * refuses every update.
   */
  readonly otaKey?: string;
  /**
   * How many pin changes, log lines and resets the board keeps in memory, the newest ones (defaults 100,000,
   * 10,000, 1,000). An assertion that needs older ones than kept fails saying so.
   */
  readonly keep?: KeepOptions;
}

/** Flashes the project in the current folder (under `sail test`: the image it built). */
export function flash<W = undefined>(options?: FlashOptions<W>): Promise<TestBoard<W>>;
/** Flashes `image`: a .wasm path, a project folder (built once per run) or the image's bytes. */
export function flash<W = undefined>(image: Firmware, options?: FlashOptions<W>): Promise<TestBoard<W>>;
export async function flash<W = undefined>(a?: Firmware | FlashOptions<W>, b?: FlashOptions<W>): Promise<TestBoard<W>> {
  const image = typeof a === "string" || a instanceof Uint8Array ? a : undefined;
  const options = ((image === undefined ? a : b) as FlashOptions<W> | undefined) ?? {};
  const { bytes, file } = await firmwareBytes(image);
  const echo = options.echo ?? process.env[ENV_ECHO] === "1";
  const clock = clockOf(options.clock, options.world);
  const board = Board.load(options.board ?? DEFAULT_BOARD, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    identity: identityOf(options.identity),
    ...(clock === undefined ? {} : { clock }),
    ...(options.otaKey === undefined ? {} : { otaKey: options.otaKey }),
    ...(options.keep === undefined ? {} : { keep: options.keep }),
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

function identityOf(given: FlashOptions<unknown>["identity"]): Partial<MiotIdentity> {
  if (given === undefined) return {};
  const { token, ...rest } = given;
  return { ...rest, ...(token === undefined ? {} : { token: typeof token === "string" ? parseToken(token) : token }) };
}

/** The board's clock: the one given, else the world's (a world moves only with its own clock). */
function clockOf(given: VirtualClock | undefined, world: unknown): VirtualClock | undefined {
  const worldClock =
    typeof world === "object" && world !== null && "clock" in world && world.clock instanceof VirtualClock
      ? world.clock
      : undefined;
  if (given !== undefined && worldClock !== undefined && given !== worldClock) {
    throw new SailError(
      "flash(): the world runs on another clock than the board's; build the world on the clock " +
        "you give (new World(clock, ...)), or leave clock out and the board takes the world's",
    );
  }
  return given ?? worldClock;
}
