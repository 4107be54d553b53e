// Wi-Fi station events (like ESP-IDF's WIFI_EVENT_STA_CONNECTED and
// _DISCONNECTED, and an RSSI threshold): the board connects by itself after
// boot; `wifi.onChange` calls your function when the link comes or goes or
// the signal moves by 5 dB or more. A plain function reference: no closures.

import { EventKind, Status, WifiEvent } from "./abi";
import { setKindHandler } from "./events";

export { WifiEvent, WifiReason } from "./abi";

/** Called with WifiEvent.CONNECTED (value: RSSI dBm), DISCONNECTED (value: WifiReason) or RSSI (value: dBm). */
export type WifiCallback = (event: i32, value: i32) => void;

export namespace wifi {
  let up = false;
  let signal: i32 = 0;
  let reason: i32 = 0;
  let callback: u32 = 0;

  /** Whether the station is connected. */
  export function connected(): bool { return up; }
  /** The last RSSI heard, dBm (0 before the first connection). */
  export function rssi(): i32 { return signal; }
  /** Why the last disconnection happened (WifiReason), 0 if none yet. */
  export function lastReason(): i32 { return reason; }

  /** Calls `cb` on every Wi-Fi event. */
  export function onChange(cb: WifiCallback): void {
    callback = changetype<u32>(cb);
    setKindHandler(EventKind.WIFI, onWifi);
  }

  /** @internal */
  export function track(): void { setKindHandler(EventKind.WIFI, onWifi); }

  function onWifi(id: i32, a: i64, b: i64): i32 {
    const value = <i32>a;
    if (id == WifiEvent.CONNECTED) { up = true; signal = value; }
    else if (id == WifiEvent.DISCONNECTED) { up = false; reason = value; }
    else if (id == WifiEvent.RSSI) signal = value;
    else return Status.ERR_NOT_FOUND;
    if (callback != 0) changetype<WifiCallback>(callback)(id, value);
    return Status.OK;
  }
}
