// HTTP on the virtual LAN (docs/decisions.md D26): a fleet's update server
// answers the same single-range requests as host/ota/http-server.ts, but on
// the board's virtual clock, over a link with the device's latency and
// seeded loss. A request that is lost, or made while the device cannot reach
// the server, fails after HTTP_TIMEOUT_US, as a real client's timeout would.

import type { HttpFetch } from "../ota/download.js";
import { parseRange } from "../ota/http-server.js";
import type { SeededRandom } from "../random.js";
import type { VirtualClock } from "../time/clock.js";

/** A client gives up on a request after this long without an answer (ESP-IDF's esp_http_client default is 5 s). */
export const HTTP_TIMEOUT_US = 5_000_000;
/** Transfer time per byte on the link (1 Mbit/s: a busy home Wi-Fi, as seen by one small device). */
const US_PER_BYTE = 8;

/** One device's path to the server. */
export interface HttpLink {
  /** One-way latency, µs. */
  readonly latencyUs: number;
  /** Probability that a request (or its answer) is lost. */
  readonly lossRate: number;
  readonly random: SeededRandom;
  /** Whether the device can reach the server now (false while offline or asleep). */
  readonly reachable: () => boolean;
}

/** The rollout server's files, by path ("/new.signed.wasm"). */
export class VirtualHttpServer {
  readonly #files = new Map<string, Uint8Array>();
  /** Requests answered, for reports. */
  requests = 0;

  constructor(readonly host: string) {}

  serve(path: string, bytes: Uint8Array): string {
    this.#files.set(path, bytes);
    return `http://${this.host}${path}`;
  }

  /** A fetch for one device on its own clock. */
  fetchOn(clock: VirtualClock, link: HttpLink): HttpFetch {
    return (url, init) =>
      new Promise<Response>((resolve, reject) => {
        const lost = !link.reachable() || (link.lossRate > 0 && link.random.next() < link.lossRate);
        if (lost) {
          clock.at(clock.now + HTTP_TIMEOUT_US, () => {
            reject(new TypeError("fetch failed", { cause: new Error(`no answer from ${this.host} within 5 s`) }));
          });
          return;
        }
        const answer = this.#answer(url, init.headers["Range"]);
        const body = answer.body?.length ?? 0;
        clock.at(clock.now + 2 * link.latencyUs + body * US_PER_BYTE, () => {
          this.requests++;
          resolve(new Response(answer.body ?? null, { status: answer.status, headers: answer.headers }));
        });
      });
  }

  #answer(
    url: string,
    range: string | undefined,
  ): { status: number; headers: Record<string, string>; body?: Uint8Array } {
    const path = url.startsWith(`http://${this.host}`) ? url.slice(`http://${this.host}`.length) : null;
    const file = path === null ? undefined : this.#files.get(path);
    if (file === undefined) return { status: 404, headers: {} };
    const base = { "Accept-Ranges": "bytes", "Content-Type": "application/wasm" };
    const r = parseRange(range, file.length);
    if (r === "unsatisfiable") return { status: 416, headers: { ...base, "Content-Range": `bytes */${file.length}` } };
    if (r === null) return { status: 200, headers: base, body: file };
    return {
      status: 206,
      headers: { ...base, "Content-Range": `bytes ${r.start}-${r.end}/${file.length}` },
      body: file.subarray(r.start, r.end + 1),
    };
  }
}
