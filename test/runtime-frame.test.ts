// The co-simulation frame codec, TypeScript and C, on the same vectors
// (runtime/test/frames.txt): each side decodes every vector to the text the
// file gives and encodes what it read back into the same bytes; the C side
// runs under AddressSanitizer and UBSan.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildProgram, C_PACKAGES, RUNTIME_DIR, SANITIZER_FLAGS } from "../host/runtime/cc.js";
import { decodeFrame, encodeFrame, FrameError, type Frame } from "../host/runtime/frame.js";
import { requireTool } from "./support/tools.js";

const VECTORS = join(RUNTIME_DIR, "test/frames.txt");

function vectors(): { readonly line: number; readonly bytes: Uint8Array; readonly want: string }[] {
  return readFileSync(VECTORS, "utf8")
    .split("\n")
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.includes("|") && !text.startsWith("#"))
    .map(({ text, line }) => {
      const [hex = "", want = ""] = text.split(" | ");
      return { line, bytes: Uint8Array.from(Buffer.from(hex.replace(/ /g, ""), "hex")), want };
    });
}

function payload(frame: Frame): string {
  return frame.payload.length === 0 ? "-" : Buffer.from(frame.payload).toString("hex");
}

/** What the TypeScript side reads, in the vectors' words. */
function read(bytes: Uint8Array): string {
  let decoded: ReturnType<typeof decodeFrame>;
  try {
    decoded = decodeFrame(bytes);
  } catch (e) {
    assert.ok(e instanceof FrameError, String(e));
    return `error ${e.statusName} ${e.message}`;
  }
  if (decoded === null) return "incomplete";
  const { frame, size } = decoded;
  assert.deepEqual(encodeFrame(frame), bytes.subarray(0, size), "encoding the frame read gives the same bytes");
  return frame.kind === "request"
    ? `request ${frame.sequence} ${frame.instructions} ${frame.call} ${payload(frame)}`
    : `reply ${frame.sequence} ${frame.status} ${payload(frame)}`;
}

describe("co-simulation frames", () => {
  it("the TypeScript codec reads every shared vector as the file says", () => {
    const all = vectors();
    assert.ok(all.length >= 10, `${all.length} vectors`);
    for (const v of all) assert.equal(read(v.bytes), v.want, `runtime/test/frames.txt:${v.line}`);
  });

  it("the C codec reads every shared vector as the file says (ASan, UBSan)", function () {
    const cc = requireTool(this, ["cc", "gcc", "clang"], C_PACKAGES);
    const tool = buildProgram(
      {
        name: "test_frame",
        sources: ["core/sail_frame.c", "core/sail_abi_table.c", "test/test_frame.c"],
        includeDirs: ["core"],
        flags: SANITIZER_FLAGS,
      },
      { cc },
    );
    const run = spawnSync(tool, [VECTORS], { encoding: "utf8" });
    assert.equal(run.stderr, "", "no sanitizer report");
    assert.match(run.stdout, /^\d+ passed, 0 failed$/m, run.stdout);
    assert.equal(run.status, 0);
  });

  it("a frame read from a stream leaves the next frame's bytes", () => {
    const first = encodeFrame({
      kind: "request",
      sequence: 1,
      instructions: 5n,
      call: 2,
      payload: new Uint8Array([9]),
    });
    const second = encodeFrame({ kind: "reply", sequence: 1, status: 0, payload: new Uint8Array() });
    const stream = new Uint8Array([...first, ...second]);
    const one = decodeFrame(stream);
    assert.equal(one?.size, first.length);
    assert.equal(decodeFrame(stream.subarray(one.size))?.frame.kind, "reply");
  });
});
