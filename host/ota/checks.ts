// What a board checks before it takes an update (docs/decisions.md D1 and D2): a valid
// wasm, signed by the key it trusts and unchanged since, with a manifest for
// this board and ABI, not older than the running image. One pure function,
// used by `sail ota verify` and by the board's OTA manager alike.

import type { KeyObject } from "node:crypto";
import type { AbiVersion } from "../abi/table.js";
import { ImageError, OtaError } from "../errors.js";
import { MANIFEST_SECTION, readManifest, type Manifest } from "../flash/manifest.js";
import { readWasm, WasmFormatError, type WasmInfo } from "../wasm/binary.js";
import { compareSemver } from "./semver.js";
import { keyId, readSignature, SIGNATURE_SECTION, verifyImageSignature } from "./signature.js";

export { OtaError } from "../errors.js";

import type { RefusalReason } from "../errors.js";
export type { RefusalReason };

export interface UpdatePolicy {
  /** The public key the board trusts; null: the board refuses every update. */
  readonly trustedKey: KeyObject | null;
  /** Board profile id the image must list (an empty `boards` means any); null: not checked. */
  readonly board: string | null;
  /** ABI the board implements: the image needs the same major and a minor no newer. */
  readonly abi: AbiVersion;
  /** Semver of the running image; null: not checked (nothing with a manifest runs). */
  readonly running: string | null;
}

export type CheckName = "wasm" | "signature" | "manifest" | "board" | "abi" | "version";

/** One check that passed (or was skipped, with why). */
export interface Check {
  readonly name: CheckName;
  readonly skipped: boolean;
  readonly detail: string;
}

export type UpdateVerdict =
  | { readonly accepted: true; readonly manifest: Manifest; readonly keyId: string; readonly checks: readonly Check[] }
  | {
      readonly accepted: false;
      readonly reason: RefusalReason;
      readonly message: string;
      readonly checks: readonly Check[];
    };

/** Checks an update image against a board's policy. Never throws for a bad image: it says why. */
export function checkUpdate(bytes: Uint8Array, file: string, policy: UpdatePolicy): UpdateVerdict {
  const checks: Check[] = [];
  const pass = (name: CheckName, detail: string): void => {
    checks.push({ name, skipped: false, detail });
  };
  const skip = (name: CheckName, detail: string): void => {
    checks.push({ name, skipped: true, detail });
  };
  const refuse = (reason: RefusalReason, problem: string): UpdateVerdict => ({
    accepted: false,
    reason,
    message: `${file}: ${problem}`,
    checks,
  });

  let info: WasmInfo;
  try {
    info = readWasm(bytes);
  } catch (e) {
    if (!(e instanceof WasmFormatError)) throw e;
    return refuse(
      "not-wasm",
      `is not a valid WebAssembly image (${e.message}); send the ` +
        `.wasm that \`sail build\` wrote, signed by \`sail ota pack\``,
    );
  }
  pass("wasm", `valid WebAssembly, ${bytes.length.toLocaleString("en")} bytes`);

  if (policy.trustedKey === null)
    return refuse(
      "no-trusted-key",
      "refused: no trusted key: give the board one (the .pub.pem " +
        "from `sail ota keygen`) before updating it over the air",
    );
  const trusted = keyId(policy.trustedKey);
  let sig;
  try {
    sig = readSignature(bytes, file, info);
  } catch (e) {
    if (e instanceof ImageError) return refuse("bad-signature", problemOf(e));
    throw e;
  }
  if (sig === null)
    return refuse(
      "unsigned",
      `is not signed (no ${SIGNATURE_SECTION} section); sign it: sail ota pack ${file} --key <private.pem>`,
    );
  if (sig.keyId !== trusted) {
    return refuse(
      "other-key",
      `is signed by key ${sig.keyId}, but this board trusts key ${trusted}; sign ` +
        `it with the board's key, or give the board the public key that matches`,
    );
  }
  if (!verifyImageSignature(bytes, sig, policy.trustedKey)) {
    return refuse(
      "tampered",
      `signature does not verify: the image changed after it was signed (or was ` +
        `damaged on the way); fetch it again, or sign the original build again`,
    );
  }
  pass(
    "signature",
    `Ed25519 by key ${sig.keyId} (trusted), over the first ${sig.signedLength.toLocaleString("en")} bytes`,
  );

  let manifest: Manifest | null;
  try {
    manifest = readManifest(info, file);
  } catch (e) {
    if (e instanceof ImageError) return refuse("no-manifest", `${problemOf(e)}; build it with \`sail build\``);
    throw e;
  }
  if (manifest === null)
    return refuse(
      "no-manifest",
      `has no ${MANIFEST_SECTION} section, so the board cannot ` +
        `tell what it is; build it with \`sail build\` before signing`,
    );
  const what = `${manifest.name} ${manifest.version}`;
  pass("manifest", `${what} (model ${manifest.model}, built ${manifest.built})`);

  if (policy.board === null) skip("board", "no board given");
  else if (manifest.boards.length === 0) pass("board", `${what} runs on any board`);
  else if (!manifest.boards.includes(policy.board)) {
    return refuse(
      "wrong-board",
      `${what} is built for ${manifest.boards.join(", ")}, not ` +
        `${policy.board}; build it with "${policy.board}" in sail.json "boards"`,
    );
  } else pass("board", `${policy.board} is among ${manifest.boards.join(", ")}`);

  const [major, minor] = manifest.abi.split(".").map(Number) as [number, number];
  const board = `${policy.abi.major}.${policy.abi.minor}`;
  if (major !== policy.abi.major) {
    return refuse(
      "wrong-abi",
      `${what} is built for ABI ${manifest.abi}; this board runs ABI ${board} and ` +
        `takes major ${policy.abi.major} only; rebuild it with an SDK for ABI ${board}`,
    );
  }
  if (minor > policy.abi.minor) {
    return refuse(
      "wrong-abi",
      `${what} needs ABI ${manifest.abi}, newer than this board's ${board}; ` +
        `update the board's runtime first, or build with an SDK for ABI ${board}`,
    );
  }
  pass("abi", `built for ABI ${manifest.abi}; the board runs ${board}`);

  if (policy.running === null) skip("version", "no running version given");
  else if (compareSemver(manifest.version, policy.running) < 0) {
    return refuse(
      "downgrade",
      `${what} is older than the running ${policy.running}: a downgrade ` +
        `is refused; publish it with a version above ${policy.running}`,
    );
  } else pass("version", `${manifest.version} ≥ running ${policy.running}`);

  return { accepted: true, manifest, keyId: sig.keyId, checks };
}

/** An ImageError's message without the file name it starts with. */
function problemOf(e: ImageError): string {
  return e.message.startsWith(`${e.file}: `) ? e.message.slice(e.file.length + 2) : e.message;
}

/** The manifest of an accepted update; throws OtaError with the reason otherwise. */
export function assertUpdate(bytes: Uint8Array, file: string, policy: UpdatePolicy): Manifest {
  const verdict = checkUpdate(bytes, file, policy);
  if (!verdict.accepted) throw new OtaError(verdict.reason, verdict.message);
  return verdict.manifest;
}
