// An exclusive lock on a flash image file while a run uses it, so two
// `sail run --flash dev.bin` at once cannot both start from the same state
// and have the later save drop the other's writes. The lock is a file
// `<image>.lock` created exclusively (O_EXCL), holding the holder's pid, host
// and start time. A lock whose holder is a process of this host that no
// longer exists is recovered; any other is refused, naming the holder.

import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { FlashError } from "../errors.js";

export const LOCK_SUFFIX = ".lock";

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

export interface FlashFileLock {
  readonly file: string;
  /** The holder of a stale lock this one replaced (its process was gone), or null. */
  readonly recovered: Holder | null;
  /** Removes the lock if it is still this process's. */
  release(): void;
}

export function lockPath(file: string): string {
  return file + LOCK_SUFFIX;
}

/** Takes the lock on `file`; a FlashError names the holder when another live run has it. */
export function lockFlashFile(file: string): FlashFileLock {
  const path = lockPath(file);
  const mine: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const text = `${JSON.stringify(mine)}\n`;
  let recovered: Holder | null = null;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      try {
        writeSync(fd, text);
      } finally {
        closeSync(fd);
      }
      return { file, recovered, release: () => releaseIfMine(path, text) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new FlashError(`cannot lock flash image ${file} (${path}): ${(e as Error).message}`);
      }
    }
    const holder = readHolder(path);
    if (holder === null || !isGone(holder)) throw refusal(file, path, holder);
    rmSync(path, { force: true }); // the holder's process is gone: its lock is stale
    recovered = holder;
  }
  throw refusal(file, path, readHolder(path));
}

function releaseIfMine(path: string, text: string): void {
  try {
    if (readFileSync(path, "utf8") === text) rmSync(path, { force: true });
  } catch {
    /* already gone */
  }
}

function readHolder(path: string): Holder | null {
  try {
    const h = JSON.parse(readFileSync(path, "utf8")) as Partial<Holder> | null;
    if (typeof h?.pid === "number" && Number.isSafeInteger(h.pid) && h.pid > 0 && typeof h.host === "string") {
      return { pid: h.pid, host: h.host, since: typeof h.since === "string" ? h.since : "an unknown time" };
    }
  } catch {
    /* unreadable: treated as held */
  }
  return null;
}

/** Whether the holder is a process of this host that no longer runs (another host's cannot be checked). */
function isGone(holder: Holder): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function refusal(file: string, path: string, holder: Holder | null): FlashError {
  if (holder === null) {
    return new FlashError(
      `flash image ${file} is locked by ${path}, which names no holder: ` +
        `if no run is using ${file}, delete ${path} and run again`,
    );
  }
  const elsewhere = holder.host === hostname() ? "" : `, or, if that run on ${holder.host} is gone, delete ${path}`;
  return new FlashError(
    `flash image ${file} is in use by pid ${holder.pid} on ${holder.host} since ${holder.since}: ` +
      `wait for that run to end (two runs on one flash file would lose each other's writes), ` +
      `or give this run another --flash file${elsewhere}`,
  );
}
