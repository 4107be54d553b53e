// The emulator's end of the co-simulation pipe: the C runtime's stdin and
// stdout are two FIFOs, read and written synchronously, because the board
// calls its firmware synchronously (an import returns before wasm goes on).
// The runtime is started through `sh -c exec` with the FIFOs as redirections,
// so this side holds only the ends it uses: when the runtime exits, a read
// sees the end of the file instead of waiting forever. A runtime that opens
// the FIFOs itself by path (the rv32 build under QEMU, through semihosting)
// still gets them as fds 3 and 4 from the shell: the shell's opens pair with
// this side's at once, whatever the program does, and the program's exit
// still closes every write end.

import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SailError } from "../errors.js";
import { decodeFrame, encodeFrame, type RequestFrame } from "./frame.js";

export class RuntimePipe {
  readonly #child: ChildProcess;
  readonly #dir: string;
  readonly #toRuntime: number;
  readonly #fromRuntime: number;
  readonly #head = new Uint8Array(4);
  #closed = false;

  constructor(
    readonly program: string,
    args: readonly string[] = [],
    pipeArgs?: (replies: string, requests: string) => readonly string[],
  ) {
    this.#dir = mkdtempSync(join(tmpdir(), "sail-pipe-"));
    const input = join(this.#dir, "in");
    const output = join(this.#dir, "out");
    execFileSync("mkfifo", [input, output]);
    const script =
      pipeArgs === undefined
        ? 'p=$1 i=$2 o=$3 e=$4; shift 4; exec "$p" "$@" <"$i" >"$o" 2>"$e"'
        : 'p=$1 i=$2 o=$3 e=$4; shift 4; exec "$p" "$@" 3<"$i" 4>"$o" </dev/null >"$e" 2>&1';
    const all = [...args, ...(pipeArgs?.(input, output) ?? [])];
    this.#child = spawn("sh", ["-c", script, "sh", program, input, output, join(this.#dir, "err"), ...all], {
      stdio: "ignore",
    });
    this.#toRuntime = openSync(input, "w");
    this.#fromRuntime = openSync(output, "r");
  }

  /** The next request from the runtime; its exit is an error quoting what it printed. */
  read(): RequestFrame {
    this.#readExactly(this.#head);
    const length = new DataView(this.#head.buffer).getUint32(0, true);
    const bytes = new Uint8Array(4 + length);
    bytes.set(this.#head);
    this.#readExactly(bytes.subarray(4));
    const decoded = decodeFrame(bytes);
    if (decoded === null || decoded.frame.kind !== "request")
      throw new SailError("the C runtime sent a frame that is not a request");
    return decoded.frame;
  }

  reply(sequence: number, status: number, payload: Uint8Array): void {
    const bytes = encodeFrame({ kind: "reply", sequence, status, payload });
    let at = 0;
    while (at < bytes.length) at += writeSync(this.#toRuntime, bytes, at, bytes.length - at);
  }

  /** Ends the runtime process and removes the FIFOs. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#child.kill("SIGKILL");
    closeSync(this.#toRuntime);
    closeSync(this.#fromRuntime);
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #readExactly(into: Uint8Array): void {
    let at = 0;
    while (at < into.length) {
      const n = readSync(this.#fromRuntime, into, at, into.length - at, null);
      if (n === 0) {
        let said = "";
        try {
          said = readFileSync(join(this.#dir, "err"), "utf8").trim();
        } catch {
          /* nothing printed */
        }
        throw new SailError(`the C runtime (${this.program}) exited${said === "" ? "" : `: ${said}`}`);
      }
      at += n;
    }
  }
}
