// Bindings of many specs compiled in one asc run (`sail spec check --compile`):
// each spec's bindings in their own module, and one entry file that touches
// every member of every one of them. asc compiles only what an export reaches,
// so the entry's exercise functions are what make it compile (and type-check)
// every value, setter, handler and raiser, not only the event dispatch.

import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { compileAssemblyScript } from "../build/build.js";
import { PACKAGE_ROOT } from "../paths.js";
import { generateBindings } from "./spec-gen.js";
import { bindingNames } from "./spec-names.js";
import type { Spec } from "./spec.js";

/** The statements that use every generated member of `spec`, its namespaces imported with prefix `p`. */
function exercise(spec: Spec, p: string): string[] {
  const body: string[] = [];
  for (const [s, n] of bindingNames(spec)) {
    const ns = `${p}${n.namespace}`;
    const value = (piid: number): string => {
      const prop = s.properties.find((x) => x.iid === piid);
      return `${ns}.${prop === undefined ? "" : (n.value.get(prop) ?? "")}`;
    };
    for (const v of n.value.values()) body.push(`  ${ns}.${v} = ${ns}.${v};`);
    for (const [prop, setter] of n.setter) body.push(`  ${ns}.${setter}(${ns}.${n.value.get(prop) ?? ""});`);
    for (const handler of [...n.writeHandler.values(), ...n.action.values()]) body.push(`  ${ns}.${handler} = null;`);
    for (const [e, raiser] of n.event) body.push(`  ${ns}.${raiser}(${e.arguments.map(value).join(", ")});`);
  }
  return body;
}

/** A relative import path from `fromDir` to `target`, with forward slashes. */
export function importPath(fromDir: string, target: string): string {
  const rel = relative(fromDir, target).split(sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/**
 * Generates the bindings of every spec and compiles them together with asc, in
 * a scratch folder (removed after). Throws a BuildError with asc's messages,
 * which name the generated file (spec0.ts …, in the order of `specs`).
 */
export async function compileBindingsTogether(specs: readonly Spec[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "sail-spec-compile-"));
  try {
    await mkdir(dir, { recursive: true });
    const sdk = importPath(dir, join(PACKAGE_ROOT, "assembly", "sail"));
    const entry = [`export { sail_abi_version, sail_buffer, sail_buffer_size } from "${sdk}";`, ""];
    for (const [i, spec] of specs.entries()) {
      await writeFile(join(dir, `spec${i}.ts`), generateBindings(spec, sdk, spec.file));
      const namespaces = [...bindingNames(spec).values()].map((n) => `${n.namespace} as s${i}_${n.namespace}`);
      entry.push(
        `import { sail_event as sail_event_${i}, ${namespaces.join(", ")} } from "./spec${i}";`,
        `export function exercise_${i}(): i32 {`,
        ...exercise(spec, `s${i}_`),
        `  return sail_event_${i}(0, 0, 0, 0);`,
        "}",
        "",
      );
    }
    await writeFile(join(dir, "index.ts"), entry.join("\n"));
    await compileAssemblyScript(
      [join(dir, "index.ts"), "--runtime", "stub", "--outFile", "specs.wasm"],
      `the bindings of ${specs.length} spec${specs.length === 1 ? "" : "s"}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
