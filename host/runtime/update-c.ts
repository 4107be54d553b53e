// The core's update check (runtime/core/sail_update.c) as the host builds it:
// the loader's sources with the check, the libsodium it links (Debian's
// libsodium-dev; the ESP-IDF project takes libsodium from its component
// registry), and a probe for its header so a test can name the package.

import { buildProgram, compilerFindsHeaders, LOADER_SOURCES, SANITIZER_FLAGS } from "./cc.js";

/** The loader and the update check, relative to runtime/. */
export const UPDATE_SOURCES: readonly string[] = [...LOADER_SOURCES, "core/sail_update.c"];

/** libsodium: SHA-256 and Ed25519. */
export const SODIUM_LIBS: readonly string[] = ["-lsodium"];

/** The Debian package with libsodium's header and library. */
export const SODIUM_PACKAGE = "libsodium-dev";

/** Whether `cc` finds sodium.h. */
export function hasSodium(cc: string): boolean {
  return compilerFindsHeaders(cc, ["sodium.h"]);
}

/** runtime/test/sail_check_update.c linked with the check under ASan and UBSan. */
export function buildUpdateTool(cc: string): string {
  return buildProgram(
    {
      name: "sail_check_update",
      sources: [...UPDATE_SOURCES, "test/sail_check_update.c"],
      includeDirs: ["core"],
      flags: SANITIZER_FLAGS,
      libs: SODIUM_LIBS,
    },
    { cc },
  );
}
