// Mutated firmware images, made by code from a good image (no binary blobs):
// damaged name sections, and the seeded mutations the fuzzing suite and the
// mutated-image bench (bench/mutants.ts) flash: byte flips, truncation,
// section-length lies, damaged name sections, fuel tampering, forged manifests
// and specs. Each mutant says its kind, so a finding can be told apart.

import { SeededRandom } from "../../host/random.js";
import { appendCustomSection, readWasm, removeCustomSections, uleb } from "../../host/wasm/binary.js";
import { mutateJson } from "./json-mutants.js";

export interface Mutant {
  readonly kind: MutationKind;
  readonly bytes: Uint8Array;
}

export const MUTATION_KINDS = [
  "byte-flips",
  "truncation",
  "section-length",
  "name-section",
  "fuel-tampering",
  "forged-manifest",
  "forged-spec",
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

const NAME_FUNCTIONS = 1;
const NAME_LOCALS = 2;
const OPCODE_I32_CONST = 0x41;
const CODE_SECTION = 10;

function subsection(id: number, body: readonly number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function nameEntry(index: number, name: readonly number[]): number[] {
  return [...uleb(index), ...uleb(name.length), ...name];
}

const A = [0x61];

/**
 * Name sections that V8 accepts (custom sections do not fail validation) but
 * that are damaged, by label: the subsection lengths, ids, indices and names
 * a tool reading names meets.
 */
export const DAMAGED_NAME_SECTIONS: Readonly<Record<string, readonly number[]>> = {
  "a subsection length past the section's end": [NAME_FUNCTIONS, 50, 1, ...nameEntry(0, A)],
  "a name cut short by the section's end": [NAME_FUNCTIONS, 5, 3, ...nameEntry(0, [0x61, 0x62, 0x63, 0x64])],
  "a function name that is not UTF-8": subsection(NAME_FUNCTIONS, [1, ...nameEntry(0, [0xc3, 0x28])]),
  "a count of names larger than the subsection holds": subsection(NAME_FUNCTIONS, [3, ...nameEntry(0, A)]),
  "an out-of-range function index": subsection(NAME_FUNCTIONS, [1, ...nameEntry(99_999, A)]),
  "two function-name subsections": [
    ...subsection(NAME_FUNCTIONS, [1, ...nameEntry(0, A)]),
    ...subsection(NAME_FUNCTIONS, [1, ...nameEntry(0, [0x62])]),
  ],
  "an unknown subsection id": subsection(9, [1, ...nameEntry(0, A)]),
  "a local-name subsection before the function names": [
    ...subsection(NAME_LOCALS, [0]),
    ...subsection(NAME_FUNCTIONS, [1, ...nameEntry(0, A)]),
  ],
};

/** `image` with its name section replaced by `body`. */
export function withNameSection(image: Uint8Array, body: readonly number[]): Uint8Array {
  return appendCustomSection(removeCustomSections(image, ["name"]), "name", new Uint8Array(body));
}

/** One seeded mutation of `image`, of the given kind or a random one. */
export function mutateImage(rng: SeededRandom, image: Uint8Array, kind?: MutationKind): Mutant {
  const k = kind ?? MUTATION_KINDS[rng.int(0, MUTATION_KINDS.length - 1)] ?? "byte-flips";
  return { kind: k, bytes: MUTATORS[k](rng, image) };
}

const MUTATORS: Readonly<Record<MutationKind, (rng: SeededRandom, image: Uint8Array) => Uint8Array>> = {
  "byte-flips": (rng, image) => {
    const out = image.slice();
    for (let n = rng.int(1, 8); n > 0; n--) {
      const i = rng.int(8, out.length - 1); // the magic and version stay: V8 refuses those at once
      out[i] = (out[i] ?? 0) ^ (1 << rng.int(0, 7));
    }
    return out;
  },
  truncation: (rng, image) => image.slice(0, rng.int(8, image.length - 1)),
  "section-length": (rng, image) => {
    const sections = readWasm(image).sections;
    const s = sections[rng.int(0, sections.length - 1)];
    if (s === undefined) return image.slice();
    const size = s.end - s.body;
    const lie = Math.max(0, size + ([-1, 1, -16, 16, size, -size][rng.int(0, 5)] ?? 0));
    return Uint8Array.from([...image.subarray(0, s.start + 1), ...uleb(lie), ...image.subarray(s.body)]);
  },
  "name-section": (rng, image) => {
    const bodies = Object.values(DAMAGED_NAME_SECTIONS);
    const body = [...(bodies[rng.int(0, bodies.length - 1)] ?? [])];
    const i = rng.int(0, body.length - 1);
    if (rng.int(0, 1) === 1) body[i] = rng.int(0, 255); // and a byte of it replaced
    return withNameSection(image, body);
  },
  "fuel-tampering": (rng, image) => {
    // The metering charges fuel with i32.const operands in the code: change some.
    const code = readWasm(image).sections.find((s) => s.id === CODE_SECTION);
    const out = image.slice();
    if (code === undefined) return out;
    const consts: number[] = [];
    for (let i = code.body; i < code.end - 1; i++) if (out[i] === OPCODE_I32_CONST) consts.push(i + 1);
    for (let n = rng.int(1, 4); n > 0 && consts.length > 0; n--) {
      const at = consts[rng.int(0, consts.length - 1)] ?? code.body;
      out[at] = ((out[at] ?? 0) & 0x80) | rng.int(0, 0x7f); // the LEB128 length stays, the value changes
    }
    return out;
  },
  "forged-manifest": (rng, image) => forgeSection(rng, image, "sail.manifest"),
  "forged-spec": (rng, image) => forgeSection(rng, image, "sail.spec"),
};

/** The image with its JSON custom section `name` mutated (or one added if it has none). */
function forgeSection(rng: SeededRandom, image: Uint8Array, name: string): Uint8Array {
  const section = readWasm(image).customSections.find((c) => c.name === name);
  const text = section === undefined ? "{}" : new TextDecoder().decode(section.data);
  const forged = mutateJson(rng, text);
  return appendCustomSection(removeCustomSections(image, [name]), name, new TextEncoder().encode(forged));
}
