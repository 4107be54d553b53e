// The `sail.manifest` custom section: what the board needs to know about an
// image (name, semver version, model, compatible boards, ABI, build time).
// Interpreters ignore custom sections, so the same file runs on wasm3.

import { ImageError, SailError } from "../errors.js";
import { parseSpec, type Spec } from "../miot/spec.js";
import { appendCustomSection, removeCustomSections, type WasmInfo } from "../wasm/binary.js";
import { quoteValue } from "../quote.js";

export const MANIFEST_SECTION = "sail.manifest";
/** The MIoT-Spec-V2 instance the firmware implements (JSON), when it has one. */
export const SPEC_SECTION = "sail.spec";

export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly model: string;
  /** Board profile ids the image may be flashed onto; empty means any. */
  readonly boards: readonly string[];
  /** ABI version built for, "major.minor". */
  readonly abi: string;
  readonly built: string;
  /**
   * The watchdog metering the code carries, `<algorithm>@<version>` (e.g.
   * "sail-meter@1"); images built before the field existed carry version 1.
   */
  readonly metering?: string;
}

/** `<algorithm>@<version>`, as in "sail-meter@1". */
const METERING_NAME = /^[a-z][a-z0-9-]*@[1-9][0-9]*$/;

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Checks a manifest object; `where` names the file (and section) in errors. */
export function parseManifest(json: unknown, where: string): Manifest {
  const fail = (field: string, problem: string): never => {
    throw new ImageError(where, `${field}: ${problem}`);
  };
  if (typeof json !== "object" || json === null || Array.isArray(json))
    return fail("(manifest)", "must be a JSON object");
  const o = json as Readonly<Record<string, unknown>>;
  const str = (k: string): string => {
    const v = o[k];
    return typeof v === "string" && v.length > 0 ? v : fail(k, `must be a non-empty string, got ${quoteValue(v)}`);
  };
  const version = str("version");
  if (!SEMVER.test(version)) fail("version", `"${version}" is not a semantic version such as 1.2.0`);
  const abi = str("abi");
  if (!/^\d+\.\d+$/.test(abi)) fail("abi", `"${abi}" must be "major.minor", e.g. "1.0"`);
  const boards = o["boards"] ?? [];
  if (!Array.isArray(boards) || !boards.every((b) => typeof b === "string"))
    fail("boards", "must be an array of board ids");
  const base = {
    name: str("name"),
    version,
    model: str("model"),
    boards: boards as string[],
    abi,
    built: str("built"),
  };
  if (o["metering"] === undefined) return base;
  const metering = o["metering"];
  if (typeof metering !== "string" || !METERING_NAME.test(metering))
    fail(
      "metering",
      `must name the metering as "<algorithm>@<version>", e.g. "sail-meter@1"; got ${quoteValue(metering)}`,
    );
  return { ...base, metering: metering as string };
}

/** The manifest carried by an image, or null for a bare .wasm. */
export function readManifest(info: WasmInfo, file: string): Manifest | null {
  const sections = info.customSections.filter((s) => s.name === MANIFEST_SECTION);
  if (sections.length === 0) return null;
  if (sections.length > 1)
    throw new ImageError(file, `has ${sections.length} ${MANIFEST_SECTION} sections; an image carries one`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode((sections[0] as { data: Uint8Array }).data));
  } catch (e) {
    throw new ImageError(file, `${MANIFEST_SECTION} is not valid UTF-8 JSON: ${(e as Error).message}`);
  }
  return parseManifest(json, `${file} (${MANIFEST_SECTION})`);
}

/** The MIoT spec carried by an image, validated, or null. */
export function readSpecSection(info: WasmInfo, file: string): Spec | null {
  const section = info.customSections.find((s) => s.name === SPEC_SECTION);
  if (section === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(section.data));
  } catch (e) {
    throw new ImageError(file, `${SPEC_SECTION} is not valid UTF-8 JSON: ${(e as Error).message}`);
  }
  try {
    return parseSpec(json, SPEC_SECTION);
  } catch (e) {
    if (e instanceof SailError) throw new ImageError(file, e.message);
    throw e;
  }
}

export function withSpec(bytes: Uint8Array, spec: unknown): Uint8Array {
  return appendCustomSection(bytes, SPEC_SECTION, new TextEncoder().encode(JSON.stringify(spec)));
}

/** The image with `manifest` as its one manifest: one it already carries is replaced. */
export function withManifest(bytes: Uint8Array, manifest: Manifest): Uint8Array {
  return appendCustomSection(
    removeCustomSections(bytes, [MANIFEST_SECTION]),
    MANIFEST_SECTION,
    new TextEncoder().encode(JSON.stringify(manifest)),
  );
}
