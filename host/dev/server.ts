// The page's server: the front end's files from web/ (built into the package,
// nothing fetched at run time) over HTTP on 127.0.0.1, and one WebSocket at
// /ws that carries state batches to every page and commands back.

import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join } from "node:path";
import { WebSocketServer, type WebSocket } from "ws";
import { PACKAGE_ROOT } from "../paths.js";

export const WEB_DIR = join(PACKAGE_ROOT, "web");

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** The front end's files by URL path, read once: only these are served. */
export function webAssets(): ReadonlyMap<string, { readonly type: string; readonly body: Buffer }> {
  const assets = new Map<string, { type: string; body: Buffer }>();
  for (const name of readdirSync(WEB_DIR)) {
    const type = TYPES[extname(name)];
    if (type !== undefined) assets.set(`/${name}`, { type, body: readFileSync(join(WEB_DIR, name)) });
  }
  const index = assets.get("/index.html");
  if (index !== undefined) assets.set("/", index);
  return assets;
}

export interface PageServerHost {
  /** The first message a page gets: the board, its image and its whole state. */
  readonly hello: () => unknown;
  /** A message from a page; returns an error message for it, or null. */
  readonly command: (text: string) => string | null;
}

export class PageServer {
  readonly #http: Server;
  readonly #sockets: WebSocketServer;

  private constructor(http: Server, sockets: WebSocketServer) {
    this.#http = http;
    this.#sockets = sockets;
  }

  /** Serves on host:port (port 0 picks a free one). */
  static async listen(host: string, port: number, page: PageServerHost): Promise<PageServer> {
    const assets = webAssets();
    const http = createServer((req, res) => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      const asset = assets.get(path);
      if (req.method !== "GET" || asset === undefined) {
        res.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${path}`);
        return;
      }
      res.writeHead(200, { "content-type": asset.type, "cache-control": "no-store" }).end(asset.body);
    });
    const sockets = new WebSocketServer({ server: http, path: "/ws" });
    sockets.on("connection", (socket: WebSocket) => {
      socket.send(encode(page.hello()));
      socket.on("message", (data: Buffer | ArrayBuffer | Buffer[]) => {
        const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Uint8Array);
        const problem = page.command(bytes.toString("utf8"));
        if (problem !== null) socket.send(encode({ type: "error", message: problem }));
      });
    });
    await new Promise<void>((resolve, reject) => {
      http.once("error", reject);
      http.listen(port, host, () => {
        http.off("error", reject);
        resolve();
      });
    });
    return new PageServer(http, sockets);
  }

  get port(): number {
    return (this.#http.address() as AddressInfo).port;
  }

  /** Pages connected now. */
  get pages(): number {
    return this.#sockets.clients.size;
  }

  /** Sends `message` to every page (one JSON text, encoded once). */
  broadcast(message: unknown): void {
    if (this.#sockets.clients.size === 0) return;
    const text = encode(message);
    for (const s of this.#sockets.clients) if (s.readyState === s.OPEN) s.send(text);
  }

  async close(): Promise<void> {
    for (const s of this.#sockets.clients) s.terminate();
    await new Promise<void>((resolve) => this.#sockets.close(() => resolve()));
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }
}

/** JSON, with int64 values beyond 2^53 (bigint) as their decimal text. */
export function encode(message: unknown): string {
  return JSON.stringify(message, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
