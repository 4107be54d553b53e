/* The update check, in host/ota/checks.ts's order and words. */
#include "sail_update.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sail_manifest.h"
#include "sail_signature.h"
#include "sail_text.h"
#include "sodium.h"

static const char *const REASONS[] = {
    "accepted",  "sha-mismatch", "not-wasm",    "no-trusted-key", "bad-signature", "unsigned",
    "other-key", "tampered",     "no-manifest", "wrong-board",    "wrong-abi",     "downgrade",
};

const char *sail_update_reason_name(sail_update_reason_t reason)
{
    return (size_t)reason < sizeof REASONS / sizeof REASONS[0] ? REASONS[reason] : "unknown";
}

static void add_hex(sail_text_t *text, const uint8_t *bytes, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sail_text_add(text, "%02x", bytes[i]);
    }
}

/* A run of digits against another, as numbers of any length: -1, 0 or 1. */
static int compare_digits(const char *a, size_t an, const char *b, size_t bn)
{
    while (an > 1 && *a == '0') {
        a++;
        an--;
    }
    while (bn > 1 && *b == '0') {
        b++;
        bn--;
    }
    if (an != bn) {
        return an < bn ? -1 : 1;
    }
    int c = memcmp(a, b, an);
    return (c > 0) - (c < 0);
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    return n > 0;
}

/* The length of the run up to the first of `stops` (or the end). */
static size_t run(const char *s, const char *stops)
{
    return strcspn(s, stops);
}

/* Pre-release identifiers (SemVer §11.4): numeric ones as numbers, before alphanumeric ones. */
static int compare_pre(const char *a, size_t an, const char *b, size_t bn)
{
    if (an == 0 || bn == 0) {
        return (an == 0) - (bn == 0);
    }
    size_t ai = 0, bi = 0;
    for (;;) {
        bool a_end = ai > an, b_end = bi > bn;
        if (a_end || b_end) {
            return a_end && b_end ? 0 : a_end ? -1 : 1;
        }
        size_t al = 0, bl = 0;
        while (ai + al < an && a[ai + al] != '.') {
            al++;
        }
        while (bi + bl < bn && b[bi + bl] != '.') {
            bl++;
        }
        bool ad = all_digits(a + ai, al), bd = all_digits(b + bi, bl);
        int c;
        if (ad && bd) {
            c = compare_digits(a + ai, al, b + bi, bl);
        } else if (ad != bd) {
            c = ad ? -1 : 1;
        } else {
            int m = memcmp(a + ai, b + bi, al < bl ? al : bl);
            c = m != 0 ? (m > 0) - (m < 0) : (al > bl) - (al < bl);
        }
        if (c != 0) {
            return c;
        }
        ai += al + 1;
        bi += bl + 1;
    }
}

int sail_semver_compare(const char *a, const char *b)
{
    for (int part = 0; part < 3; part++) {
        size_t an = run(a, ".-+"), bn = run(b, ".-+");
        int c = compare_digits(a, an, b, bn);
        if (c != 0) {
            return c;
        }
        a += an + (part < 2 ? 1 : 0);
        b += bn + (part < 2 ? 1 : 0);
    }
    size_t an = *a == '-' ? run(a + 1, "+") : 0;
    size_t bn = *b == '-' ? run(b + 1, "+") : 0;
    return compare_pre(a + 1, an, b + 1, bn);
}

static sail_err_t refuse(sail_update_verdict_t *verdict, sail_update_reason_t reason)
{
    verdict->reason = reason;
    return SAIL_OK;
}

/* The signature: present, by the trusted key, and holding over the signed bytes. */
static sail_err_t check_signature(const uint8_t *bytes, size_t size, const char *file,
                                  const sail_update_policy_t *policy, sail_update_verdict_t *verdict, sail_text_t *text,
                                  char *message, size_t message_size)
{
    uint8_t digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, policy->trusted_key, SAIL_UPDATE_KEY_BYTES);
    char trusted[sizeof verdict->key_id];
    sail_text_t id;
    sail_text_init(&id, trusted, sizeof trusted);
    add_hex(&id, digest, SAIL_SIGNATURE_KEY_ID_BYTES);

    sail_signature_t sig;
    if (sail_signature_read(&verdict->image, size, file, &sig, message, message_size) != SAIL_OK) {
        return refuse(verdict, SAIL_UPDATE_BAD_SIGNATURE);
    }
    if (!sig.present) {
        sail_text_add(text,
                      "%s: is not signed (no sail.signature section); sign it: sail ota pack %s --key <private.pem>",
                      file, file);
        return refuse(verdict, SAIL_UPDATE_UNSIGNED);
    }
    sail_text_init(&id, verdict->key_id, sizeof verdict->key_id);
    add_hex(&id, sig.key_id, SAIL_SIGNATURE_KEY_ID_BYTES);
    if (strcmp(verdict->key_id, trusted) != 0) {
        sail_text_add(text,
                      "%s: is signed by key %s, but this board trusts key %s; sign it with the board's key, or give "
                      "the board the public key that matches",
                      file, verdict->key_id, trusted);
        return refuse(verdict, SAIL_UPDATE_OTHER_KEY);
    }
    if (crypto_sign_verify_detached(sig.signature, bytes, sig.signed_length, policy->trusted_key) != 0) {
        sail_text_add(text,
                      "%s: signature does not verify: the image changed after it was signed (or was damaged on the "
                      "way); fetch it again, or sign the original build again",
                      file);
        return refuse(verdict, SAIL_UPDATE_TAMPERED);
    }
    return SAIL_OK;
}

/* The manifest's board, ABI and version against the policy. */
static sail_err_t check_manifest(const char *file, const sail_update_policy_t *policy, sail_update_verdict_t *verdict,
                                 sail_text_t *text)
{
    const sail_manifest_t *m = &verdict->image.manifest;
    if (policy->board != NULL && !sail_manifest_allows(m, policy->board)) {
        sail_text_add(text, "%s: %s %s is built for ", file, m->name, m->version);
        for (size_t i = 0; i < m->board_count; i++) {
            sail_text_add(text, "%s", i > 0 ? ", " : "");
            sail_text_add_bytes(text, (const uint8_t *)m->boards[i], m->board_lengths[i]);
        }
        sail_text_add(text, ", not %s; build it with \"%s\" in sail.json \"boards\"", policy->board, policy->board);
        return refuse(verdict, SAIL_UPDATE_WRONG_BOARD);
    }
    char *dot;
    unsigned long long major = strtoull(m->abi, &dot, 10);
    unsigned long long minor = strtoull(dot + 1, NULL, 10);
    uint32_t bmaj = policy->abi_major, bmin = policy->abi_minor;
    if (major != bmaj) {
        sail_text_add(text,
                      "%s: %s %s is built for ABI %s; this board runs ABI %" PRIu32 ".%" PRIu32
                      " and takes major %" PRIu32 " only; rebuild it with an SDK for ABI %" PRIu32 ".%" PRIu32,
                      file, m->name, m->version, m->abi, bmaj, bmin, bmaj, bmaj, bmin);
        return refuse(verdict, SAIL_UPDATE_WRONG_ABI);
    }
    if (minor > bmin) {
        sail_text_add(text,
                      "%s: %s %s needs ABI %s, newer than this board's %" PRIu32 ".%" PRIu32
                      "; update the board's runtime first, or build with an SDK for ABI %" PRIu32 ".%" PRIu32,
                      file, m->name, m->version, m->abi, bmaj, bmin, bmaj, bmin);
        return refuse(verdict, SAIL_UPDATE_WRONG_ABI);
    }
    if (policy->running != NULL && sail_semver_compare(m->version, policy->running) < 0) {
        sail_text_add(text,
                      "%s: %s %s is older than the running %s: a downgrade is refused; publish it with a version "
                      "above %s",
                      file, m->name, m->version, policy->running, policy->running);
        return refuse(verdict, SAIL_UPDATE_DOWNGRADE);
    }
    return SAIL_OK;
}

sail_err_t sail_update_check(const uint8_t *bytes, size_t size, const char *file, const sail_update_policy_t *policy,
                             sail_update_verdict_t *verdict, char *message, size_t message_size)
{
    sail_text_t text;
    sail_text_init(&text, message, message_size);
    memset(verdict, 0, sizeof *verdict);
    if (policy->running != NULL && !sail_is_semver(policy->running, strlen(policy->running))) {
        sail_text_add(&text, "the board's running version \"%s\" is not a semantic version such as 1.2.0",
                      policy->running);
        return SAIL_ERR_INVALID_ARG;
    }
    if (sodium_init() < 0) {
        sail_text_add(&text, "libsodium did not start; no update can be checked");
        return SAIL_ERR_FAIL;
    }
    if (policy->sha256 != NULL) {
        uint8_t actual[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(actual, bytes, size);
        if (memcmp(actual, policy->sha256, sizeof actual) != 0) {
            sail_text_add(&text, "%s: SHA-256 is ", file);
            add_hex(&text, actual, sizeof actual);
            sail_text_add(&text, ", not the announced ");
            add_hex(&text, policy->sha256, sizeof actual);
            sail_text_add(&text, ": the image was damaged or replaced on the way; fetch it again");
            return refuse(verdict, SAIL_UPDATE_SHA_MISMATCH);
        }
    }
    sail_bytes_t manifest;
    uint32_t manifests;
    char problem[512];
    if (sail_image_walk(bytes, size, file, &verdict->image, &manifest, &manifests, problem, sizeof problem) !=
        SAIL_OK) {
        size_t skip = strlen(file) + 2;
        sail_text_add(&text,
                      "%s: is not a valid WebAssembly image (%s); send the .wasm that `sail build` wrote, signed by "
                      "`sail ota pack`",
                      file, strlen(problem) >= skip ? problem + skip : problem);
        return refuse(verdict, SAIL_UPDATE_NOT_WASM);
    }
    if (policy->trusted_key == NULL) {
        sail_text_add(&text,
                      "%s: refused: no trusted key: give the board one (the .pub.pem from `sail ota keygen`) before "
                      "updating it over the air",
                      file);
        return refuse(verdict, SAIL_UPDATE_NO_TRUSTED_KEY);
    }
    sail_err_t st = check_signature(bytes, size, file, policy, verdict, &text, message, message_size);
    if (st != SAIL_OK || verdict->reason != SAIL_UPDATE_ACCEPTED) {
        return st;
    }
    if (manifests == 0) {
        sail_text_add(&text,
                      "%s: has no sail.manifest section, so the board cannot tell what it is; build it with `sail "
                      "build` before signing",
                      file);
        return refuse(verdict, SAIL_UPDATE_NO_MANIFEST);
    }
    if (manifests > 1) {
        sail_text_add(&text,
                      "%s: has %" PRIu32 " sail.manifest sections; an image carries one; build it with `sail build`",
                      file, manifests);
        return refuse(verdict, SAIL_UPDATE_NO_MANIFEST);
    }
    sail_text_t parse;
    sail_text_init(&parse, problem, sizeof problem);
    if (sail_manifest_parse(manifest.data, manifest.size, file, &verdict->image.manifest, &parse) != SAIL_OK) {
        /* The emulator's check names the image alone, without the loader's " (sail.manifest)". */
        size_t named = strncmp(problem, file, strlen(file)) == 0 ? strlen(file) : 0;
        const char *rest = problem + named;
        const char *section = " (sail.manifest): ";
        if (strncmp(rest, section, strlen(section)) == 0) {
            rest += strlen(section);
        } else if (strncmp(rest, ": ", 2) == 0) {
            rest += 2;
        }
        sail_text_add(&text, "%s: %s; build it with `sail build`", file, rest);
        return refuse(verdict, SAIL_UPDATE_NO_MANIFEST);
    }
    verdict->image.has_manifest = true;
    return check_manifest(file, policy, verdict, &text);
}
