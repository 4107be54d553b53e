// OTA in tests: a signing key pair, and an update signed with it (optionally
// as another version, so a test can update a firmware to itself, "1.1.0").

import { SailError } from "../errors.js";
import { MANIFEST_SECTION, readManifest, withManifest } from "../flash/manifest.js";
import { isSemver } from "../ota/semver.js";
import { generateSigningKeys, loadPrivateKey, signImage, type SigningKeysPem } from "../ota/signature.js";
import { readWasm } from "../wasm/binary.js";
import { firmwareBytes, type Firmware } from "./firmware.js";

/** A fresh Ed25519 key pair as PEM: give `publicPem` to `flash({ otaKey })`, sign with `privatePem`. */
export function otaKeys(): SigningKeysPem {
  return generateSigningKeys();
}

export interface SignUpdateOptions {
  /** The version the update announces instead of the one `sail build` wrote (a semantic version such as "1.1.0"). */
  readonly version?: string;
}

/** Signs `image` (a .wasm, project folder or bytes built by `sail build`) as `sail ota pack` does. */
export async function signUpdate(
  image: Firmware,
  privatePem: string,
  options: SignUpdateOptions = {},
): Promise<Uint8Array> {
  const { bytes, file } = await firmwareBytes(image, "signUpdate");
  const manifest = readManifest(readWasm(bytes), file);
  if (manifest === null)
    throw new SailError(
      `signUpdate(): ${file} has no ${MANIFEST_SECTION} section; sign an image that \`sail build\` made`,
    );
  let unsigned = bytes;
  if (options.version !== undefined) {
    if (!isSemver(options.version))
      throw new SailError(`signUpdate(): version "${options.version}" is not a semantic version such as 1.1.0`);
    unsigned = withManifest(bytes, { ...manifest, version: options.version });
  }
  return signImage(unsigned, loadPrivateKey(privatePem, "signUpdate()'s private key"), file);
}
