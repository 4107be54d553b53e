// The running image's OTA state: an image booted on trial after an update
// must confirm itself, or the board rolls back to the previous one.

import { ota_confirm, ota_reject, ota_state } from "./bindings";
import { OtaState } from "./abi";

export { OtaState };

export namespace ota {
  /** OtaState.PENDING_VERIFY (on trial), .VALID, or .UNDEFINED (flashed directly). */
  export function state(): i32 { return ota_state(); }
  /** True while this image is on trial and must confirm. */
  export function onTrial(): bool { return ota_state() == OtaState.PENDING_VERIFY; }
  /** Marks this image valid: no rollback. */
  export function confirm(): i32 { return ota_confirm(); }
  /** Marks this image invalid and resets into the previous one; does not return. */
  export function reject(): void { ota_reject(); }
}
