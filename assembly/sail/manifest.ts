// What sail.json says about the firmware, read by the firmware itself.
// `sail build` adds to asc's entries a file defining the functions below from the
// project's sail.json (docs/decisions.md D134); compiled without it (plain asc,
// a test snippet), they answer "" so a firmware still builds.

/** The firmware's sail.json: its name, version and model, as `sail build` found them. */
export namespace manifest {
  /** sail.json's version, e.g. "1.2.0"; "" when not built by `sail build`. */
  export function version(): string {
    if (isDefined(__sail_manifest_version)) return __sail_manifest_version();
    return "";
  }

  /** sail.json's name, e.g. "smart-lamp"; "" when not built by `sail build`. */
  export function name(): string {
    if (isDefined(__sail_manifest_name)) return __sail_manifest_name();
    return "";
  }

  /** sail.json's model, e.g. "sail.light.lamp1"; "" when not built by `sail build`. */
  export function model(): string {
    if (isDefined(__sail_manifest_model)) return __sail_manifest_model();
    return "";
  }
}
