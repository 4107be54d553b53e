// The SDK's error tree: one root, a few classes users catch. Messages say what
// was wrong, where (file, field, function, pin) and what is allowed.
export class SailError extends Error {
    name = "SailError";
}
/** A board profile that cannot be used: names the file, the field and what is allowed. */
export class ProfileError extends SailError {
    file;
    field;
    name = "ProfileError";
    constructor(file, field, problem) {
        super(`${file}: ${field}: ${problem}`);
        this.file = file;
        this.field = field;
    }
}
/** A firmware image the board refuses to flash. */
export class ImageError extends SailError {
    file;
    name = "ImageError";
    constructor(file, problem) {
        super(`${file}: ${problem}`);
        this.file = file;
    }
}
/** A wait in virtual time that ran out. */
export class TimeoutError extends SailError {
    name = "TimeoutError";
}
/** A build of AssemblyScript sources that failed. */
export class BuildError extends SailError {
    name = "BuildError";
}
//# sourceMappingURL=errors.js.map