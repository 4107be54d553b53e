// Where this package's own files are, wherever it is installed.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
/** The package root (compiled code lives in dist/host/). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
//# sourceMappingURL=paths.js.map