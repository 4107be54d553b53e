// What `sail run` writes as the run goes: pin changes to stdout or a file
// (--trace [file]) and the VCD (--vcd file). Both subscribe to the board's
// change stream and write each change as it happens, so a long run writes a
// big file while the board itself keeps only its newest changes.

import type { Board } from "../board/board.js";
import { TextFile } from "../trace/text-file.js";
import { VcdStream } from "../trace/vcd-stream.js";
import { formatTrace } from "./format.js";

export interface RunOutputs {
  /** Ends the outputs at the board's time (the VCD's last timestamp) and closes their files. */
  finish(): void;
  /** Closes the outputs of a run that stopped before `finish` (nothing once finished); the VCD is not written. */
  abandon(): void;
}

/**
 * Subscribes the outputs asked for to `board`'s pin changes: `trace` "" prints
 * them, a path writes them there; `vcd` streams the VCD to that path.
 */
export function streamOutputs(board: Board, trace: string | undefined, vcd: string | undefined): RunOutputs {
  const file = trace === undefined || trace === "" ? null : new TextFile(trace);
  if (trace === "") board.trace.onEntry((e) => console.log(formatTrace(e)));
  if (file !== null) board.trace.onEntry((e) => file.line(formatTrace(e, true)));
  const stream = vcd === undefined ? null : new VcdStream(vcd, { board: board.profile.id });
  if (stream !== null) board.trace.onEntry((e) => stream.record(e));
  let open = true;
  return {
    finish() {
      open = false;
      file?.close();
      stream?.finish(board.clock.now);
    },
    abandon() {
      if (!open) return;
      open = false;
      file?.close();
      stream?.abandon();
    },
  };
}
