// A VCD file written as the run goes (`sail run --vcd`), for runs whose pin
// changes are far more than the board keeps. The header must declare every
// variable before the first value change, and which pins change is known only
// at the end: the value changes go to `<file>.body` first, with a stand-in for
// each identifier code; `finish` writes the header, then copies the body in
// chunks with the codes put in. The file is the one traceToVcd makes of the
// same entries, with host memory flat however many there are.

import { closeSync, openSync, readSync, rmSync } from "node:fs";
import { SailError } from "../errors.js";
import type { TraceEntry } from "./pin-trace.js";
import { TextFile } from "./text-file.js";
import { declareVariables, noteVariable, VcdBody, vcdHeader, type VcdKind, type VcdOptions } from "./vcd.js";

const KIND_MARK: Readonly<Record<string, string>> = { wire: "w", duty: "d", hz: "h" };
/** A variable's mark in a stand-in: w, d, h, or l<i> for LED i. */
const mark = (kind: VcdKind): string => KIND_MARK[kind] ?? `l${kind.slice(3)}.`;
/** A stand-in: "@" never appears in a value-change line otherwise. */
const STAND_IN = /@(\d+)([wdh]|l\d+\.)/g;
const READ_BYTES = 1 << 20;

export class VcdStream {
  readonly #body: TextFile;
  readonly #encoder = new VcdBody((gpio, kind) => `@${gpio}${mark(kind)}`);
  readonly #levels = new Set<number>();
  readonly #pwm = new Set<number>();
  readonly #leds = new Map<number, number>();
  readonly #lines: string[] = [];
  #lastUs = 0;

  constructor(
    readonly file: string,
    readonly options: Omit<VcdOptions, "endUs">,
  ) {
    this.#body = new TextFile(`${file}.body`);
  }

  /** One pin change, in the order the board made them. */
  record(e: TraceEntry): void {
    // The board's changes come in time order; one out of order is written at the latest time instead.
    const entry = e.timeUs < this.#lastUs ? { ...e, timeUs: this.#lastUs } : e;
    this.#lastUs = entry.timeUs;
    noteVariable(e, this.#levels, this.#pwm, this.#leds);
    const lines = this.#lines;
    this.#encoder.write(entry, lines);
    for (const line of lines) this.#body.line(line);
    lines.length = 0;
  }

  /** Ends the dump at `endUs` and writes the file; the body file is removed. */
  finish(endUs: number): void {
    if (!Number.isSafeInteger(endUs) || endUs < this.#lastUs)
      throw new SailError(`VCD: endUs ${endUs} must be a whole number of µs, at or after the last change`);
    this.#encoder.end(endUs, this.#lines);
    for (const line of this.#lines) this.#body.line(line);
    this.#body.close();
    const vars = declareVariables(this.#levels, this.#pwm, this.#leds);
    const ids = new Map(vars.map((v) => [`${v.gpio}${mark(v.kind)}`, v.id]));
    const out = new TextFile(this.file);
    for (const line of vcdHeader(vars, this.options)) out.line(line);
    const put = (line: string): string =>
      line.replace(STAND_IN, (_m, gpio: string, m: string) => {
        const id = ids.get(`${gpio}${m}`);
        if (id === undefined) throw new SailError(`VCD: no variable for GPIO${gpio} (${m})`);
        return id;
      });
    readLines(this.#body.path, (line) => out.line(put(line)));
    out.close();
    rmSync(this.#body.path);
  }

  /** Stops without writing the dump (the run failed): removes the body file. */
  abandon(): void {
    this.#body.close();
    rmSync(this.#body.path, { force: true });
  }
}

/** Calls `each` for every line of a file, reading it in 1 MiB chunks. */
function readLines(path: string, each: (line: string) => void): void {
  const fd = openSync(path, "r");
  const buffer = Buffer.alloc(READ_BYTES);
  let rest = "";
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, READ_BYTES, null);
      if (n === 0) break;
      const text = rest + buffer.toString("latin1", 0, n); // the body is ASCII
      const lines = text.split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) each(line);
    }
  } finally {
    closeSync(fd);
  }
  if (rest !== "") each(rest);
}
