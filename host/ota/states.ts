// The values ota_state returns (ESP-IDF esp_ota_img_states_t, plus -1 for an
// image flashed directly, not by OTA), from the ABI table's constants.

import { ABI_CONSTANTS } from "../abi/table.js";

function otaState(name: string): number {
  const c = ABI_CONSTANTS.find((x) => x.group === "OTA_STATE" && x.name === name);
  if (c === undefined) throw new Error(`OTA_STATE.${name} is missing from the ABI table`);
  return c.value;
}

export const OTA_STATE_UNDEFINED = otaState("UNDEFINED");
export const OTA_STATE_PENDING = otaState("PENDING_VERIFY");
export const OTA_STATE_VALID = otaState("VALID");

export type OtaStateName = "UNDEFINED" | "PENDING_VERIFY" | "VALID";
export const OTA_STATE_NAMES: ReadonlyMap<number, OtaStateName> = new Map([
  [OTA_STATE_UNDEFINED, "UNDEFINED"],
  [OTA_STATE_PENDING, "PENDING_VERIFY"],
  [OTA_STATE_VALID, "VALID"],
]);
