// The keys each level of a MIoT-Spec-V2 instance may carry, and what a spec
// check says about any other key: a warning naming the nearest known key, so a
// misspelt "value_range" does not silently drop the range check (an error
// under --strict). Also descriptions, which some instances give as a
// translation object instead of a string.

/** A level of a spec instance, as far as its keys go. */
export type SpecLevel = "device" | "service" | "property" | "action" | "event" | "value-list entry";

/**
 * The keys of each level (docs/reference/miot-protocol.md §5). "gatt-access"
 * and "source" are published by miot-spec.org on some properties (e.g.
 * xiaomi.vacuum.ov42gl) and mean nothing to a LAN device, so they pass quietly.
 */
export const KNOWN_KEYS: Readonly<Record<SpecLevel, readonly string[]>> = {
  device: ["type", "description", "services"],
  service: ["iid", "type", "description", "properties", "actions", "events"],
  property: [
    "iid",
    "type",
    "description",
    "format",
    "access",
    "unit",
    "value-range",
    "value-list",
    "gatt-access",
    "source",
  ],
  action: ["iid", "type", "description", "in", "out"],
  event: ["iid", "type", "description", "arguments"],
  "value-list entry": ["value", "description"],
};

/** A finding that does not stop the spec from being used (unless the check is strict). */
export interface SpecWarning {
  /** The JSON path, e.g. services[1].properties[0].value_range. */
  readonly path: string;
  readonly message: string;
}

/** Warnings for the keys of `o` that `level` does not know, each with the nearest known key. */
export function unknownKeys(o: Readonly<Record<string, unknown>>, level: SpecLevel, path: string): SpecWarning[] {
  const known = KNOWN_KEYS[level];
  const found: SpecWarning[] = [];
  for (const key of Object.keys(o)) {
    if (known.includes(key)) continue;
    const near = nearestKey(key, known);
    found.push({
      path: path === "" ? key : `${path}.${key}`,
      message:
        `is not a key of a ${level}, so it is ignored` +
        (near === null ? `; known keys: ${known.join(", ")}` : `; did you mean ${near}?`),
    });
  }
  return found;
}

/**
 * The known key closest to `key`, compared case-blind with "_" and " " read as
 * "-", if it is near enough to be a slip (an edit distance of at most a third
 * of its length, and at least 1); otherwise null.
 */
export function nearestKey(key: string, known: readonly string[]): string | null {
  const norm = key.toLowerCase().replace(/[_ ]/g, "-");
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(norm, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : null;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next.push(Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

/** Languages tried, in order, when a description is a translation object. */
const DESCRIPTION_LANGUAGES = ["en", "en_US", "en-US", "en_us"];

/**
 * A description: a string, or a translation object such as {"en": "Speaker",
 * "zh_CN": "音箱"} (given by some instance endpoints). From an object, English
 * is taken, else the first language in key order. Returns null when `v` is
 * neither, or an object with no string in it.
 */
export function readDescription(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
  const o = v as Readonly<Record<string, unknown>>;
  for (const lang of DESCRIPTION_LANGUAGES) {
    const text = o[lang];
    if (typeof text === "string") return text;
  }
  for (const text of Object.values(o)) if (typeof text === "string") return text;
  return null;
}
