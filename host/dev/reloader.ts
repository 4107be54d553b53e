// Reload for `sail dev`: watches the project's sources; a save rebuilds the
// image in this process (asc and binaryen stay loaded, so a rebuild is warm)
// and dev-reflashes the running board (docs/decisions.md D124): the key-value
// store and identity are kept, the board resets with reason SW. A build error
// is reported and the board keeps running the last good image.

import { watch, type FSWatcher } from "node:fs";
import { relative, sep } from "node:path";
import { buildProject, type BuildResult } from "../build/build.js";
import type { Board } from "../board/board.js";

/** Editors write a file in several steps (truncate, write, rename): changes this close are one save. */
export const DEBOUNCE_MS = 30;

export interface ReloadHost {
  readonly board: Board;
  /** The build failed: its message (the board runs on). */
  readonly failed: (message: string) => void;
  /** The new image is flashed and the board is resetting into it. */
  readonly flashed: (built: BuildResult) => void;
  /** The new image's setup ran: `ms` after the save that caused it. */
  readonly booted: (built: BuildResult, ms: number) => void;
}

export class Reloader {
  #watcher: FSWatcher | null = null;
  #timer: NodeJS.Timeout | null = null;
  #savedAt: number | null = null;
  #building = false;
  #again = false;
  #booting: { readonly built: BuildResult; readonly savedAt: number } | null = null;

  constructor(
    readonly projectDir: string,
    readonly host: ReloadHost,
  ) {}

  /** Watches the project folder (all but build/, node_modules/ and dot files). */
  watch(): void {
    this.#watcher = watch(this.projectDir, { recursive: true }, (_, name) => {
      if (name === null || !isSource(name)) return;
      this.changed();
    });
  }

  close(): void {
    this.#watcher?.close();
    this.#watcher = null;
    if (this.#timer !== null) clearTimeout(this.#timer);
  }

  /** A source changed now: rebuilds once the changes settle. */
  changed(): void {
    this.#savedAt ??= performance.now();
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#rebuild(), DEBOUNCE_MS);
  }

  /** Called after time advanced: reports a reload whose image has booted. */
  check(): void {
    const b = this.#booting;
    if (b === null || this.host.board.state !== "running") return;
    this.#booting = null;
    this.host.booted(b.built, performance.now() - b.savedAt);
  }

  /** Builds and flashes now; resolves when the image is written (or the build refused). */
  async #rebuild(): Promise<void> {
    this.#timer = null;
    if (this.#building) {
      this.#again = true;
      return;
    }
    const savedAt = this.#savedAt ?? performance.now();
    this.#savedAt = null;
    this.#building = true;
    try {
      const built = await buildProject(this.projectDir);
      await this.host.board.devReflash(built.bytes, built.file);
      this.#booting = { built, savedAt };
      this.host.flashed(built);
    } catch (e) {
      this.host.failed((e as Error).message);
    } finally {
      this.#building = false;
    }
    if (this.#again) {
      this.#again = false;
      this.#savedAt ??= performance.now();
      await this.#rebuild();
    }
  }
}

/** Whether a changed path (relative to the project) is a source: not build output, dependencies or dot files. */
export function isSource(name: string): boolean {
  const parts = relative(".", name).split(sep);
  return !parts.some((p) => p === "build" || p === "node_modules" || p.startsWith("."));
}
