// The smart lamp in the versions the rollout tests update between, built from
// examples/smart-lamp with small source edits, signed with one test key:
//   old        1.0.0 keeps brightness, colour temperature and a scene in lamp/bright, lamp/ct, lamp/scene
//   rename     1.1.0 keeps brightness in lamp/brightness, migrating lamp/bright
//   crash      1.1.0 reads lamp/scene and panics when it is "night"
//   unconfirmed 1.1.0 never calls ota.confirm()
//   forgetful  1.1.0 reads lamp/brightness with no migration (the old setting is never read back)
//   restore    1.2.0 the old code again, for --rollback-on-abort (a board refuses a lower version)

import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildProject } from "../host/build/build.js";
import { otaKeys, signUpdate } from "../host/testing/index.js";
import type { Population } from "../host/fleet/population.js";
import { ROOT } from "./support/firmware.js";

export type LampVariant = "old" | "rename" | "crash" | "unconfirmed" | "forgetful" | "restore";

const LAMP = join(ROOT, "examples", "smart-lamp");
const DEFAULTS = "  light.brightness = 80;\n  light.colorTemperature = 4000;\n";

const SCENE = '  if (settings.getString("scene", "") == "night") light.brightness = 10;\n';
const READ_OLD =
  '  const settings = new Kv("lamp");\n' +
  '  light.brightness = <u8>settings.getInt("bright", 80);\n' +
  '  light.colorTemperature = <u32>settings.getInt("ct", 4000);\n';

const EDITS: Readonly<Record<LampVariant, string>> = {
  old: READ_OLD + SCENE,
  rename:
    '  const settings = new Kv("lamp");\n' +
    '  const old = settings.getInt("bright", -1);\n' +
    '  if (old >= 0) { settings.setInt("brightness", old); settings.erase("bright"); settings.commit(); }\n' +
    '  light.brightness = <u8>settings.getInt("brightness", 80);\n' +
    '  light.colorTemperature = <u32>settings.getInt("ct", 4000);\n' +
    SCENE,
  crash:
    READ_OLD +
    '  if (settings.getString("scene", "") == "night") unreachable(); // the bug: night scenes were never tested\n',
  unconfirmed: READ_OLD + SCENE,
  forgetful:
    '  const settings = new Kv("lamp");\n' +
    '  light.brightness = <u8>settings.getInt("brightness", 80);\n' +
    '  light.colorTemperature = <u32>settings.getInt("ct", 4000);\n' +
    SCENE,
  restore: READ_OLD + SCENE,
};

const VERSIONS: Partial<Record<LampVariant, string>> = { old: "1.0.0", restore: "1.2.0" };

async function build(variant: LampVariant): Promise<Uint8Array> {
  // Two folders below the repository, as examples/ are, so the lamp's relative SDK imports resolve.
  const dir = join(ROOT, "build", `rollout-lamp-${variant}`);
  await mkdir(dir, { recursive: true });
  await cp(join(LAMP, "assembly"), join(dir, "assembly"), { recursive: true });
  for (const f of ["asconfig.json", "spec.json"]) await cp(join(LAMP, f), join(dir, f));
  const sail = JSON.parse(await readFile(join(LAMP, "sail.json"), "utf8")) as Record<string, unknown>;
  delete sail["$schema"];
  await writeFile(join(dir, "sail.json"), JSON.stringify({ ...sail, version: VERSIONS[variant] ?? "1.1.0" }));
  const index = join(dir, "assembly", "index.ts");
  let source = await readFile(index, "utf8");
  if (!source.includes(DEFAULTS)) throw new Error("examples/smart-lamp changed: update test/rollout-lamps.ts");
  source = source
    .replace(DEFAULTS, EDITS[variant])
    .replace("import { Edge,", "import { Kv, Edge,")
    .replace(/\n {2}if \(ota\.onTrial\(\)\)[^\n]*/, variant === "unconfirmed" ? "" : "$&");
  await writeFile(index, source);
  return (await buildProject(dir)).bytes;
}

export interface Lamps {
  readonly publicPem: string;
  readonly images: Readonly<Record<LampVariant, Uint8Array>>;
}

let lamps: Promise<Lamps> | null = null;

/** Every variant, built and signed once per process. */
export function rolloutLamps(): Promise<Lamps> {
  lamps ??= (async () => {
    const keys = otaKeys();
    const images = {} as Record<LampVariant, Uint8Array>;
    for (const v of Object.keys(EDITS) as LampVariant[]) images[v] = await signUpdate(await build(v), keys.privatePem);
    return { publicPem: keys.publicPem, images };
  })();
  return lamps;
}

/** Homes for the tests: every lamp has a brightness, most a colour temperature, 3 % a night scene. */
export const LAMP_POPULATION: Population = {
  population: 1,
  settings: [
    { namespace: "lamp", key: "bright", share: 1, int: { min: 1, max: 100 } },
    { namespace: "lamp", key: "ct", share: 0.8, int: { min: 2700, max: 6500 } },
    { namespace: "lamp", key: "scene", share: 0.03, value: "night" },
  ],
  uptimeUs: { min: 600_000_000, max: 86_400_000_000 },
  network: { latencyMs: { min: 2, max: 50 }, loss: { min: 0, max: 0.01 }, offline: 0.02 },
  asleep: { share: 0.05, forUs: { min: 600_000_000, max: 7_200_000_000 } },
};
