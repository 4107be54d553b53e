// Frames of the co-simulation pipe between the C runtime's host port and the
// emulator (docs/runtime.md): one request and one reply per port call,
// length-prefixed, with a version byte; a request carries the instructions the
// runtime has executed so far. runtime/core/sail_frame.c is the C side; both
// are tested on the same vectors (runtime/test/frames.txt).

import { ABI_STATUS, STATUS } from "../abi/table.js";
import { SailError } from "../errors.js";

export const FRAME_VERSION = 1;
/** The largest frame, its length field included. */
export const FRAME_MAX = 65536;
/** Bytes after the length field before the payload. */
export const REQUEST_HEAD = 16;
export const REPLY_HEAD = 10;

export interface RequestFrame {
  readonly kind: "request";
  readonly sequence: number;
  /** Instructions executed so far (u64). */
  readonly instructions: bigint;
  /** The port call (u16). */
  readonly call: number;
  readonly payload: Uint8Array;
}

export interface ReplyFrame {
  readonly kind: "reply";
  /** The request's sequence. */
  readonly sequence: number;
  /** The call's status: 0 or one of the ABI's (negative) statuses. */
  readonly status: number;
  readonly payload: Uint8Array;
}

export type Frame = RequestFrame | ReplyFrame;

/** A frame that can never be read; `status` is the ABI status the C side gives. */
export class FrameError extends SailError {
  override name = "FrameError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
  /** The status's name, as the C side prints it ("ERR_INVALID_ARG"). */
  get statusName(): string {
    return ABI_STATUS.find((s) => s.value === this.status)?.name ?? "unknown status";
  }
}

export function encodeFrame(frame: Frame): Uint8Array {
  const head = frame.kind === "request" ? REQUEST_HEAD : REPLY_HEAD;
  const length = head + frame.payload.length;
  if (4 + length > FRAME_MAX)
    throw new FrameError(STATUS.ERR_INVALID_SIZE, `payload: ${frame.payload.length} bytes is over the frame limit`);
  const out = new Uint8Array(4 + length);
  const view = new DataView(out.buffer);
  view.setUint32(0, length, true);
  out[4] = FRAME_VERSION;
  out[5] = frame.kind === "request" ? 1 : 2;
  view.setUint32(6, frame.sequence, true);
  if (frame.kind === "request") {
    view.setBigUint64(10, frame.instructions, true);
    view.setUint16(18, frame.call, true);
  } else view.setInt32(10, frame.status, true);
  out.set(frame.payload, 4 + head);
  return out;
}

/**
 * The first frame of `bytes` and its size, or null while more bytes are
 * needed. The payload is a view into `bytes`. Throws FrameError, naming the
 * field, for bytes that can never be a frame.
 */
export function decodeFrame(bytes: Uint8Array): { readonly frame: Frame; readonly size: number } | null {
  if (bytes.length < 4) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(0, true);
  if (length > FRAME_MAX - 4)
    throw new FrameError(
      STATUS.ERR_INVALID_SIZE,
      `length: ${length} is over the frame limit of ${FRAME_MAX - 4} bytes after the length`,
    );
  if (length < 2)
    throw new FrameError(STATUS.ERR_INVALID_ARG, `length: ${length} leaves no room for the version and the kind`);
  if (bytes.length < 6) return null;
  const version = bytes[4] ?? 0;
  if (version !== FRAME_VERSION)
    throw new FrameError(STATUS.ERR_NOT_SUPPORTED, `version: ${version}; this side speaks version ${FRAME_VERSION}`);
  const kind = bytes[5] ?? 0;
  if (kind !== 1 && kind !== 2)
    throw new FrameError(STATUS.ERR_INVALID_ARG, `kind: ${kind} is neither 1 (request) nor 2 (reply)`);
  const head = kind === 1 ? REQUEST_HEAD : REPLY_HEAD;
  if (length < head)
    throw new FrameError(
      STATUS.ERR_INVALID_ARG,
      `length: ${length} is shorter than a ${kind === 1 ? "request" : "reply"}'s ${head}-byte head`,
    );
  if (bytes.length - 4 < length) return null;
  const sequence = view.getUint32(6, true);
  const payload = bytes.subarray(4 + head, 4 + length);
  const frame: Frame =
    kind === 1
      ? {
          kind: "request",
          sequence,
          instructions: view.getBigUint64(10, true),
          call: view.getUint16(18, true),
          payload,
        }
      : { kind: "reply", sequence, status: view.getInt32(10, true), payload };
  return { frame, size: 4 + length };
}
