// Fetches an update over HTTP in chunks, as ESP-IDF's `esp_https_ota` does with
// partial downloads: one `Range: bytes=a-b` request per chunk (RFC 9110 §14),
// each written into the inactive slot as it arrives; the SHA-256 the update
// was announced with is checked before the slot is made bootable (docs/decisions.md D47).

import type { Manifest } from "../flash/manifest.js";
import { OtaError } from "./checks.js";
import type { UpdateOptions } from "./manager.js";

/** Bytes per Range request. */
export const DOWNLOAD_CHUNK_BYTES = 16 * 1024;

/** Where a download goes: the OTA manager (its `begin`). */
export interface UpdateTarget {
  begin(length: number, options: UpdateOptions): { write(chunk: Uint8Array): void; finish(): Manifest; abort(): void };
}

/**
 * How a request is made: the global `fetch` over real sockets, or a virtual
 * HTTP transport on the virtual LAN (host/fleet/virtual-http.ts) with the same
 * Range requests (docs/decisions.md D26).
 */
export type HttpFetch = (
  url: string,
  init: { readonly headers: Readonly<Record<string, string>> },
) => Promise<Response>;

export interface DownloadOptions {
  readonly chunkBytes?: number;
  /** The HTTP transport (default: the global fetch). */
  readonly fetch?: HttpFetch;
  /** The SHA-256 the image must have (64 hex digits or 32 bytes). */
  readonly sha256?: string | Uint8Array;
  readonly onProgress?: (received: number, total: number) => void;
}

export interface DownloadResult {
  readonly manifest: Manifest;
  readonly bytes: number;
  /** HTTP requests made. */
  readonly requests: number;
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+)$/;

async function get(http: HttpFetch, url: string, start: number, end: number): Promise<Response> {
  try {
    return await http(url, { headers: { Range: `bytes=${start}-${end}` } });
  } catch (e) {
    const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
    throw new OtaError("download", `${url}: cannot fetch bytes ${start}-${end}: ${cause}; is the server running?`);
  }
}

/** One chunk's bytes, with the total size the server reports. */
async function fetchChunk(
  http: HttpFetch,
  url: string,
  start: number,
  chunkBytes: number,
): Promise<{ bytes: Uint8Array; total: number }> {
  const res = await get(http, url, start, start + chunkBytes - 1);
  if (res.status === 200 && start === 0) {
    // A server without Range support sends everything at once.
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { bytes, total: bytes.length };
  }
  if (res.status !== 206) {
    await res.body?.cancel();
    throw new OtaError(
      "download",
      `${url}: HTTP ${res.status} ${res.statusText} for bytes ` +
        `${start}-${start + chunkBytes - 1}; the image server must answer 206 with the range`,
    );
  }
  const m = CONTENT_RANGE.exec(res.headers.get("content-range") ?? "");
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (m === null || Number(m[1]) !== start || Number(m[2]) - start + 1 !== bytes.length) {
    throw new OtaError(
      "download",
      `${url}: asked for bytes from ${start}, got Content-Range ` +
        `"${res.headers.get("content-range") ?? ""}" with ${bytes.length} bytes`,
    );
  }
  return { bytes, total: Number(m[3]) };
}

/** Downloads the image at `url` into the target chunk by chunk, then finishes the update. */
export async function downloadUpdate(
  url: string,
  target: UpdateTarget,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const chunkBytes = options.chunkBytes ?? DOWNLOAD_CHUNK_BYTES;
  if (!Number.isInteger(chunkBytes) || chunkBytes <= 0)
    throw new RangeError(`chunkBytes must be a positive integer, got ${chunkBytes}`);
  const http = options.fetch ?? fetch;
  let requests = 1;
  const first = await fetchChunk(http, url, 0, chunkBytes);
  const total = first.total;
  if (total === 0) throw new OtaError("download", `${url}: the image is empty`);
  const update = target.begin(total, {
    file: url,
    ...(options.sha256 === undefined ? {} : { sha256: options.sha256 }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  let received = 0;
  const take = (bytes: Uint8Array): void => {
    for (let at = 0; at < bytes.length; at += chunkBytes) update.write(bytes.subarray(at, at + chunkBytes));
    received += bytes.length;
  };
  try {
    take(first.bytes);
    while (received < total) {
      const next = await fetchChunk(http, url, received, Math.min(chunkBytes, total - received));
      requests++;
      if (next.total !== total)
        throw new OtaError(
          "download",
          `${url}: the image changed size during the download (${total} → ${next.total} bytes); start again`,
        );
      take(next.bytes);
    }
  } catch (e) {
    update.abort();
    throw e;
  }
  return { manifest: update.finish(), bytes: total, requests };
}
