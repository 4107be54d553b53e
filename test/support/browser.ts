// Headless Chromium for the dev page's tests: Debian's chromium driven by
// playwright-core, with a fresh user-data folder per launch and the flags
// that keep it from reaching the network on its own. Missing outside CI, the
// test is skipped naming the package; under CI=true it fails (D97).

import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-quic",
  "--disable-sync",
];

export interface HeadlessBrowser {
  readonly page: Page;
  close(): Promise<void>;
}

/** Skips the test (fails it under CI=true) when Debian's chromium is not installed. */
export function requireChromium(context: Mocha.Context): void {
  if (existsSync(CHROMIUM)) return;
  const message = `${CHROMIUM} not found: install the Debian package chromium`;
  if (process.env["CI"] === "true") throw new Error(message);
  process.stderr.write(`      skipped: ${message}\n`);
  context.skip();
}

/** Launches chromium with a fresh profile and opens one page. */
export async function launchBrowser(): Promise<HeadlessBrowser> {
  const userData = await mkdtemp(join(tmpdir(), "sail-chromium-"));
  const context: BrowserContext = await chromium.launchPersistentContext(userData, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    async close() {
      await context.close();
      await rm(userData, { recursive: true, force: true });
    },
  };
}
