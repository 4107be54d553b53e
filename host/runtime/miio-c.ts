// The C miIO codec and session (runtime/miio) as the host builds it: its
// sources, the mbedtls it links (Debian's libmbedtls-dev), and a probe for
// those headers so a test can name the package when they are missing.

import { buildProgram, compilerFindsHeaders, SANITIZER_FLAGS } from "./cc.js";

/** The miIO layer and the parts of the core it uses, relative to runtime/. */
export const MIIO_SOURCES: readonly string[] = [
  "core/sail_json.c",
  "core/sail_json_decode.c",
  "miio/sail_crypto_mbedtls.c",
  "miio/sail_miio_codec.c",
  "miio/sail_miio_json.c",
  "miio/sail_miio_methods.c",
  "miio/sail_miio_push.c",
  "miio/sail_miio_session.c",
  "miio/sail_miio_spec.c",
  "miio/sail_miio_udp.c",
  "miio/sail_miio_value.c",
];

/** mbedtls's crypto library (MD5, AES) and libm. */
export const MIIO_LIBS: readonly string[] = ["-lmbedcrypto", "-lm"];

/** The Debian package with mbedtls's headers and libraries. */
export const MBEDTLS_PACKAGE = "libmbedtls-dev";

/** Whether `cc` finds mbedtls's MD5 and AES headers. */
export function hasMbedtls(cc: string): boolean {
  return compilerFindsHeaders(cc, ["mbedtls/aes.h", "mbedtls/md5.h", "mbedtls/version.h"]);
}

/** One of runtime/test's miIO programs, linked with the miIO layer under ASan and UBSan. */
export function buildMiioTool(name: string, cc: string): string {
  return buildProgram(
    {
      name,
      sources: [...MIIO_SOURCES, `test/${name}.c`],
      includeDirs: ["core", "miio", "test"],
      flags: SANITIZER_FLAGS,
      libs: MIIO_LIBS,
    },
    { cc },
  );
}
