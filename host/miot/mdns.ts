// mDNS for miIO devices (docs/reference/miot-protocol.md §1 transport; docs/decisions.md D140):
// a device advertises `_miio._udp.local` under the instance `<model with "." → "-">_miio<did>`,
// the name python-miio, npm miio and Home Assistant's xiaomi_miio read the model and did from,
// with TXT `mac` (xiaomi_miio needs it) and `epoch=1` as real devices send. bonjour-service does
// the DNS; this file decides the names, the interface and the address record.

import type { EventEmitter } from "node:events";
import { Bonjour, type Service, type ServiceConfig } from "bonjour-service";
import { SailError } from "../errors.js";

export const MIIO_SERVICE = "_miio._udp.local";

export interface MiioAdvert {
  readonly model: string;
  readonly did: number;
  /** "AA:BB:CC:DD:EE:FF"; the TXT record carries it as 12 lower-case hex digits. */
  readonly mac: string;
  /** The address miIO is served on: 127.0.0.1 keeps mDNS on loopback; 0.0.0.0 uses every interface. */
  readonly host: string;
  readonly port: number;
}

export interface Advertising {
  /** "sail-light-lamp1_miio12345678" */
  readonly instance: string;
  stop(): Promise<void>;
}

/** The instance name clients parse: model with "." → "-", then `_miio` and the did. */
export function miioInstanceName(model: string, did: number): string {
  return `${model.replaceAll(".", "-")}_miio${did}`;
}

/** The model and did in an instance name, as npm miio's infoFromHostname reads them; null if it is not one. */
export function parseInstanceName(name: string): { model: string; did: number } | null {
  const m = /^(.+)_miio(\d+)(?:\.|$)/.exec(name);
  if (m === null) return null;
  return { model: (m[1] as string).replaceAll("-", "."), did: Number(m[2]) };
}

/**
 * Where mDNS runs for a miIO address: loopback stays on loopback, a wildcard address on the
 * default interface; `bind` is always 0.0.0.0 so the multicast group can be joined (docs/decisions.md D140).
 */
export function mdnsInterface(host: string): { interface?: string; bind: string } {
  return host === "0.0.0.0" || host === "" ? { bind: "0.0.0.0" } : { interface: host, bind: "0.0.0.0" };
}

/** A Bonjour on `host`'s interface. Its constructor hands its options to multicast-dns (typed as a service's). */
function bonjourOn(host: string, onError: (e: unknown) => void): Bonjour {
  const bonjour = new Bonjour(mdnsInterface(host) as Partial<ServiceConfig>, onError);
  quietSocketErrors(bonjour, (message) => onError(message));
  return bonjour;
}

/**
 * Advertises a device until stop(). Probing first, as RFC 6762 devices do: a name already
 * taken on the network is reported through `onError` and not announced.
 */
export function advertiseMiio(advert: MiioAdvert, onError: (message: string) => void = () => {}): Advertising {
  if (!/^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$/.test(advert.mac))
    throw new SailError(`mDNS advert: mac "${advert.mac}" must be six hex pairs, e.g. 02:5A:00:12:34:56`);
  const instance = miioInstanceName(advert.model, advert.did);
  const bonjour = bonjourOn(advert.host, (e) => onError(describe(e)));
  const service: Service = bonjour.publish({
    name: instance,
    type: "miio",
    protocol: "udp",
    port: advert.port,
    host: `${instance}.local`,
    txt: { epoch: "1", mac: advert.mac.replaceAll(":", "").toLowerCase() },
    disableIPv6: true,
  });
  // bonjour-service answers with the machine's non-loopback addresses; a device served on one
  // address is reachable only there, so the address record names that address. The records are
  // read when the probe ends (asynchronously), so replacing the method here is in time.
  if (advert.host !== "0.0.0.0" && advert.host !== "") {
    const records = service.records.bind(service);
    service.records = () => [
      ...records().filter((r) => r.type !== "A" && r.type !== "AAAA"),
      { name: service.host, type: "A", ttl: 120, data: advert.host },
    ];
  }
  service.on("error", (e: unknown) => onError(describe(e)));
  return {
    instance,
    stop: () =>
      new Promise<void>((resolve) => {
        // The goodbye (TTL 0) goes out before the socket closes, so browsers drop the device at once.
        bonjour.unpublishAll(() => bonjour.destroy(() => resolve()));
      }),
  };
}

export interface BrowsedDevice {
  readonly instance: string;
  readonly model: string;
  readonly did: number;
  readonly address: string;
  readonly port: number;
  readonly mac: string | null;
}

/** Browses `_miio._udp.local` for `timeoutMs`; every answer that names a miIO instance, once per instance. */
export async function browseMiio(timeoutMs: number, host = "0.0.0.0"): Promise<BrowsedDevice[]> {
  const bonjour = bonjourOn(host, () => {});
  const found = new Map<string, BrowsedDevice>();
  const browser = bonjour.find({ type: "miio", protocol: "udp" }, (s: Service) => {
    const parsed = parseInstanceName(s.name);
    const address = s.addresses?.find((a) => !a.includes(":")) ?? s.referer?.address;
    if (parsed === null || address === undefined) return;
    const txt = s.txt as Readonly<Record<string, unknown>> | undefined;
    const mac = typeof txt?.["mac"] === "string" ? txt["mac"] : null;
    found.set(s.name, { instance: s.name, ...parsed, address, port: s.port, mac });
  });
  await new Promise((resolve) => setTimeout(resolve, timeoutMs));
  browser.stop();
  await new Promise<void>((resolve) => bonjour.destroy(() => resolve()));
  return [...found.values()];
}

/**
 * multicast-dns raises 'error' for a port it cannot bind (EADDRINUSE, EACCES); unheard, that would
 * end the process. bonjour-service keeps its socket private, so this reaches for it by shape.
 */
function quietSocketErrors(bonjour: Bonjour, onError: (message: string) => void): void {
  const server = (bonjour as unknown as { server?: { mdns?: EventEmitter } }).server;
  server?.mdns?.on("error", (e: unknown) => onError(`mDNS: ${describe(e)}`));
  server?.mdns?.on("warning", () => {}); // a datagram it could not send: mDNS repeats itself
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
