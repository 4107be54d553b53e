// Seeded mutations of a JSON document (board profiles, MIoT specs, scenarios,
// manifests): a value replaced by a hostile one, a key dropped or added, an
// array emptied or grown, or the text itself cut or damaged. The result is
// text, since a loader reads text and a damaged file need not be JSON.

import { SeededRandom } from "../../host/random.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values a loader must refuse by name, never crash on. */
function hostile(rng: SeededRandom): Json {
  const pick: Json[] = [
    null,
    true,
    -1,
    0,
    1e308,
    -1e308,
    2 ** 53 + 1,
    0.5,
    "",
    "x".repeat(rng.int(1, 5000)),
    "\u0000\uffff",
    [],
    {},
    [null, "a", 1],
    { unknown: 1 },
    "9007199254740993",
  ];
  return pick[rng.int(0, pick.length - 1)] ?? null;
}

type Container = Json[] | { [key: string]: Json };

/** Every [container, key] pair in the document down to depth 40, breadth first (a deep mutant stays cheap). */
function slots(doc: Json): [Container, string | number][] {
  const out: [Container, string | number][] = [];
  let level: Json[] = [doc];
  for (let depth = 0; depth < 40 && level.length > 0; depth++) {
    const next: Json[] = [];
    for (const v of level) {
      if (Array.isArray(v)) v.forEach((x, i) => (out.push([v, i]), next.push(x)));
      else if (v !== null && typeof v === "object")
        for (const [k, x] of Object.entries(v)) {
          out.push([v, k]);
          next.push(x);
        }
    }
    level = next;
  }
  return out;
}

function set(container: Container, key: string | number, value: Json): void {
  if (Array.isArray(container)) container[Number(key)] = value;
  else container[String(key)] = value;
}

function remove(container: Container, key: string | number): void {
  if (Array.isArray(container)) container.splice(Number(key), 1);
  else Reflect.deleteProperty(container, key);
}

/** One to three seeded mutations of `text`; text that is not JSON is cut or damaged as text. */
export function mutateJson(rng: SeededRandom, text: string): string {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch {
    return text.slice(0, rng.int(0, text.length));
  }
  const textual = rng.int(0, 9);
  if (textual === 0) return text.slice(0, rng.int(0, text.length)); // cut
  if (textual === 1) {
    const i = rng.int(0, Math.max(0, text.length - 1));
    return text.slice(0, i) + String.fromCharCode(rng.int(0, 0x7f)) + text.slice(i + 1);
  }
  if (textual === 2) return "[".repeat(rng.int(1, 100_000)); // deep nesting, never closed
  for (let n = rng.int(1, 3); n > 0; n--) {
    const all = slots(doc);
    const slot = all[rng.int(0, Math.max(0, all.length - 1))];
    if (slot === undefined) {
      doc = hostile(rng);
      continue;
    }
    const [container, key] = slot;
    switch (rng.int(0, 4)) {
      case 0:
        remove(container, key);
        break;
      case 1:
        set(container, Array.isArray(container) ? container.length : `unknown${rng.int(0, 9)}`, hostile(rng));
        break;
      case 2: {
        const deep: Json = JSON.parse("[".repeat(2000) + "]".repeat(2000)) as Json;
        set(container, key, deep);
        break;
      }
      default:
        set(container, key, hostile(rng));
    }
  }
  return JSON.stringify(doc);
}
