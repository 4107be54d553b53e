// A flash image file is locked while a run uses it: a second user is refused
// with the holder's pid and host, a lock left by a process that is gone is
// taken over, and `sail run --flash` keeps the lock for the run only.

import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { FlashError } from "../host/errors.js";
import { lockFlashFile, lockPath } from "../host/flash/lock.js";
import { BLINK, firmware, ROOT } from "./support/firmware.js";

const SAIL = join(ROOT, "dist", "host", "cli", "main.js");

/** The pid of a process that has exited (so no process has it now, short of pid reuse). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", "0"]);
  const pid = child.pid ?? 0;
  await new Promise((resolve) => child.once("exit", resolve));
  return pid;
}

describe("flash file lock", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "sail-flash-lock-"));
  });

  it("refuses a second lock, naming the holder; after release the file can be locked again", () => {
    const file = join(dir, "dev.bin");
    const first = lockFlashFile(file);
    assert.throws(
      () => lockFlashFile(file),
      (e: unknown) =>
        e instanceof FlashError &&
        e.message.includes(`flash image ${file} is in use by pid ${process.pid} on ${hostname()}`) &&
        e.message.includes("give this run another --flash file"),
    );
    first.release();
    assert.equal(existsSync(lockPath(file)), false, "release removes the lock file");
    lockFlashFile(file).release();
  });

  it("takes over a lock whose holder on this host is gone, and says whose it was", async () => {
    const file = join(dir, "dev.bin");
    const pid = await deadPid();
    await writeFile(lockPath(file), JSON.stringify({ pid, host: hostname(), since: "2026-01-01T00:00:00.000Z" }));
    const lock = lockFlashFile(file);
    assert.equal(lock.recovered?.pid, pid);
    assert.match(await readFile(lockPath(file), "utf8"), new RegExp(`"pid":${process.pid}`));
    lock.release();
  });

  it("refuses a lock held on another host (its process cannot be checked) or one that names no holder", async () => {
    const file = join(dir, "dev.bin");
    await writeFile(lockPath(file), JSON.stringify({ pid: 4242, host: "build-7", since: "2026-01-01T00:00:00.000Z" }));
    assert.throws(() => lockFlashFile(file), /in use by pid 4242 on build-7 .*if that run on build-7 is gone, delete/);
    await writeFile(lockPath(file), "not json");
    assert.throws(() => lockFlashFile(file), /names no holder: if no run is using .* delete .*\.lock and run again/);
  });

  it("sail run on a flash file in use exits 1 naming the holder; a run releases its lock when it ends", async () => {
    const file = join(dir, "dev.bin");
    const blink = join(dir, "blink.wasm");
    await writeFile(blink, await firmware(BLINK));
    const held = lockFlashFile(file); // another run holds it
    const refused = await promisify(execFile)(process.execPath, [SAIL, "run", blink, "--flash", file, "--for", "1s"], {
      cwd: ROOT,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (e: unknown) => e as { code: number; stderr: string },
    );
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`in use by pid ${process.pid}`));
    assert.equal(existsSync(file), false, "the refused run wrote nothing");
    held.release();
    await promisify(execFile)(process.execPath, [SAIL, "run", blink, "--flash", file, "--for", "1s"], { cwd: ROOT });
    assert.equal(existsSync(file), true, "the run saved the flash");
    assert.equal(existsSync(lockPath(file)), false, "and released its lock");
  });
});
