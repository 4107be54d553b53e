// `sail miot ota <signed.wasm>`: delivers an update as a MIoT app does. Serves
// the image over HTTP, sends miIO.ota with its URL and SHA-256, then follows
// miIO.get_ota_state / get_ota_progress until the device has installed it (it
// restarts into it on trial) or reports that it failed.

import { createHash } from "node:crypto";
import { basename } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { MiioRpcError, MiioTimeoutError, type MiioClient } from "../miot/client.js";
import { serveImage } from "../ota/http-server.js";
import { note } from "./format.js";
import { readUserFile } from "./system-error.js";

const POLL_MS = 500;
/** A device restarting into the update is off the network for a while: keep asking this long. */
const GIVE_UP_MS = 5 * 60_000;

export interface OtaDelivery {
  readonly client: MiioClient;
  readonly image: string;
  /** Address the HTTP server binds and the device is told to fetch from (default 127.0.0.1). */
  readonly serveHost: string;
}

/** 0 when the device installed the update, 1 when it refused or failed it. */
export async function deliverUpdate(o: OtaDelivery): Promise<number> {
  const bytes = new Uint8Array(await readUserFile(o.image));
  const sha = createHash("sha256").update(bytes).digest("hex");
  const server = await serveImage(bytes, { name: basename(o.image), host: o.serveHost });
  try {
    const url = server.url;
    note(`serving ${o.image} (${bytes.length.toLocaleString("en")} bytes, sha256 ${sha.slice(0, 16)}…) at ${url}`);
    let busy = false;
    try {
      console.log(`miIO.ota: ${JSON.stringify(await o.client.call("miIO.ota", { app_url: url, file_sha256: sha }))}`);
    } catch (e) {
      // A retry after a lost reply finds the device busy with this very update: follow it.
      if (!(e instanceof MiioRpcError && /^busy/.test(e.deviceMessage))) throw e;
      console.log(`miIO.ota: ${e.deviceMessage}; following it`);
      busy = true;
    }
    const deadline = Date.now() + GIVE_UP_MS;
    let lastShown = "";
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      let state: unknown;
      let progress: unknown;
      try {
        [state] = (await o.client.call("miIO.get_ota_state", [])) as unknown[];
        [progress] = (await o.client.call("miIO.get_ota_progress", [])) as unknown[];
      } catch (e) {
        if (e instanceof MiioTimeoutError) continue; // restarting into the update: the radio comes back
        throw e;
      }
      const shown = `${String(state)} ${String(progress)} %`;
      if (shown !== lastShown) console.log(`  ${shown}`);
      lastShown = shown;
      if (state === "failed") {
        note(
          "sail miot ota: the device reports the update failed; its log says why (e.g. refused: other-key, downgrade)",
        );
        return 1;
      }
      if (busy && state !== "downloading" && state !== "installing" && server.requests.length === 0) {
        note("sail miot ota: the device was busy with another update, not this one; try again");
        return 1;
      }
      if (state === "idle" && progress === 100 && server.requests.length > 0) {
        const info = (await o.client.info()) as { readonly fw_ver?: string };
        console.log(
          `installed: the device runs ${info.fw_ver ?? "?"} on trial; the firmware must confirm it ` +
            `(ota.confirm()) or the board rolls back`,
        );
        return 0;
      }
    }
    note(`sail miot ota: no outcome after ${GIVE_UP_MS / 60_000} minutes (last: ${lastShown || "no answer"})`);
    return 1;
  } finally {
    await server.close();
  }
}
