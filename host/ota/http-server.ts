// Serves one firmware image over HTTP/1.1 on loopback, as the harness side of
// an OTA (docs/decisions.md D47), with single byte ranges (RFC 9110 §14: Range,
// Content-Range, 206 Partial Content, 416 Range Not Satisfiable) so a board
// can fetch it in chunks. Binds 127.0.0.1 on an ephemeral port by default.

import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { basename } from "node:path";

export const LOOPBACK = "127.0.0.1";

export interface ServedRequest {
  readonly method: string;
  readonly path: string;
  /** The Range header as sent, or null. */
  readonly range: string | null;
  readonly status: number;
}

export interface ImageServer {
  /** Where the image is: http://127.0.0.1:<port>/<name>. */
  readonly url: string;
  readonly port: number;
  /** Every request answered so far, in order. */
  readonly requests: readonly ServedRequest[];
  close(): Promise<void>;
}

export interface ServeOptions {
  /** The path's last segment (default "firmware.wasm"). */
  readonly name?: string;
  readonly host?: string;
  /** 0 (default): an ephemeral port. */
  readonly port?: number;
}

export type ByteRange = { readonly start: number; readonly end: number };

/**
 * A `Range` header against a representation of `size` bytes: one range
 * (inclusive end), "unsatisfiable" (416), or null when it is absent, not in
 * bytes, or asks for several ranges (then the whole image is sent, as
 * RFC 9110 §14.2 allows).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | "unsatisfiable" | null {
  if (header === undefined) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (m === null) return null;
  const [, first = "", last = ""] = m;
  if (first === "" && last === "") return null;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return "unsatisfiable";
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return null; // syntactically invalid: ignored
  return { start, end };
}

/** Serves `image` at /<name> until `close()`. */
export async function serveImage(image: Uint8Array, options: ServeOptions = {}): Promise<ImageServer> {
  const name = options.name ?? "firmware.wasm";
  const path = `/${encodeURIComponent(name)}`;
  const requests: ServedRequest[] = [];

  const answer = (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? "GET";
    const rangeHeader = req.headers.range ?? null;
    const send = (status: number, headers: Record<string, string | number>, body: Uint8Array | string = ""): void => {
      requests.push({ method, path: req.url ?? "", range: rangeHeader, status });
      res.writeHead(status, headers);
      res.end(method === "HEAD" ? undefined : body);
    };
    if (req.url !== path) {
      send(404, { "Content-Type": "text/plain" }, `not found: this server has ${path} only\n`);
      return;
    }
    if (method !== "GET" && method !== "HEAD") {
      send(405, { Allow: "GET, HEAD", "Content-Type": "text/plain" }, "GET or HEAD only\n");
      return;
    }
    const base = { "Accept-Ranges": "bytes", "Content-Type": "application/wasm" };
    const range = parseRange(req.headers.range, image.length);
    if (range === "unsatisfiable") {
      send(416, { ...base, "Content-Range": `bytes */${image.length}` });
      return;
    }
    if (range === null) {
      send(200, { ...base, "Content-Length": image.length }, image);
      return;
    }
    const part = image.subarray(range.start, range.end + 1);
    send(
      206,
      { ...base, "Content-Length": part.length, "Content-Range": `bytes ${range.start}-${range.end}/${image.length}` },
      part,
    );
  };

  const server = createServer(answer);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? LOOPBACK, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? LOOPBACK}:${port}${path}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e === undefined ? resolve() : reject(e)));
      }),
  };
}

/** Serves an image file, named by its file name. */
export async function serveImageFile(file: string, options: Omit<ServeOptions, "name"> = {}): Promise<ImageServer> {
  return serveImage(new Uint8Array(await readFile(file)), { ...options, name: basename(file) });
}
