// Provisioning as MIoT devices do it, on the virtual LAN (docs/miot.md "Provisioning"; docs/decisions.md D141):
// a device with no Wi-Fi credentials in its key-value store opens its own access point,
// a setup network named `<model with "." → "-">_miap<last 4 hex of the MAC>` where it is
// 192.168.4.1 and its hello reply carries its token (docs/reference/miot-protocol.md §1
// "token leak"); a client joins it and sends miIO.config_router {ssid, passwd, uid};
// the device stores them, leaves the setup network and joins the home network, where it
// answers at the address the network leases it. Holding the boot button for 5 s (a long
// press, as real devices) forgets the credentials and opens the setup network again.

import type { Board } from "../board/board.js";
import type { RpcOutcome } from "../miot/device-session.js";
import { MIIO_PORT } from "../miot/codec.js";
import { VirtualLan } from "../miot/virtual-lan.js";
import type { BoardMiot } from "../miot/board-device.js";
import type { DatagramTransport } from "../miot/transport.js";

/** The key-value namespace and keys the credentials live under (readable by the firmware too). */
export const WIFI_NAMESPACE = "sail_wifi";
export const SETUP_ADDRESS = `192.168.4.1:${MIIO_PORT}`;
/** How long the button is held for a factory reset, µs. */
const FACTORY_HOLD_US = 5_000_000;
/** The reply leaves before the device leaves the setup network. */
const LEAVE_AFTER_US = 200_000;

export type WifiState = "setup" | "joining" | "joined";

export interface BoardWifiOptions {
  /** The networks in range; the device joins the one whose ssid it was given. */
  readonly networks: readonly VirtualLan[];
  /** The button whose long press forgets the credentials (default "boot"). */
  readonly button?: string;
}

const PARAMS_REFUSED = (why: string): RpcOutcome => ({
  error: { code: -5005, message: `params error: miIO.config_router ${why}` },
});

export class BoardWifi {
  #state: WifiState = "setup";
  #setup: { lan: VirtualLan; endpoint: DatagramTransport } | null = null;
  #home: { lan: VirtualLan; address: string; endpoint: DatagramTransport } | null = null;
  #held: ReturnType<Board["clock"]["after"]> | null = null;
  readonly #miot: BoardMiot;
  readonly #buttonGpio: number;
  readonly #activeLevel: 0 | 1;

  constructor(
    readonly board: Board,
    readonly options: BoardWifiOptions,
  ) {
    const miot = board.miot;
    if (miot === null)
      throw new Error("BoardWifi: flash an image that carries a MIoT spec first; provisioning is a miIO method");
    this.#miot = miot;
    const button = board.profile.buttons.find((b) => b.name === (options.button ?? "boot"));
    if (button === undefined)
      throw new RangeError(`BoardWifi: ${board.profile.id} has no button "${options.button ?? "boot"}"`);
    this.#buttonGpio = button.gpio;
    this.#activeLevel = button.activeLow ? 0 : 1;
    miot.session.boardMethod("miIO.config_router", (_m, params) => this.#configRouter(params));
    miot.onPush((method, params) => {
      if (this.#home !== null) this.#home.lan.push(miot.session, this.#home.address, method, params);
    });
    board.changes.subscribe((c) => {
      if (c.kind === "level" && c.gpio === this.#buttonGpio) this.#button(c.level === this.#activeLevel);
    }, "pins");
    const saved = this.credentials;
    if (saved === null) this.#openSetup();
    else this.#join(saved.ssid, saved.passwd);
  }

  get state(): WifiState {
    return this.#state;
  }

  /** The device's own access point while it has no home network, for a client to join. */
  get setupNetwork(): VirtualLan | null {
    return this.#setup?.lan ?? null;
  }

  /** `<model with "." → "-">_miap<last 4 hex digits of the MAC>`, as real devices name it. */
  get setupSsid(): string {
    const model = this.board.image?.manifest?.model ?? "sail.device.unknown";
    return `${model.replaceAll(".", "-")}_miap${this.board.identity.mac.replaceAll(":", "").slice(-4).toUpperCase()}`;
  }

  /** Where the device answers on its home network, "host:port", or null. */
  get address(): string | null {
    return this.#home?.address ?? null;
  }

  /** The stored credentials, or null when the device is new (or was reset). */
  get credentials(): { ssid: string; passwd: string; uid: string } | null {
    const kv = this.board.storage.kv;
    if (kv === null) return null;
    const ns = kv.openNamespace(WIFI_NAMESPACE);
    const read = (key: string): string | null => {
      const v = kv.get(ns, key);
      return typeof v === "string" ? v : null;
    };
    const ssid = read("ssid");
    const passwd = read("passwd");
    return ssid === null || passwd === null ? null : { ssid, passwd, uid: read("uid") ?? "0" };
  }

  /** Forgets the credentials and opens the setup network (the long press does this). */
  factoryReset(): void {
    const kv = this.board.storage.kv;
    if (kv !== null) {
      const ns = kv.openNamespace(WIFI_NAMESPACE);
      for (const key of ["ssid", "passwd", "uid"]) if (kv.get(ns, key) !== undefined) kv.erase(ns, key);
    }
    this.board.log("W", "wifi: factory reset: Wi-Fi credentials forgotten, opening the setup network");
    this.#leaveHome();
    this.#openSetup();
  }

  #configRouter(params: unknown): RpcOutcome {
    if (this.#state !== "setup")
      return { error: { code: -5001, message: "miIO.config_router: the device is already on a network" } };
    if (typeof params !== "object" || params === null || Array.isArray(params))
      return PARAMS_REFUSED('takes an object, e.g. {"ssid":"home","passwd":"secret123","uid":0}');
    const p = params as Readonly<Record<string, unknown>>;
    const { ssid, passwd } = p;
    if (typeof ssid !== "string" || ssid.length < 1 || new TextEncoder().encode(ssid).length > 32)
      return PARAMS_REFUSED("ssid must be a string of 1 to 32 bytes");
    if (typeof passwd !== "string" || (passwd.length !== 0 && (passwd.length < 8 || passwd.length > 63)))
      return PARAMS_REFUSED("passwd must be empty (an open network) or 8 to 63 characters (WPA2)");
    const uid = p["uid"] ?? 0;
    if (!(typeof uid === "string" || (typeof uid === "number" && Number.isSafeInteger(uid)) || typeof uid === "bigint"))
      return PARAMS_REFUSED("uid must be the account id, a number or a string of digits");
    const kv = this.board.storage.kv;
    if (kv === null)
      return { error: { code: -5001, message: "miIO.config_router: the key-value store is not mounted" } };
    const ns = kv.openNamespace(WIFI_NAMESPACE);
    kv.set(ns, "ssid", ssid);
    kv.set(ns, "passwd", passwd);
    kv.set(ns, "uid", String(uid));
    this.board.log("I", `wifi: received credentials for "${ssid}"; leaving the setup network`);
    this.#state = "joining";
    this.board.clock.after(LEAVE_AFTER_US, () => {
      this.#closeSetup();
      this.#join(ssid, passwd);
    });
    return { result: ["ok"] };
  }

  #openSetup(): void {
    this.#state = "setup";
    if (this.#setup !== null) return;
    const lan = new VirtualLan(this.board.clock, { subnet: "192.168.4", wifi: { ssid: this.setupSsid, password: "" } });
    this.#setup = { lan, endpoint: lan.attachDevice(this.#miot.session, SETUP_ADDRESS) };
    this.#miot.session.helloCarriesToken = true;
    this.board.log("I", `wifi: no credentials; setup network "${this.setupSsid}" open at ${SETUP_ADDRESS}`);
  }

  #closeSetup(): void {
    this.#setup?.endpoint.close();
    this.#setup = null;
    this.#miot.session.helloCarriesToken = false;
  }

  #join(ssid: string, passwd: string): void {
    this.#state = "joining";
    const connectUs = this.board.profile.power.wifiConnectMs * 1000;
    this.board.clock.after(connectUs, () => {
      const lan = this.options.networks.find((n) => n.wifi?.ssid === ssid);
      if (lan?.wifi?.password !== passwd) {
        const why = lan === undefined ? "no network with that name in range" : "wrong password";
        this.board.log("W", `wifi: could not join "${ssid}": ${why}; forgetting it`);
        this.factoryReset();
        return;
      }
      const address = lan.lease(MIIO_PORT);
      this.#home = { lan, address, endpoint: lan.attachDevice(this.#miot.session, address) };
      this.#state = "joined";
      this.board.log("I", `wifi: joined "${ssid}" as ${address}`);
    });
  }

  #leaveHome(): void {
    this.#home?.endpoint.close();
    this.#home = null;
  }

  #button(pressed: boolean): void {
    this.board.clock.cancel(this.#held);
    this.#held = pressed ? this.board.clock.after(FACTORY_HOLD_US, () => this.factoryReset()) : null;
  }
}
