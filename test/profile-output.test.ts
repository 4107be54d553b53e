// The profiler's output formats: folded text round-trips and names the bad
// line, the SVG flame graph is laid out by count and is byte-for-byte
// deterministic, and the speedscope file indexes deduplicated frames.

import assert from "node:assert/strict";
import { SailError } from "../host/errors.js";
import { flameGraphSvg } from "../host/profiler/flamegraph.js";
import { formatFolded, parseFolded, type FoldedStack } from "../host/profiler/folded.js";
import { speedscopeProfile } from "../host/profiler/speedscope.js";

const TEXT = [
  "TIMER 0;index/tick;pwm/Pwm#fraction 1234",
  "TIMER 0;index/tick 400",
  "",
  "GPIO_EDGE 4;index/onEdge 600",
].join("\n");

/** main 400 = a 200 (a's child b 100) + c 200; a's own 100 is the gap to b's right. */
const TREE: FoldedStack[] = [
  { frames: ["main", "c"], count: 200 },
  { frames: ["main", "a", "b"], count: 100 },
  { frames: ["main", "a"], count: 100 },
];

interface Frame {
  name: string;
  x: number;
  y: number;
  width: number;
  fill: string;
  label: string | null;
}

/** The frame groups of a flame graph, by the name their tooltip starts with. */
function framesOf(svg: string): Frame[] {
  return [
    ...svg.matchAll(
      /<g class="frame"><title>(.*?) \([^()]*\)<\/title><rect ([^>]*)\/>(?:<text [^>]*>(.*?)<\/text>)?<\/g>/g,
    ),
  ].map((m) => {
    const attrs = m[2] ?? "";
    const attr = (name: string): string => {
      const a = new RegExp(` ?${name}="([^"]*)"`).exec(attrs);
      assert.ok(a?.[1] !== undefined, `rect without ${name}: ${attrs}`);
      return a[1];
    };
    return {
      name: m[1] ?? "",
      x: Number(attr("x")),
      y: Number(attr("y")),
      width: Number(attr("width")),
      fill: attr("fill"),
      label: m[3] ?? null,
    };
  });
}

function frameNamed(frames: Frame[], name: string): Frame {
  const f = frames.find((g) => g.name === name);
  assert.ok(f, `no frame named ${name} among ${frames.map((g) => g.name).join(", ")}`);
  return f;
}

function refusal(text: string): string {
  try {
    parseFolded(text);
  } catch (e) {
    assert.ok(e instanceof SailError, String(e));
    return e.message;
  }
  assert.fail(`accepted ${JSON.stringify(text)}`);
}

describe("folded stacks", () => {
  it("parses frames (spaces allowed inside) and counts, skipping blank lines", () => {
    assert.deepEqual(parseFolded(TEXT), [
      { frames: ["TIMER 0", "index/tick", "pwm/Pwm#fraction"], count: 1234 },
      { frames: ["TIMER 0", "index/tick"], count: 400 },
      { frames: ["GPIO_EDGE 4", "index/onEdge"], count: 600 },
    ]);
  });

  it("formats sorted by the joined stack, one line each, and round-trips", () => {
    const text = formatFolded(parseFolded(TEXT));
    assert.equal(
      text,
      "GPIO_EDGE 4;index/onEdge 600\nTIMER 0;index/tick 400\nTIMER 0;index/tick;pwm/Pwm#fraction 1234\n",
    );
    assert.equal(formatFolded(parseFolded(text)), text);
    assert.equal(formatFolded([]), "");
  });

  it("merges identical stacks when formatting", () => {
    assert.equal(formatFolded(parseFolded("a;b 1\nc 5\na;b 2\n")), "a;b 3\nc 5\n");
  });

  it("accepts CRLF line ends", () => {
    assert.deepEqual(parseFolded("a;b 1\r\nc 2\r\n"), [
      { frames: ["a", "b"], count: 1 },
      { frames: ["c"], count: 2 },
    ]);
  });

  it("names the line of a count that is missing", () => {
    assert.match(refusal("a;b 1\n\na;b;c\n"), /line 3: expected/);
  });

  it("names the line of a count that is not an integer", () => {
    assert.match(refusal("a 1\nb 2.5"), /line 2: /);
    assert.match(refusal("a -4"), /line 1: /);
  });

  it("names the line and frame of an empty frame", () => {
    assert.match(refusal("a 1\nb 1\na;;c 3"), /line 3: frame 2 of the stack is empty/);
  });

  it("refuses a count beyond the safe integers", () => {
    assert.match(refusal("a 99999999999999999999"), /line 1: count .* is larger than/);
  });
});

describe("flame graph", () => {
  const options = { title: "smart-lamp", subtitle: "1 simulated hour", unit: "instructions" };

  it("draws one rect per tree node, root included", () => {
    const frames = framesOf(flameGraphSvg(TREE, options));
    assert.deepEqual(frames.map((f) => f.name).sort(), ["a", "all", "b", "c", "main"]);
    // The folded sample shares "TIMER 0;index/tick" between two stacks: 2 + 1 + 2 + all = 6 nodes.
    assert.equal(framesOf(flameGraphSvg(parseFolded(TEXT), options)).length, 6);
  });

  it("makes widths proportional to inclusive counts", () => {
    const frames = framesOf(flameGraphSvg(TREE, { ...options, width: 820 })); // 800 px for 400
    const width = (name: string): number => frameNamed(frames, name).width;
    assert.equal(width("all"), 800);
    assert.equal(width("main"), 800);
    assert.equal(width("a"), width("main") / 2);
    assert.equal(width("b"), width("a") / 2);
    assert.equal(width("c"), 400);
  });

  it("puts the root at the bottom and children above, left to right in name order", () => {
    const frames = framesOf(flameGraphSvg(TREE, options));
    const [all, main, a, b, c] = ["all", "main", "a", "b", "c"].map((n) => frameNamed(frames, n));
    assert.ok(all && main && a && b && c);
    assert.ok(all.y > main.y && main.y > a.y && a.y > b.y, "each level sits above its parent");
    assert.equal(a.y, c.y);
    assert.equal(main.y - a.y, 16);
    assert.equal(a.x, main.x);
    assert.equal(c.x, a.x + a.width);
    assert.equal(b.x, a.x);
  });

  it("sizes the image to the deepest stack", () => {
    const svg = flameGraphSvg(TREE, options);
    const height = Number(/<svg [^>]*height="(\d+)"/.exec(svg)?.[1]);
    const lowest = Math.max(...framesOf(svg).map((f) => f.y));
    assert.ok(lowest + 16 <= height);
    const deeper = flameGraphSvg([...TREE, { frames: ["main", "a", "b", "d"], count: 1 }], options);
    assert.equal(Number(/<svg [^>]*height="(\d+)"/.exec(deeper)?.[1]), height + 16);
  });

  it("escapes XML in names, title and subtitle", () => {
    const svg = flameGraphSvg([{ frames: ["main", `a<b>&"c"`], count: 10 }], {
      title: "x & y",
      subtitle: "<z>",
      unit: "instructions",
    });
    assert.ok(svg.includes("a&lt;b&gt;&amp;&quot;c&quot;"), svg);
    assert.ok(!svg.includes(`a<b>`));
    assert.ok(svg.includes("x &amp; y") && svg.includes("&lt;z&gt;"));
    assert.equal(framesOf(svg).length, 3);
  });

  it("gives the same bytes for the same stacks, whatever their order", () => {
    const one = flameGraphSvg(parseFolded(TEXT), options);
    assert.equal(flameGraphSvg(parseFolded(TEXT), options), one);
    assert.equal(flameGraphSvg(parseFolded(TEXT).reverse(), options), one);
  });

  it("colours by name: different names differ, the same name repeats", () => {
    const frames = framesOf(flameGraphSvg([...TREE, { frames: ["main", "c", "a"], count: 50 }], options));
    const fills = (name: string): Set<string> => new Set(frames.filter((f) => f.name === name).map((f) => f.fill));
    assert.equal(fills("a").size, 1);
    const distinct = new Set(["all", "main", "a", "b", "c"].map((n) => [...fills(n)][0]));
    assert.equal(distinct.size, 5);
    for (const f of frames) assert.match(f.fill, /^rgb\((2[0-5]\d),(\d+),(\d+)\)$/);
  });

  it("writes a tooltip with count, unit and share", () => {
    const svg = flameGraphSvg(TREE, options);
    assert.ok(svg.includes("<title>a (200 instructions, 50.00%)</title>"), svg);
    assert.ok(
      flameGraphSvg([{ frames: ["x"], count: 1234567 }], options).includes(
        "<title>x (1,234,567 instructions, 100.00%)</title>",
      ),
    );
  });

  it("labels frames that fit, cuts long labels and leaves narrow frames bare", () => {
    const long = "index/aVeryLongFunctionNameThatCannotFitInItsFrame";
    const frames = framesOf(
      flameGraphSvg(
        [
          { frames: ["m", long], count: 2000 },
          { frames: ["m", "n"], count: 1 },
          { frames: ["m", "z"], count: 10_000 },
        ],
        { ...options, width: 1020 },
      ),
    );
    assert.equal(frameNamed(frames, "m").label, "m");
    const cut = frameNamed(frames, long);
    assert.ok(
      cut.label !== null && cut.label.endsWith("..") && long.startsWith(cut.label.slice(0, -2)),
      String(cut.label),
    );
    assert.ok(cut.label.length * 12 * 0.6 <= cut.width, "the label fits its rect");
    assert.ok(frameNamed(frames, "n").width < 30);
    assert.equal(frameNamed(frames, "n").label, null);
  });

  it("draws no frames when nothing was counted", () => {
    const svg = flameGraphSvg([{ frames: ["a"], count: 0 }], options);
    assert.equal(framesOf(svg).length, 0);
    assert.match(svg, /no instructions recorded/);
  });

  it("refuses a width with no room for frames", () => {
    assert.throws(() => flameGraphSvg(TREE, { ...options, width: 20 }), /width must be/);
  });
});

describe("speedscope file", () => {
  const file = speedscopeProfile(parseFolded(TEXT), { name: "smart-lamp", unit: "none" });

  it("has the schema's top-level fields", () => {
    assert.equal(file.$schema, "https://www.speedscope.app/file-format-schema.json");
    assert.equal(file.exporter, "sail");
    assert.equal(file.activeProfileIndex, 0);
    assert.equal(file.name, "smart-lamp");
    assert.equal(file.profiles.length, 1);
    const [p] = file.profiles;
    assert.ok(p);
    assert.equal(p.type, "sampled");
    assert.equal(p.unit, "none");
    assert.equal(p.startValue, 0);
  });

  it("deduplicates frames by name, in first-seen order after sorting", () => {
    assert.deepEqual(file.shared.frames, [
      { name: "GPIO_EDGE 4" },
      { name: "index/onEdge" },
      { name: "TIMER 0" },
      { name: "index/tick" },
      { name: "pwm/Pwm#fraction" },
    ]);
  });

  it("writes samples as frame index paths, root first, weighted by count", () => {
    const [p] = file.profiles;
    assert.ok(p);
    assert.deepEqual(p.samples, [
      [0, 1],
      [2, 3],
      [2, 3, 4],
    ]);
    assert.deepEqual(p.weights, [600, 400, 1234]);
    assert.equal(
      p.weights.reduce((a, b) => a + b, 0),
      p.endValue,
    );
    assert.equal(p.endValue, 2234);
    for (const s of p.samples) for (const i of s) assert.ok(file.shared.frames[i], `index ${i} out of range`);
  });

  it("is the same JSON whatever the input order", () => {
    const again = speedscopeProfile(parseFolded(TEXT).reverse(), { name: "smart-lamp", unit: "none" });
    assert.equal(JSON.stringify(again), JSON.stringify(file));
  });
});
