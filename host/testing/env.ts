// The environment variables `sail test` sets for the tests it runs, and the
// test API reads (docs/testing.md).

/** The project folder `sail test` built. */
export const ENV_PROJECT = "SAIL_TEST_PROJECT";
/** The image `sail test` built there: what flash() of that folder boots. */
export const ENV_IMAGE = "SAIL_TEST_IMAGE";
/** "1" prints every log line to stderr as it happens (`sail test --logs`). */
export const ENV_ECHO = "SAIL_TEST_LOGS";
