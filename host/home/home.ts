// A simulated home: several boards on one virtual clock and one virtual LAN
// (one clock per home: docs/decisions.md D86), a physical world per room, a hub with a
// miIO client per device and the automation engine that speaks through them.

import { Board, type LogLine } from "../board/board.js";
import type { MiotIdentity } from "../miot/board-device.js";
import type { BoardProfile } from "../boards/profile.js";
import { SeededRandom } from "../random.js";
import { SailError, TimeoutError } from "../errors.js";
import { MiioClient } from "../miot/client.js";
import type { Spec } from "../miot/spec.js";
import { VirtualLan, virtualTimers } from "../miot/virtual-lan.js";
import { VirtualClock } from "../time/clock.js";
import { formatDuration, toMicros, type Duration } from "../time/duration.js";
import type { OutsideTemperature } from "../world/daily.js";
import { World, type WorldOptions } from "../world/world.js";
import { Automation } from "./automation.js";

export interface HomeOptions {
  /** Seed of everything random in the home (default 1): boards, LAN, rooms' sensor noise. */
  readonly seed?: number;
  /** The LAN's one-way latency, µs (default 500), jitter, µs, and loss rate (0..1). */
  readonly lan?: { readonly latencyUs?: number; readonly jitterUs?: number; readonly lossRate?: number };
  /** Time of day at clock time 0, hours, for every room (default 0: midnight). */
  readonly startHour?: number;
  /** Every board's log lines, with the board's name. */
  readonly onLog?: (board: string, line: LogLine) => void;
}

export interface AddBoardOptions {
  /** The board's seed (default: drawn from the home's seed, in the order boards are added). */
  readonly seed?: number;
  readonly identity?: Partial<MiotIdentity>;
  /** Its "host:port" on the LAN (default 10.0.0.10:54321 for the first board, .11 for the next...). */
  readonly address?: string;
  /** Runs after the board is made and before it boots: attach sensor parts here so the first boot sees them. */
  readonly beforeBoot?: (board: Board) => void;
}

/** The LAN plan: the hub at .2, devices from .10 (a /24 behind a router at .1). */
export const HOME_SUBNET = "10.0.0.";
export const HUB_HOST = 2;
export const FIRST_DEVICE_HOST = 10;
export const MIIO_PORT = 54321;
export const HUB_FIRST_PORT = 50000;
/** How long settle() waits for a promise by default. */
const DEFAULT_SETTLE_TIMEOUT = "30s";

interface Member {
  readonly board: Board;
  readonly address: string | null;
  client: MiioClient | null;
  hubAddress: string | null;
}

export class Home {
  readonly clock = new VirtualClock();
  readonly lan: VirtualLan;
  readonly automation: Automation;
  readonly #random: SeededRandom;
  readonly #startHour: number;
  readonly #onLog: ((board: string, line: LogLine) => void) | undefined;
  readonly #members = new Map<string, Member>();
  readonly #rooms = new Map<string, World>();
  #hubPorts = 0;
  #inFlight = 0;

  constructor(options: HomeOptions = {}) {
    this.#random = new SeededRandom(options.seed ?? 1);
    this.#startHour = options.startHour ?? 0;
    this.#onLog = options.onLog;
    const lan = options.lan ?? {};
    const chance = (lan.jitterUs ?? 0) > 0 || (lan.lossRate ?? 0) > 0;
    this.lan = new VirtualLan(this.clock, {
      ...lan,
      ...(chance ? { random: new SeededRandom(this.#random.nextU32()) } : {}),
    });
    this.automation = new Automation({
      clock: this.clock,
      spec: (d) => this.spec(d),
      client: (d) => this.client(d),
      track: (p) => this.track(p),
    });
  }

  // --- boards --------------------------------------------------------------------

  /**
   * Loads a board on the home's clock, flashes `image` (bytes or a path) and,
   * if the image carries a MIoT spec, puts it on the LAN. Returns the board;
   * `address(name)` gives its LAN address.
   */
  async addBoard(
    name: string,
    profile: string | BoardProfile,
    image: Uint8Array | string,
    options: AddBoardOptions = {},
  ): Promise<Board> {
    if (this.#members.has(name))
      throw new SailError(`home: there is already a board named "${name}"; names must be unique`);
    const seed = options.seed ?? this.#random.nextU32();
    const onLog = this.#onLog;
    const board = Board.load(profile, {
      seed,
      clock: this.clock,
      ...(options.identity === undefined ? {} : { identity: options.identity }),
      ...(onLog === undefined ? {} : { onLog: (line: LogLine) => onLog(name, line) }),
    });
    options.beforeBoot?.(board);
    await board.flash(image);
    const miot = board.miot;
    let address: string | null = null;
    if (miot !== null) {
      address = options.address ?? `${HOME_SUBNET}${FIRST_DEVICE_HOST + this.#members.size}:${MIIO_PORT}`;
      miot.attach(this.lan, address);
    }
    this.#members.set(name, { board, address, client: null, hubAddress: null });
    return board;
  }

  /** The names of the boards, in the order they were added. */
  get boardNames(): string[] {
    return [...this.#members.keys()];
  }

  board(name: string): Board {
    return this.#member(name).board;
  }

  /** The board's "host:port" on the LAN. */
  address(name: string): string {
    const m = this.#member(name);
    if (m.address === null)
      throw new SailError(
        `home: board "${name}" is not on the LAN: its image carries no MIoT spec (add "spec" to its sail.json)`,
      );
    return m.address;
  }

  /** The board's MIoT spec. */
  spec(name: string): Spec {
    const spec = this.#member(name).board.miot?.spec;
    if (spec === undefined)
      throw new SailError(
        `home: board "${name}" speaks no MIoT: its image carries no spec (add "spec" to its sail.json)`,
      );
    return spec;
  }

  /** The hub's miIO client for a board (one per board, shared with the automation engine). */
  client(name: string): MiioClient {
    const m = this.#member(name);
    if (m.client !== null) return m.client;
    const address = this.address(name);
    m.hubAddress = `${HOME_SUBNET}${HUB_HOST}:${HUB_FIRST_PORT + this.#hubPorts++}`;
    m.client = new MiioClient(this.lan.endpoint(m.hubAddress), virtualTimers(this.clock), {
      address,
      token: m.board.identity.token,
    });
    return m.client;
  }

  /** Where the hub's client for a board listens ("10.0.0.2:50000"...): pushes from the board go there. */
  hubAddress(name: string): string {
    this.client(name);
    return this.#member(name).hubAddress as string;
  }

  // --- rooms ---------------------------------------------------------------------

  /** A room's physical world on the home's clock. */
  addRoom(name: string, options: WorldOptions = {}): World {
    if (this.#rooms.has(name)) throw new SailError(`home: there is already a room named "${name}"`);
    const world = new World(this.clock, { startHour: this.#startHour, seed: this.#random.nextU32(), ...options });
    this.#rooms.set(name, world);
    return world;
  }

  room(name: string): World {
    const world = this.#rooms.get(name);
    if (world === undefined)
      throw new SailError(
        `home: no room named "${name}" (rooms: ${[...this.#rooms.keys()].join(", ") || "none"}); add it with addRoom`,
      );
    return world;
  }

  /** Sets the outside temperature of every room. */
  setOutsideTemperature(outside: OutsideTemperature): void {
    for (const world of this.#rooms.values()) world.setOutsideTemperature(outside);
  }

  // --- time ----------------------------------------------------------------------

  /** Virtual time now, µs. */
  get now(): number {
    return this.clock.now;
  }

  /**
   * Registers a promise that settles on the virtual LAN (a miIO reply):
   * while any is pending, advance() lets promise callbacks run between
   * alarms, so what they do happens at the right virtual time.
   */
  track<T>(p: Promise<T>): Promise<T> {
    this.#inFlight++;
    const done = (): void => {
      this.#inFlight--;
    };
    p.then(done, done);
    return p;
  }

  /** Runs every board, the LAN and the world for `d` of virtual time. */
  async advance(d: Duration): Promise<void> {
    const target = this.clock.now + toMicros(d);
    for (;;) {
      if (this.#inFlight > 0) await drain();
      if (!this.clock.step(target)) break;
    }
    this.clock.moveTo(target);
    if (this.#inFlight > 0) await drain();
  }

  /** Runs until `condition()` holds; TimeoutError after `timeout` of virtual time. */
  async runUntil(condition: () => boolean, timeout: Duration, what = "condition"): Promise<void> {
    const timeoutUs = toMicros(timeout);
    const deadline = this.clock.now + timeoutUs;
    for (;;) {
      if (this.#inFlight > 0) await drain();
      if (condition()) return;
      if (!this.clock.step(deadline)) break;
    }
    this.clock.moveTo(deadline);
    if (this.#inFlight > 0) await drain();
    if (condition()) return;
    throw new TimeoutError(`home: ${what} did not hold within ${formatDuration(timeoutUs)} of virtual time`);
  }

  /** Advances the clock until `p` settles (e.g. a client's request); its value. */
  async settle<T>(p: Promise<T>, timeout: Duration = DEFAULT_SETTLE_TIMEOUT, what = "the request"): Promise<T> {
    let settled = false;
    const mark = (): void => {
      settled = true;
    };
    this.track(p).then(mark, mark);
    await this.runUntil(() => settled, timeout, `${what} to be answered`);
    return p;
  }

  #member(name: string): Member {
    const m = this.#members.get(name);
    if (m === undefined)
      throw new SailError(
        `home: no board named "${name}" (boards: ${this.boardNames.join(", ") || "none"}); add it with addBoard`,
      );
    return m;
  }
}

/** Lets every pending promise callback run (they are microtasks; setImmediate runs after them all). */
function drain(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
