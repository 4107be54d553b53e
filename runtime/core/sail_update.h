/* What a board checks before it takes an update, the C twin of
 * host/ota/checks.ts (docs/decisions.md D1 and D2): the SHA-256 the update
 * was announced with, a valid wasm, an Ed25519 signature by the key the
 * board trusts over every byte before the `sail.signature` section, a
 * manifest for this board, the ABI's major and a minor no newer than the
 * runtime's, and a version not older than the running image's. A refusal
 * carries the emulator's reason (its RefusalReason string) and its message,
 * word for word. SHA-256 and Ed25519 are libsodium's, on the host and on the
 * chip alike. */
#ifndef SAIL_UPDATE_H
#define SAIL_UPDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sail_err.h"
#include "sail_image.h"

#define SAIL_UPDATE_KEY_BYTES 32
#define SAIL_UPDATE_SHA256_BYTES 32

/* The emulator's RefusalReason values an update check can give. */
typedef enum {
    SAIL_UPDATE_ACCEPTED = 0,
    SAIL_UPDATE_SHA_MISMATCH,
    SAIL_UPDATE_NOT_WASM,
    SAIL_UPDATE_NO_TRUSTED_KEY,
    SAIL_UPDATE_BAD_SIGNATURE,
    SAIL_UPDATE_UNSIGNED,
    SAIL_UPDATE_OTHER_KEY,
    SAIL_UPDATE_TAMPERED,
    SAIL_UPDATE_NO_MANIFEST,
    SAIL_UPDATE_WRONG_BOARD,
    SAIL_UPDATE_WRONG_ABI,
    SAIL_UPDATE_DOWNGRADE,
} sail_update_reason_t;

typedef struct {
    /* The raw Ed25519 public key the board trusts; NULL: every update is refused. */
    const uint8_t *trusted_key;
    /* The board profile id the manifest must list (none listed means any); NULL: not checked. */
    const char *board;
    /* The ABI the runtime implements. */
    uint32_t abi_major;
    uint32_t abi_minor;
    /* The running image's semver; NULL: not checked. */
    const char *running;
    /* The SHA-256 the update was announced with (miIO.ota's file_sha256); NULL: none. */
    const uint8_t *sha256;
} sail_update_policy_t;

typedef struct {
    sail_update_reason_t reason;
    /* The accepted image's walk and manifest. */
    sail_image_t image;
    /* The signing key's id, 16 hex digits, when the signature was read. */
    char key_id[2 * 8 + 1];
} sail_update_verdict_t;

/* Checks an update; `file` names it in the message ("<file>: <problem>").
 * Returns SAIL_OK when the check ran (accepted or refused: see
 * verdict->reason), SAIL_ERR_INVALID_ARG for a policy the board got wrong
 * (a running version that is not semver). Nothing is allocated. */
sail_err_t sail_update_check(const uint8_t *bytes, size_t size, const char *file, const sail_update_policy_t *policy,
                             sail_update_verdict_t *verdict, char *message, size_t message_size);

/* The reason as the emulator spells it ("tampered", "wrong-abi", ...); "accepted" for none. */
const char *sail_update_reason_name(sail_update_reason_t reason);

/* -1, 0 or 1 as semver a is lower than, equal to or higher than b (SemVer 2.0.0 §11;
 * build metadata ignored). Both must satisfy sail_is_semver. */
int sail_semver_compare(const char *a, const char *b);

#endif /* SAIL_UPDATE_H */
