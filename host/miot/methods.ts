// The MIoT JSON methods (docs/reference/miot-protocol.md §4): miIO.info,
// get_properties, set_properties and action. Every item is checked against
// the spec (exists, access, format, range) and answered with its per-item
// code before the device is asked; the device (the firmware, through the
// board) is the source of truth for values.

import type { MethodHandler, RpcOutcome } from "./device-session.js";
import { checkValue, findAction, findProperty, MIOT_CODE, type Spec, type SpecProperty } from "./spec.js";

/** What the device behind the protocol provides. */
export interface MiotDevice {
  /** miIO.info fields (model, fw_ver, mac, life ...); never the token. */
  info(): Readonly<Record<string, unknown>>;
  get(siid: number, piid: number): { readonly code: number; readonly value?: unknown };
  set(siid: number, piid: number, value: unknown): number;
  action(
    siid: number,
    aiid: number,
    input: readonly unknown[],
  ): { readonly code: number; readonly out: readonly unknown[] };
  /** miIO.ota, miIO.get_ota_progress, miIO.get_ota_state; absent: the methods are unknown. */
  ota?(method: "miIO.ota" | "miIO.get_ota_progress" | "miIO.get_ota_state", params: unknown): RpcOutcome;
}

const PARAMS_ERROR = (what: string): RpcOutcome => ({ error: { code: -5005, message: `params error: ${what}` } });

type Item = Readonly<Record<string, unknown>>;

function isItem(x: unknown): x is Item {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function iid(x: unknown): number | null {
  return typeof x === "number" && Number.isInteger(x) && x > 0 ? x : null;
}

export function miotMethods(spec: Spec, device: MiotDevice): MethodHandler {
  /** The property an item names, with the fields to echo; or the item's answer when there is none. */
  type Lookup =
    | { readonly head: Item; readonly siid: number; readonly piid: number; readonly prop: SpecProperty }
    | { readonly answer: Item };
  const lookup = (item: unknown): Lookup => {
    if (!isItem(item)) return { answer: { code: MIOT_CODE.NOT_FOUND } };
    const head = { did: item["did"], siid: item["siid"], piid: item["piid"] };
    const siid = iid(item["siid"]);
    const piid = iid(item["piid"]);
    const prop = siid === null || piid === null ? null : findProperty(spec, siid, piid);
    return prop === null || siid === null || piid === null
      ? { answer: { ...head, code: MIOT_CODE.NOT_FOUND } }
      : { head, siid, piid, prop };
  };

  const getOne = (item: unknown): Item => {
    const found = lookup(item);
    if ("answer" in found) return found.answer;
    const { head, siid, piid, prop } = found;
    if (!prop.access.includes("read")) return { ...head, code: MIOT_CODE.NOT_READABLE };
    const got = device.get(siid, piid);
    return got.code === MIOT_CODE.OK ? { ...head, code: 0, value: got.value } : { ...head, code: got.code };
  };

  const setOne = (item: unknown): Item => {
    const found = lookup(item);
    if ("answer" in found) return found.answer;
    const { head, siid, piid, prop } = found;
    if (!prop.access.includes("write")) return { ...head, code: MIOT_CODE.NOT_WRITABLE };
    const value = (item as Item)["value"];
    if (!checkValue(prop, value)) return { ...head, code: MIOT_CODE.VALUE_ERROR };
    return { ...head, code: device.set(siid, piid, value) };
  };

  const action = (params: unknown): RpcOutcome => {
    if (!isItem(params)) return PARAMS_ERROR("action takes {did, siid, aiid, in}");
    const s = iid(params["siid"]);
    const a = iid(params["aiid"]);
    const act = s === null || a === null ? null : findAction(spec, s, a);
    if (act === null || s === null || a === null) return { result: { code: MIOT_CODE.NOT_FOUND, out: [] } };
    const given = params["in"] ?? [];
    if (!Array.isArray(given) || given.length !== act.in.length)
      return { result: { code: MIOT_CODE.ACTION_IN_ERROR, out: [] } };
    // `in` arrives as plain values in order, or as [{piid, value}] (both seen in clients).
    const values = given.map((v: unknown) => (isItem(v) && "value" in v ? v["value"] : v));
    const ok = act.in.every((piid, i) => {
      const prop = findProperty(spec, s, piid);
      return prop !== null && checkValue(prop, values[i]);
    });
    if (!ok) return { result: { code: MIOT_CODE.ACTION_IN_ERROR, out: [] } };
    const done = device.action(s, a, values);
    return { result: { code: done.code, out: done.out } };
  };

  return (method, params) => {
    switch (method) {
      case "miIO.info":
        return { result: device.info() }; // params ignored: some clients send an object
      case "get_properties":
        return Array.isArray(params)
          ? { result: params.map(getOne) }
          : PARAMS_ERROR("get_properties takes [{did, siid, piid}, ...]");
      case "set_properties":
        return Array.isArray(params)
          ? { result: params.map(setOne) }
          : PARAMS_ERROR("set_properties takes [{did, siid, piid, value}, ...]");
      case "action":
        return action(params);
      case "miIO.ota":
      case "miIO.get_ota_progress":
      case "miIO.get_ota_state":
        return device.ota?.(method, params) ?? null;
      default:
        return null;
    }
  };
}
