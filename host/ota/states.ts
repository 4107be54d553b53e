// The values ota_state returns (ESP-IDF esp_ota_img_states_t, plus -1 for an
// image flashed directly, not by OTA), from the ABI table's constants.

import { OTA_STATE } from "../abi/table.js";

export const OTA_STATE_UNDEFINED: number = OTA_STATE.UNDEFINED;
export const OTA_STATE_PENDING: number = OTA_STATE.PENDING_VERIFY;
export const OTA_STATE_VALID: number = OTA_STATE.VALID;

export type OtaStateName = "UNDEFINED" | "PENDING_VERIFY" | "VALID";
export const OTA_STATE_NAMES: ReadonlyMap<number, OtaStateName> = new Map([
  [OTA_STATE_UNDEFINED, "UNDEFINED"],
  [OTA_STATE_PENDING, "PENDING_VERIFY"],
  [OTA_STATE_VALID, "VALID"],
]);
