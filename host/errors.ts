// The SDK's error tree: one root, a few classes users catch. Messages say what
// was wrong, where (file, field, function, pin) and what is allowed. The
// classes are defined here, where a reader looks for them; their modules
// re-export them, so either import works and `instanceof` sees one class.
//
//   SailError                 anything the SDK refuses
//   ├─ ProfileError           a board profile that cannot be used (file, field)
//   ├─ ImageError             a firmware image the board refuses to flash (file)
//   ├─ BuildError             AssemblyScript sources that do not build
//   ├─ TimeoutError           a wait in virtual time that ran out
//   │  └─ MiioTimeoutError    no miIO reply within all tries (address, method)
//   ├─ SpecError              a MIoT spec that cannot be used (file, JSON path)
//   ├─ MiioRpcError           a device's miIO `error` reply (code, method)
//   ├─ MiioDropError          a datagram the device drops silently (reason)
//   ├─ OtaError               an update the board refused or could not complete (reason)
//   ├─ OtaDataError           an otadata partition that cannot be used
//   ├─ SlotError              an OTA slot write that cannot go on
//   ├─ KeyError               a signing key that cannot be used
//   ├─ FlashError             a flash operation out of range or misaligned
//   ├─ KvError                a refused key-value operation (status)
//   ├─ AutomationError        a home rule that cannot run
//   ├─ MiotCodeError          test API: the device answered a MIoT error code
//   │                         (host/testing/miot.ts, beside the code names it quotes)
//   └─ NotImplementedError    test API: a board logged "not implemented"
//                             (host/testing/not-implemented.ts, beside the log format it quotes)
//
// Outside the root, not refusals:
//   PowerCut                  a simulated power cut striking a flash operation (step)
//
// Internal, never reaching a user as they are: FirmwareStop and its subclasses
// FirmwareFault, RestartRequest, DeepSleepRequest and WatchdogBite
// (host/firmware/faults.ts) unwind the firmware and become a reset in
// `board.resets`; WasmFormatError (host/wasm/binary.ts) becomes an ImageError.
//
// This file imports types only, and only from the ABI table, so every module can
// import it without a cycle (it sits in the lowest layer, docs/architecture.md):
// a class whose message needs another module's code stays beside that module.

import type { StatusName } from "./abi/table.js";

/** Why the miIO codec (host/miot/codec.ts) drops a datagram without answering. */
export type DropReason =
  "too-long" | "bad-magic" | "bad-length" | "not-block-aligned" | "bad-checksum" | "bad-padding" | "bad-json";

/** Why an update was refused; each has its own message naming the image and the fix. */
export type RefusalReason =
  | "no-trusted-key"
  | "not-wasm"
  | "unsigned"
  | "bad-signature"
  | "other-key"
  | "tampered"
  | "no-manifest"
  | "wrong-board"
  | "wrong-abi"
  | "downgrade"
  | "on-trial"
  | "busy"
  | "too-large"
  | "sha-mismatch"
  | "download";

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

// --- MIoT ----------------------------------------------------------------------

/** A spec that cannot be used: names the file, the JSON path and what is allowed. */
export class SpecError extends SailError {
  override name = "SpecError";
  constructor(
    readonly file: string,
    readonly jsonPath: string,
    problem: string,
  ) {
    super(`${file}: ${jsonPath}: ${problem}`);
  }
}

/** A device's `error` reply (§4): `code` is the device's, e.g. -32601. */
export class MiioRpcError extends SailError {
  override name = "MiioRpcError";
  constructor(
    readonly code: number,
    readonly method: string,
    readonly deviceMessage: string,
  ) {
    super(`miIO ${method} failed on the device: ${deviceMessage} (code ${code})`);
  }
}

/** No reply within all tries. */
export class MiioTimeoutError extends TimeoutError {
  override name = "MiioTimeoutError";
  constructor(
    readonly address: string,
    readonly method: string,
    tries: number,
    timeoutMs: number,
  ) {
    super(
      `miIO ${method} to ${address}: no reply after ${tries} ${tries === 1 ? "try" : "tries"} of ${timeoutMs} ms each`,
    );
  }
}

/** A datagram Sail drops silently (Sail's policy); `reason` is what the drop counters count. */
export class MiioDropError extends SailError {
  override name = "MiioDropError";
  constructor(
    readonly reason: DropReason,
    detail: string,
  ) {
    super(`miIO datagram dropped (${reason}): ${detail}`);
  }
}

// --- OTA -----------------------------------------------------------------------

/** An update the board refused, or that could not be completed. */
export class OtaError extends SailError {
  override name = "OtaError";
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/** An otadata partition or entry that cannot be read or written. */
export class OtaDataError extends SailError {
  override name = "OtaDataError";
}

/** A slot write that cannot go on (too large, out of order, read back wrong). */
export class SlotError extends SailError {
  override name = "SlotError";
}

/** A signing key that cannot be used: names the file and what is expected. */
export class KeyError extends SailError {
  override name = "KeyError";
}

// --- flash and storage ---------------------------------------------------------

/** A flash operation or flash image file that cannot be used: out of range, misaligned, the wrong size. */
export class FlashError extends SailError {
  override name = "FlashError";
}

/** Thrown by a flash operation when an armed power cut strikes. */
export class PowerCut extends Error {
  override name = "PowerCut";
  constructor(readonly step: number) {
    super(`power cut at flash step ${step}`);
  }
}

/** A refused key-value operation; `status` is what the kv_* import returns. */
export class KvError extends SailError {
  override name = "KvError";
  constructor(
    readonly status: StatusName,
    message: string,
  ) {
    super(message);
  }
}

// --- home ----------------------------------------------------------------------

/** A rule that cannot run: names the rule, the device, the iid and what exists. */
export class AutomationError extends SailError {
  override name = "AutomationError";
}
