// The SDK's error tree: one root, a few classes users catch. Messages say what
// was wrong, where (file, field, function, pin) and what is allowed.

export class SailError extends Error {
  override name = "SailError";
}

/** A board profile that cannot be used: names the file, the field and what is allowed. */
export class ProfileError extends SailError {
  override name = "ProfileError";
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${file}: ${field}: ${problem}`);
  }
}

/** A firmware image the board refuses to flash. */
export class ImageError extends SailError {
  override name = "ImageError";
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/** A wait in virtual time that ran out. */
export class TimeoutError extends SailError {
  override name = "TimeoutError";
}

/** A build of AssemblyScript sources that failed. */
export class BuildError extends SailError {
  override name = "BuildError";
}
