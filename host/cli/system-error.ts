// A file the user named that cannot be read or written (a missing key, a
// folder where a file was expected) is the user's to fix, not a crash: say
// which file, what went wrong and what to do, without a stack trace.

import { readFile } from "node:fs/promises";

const EXPLAIN: Readonly<Record<string, string>> = {
  ENOENT: "no such file or folder; check the path",
  EISDIR: "it is a folder; give a file",
  ENOTDIR: "a part of the path is a file, not a folder",
  EACCES: "permission denied; choose a place you may write to, or change its permissions",
  EPERM: "operation not permitted; check the file's permissions",
  EROFS: "the file system is read-only; choose another place",
  ENOSPC: "the disk is full",
  EEXIST: "it already exists",
};

const VERB: Readonly<Record<string, string>> = {
  open: "open",
  read: "read",
  write: "write",
  stat: "find",
  lstat: "find",
  mkdir: "create the folder",
  rename: "replace",
  scandir: "list",
  unlink: "remove",
  copyfile: "copy",
  access: "access",
};

interface SystemError {
  code: string;
  syscall?: string;
  path?: string;
}

function isSystemError(e: unknown): e is SystemError {
  return (
    e instanceof Error &&
    typeof (e as Partial<SystemError>).code === "string" &&
    typeof (e as Partial<SystemError>).path === "string"
  );
}

/** One line for a file-system error on a path the user gave, or undefined for anything else. */
export function explainSystemError(e: unknown): string | undefined {
  if (!isSystemError(e)) return undefined;
  const explanation = EXPLAIN[e.code];
  if (explanation === undefined) return undefined;
  const verb = VERB[e.syscall ?? ""] ?? "use";
  return `cannot ${verb} ${e.path}: ${explanation} (${e.code})`;
}

/** readFile for a path the user gave: a failure names the path, even where Node leaves it out (EISDIR). */
export async function readUserFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    if (
      e instanceof Error &&
      typeof (e as Partial<SystemError>).code === "string" &&
      (e as Partial<SystemError>).path === undefined
    ) {
      Object.assign(e, { path, syscall: "read" });
    }
    throw e;
  }
}
