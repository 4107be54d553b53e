// The profiling hook: with `profiler: true` every prepared image is
// instrumented, and the profiler is fed the instruction count at each
// function entry and exit and charged each host call.

import type { BoardProfile } from "../boards/profile.js";
import type { Cpu } from "../firmware/cpu.js";
import type { FlashedImage } from "../flash/flash.js";
import { instrumentForProfiler, PROFILER_MODULE } from "../profiler/instrument.js";
import { inBinaryen } from "../wasm/binaryen.js";
import { Profiler } from "../profiler/profiler.js";

export type PrepareHook = (flashed: FlashedImage) => Promise<FlashedImage>;

export class Profiling {
  #profiler: Profiler | null = null;

  constructor(
    readonly enabled: boolean,
    readonly deps: { readonly cpu: Cpu; readonly profile: BoardProfile; readonly imports: WebAssembly.Imports },
  ) {}

  /** The profiler of the last instrumented image, or null. */
  get profiler(): Profiler | null {
    return this.#profiler;
  }

  /** What image preparation applies: instrumentation when enabled, else nothing. */
  get hook(): PrepareHook | undefined {
    return this.enabled ? (f) => this.#instrument(f) : undefined;
  }

  async #instrument(flashed: FlashedImage): Promise<FlashedImage> {
    const { cpu, profile, imports } = this.deps;
    const profiled = await inBinaryen(flashed.file, "instrumenting it for the profiler", () =>
      instrumentForProfiler(flashed.code, flashed.file),
    );
    const profiler = new Profiler(profiled.names, profile.interpreter.cost, profile.chip.cpuMhz);
    this.#profiler = profiler;
    cpu.onHostCall = () => profiler.hostCall();
    imports[PROFILER_MODULE] = {
      enter: (fid: unknown) => profiler.enter(fid as number, cpu.instructionsNow()),
      exit: (fid: unknown) => profiler.exit(fid as number, cpu.instructionsNow()),
    };
    return { ...flashed, module: new WebAssembly.Module(profiled.bytes), code: profiled.bytes };
  }
}
