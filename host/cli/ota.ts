// `sail ota`: signing keys, signing an image for over-the-air update, and the
// checks a board makes before it takes one (docs/ota.md).

import { createHash } from "node:crypto";
import { access, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { ABI_VERSION } from "../abi/table.js";
import { listBoardIds } from "../boards/profile.js";
import { ImageError } from "../errors.js";
import { MANIFEST_SECTION, readManifest } from "../flash/manifest.js";
import { checkUpdate, type CheckName, type RefusalReason } from "../ota/checks.js";
import { isSemver } from "../ota/semver.js";
import { generateSigningKeys, keyId, loadPrivateKey, loadPublicKey, signImage } from "../ota/signature.js";
import { readWasm, WasmFormatError } from "../wasm/binary.js";
import { note } from "./format.js";
import type { Command } from "./main.js";

const USAGE_ERROR = 2;
const REFUSED = 1;

/** The check each refusal belongs to, for the ✗ line. */
const FAILED_CHECK: Readonly<Record<RefusalReason, CheckName>> = {
  "no-trusted-key": "signature",
  "not-wasm": "wasm",
  unsigned: "signature",
  "bad-signature": "signature",
  "other-key": "signature",
  tampered: "signature",
  "no-manifest": "manifest",
  "wrong-board": "board",
  "wrong-abi": "abi",
  downgrade: "version",
  "on-trial": "version",
  busy: "version",
  "too-large": "wasm",
  "sha-mismatch": "wasm",
  download: "wasm",
};

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );
const str = (v: string | boolean | undefined): string | undefined => (typeof v === "string" ? v : undefined);

async function readInput(file: string, what: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(file));
  } catch {
    note(`sail ota: ${file}: cannot read the ${what}; check the path`);
    return null;
  }
}

async function keygen(out: string | undefined): Promise<number> {
  if (out === undefined) {
    note("sail ota keygen: where? give --out <name>: it writes <name>.pem (private) and <name>.pub.pem (public)");
    return USAGE_ERROR;
  }
  const name = out.endsWith(".pem") ? out.slice(0, -".pem".length) : out;
  const privateFile = `${name}.pem`;
  const publicFile = `${name}.pub.pem`;
  for (const f of [privateFile, publicFile]) {
    if (await exists(f)) {
      note(
        `sail ota keygen: ${f} already exists; a key is never overwritten (images signed ` +
          `with it would no longer update). Choose another --out name or move the file away`,
      );
      return REFUSED;
    }
  }
  const keys = generateSigningKeys();
  await writeFile(privateFile, keys.privatePem, { flag: "wx", mode: 0o600 });
  await writeFile(publicFile, keys.publicPem, { flag: "wx", mode: 0o644 });
  console.log(
    `wrote ${privateFile} (private: signs images; keep it secret, ` +
      `mode 0600) and ${publicFile} (public: give it to the board)`,
  );
  console.log(`key id ${keyId(loadPublicKey(keys.publicPem, publicFile))}`);
  return 0;
}

async function pack(image: string | undefined, keyFile: string | undefined, out: string | undefined): Promise<number> {
  if (image === undefined || keyFile === undefined) {
    note(
      "sail ota pack: give the image and the private key: sail ota " +
        "pack build/app.wasm --key release.pem [-o build/app.signed.wasm]",
    );
    return USAGE_ERROR;
  }
  const bytes = await readInput(image, "image");
  const pem = await readInput(keyFile, "private key");
  if (bytes === null || pem === null) return REFUSED;
  const key = loadPrivateKey(new TextDecoder().decode(pem), keyFile);
  let manifest;
  try {
    manifest = readManifest(readWasm(bytes), image);
  } catch (e) {
    if (e instanceof WasmFormatError)
      throw new ImageError(
        image,
        `is not a valid WebAssembly image (${e.message}); give the .wasm that \`sail build\` wrote`,
      );
    throw e;
  }
  if (manifest === null)
    throw new ImageError(
      image,
      `has no ${MANIFEST_SECTION} section; a board cannot tell what it is. Build it with \`sail build\` and sign that`,
    );
  const signed = signImage(bytes, key, image);
  const target = out ?? join(dirname(image), `${basename(image, extname(image))}.signed.wasm`);
  await writeFile(target, signed);
  const sha = createHash("sha256").update(signed).digest("hex");
  console.log(
    `signed ${manifest.name} ${manifest.version} → ${target}: ${signed.length.toLocaleString("en")} bytes, ` +
      `key id ${keyId(key)}`,
  );
  console.log(`sha256 ${sha}`);
  return 0;
}

async function verifyImage(
  image: string | undefined,
  values: Readonly<Record<string, string | boolean | undefined>>,
): Promise<number> {
  const pubFile = str(values["pub"]);
  if (image === undefined || pubFile === undefined) {
    note(
      "sail ota verify: give the image and the board's public key: sail ota verify " +
        "app.signed.wasm --pub release.pub.pem [--board esp32-devkitc] [--running 1.0.0]",
    );
    return USAGE_ERROR;
  }
  const board = str(values["board"]) ?? null;
  if (board !== null && !listBoardIds().includes(board)) {
    note(
      `sail ota verify: --board ${board}: no such board profile; ` +
        `known: ${listBoardIds().join(", ")} (sail boards lists them)`,
    );
    return USAGE_ERROR;
  }
  const running = str(values["running"]) ?? null;
  if (running !== null && !isSemver(running)) {
    note(`sail ota verify: --running "${running}" is not a semantic version such as 1.2.0`);
    return USAGE_ERROR;
  }
  const bytes = await readInput(image, "image");
  const pem = await readInput(pubFile, "public key");
  if (bytes === null || pem === null) return REFUSED;
  const trustedKey = loadPublicKey(new TextDecoder().decode(pem), pubFile);
  const verdict = checkUpdate(bytes, image, { trustedKey, board, abi: ABI_VERSION, running });
  const width = 10;
  for (const c of verdict.checks) {
    console.log(
      c.skipped ? `  - ${c.name.padEnd(width)}not checked: ${c.detail}` : `  ✓ ${c.name.padEnd(width)}${c.detail}`,
    );
  }
  if (!verdict.accepted) {
    console.log(`  ✗ ${FAILED_CHECK[verdict.reason].padEnd(width)}refused (${verdict.reason})`);
    note(`sail ota verify: refused (${verdict.reason}): ${verdict.message}`);
    return REFUSED;
  }
  console.log(
    `accepted: ${verdict.manifest.name} ${verdict.manifest.version} ` +
      `may update a board that trusts key ${verdict.keyId}`,
  );
  return 0;
}

export const otaCommand: Command = {
  summary: "over-the-air updates: keygen | pack (sign an image) | verify (the checks a board makes)",
  usage:
    "sail ota keygen --out <name> | sail ota pack <image.wasm> --key <private.pem> [-o out.wasm] " +
    "| sail ota verify <image.wasm> --pub <public.pem> [--board <id>] [--running <semver>]",
  options: {
    out: {
      type: "string",
      value: "name|file",
      description:
        "keygen: key name (writes <name>.pem, <name>.pub.pem); pack: signed image (default <image>.signed.wasm)",
    },
    o: { type: "string", value: "file", description: "same as --out (-o)" },
    key: { type: "string", value: "private.pem", description: "pack: the Ed25519 private key to sign with" },
    pub: { type: "string", value: "public.pem", description: "verify: the public key the board trusts" },
    board: { type: "string", value: "id", description: "verify: the board profile id the image must list" },
    running: {
      type: "string",
      value: "semver",
      description: "verify: version of the running image (a lower one is a downgrade)",
    },
  },
  async run(values, positionals) {
    const [verb, image, ...extra] = positionals;
    if (extra.length > 0) {
      note(`sail ota ${verb ?? ""}: unexpected arguments: ${extra.join(" ")}`);
      return USAGE_ERROR;
    }
    const out = str(values["out"]) ?? str(values["o"]);
    switch (verb) {
      case "keygen":
        if (image !== undefined) {
          note(`sail ota keygen: takes no file; did you mean --out ${image}?`);
          return USAGE_ERROR;
        }
        return keygen(out);
      case "pack":
        return pack(image, str(values["key"]), out);
      case "verify":
        return verifyImage(image, values);
      default:
        note(
          "sail ota: say keygen, pack or verify: sail ota keygen --out release | sail ota pack " +
            "app.wasm --key release.pem | sail ota verify app.signed.wasm --pub release.pub.pem",
        );
        return USAGE_ERROR;
    }
  },
};
