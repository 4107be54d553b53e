// Pin traces as Value Change Dumps (IEEE 1364-2005 §18): exact text for a
// hand-built trace, syntax checked by a small independent reader, and the
// examples as a user would open them in GTKWave.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import type { TraceEntry } from "../host/trace/pin-trace.js";
import { boardVcd, traceToVcd, vcdId } from "../host/trace/vcd.js";
import { BLINK, FADE, firmware } from "./support/firmware.js";

interface Declared {
  readonly type: string;
  readonly size: number;
  readonly id: string;
  readonly name: string;
}

interface Parsed {
  readonly sections: Map<string, string[]>;
  readonly vars: Declared[];
  readonly times: number[];
  /** Per identifier: every value change with its time (dumpvars included). */
  readonly changes: Map<string, { timeUs: number; value: string }[]>;
}

/** A strict reader of the VCD subset we write; throws on anything malformed. */
function parseVcd(text: string): Parsed {
  const tokens = text.split(/\s+/).filter((t) => t !== "");
  const sections = new Map<string, string[]>();
  const vars: Declared[] = [];
  const times: number[] = [];
  const changes = new Map<string, { timeUs: number; value: string }[]>();
  let i = 0;
  const next = (what: string): string => {
    const t = tokens[i++];
    if (t === undefined) throw new Error(`VCD ends inside ${what}`);
    return t;
  };
  const section = (keyword: string): string[] => {
    const body: string[] = [];
    for (let t = next(keyword); t !== "$end"; t = next(keyword)) {
      if (t.startsWith("$") && t.length > 1) throw new Error(`${keyword} is not closed before ${t}`);
      body.push(t);
    }
    return body;
  };

  // Declarations.
  let depth = 0;
  for (;;) {
    const keyword = next("the header");
    if (!keyword.startsWith("$")) throw new Error(`header token ${keyword} is not a keyword`);
    const body = section(keyword);
    if (keyword === "$enddefinitions") break;
    if (keyword === "$scope") depth++;
    else if (keyword === "$upscope") depth--;
    else if (keyword === "$var") {
      const [type, size, id, name, ...rest] = body;
      if (type === undefined || size === undefined || id === undefined || name === undefined || rest.length > 1)
        throw new Error(`bad $var ${body.join(" ")}`);
      if (!/^[\x21-\x7e]+$/.test(id)) throw new Error(`identifier ${id} is not printable ASCII`);
      if (depth < 1) throw new Error(`$var ${name} outside a scope`);
      vars.push({ type, size: Number(size), id, name });
    } else sections.set(keyword, body);
  }
  if (depth !== 0) throw new Error("$scope and $upscope do not match");
  const byId = new Map(vars.map((v) => [v.id, v]));
  if (byId.size !== vars.length) throw new Error("identifiers repeat");

  // Value changes.
  let now = -1;
  const change = (id: string, value: string, kind: "scalar" | "real"): void => {
    const v = byId.get(id);
    if (v === undefined) throw new Error(`change of undeclared identifier ${id}`);
    if ((v.type === "real") !== (kind === "real")) throw new Error(`${kind} value for ${v.type} ${v.name}`);
    if (now < 0) throw new Error(`change of ${v.name} before the first timestamp`);
    const list = changes.get(id) ?? [];
    list.push({ timeUs: now, value });
    changes.set(id, list);
  };
  while (i < tokens.length) {
    const t = next("the changes");
    if (t.startsWith("#")) {
      const time = Number(t.slice(1));
      if (!/^#\d+$/.test(t) || time <= now) throw new Error(`timestamp ${t} is not a whole number after #${now}`);
      now = time;
      times.push(time);
    } else if (t === "$dumpvars") {
      // Its body is value changes, read by the loop until its $end.
    } else if (t === "$end") {
      // Closes $dumpvars.
    } else if (t.startsWith("$")) {
      throw new Error(`unexpected ${t} among the changes`);
    } else if (t.startsWith("r") || t.startsWith("R")) {
      const value = t.slice(1);
      if (!Number.isFinite(Number(value)) || value === "") throw new Error(`bad real ${t}`);
      change(next("a real change"), value, "real");
    } else if (/^[01xXzZ]/.test(t)) {
      change(t.slice(1), t[0] as string, "scalar");
    } else {
      throw new Error(`bad value change ${t}`);
    }
  }
  return { sections, vars, times, changes };
}

function idOf(p: Parsed, name: string): string {
  const v = p.vars.find((x) => x.name === name);
  assert.ok(v !== undefined, `no variable ${name}`);
  return v.id;
}

const HAND_BUILT: TraceEntry[] = [
  { timeUs: 0, kind: "level", gpio: 13, level: 1 },
  { timeUs: 100, kind: "level", gpio: 4, level: 1 },
  { timeUs: 100, kind: "pwm", gpio: 2, dutyFraction: 0.25, freqHz: 5000 },
  { timeUs: 250, kind: "level", gpio: 4, level: 0 },
  { timeUs: 250, kind: "level", gpio: 4, level: 1 },
  { timeUs: 400, kind: "pwm", gpio: 2, dutyFraction: 0.5, freqHz: 5000 },
  { timeUs: 600, kind: "level", gpio: 13, level: 0 },
  { timeUs: 600, kind: "pwm", gpio: 2, dutyFraction: 0, freqHz: 0 },
];

describe("VCD", () => {
  it("writes the exact text for two GPIOs and one PWM pin", () => {
    const text = traceToVcd(HAND_BUILT, { board: "esp32-devkitc", endUs: 1000 });
    assert.equal(
      text,
      [
        "$date virtual time $end",
        "$version Sail $end",
        "$timescale 1 us $end",
        "$scope module esp32_devkitc $end",
        "$var real 64 ! gpio2_duty $end",
        '$var real 64 " gpio2_hz $end',
        "$var wire 1 # gpio4 $end",
        "$var wire 1 $ gpio13 $end",
        "$upscope $end",
        "$enddefinitions $end",
        "#0",
        "$dumpvars",
        "r0 !",
        'r0 "',
        "x#",
        "x$",
        "$end",
        "1$",
        "#100",
        "1#",
        "r0.25 !",
        'r5000 "',
        "#250",
        "0#",
        "1#",
        "#400",
        "r0.5 !",
        "#600",
        "0$",
        "r0 !",
        'r0 "',
        "#1000",
        "",
      ].join("\n"),
    );
  });

  it("passes the independent syntax check, with strictly increasing timestamps", () => {
    const p = parseVcd(traceToVcd(HAND_BUILT, { board: "esp32-devkitc", endUs: 1000 }));
    assert.deepEqual(p.times, [0, 100, 250, 400, 600, 1000]);
    assert.deepEqual(p.sections.get("$timescale"), ["1", "us"]);
    assert.deepEqual(
      p.vars.map((v) => v.name),
      ["gpio2_duty", "gpio2_hz", "gpio4", "gpio13"],
    );
    // The glitch at 250 µs keeps both edges, in order.
    assert.deepEqual(p.changes.get(idOf(p, "gpio4")), [
      { timeUs: 0, value: "x" },
      { timeUs: 100, value: "1" },
      { timeUs: 250, value: "0" },
      { timeUs: 250, value: "1" },
    ]);
  });

  it("uses the given $date and ends exactly at endUs when the last change is there", () => {
    const text = traceToVcd(HAND_BUILT, { board: "b", endUs: 600, date: "2026-01-01" });
    assert.match(text, /^\$date 2026-01-01 \$end\n/);
    assert.ok(text.endsWith('#600\n0$\nr0 !\nr0 "\n'));
  });

  it("is deterministic: the same trace gives the same text, whatever was recorded in between", () => {
    const a = traceToVcd(HAND_BUILT, { board: "esp32-devkitc", endUs: 1000 });
    const b = traceToVcd([...HAND_BUILT], { board: "esp32-devkitc", endUs: 1000 });
    assert.equal(a, b);
  });

  it("an empty trace is still a valid dump that spans the run", () => {
    const p = parseVcd(traceToVcd([], { board: "esp32-devkitc", endUs: 5 }));
    assert.equal(p.vars.length, 0);
    assert.deepEqual(p.times, [0, 5]);
  });

  it("gives every variable a unique printable identifier, several characters once 94 are used", () => {
    const ids = Array.from({ length: 94 * 95 + 3 }, (_, n) => vcdId(n));
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[\x21-\x7e]+$/);
    assert.deepEqual([vcdId(0), vcdId(93), vcdId(94), vcdId(95)], ["!", "~", "!!", '!"']);

    const many: TraceEntry[] = [];
    for (let gpio = 0; gpio < 60; gpio++) {
      many.push({ timeUs: gpio, kind: "level", gpio, level: 1 });
      many.push({ timeUs: gpio, kind: "pwm", gpio, dutyFraction: 0.5, freqHz: 1000 });
    }
    const p = parseVcd(traceToVcd(many, { board: "x", endUs: 100 }));
    assert.equal(p.vars.length, 180);
    assert.ok(p.vars.some((v) => v.id.length === 2));
  });

  it("refuses entries after the end of the run and fractional times", () => {
    assert.throws(
      () => traceToVcd(HAND_BUILT, { board: "b", endUs: 500 }),
      /GPIO13 entry at 600 µs is after the end of the run \(500 µs\)/,
    );
    assert.throws(
      () => traceToVcd([{ timeUs: 1.5, kind: "level", gpio: 2, level: 1 }], { board: "b", endUs: 10 }),
      /whole µs/,
    );
  });

  describe("of the examples", () => {
    it("blink: gpio2 as a wire with exactly 3 rising edges in 3 s", async () => {
      const board = Board.load("esp32-devkitc");
      await board.flash(await firmware(BLINK));
      await board.advance("3s");
      const text = boardVcd(board);
      const p = parseVcd(text);
      const id = idOf(p, "gpio2");
      assert.ok(text.includes(`$var wire 1 ${id} gpio2 $end`));
      assert.ok(text.includes("$scope module esp32_devkitc $end"));
      const rising = text.split("\n").filter((l) => l === `1${id}`);
      assert.equal(rising.length, 3);
      assert.equal(p.times.at(-1), board.clock.now, "the dump spans the whole run");
      assert.equal(text, boardVcd(board), "the same board gives the same text");
    });

    it("fade: gpio2 duty as a real that rises through the first second", async () => {
      const board = Board.load("esp32-devkitc");
      await board.flash(await firmware(FADE));
      await board.advance("2.1s");
      const text = boardVcd(board);
      const p = parseVcd(text);
      const duty = idOf(p, "gpio2_duty");
      assert.ok(text.includes(`$var real 64 ${duty} gpio2_duty $end`));
      const up = (p.changes.get(duty) ?? [])
        .filter((c) => c.timeUs > 0 && c.timeUs <= 1_000_100)
        .map((c) => Number(c.value));
      assert.ok(up.length >= 45, `${up.length} steps up`);
      for (let i = 1; i < up.length; i++) assert.ok((up[i] ?? 0) > (up[i - 1] ?? 0), "duty rises");
      for (const v of up) assert.ok(v >= 0 && v <= 1);
      const hz = p.changes.get(idOf(p, "gpio2_hz")) ?? [];
      assert.equal(hz[1]?.value, "5000");
    });
  });
});
