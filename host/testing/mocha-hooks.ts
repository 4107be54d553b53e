// A mocha root hook plugin for mocha's own CLI: with
// `--require node_modules/sail-sdk/dist/host/testing/mocha-hooks.js`, a board's
// "not implemented" log line fails its test, as under `sail test`
// (docs/testing.md).

import { notImplementedHook } from "./not-implemented.js";

export const mochaHooks = { afterEach: [notImplementedHook] };
