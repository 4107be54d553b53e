// sail dev's figures: the time from a save to the new image running on the
// smart lamp (median of 10, the watcher's debounce, the warm rebuild, the dev
// reflash and the board's reboot included), the page's update latency while a
// pin changes 1,000 times a second (in headless Chromium), and the front end's
// size. Prints figures; the goals are issue 16's.

import { cp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { DevSession } from "../host/dev/session.js";
import { WEB_DIR } from "../host/dev/server.js";
import { CHROMIUM, launchBrowser } from "../test/support/browser.js";
import type { Figure } from "./foundation.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Two folders below the root, as the examples are, so the copy's imports of the SDK resolve. */
const COPY = join(ROOT, "build/bench-dev-lamp");
const SAVES = 10;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const p95 = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;

async function start(watch: boolean, onReloaded?: (ms: number) => void): Promise<DevSession> {
  return DevSession.start({
    projectDir: COPY,
    board: "esp32-devkitc",
    http: { host: "127.0.0.1", port: 0 },
    miot: null,
    watch,
    ...(onReloaded === undefined ? {} : { onReloaded }),
  });
}

/** Saves an edit of the lamp's serial number `SAVES` times (one more to warm up) and times each reload. */
async function saveToRunning(): Promise<number[]> {
  const source = join(COPY, "assembly/index.ts");
  const original = await readFile(source, "utf8");
  let done: ((ms: number) => void) | null = null;
  const session = await start(true, (ms) => done?.(ms));
  const times: number[] = [];
  try {
    for (let i = 0; i <= SAVES; i++) {
      const reloaded = new Promise<number>((r) => (done = r));
      await writeFile(source, original.replace('"SL1-0001"', `"SL1-${String(1000 + i)}"`));
      const ms = await reloaded;
      if (i > 0) times.push(ms); // the first rebuild warms the compiler's caches
    }
  } finally {
    await session.close();
  }
  return times;
}

/** Latency from a batch being sent to the page having drawn it, while GPIO 33 changes 1,000 times a second. */
async function pageLatency(): Promise<{ latencies: number[]; batches: number; changes: number } | null> {
  if (!existsSync(CHROMIUM)) return null;
  const session = await start(false);
  const browser = await launchBrowser();
  try {
    await browser.page.goto(session.url);
    await browser.page.waitForFunction("window.sailPage.connected && window.sailPage.batches > 5");
    const before = Number(await browser.page.evaluate("window.sailPage.batches"));
    let changes = 0;
    const t0 = performance.now();
    // Every 10 ms, as many changes as bring the count to 1,000 per second of wall time (timers drift late).
    const timer = setInterval(() => {
      const due = Math.floor(performance.now() - t0);
      while (changes < due) session.rig.drive(33, (changes++ % 2) as 0 | 1);
    }, 10);
    await new Promise((r) => setTimeout(r, 5000));
    clearInterval(timer);
    const wallS = (performance.now() - t0) / 1000;
    const latencies = await browser.page.evaluate<number[]>("window.sailPage.latenciesMs");
    const batches = Number(await browser.page.evaluate("window.sailPage.batches")) - before;
    return { latencies, batches: batches / wallS, changes: changes / wallS };
  } finally {
    await browser.close();
    await session.close();
  }
}

async function frontEndSize(): Promise<{ bytes: number; gzipped: number; files: number }> {
  const names = (await readdir(WEB_DIR)).filter((n) => /\.(js|css|html)$/.test(n));
  const all = Buffer.concat(await Promise.all(names.map((n) => readFile(join(WEB_DIR, n)))));
  return { bytes: all.length, gzipped: gzipSync(all).length, files: names.length };
}

export async function devFigures(report: (f: Figure) => void): Promise<void> {
  await rm(COPY, { recursive: true, force: true });
  await cp(join(ROOT, "examples/smart-lamp"), COPY, { recursive: true, filter: (src) => !src.includes("/build") });
  try {
    const times = await saveToRunning();
    report({
      name: `sail dev: save to the new image running, smart lamp (median of ${SAVES})`,
      value: `${median(times).toFixed(0)} ms (all: ${times.map((t) => t.toFixed(0)).join(", ")})`,
      goal: "< 1000 ms",
      met: median(times) < 1000,
    });
    const page = await pageLatency();
    report(
      page === null
        ? { name: "sail dev: page update latency", value: `skipped: ${CHROMIUM} missing`, goal: "-", met: null }
        : {
            name: `sail dev: page latency, batch sent to drawn, at ${page.changes.toFixed(0)} pin changes/s`,
            value:
              `median ${median(page.latencies).toFixed(0)} ms, p95 ${p95(page.latencies).toFixed(0)} ms ` +
              `(${page.batches.toFixed(1)} batches drawn/s; a change waits up to 50 ms for its batch)`,
            goal: "responsive: every 50 ms batch drawn",
            met: page.batches > 10,
          },
    );
  } finally {
    await rm(COPY, { recursive: true, force: true });
  }
  const size = await frontEndSize();
  report({
    name: `sail dev: front end size (web/, ${size.files} files, no dependencies)`,
    value: `${(size.bytes / 1024).toFixed(1)} KiB, ${(size.gzipped / 1024).toFixed(1)} KiB gzipped`,
    goal: "small",
    met: null,
  });
}
