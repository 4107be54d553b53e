// A text file written as a run goes: lines are gathered into chunks and
// written synchronously (a change listener cannot wait), so memory holds at
// most one chunk however long the run.

import { closeSync, openSync, writeSync } from "node:fs";

const CHUNK_CHARS = 1 << 16;

export class TextFile {
  readonly #fd: number;
  #pending: string[] = [];
  #chars = 0;

  /** Creates (or empties) `path`. */
  constructor(readonly path: string) {
    this.#fd = openSync(path, "w");
  }

  line(text: string): void {
    this.#pending.push(text);
    this.#chars += text.length + 1;
    if (this.#chars >= CHUNK_CHARS) this.flush();
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    writeSync(this.#fd, this.#pending.join("\n") + "\n");
    this.#pending = [];
    this.#chars = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.#fd);
  }
}
