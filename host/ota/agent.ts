// The board's OTA agent for miIO.ota (docs/decisions.md D47): the request carries the
// image's URL and SHA-256; the board downloads it over HTTP in chunks into the
// inactive slot, checks it, and restarts into it on trial. Progress and state
// answer miIO.get_ota_progress and miIO.get_ota_state, as on Xiaomi devices.

import type { RpcOutcome } from "../miot/device-session.js";
import { downloadUpdate, type HttpFetch } from "./download.js";
import type { OtaManager } from "./manager.js";
import type { Manifest } from "../flash/manifest.js";

export type OtaAgentState = "idle" | "downloading" | "installing" | "failed";

export interface OtaAgentHost {
  readonly manager: OtaManager;
  /** Validates the written image for the board, then restarts into it. */
  readonly install: (manifest: Manifest) => Promise<void>;
  readonly log: (level: "I" | "W" | "E", text: string) => void;
}

/** The device will not take this update now (busy, or it trusts no key). */
const REFUSED = -5001;
const PARAMS = (what: string): RpcOutcome => ({ error: { code: -5005, message: `params error: ${what}` } });

export class OtaAgent {
  state: OtaAgentState = "idle";
  /** Percent of the image downloaded. */
  progress = 0;
  /** Why the last update failed. */
  error: string | null = null;
  /** Settles when the update under way ends (installed or failed); for tests and the CLI. */
  done: Promise<void> = Promise.resolve();
  /** The HTTP transport downloads use (default: the global fetch; a fleet gives its virtual LAN's). */
  fetch: HttpFetch | undefined = undefined;

  constructor(readonly host: OtaAgentHost) {}

  /** miIO.ota: {"app_url": "http://...", "file_sha256": "<64 hex>"}; answers at once, the download runs on. */
  request(params: unknown): RpcOutcome {
    if (typeof params !== "object" || params === null || Array.isArray(params))
      return PARAMS('miIO.ota takes {"app_url", "file_sha256"}');
    const p = params as Readonly<Record<string, unknown>>;
    const url = p["app_url"];
    const sha = p["file_sha256"];
    if (typeof url !== "string" || !/^https?:\/\//.test(url)) return PARAMS("app_url must be an http(s) URL");
    if (typeof sha !== "string" || !/^[0-9a-fA-F]{64}$/.test(sha))
      return PARAMS("file_sha256 must be the image's SHA-256, 64 hex digits (Sail checks SHA-256, not file_md5)");
    if (this.state === "downloading" || this.state === "installing")
      return { error: { code: REFUSED, message: `busy: an update is ${this.state} (${this.progress} %)` } };
    // Refused before anything is downloaded or erased: no image could pass the signature check.
    if (this.host.manager.trustedKey === null)
      return {
        error: {
          code: REFUSED,
          message: "no trusted key: this board refuses every update; give it the .pub.pem from `sail ota keygen`",
        },
      };
    this.state = "downloading";
    this.progress = 0;
    this.error = null;
    this.host.log("I", `ota: downloading ${url}`);
    this.done = this.#run(url, sha);
    return { result: ["ok"] };
  }

  async #run(url: string, sha: string): Promise<void> {
    try {
      const r = await downloadUpdate(url, this.host.manager, {
        sha256: sha,
        ...(this.fetch === undefined ? {} : { fetch: this.fetch }),
        onProgress: (got, total) => {
          this.progress = Math.floor((100 * got) / total);
        },
      });
      this.state = "installing";
      this.host.log(
        "I",
        `ota: ${describe(r.manifest)} downloaded (${r.bytes.toLocaleString("en")} ` +
          `bytes in ${r.requests} requests), signature checked`,
      );
      await this.host.install(r.manifest);
      this.state = "idle";
    } catch (e) {
      this.state = "failed";
      this.error = (e as Error).message;
      this.host.log("E", `ota: update failed: ${this.error}`);
    }
  }
}

function describe(m: Manifest): string {
  return `${m.name} ${m.version}`;
}
