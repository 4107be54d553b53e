// Executed-instruction counts derived from wabt's `wasm-interp --trace`, as
// docs/profiling.md ("Counts against wasm-interp") describes. wasm-interp
// traces its own lowered instruction stream, not wasm opcodes: `if` and
// `br_if` become `br_unless`, `else` a `br`, a function's end a `return`, and
// branches carry `drop_keep` / `catch_drop` steps. So every stream offset is
// first mapped back to the wasm opcode it was lowered from, by walking the
// reader's events (`-v -v`: one `On…Expr` per opcode) beside the stream's
// listing; a traced line counts when its offset is the first stream
// instruction of an opcode other than block, loop, end, else and nop.

import { spawnSync } from "node:child_process";

interface Listed {
  readonly offset: number;
  readonly name: string;
}

/** Stream offsets that stand for one executed wasm instruction each. */
export function countedOffsets(tool: string, file: string): Set<number> {
  const run = spawnSync(tool, ["-v", "-v", file, "--dummy-import-func"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const lines = `${run.stdout}\n${run.stderr}`.split("\n");
  const listing: Listed[] = [];
  for (const line of lines) {
    const m = /^\s*(\d+)\| (\S+)/.exec(line);
    if (m !== null) listing.push({ offset: Number(m[1]), name: m[2] as string });
  }
  const counted = new Set<number>();
  let at = 0;
  const next = (): Listed => {
    const item = listing[at++];
    if (item === undefined) throw new Error(`${file}: wasm-interp's listing ended early`);
    return item;
  };
  const expect = (names: readonly string[], event: string): Listed => {
    const item = next();
    if (!names.includes(item.name))
      throw new Error(`${file}: ${event} lowered to ${item.name} at ${item.offset}, expected ${names.join(" or ")}`);
    return item;
  };
  const optional = (name: string): void => {
    if (listing[at]?.name === name) at++;
  };
  /** A branch: its drop_keep and catch_drop steps, then the jump itself. */
  const branch = (jump: string, event: string): Listed => {
    optional("drop_keep");
    optional("catch_drop");
    return expect([jump], event);
  };
  let depth = 0;
  let inBody = false;
  for (const line of lines) {
    // Constant expressions (globals', segments' offsets) are lowered too, each ending in a return.
    const begin = /^\s*Begin(FunctionBody|\w*InitExpr)\(/.exec(line);
    if (begin !== null) {
      inBody = true;
      depth = 0;
      if (begin[1] === "FunctionBody") optional("alloca");
      continue;
    }
    const m = /^\s*On(\w+)Expr\b(.*)$/.exec(line);
    if (!inBody || m === null) continue;
    const event = m[1] as string;
    switch (event) {
      case "Block":
      case "Loop":
        depth++;
        break;
      case "Nop":
        break;
      case "If":
        depth++;
        counted.add(expect(["br_unless"], event).offset);
        break;
      case "Else":
        branch("br", event);
        break;
      case "End":
        if (depth === 0) {
          branch("return", "the function's end");
          inBody = false;
        } else depth--;
        break;
      case "BrIf":
        counted.add(expect(["br_unless"], event).offset);
        branch("br", event);
        break;
      case "Br":
        counted.add(branch("br", event).offset);
        break;
      case "Return":
        counted.add(branch("return", event).offset);
        break;
      case "BrTable": {
        counted.add(expect(["br_table"], event).offset);
        const targets = Number(/num_targets: (\d+)/.exec(m[2] ?? "")?.[1] ?? "0");
        for (let i = 0; i <= targets; i++) branch("br", event);
        break;
      }
      default: {
        const item = next();
        if (/^(br|br_unless|br_table|return|drop_keep|catch_drop|alloca)$/.test(item.name))
          throw new Error(`${file}: ${event} lowered to ${item.name} at ${item.offset}`);
        counted.add(item.offset);
      }
    }
  }
  return counted;
}

/** Runs every export without parameters under --trace; returns the executed-instruction count of each. */
export function tracedCounts(tool: string, file: string): Map<string, number> {
  const counted = countedOffsets(tool, file);
  const run = spawnSync(tool, [file, "--trace", "--run-all-exports", "--dummy-import-func"], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const counts = new Map<string, number>();
  let current: string | null = null;
  let n = 0;
  for (const line of run.stdout.split("\n")) {
    const header = /^>>> running export "([^"]+)":/.exec(line);
    if (header !== null) {
      if (current !== null) counts.set(current, n);
      current = header[1] as string;
      n = 0;
      continue;
    }
    const step = /^#\d+\.\s+(\d+):/.exec(line);
    if (step !== null && counted.has(Number(step[1]))) n++;
  }
  if (current !== null) counts.set(current, n);
  return counts;
}
