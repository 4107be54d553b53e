// The interpreter's stack (docs/fidelity.md "Stack"): recursion resets the
// board where wasm3 would trap, not where V8 would, naming the function;
// on the ESP32 the native-stack estimate warns at 75 % and resets past the
// task stack. The wasm3 figures are those docs/fidelity.md records for
// wasm3 v0.5.0 with the profiles' 8 KiB stack, on the same probe bytes.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { loadBoardProfile } from "../host/boards/profile.js";
import { flashImage } from "../host/flash/flash.js";
import { STACK_IMPORT, STACK_IMPORT_MODULE } from "../host/wasm/stack-depth.js";
import { firmware } from "./support/firmware.js";

const STACK = "test/fixtures/stack";
const SELECT = [4, 5, 18];
/** Frame at which wasm3 v0.5.0 (8 KiB stack) traps, calling the probe directly with 1,000,000. */
const WASM3_TRAP_FRAME = { stack_fib: 171, stack_wide: 74, stack_chain: 205 } as const;

const within10 = (got: number, want: number): boolean => Math.abs(got - want) <= want * 0.1;

async function probeRun(boardId: string, mode: number): Promise<Board> {
  const board = Board.load(boardId);
  SELECT.forEach((gpio, bit) => {
    if ((mode >> bit) & 1) board.pin(gpio).drive(1);
  });
  await board.flash(await firmware(STACK));
  await board.advance("250ms");
  return board;
}

/** The depth at which the flashed copy's stack model stops `fn` when called alone, as the wasm3 driver calls it. */
async function trapFrame(boardId: string, fn: keyof typeof WASM3_TRAP_FRAME): Promise<number> {
  const image = await flashImage(await firmware(STACK), loadBoardProfile(boardId));
  const imports: Record<string, Record<string, (...args: number[]) => number>> = {};
  for (const i of WebAssembly.Module.imports(image.module)) (imports[i.module] ??= {})[i.name] = () => 0;
  let frame = 0;
  const slots = loadBoardProfile(boardId).interpreter.wasmStackBytes / 4;
  (imports[STACK_IMPORT_MODULE] ??= {})[STACK_IMPORT] = (frames, need) => {
    if (need >= slots) {
      frame = frames;
      throw new Error("stack overflow");
    }
    return 0x7fffffff;
  };
  const instance = new WebAssembly.Instance(image.module, imports);
  const probe = instance.exports[fn] as (n: number) => number;
  assert.throws(() => probe(1_000_000), /stack overflow/);
  return frame;
}

describe("interpreter stack", () => {
  for (const boardId of ["esp32-devkitc", "esp32-c3-devkitm"]) {
    it(`${boardId}: each probe called alone stops at wasm3's frame (within 10 %)`, async () => {
      for (const [fn, want] of Object.entries(WASM3_TRAP_FRAME)) {
        const got = await trapFrame(boardId, fn as keyof typeof WASM3_TRAP_FRAME);
        assert.ok(within10(got, want), `${fn}: stopped at frame ${got}, wasm3 at ${want}`);
      }
    });

    it(`${boardId}: a recursion with twelve locals resets with PANIC stack overflow naming it`, async () => {
      const board = await probeRun(boardId, 2);
      const reset = board.resets[0];
      assert.ok(reset !== undefined, "no reset");
      assert.equal(reset.reason, "PANIC");
      assert.equal(reset.function, "index/stack_wide");
      const depth = Number(
        /^stack overflow: a call at depth (\d+) needs \d+ B of the 8192 B wasm stack/.exec(reset.message)?.[1],
      );
      assert.ok(within10(depth, WASM3_TRAP_FRAME.stack_wide), reset.message);
    });

    it(`${boardId}: a chain 70 calls deep returns`, async () => {
      const board = await probeRun(boardId, 3);
      assert.equal(board.resets.length, 0);
      assert.ok(board.logs.some((l) => l.text === "stack: probe 3 returned 70"));
    });
  }

  it("esp32-c3-devkitm: an endless fib recursion resets with stack overflow at wasm3's depth", async () => {
    const board = await probeRun("esp32-c3-devkitm", 1);
    const reset = board.resets[0];
    assert.equal(reset?.reason, "PANIC");
    assert.equal(reset.function, "index/stack_fib");
    const depth = Number(/^stack overflow: a call at depth (\d+)/.exec(reset.message)?.[1]);
    assert.ok(within10(depth, WASM3_TRAP_FRAME.stack_fib), reset.message);
  });

  it("esp32-devkitc: the native-stack estimate resets the fib recursion first (32 KiB, 424 B a frame)", async () => {
    const board = await probeRun("esp32-devkitc", 1);
    const reset = board.resets[0];
    assert.equal(reset?.reason, "PANIC");
    assert.equal(reset.function, "index/stack_fib");
    assert.match(
      reset.message,
      /^native stack overflow \(estimated\): depth 78 × 424 B ≈ 33072 B passes the 32768 B task stack/,
    );
  });

  it("esp32-devkitc warns once at 75 % of the task stack; the C3 (no estimate there) does not", async () => {
    const esp32 = await probeRun("esp32-devkitc", 3);
    const warnings = esp32.logs.filter((l) => l.level === "W" && l.text.includes("task stack"));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]?.text ?? "", /native stack ≈ 24592 B \(estimated: depth 58 × 424 B\) passes 75 %/);
    const c3 = await probeRun("esp32-c3-devkitm", 3);
    assert.ok(!c3.logs.some((l) => l.level === "W"));
  });

  it("the stack model is added to the copy the board runs; the image's bytes stay as given", async () => {
    const bytes = await firmware(STACK);
    const image = await flashImage(bytes, loadBoardProfile("esp32-devkitc"));
    assert.equal(image.bytes, bytes);
    const imported = (m: WebAssembly.Module): boolean =>
      WebAssembly.Module.imports(m).some((i) => i.module === STACK_IMPORT_MODULE);
    assert.ok(imported(image.module));
    assert.ok(!imported(new WebAssembly.Module(bytes)));
  });
});
