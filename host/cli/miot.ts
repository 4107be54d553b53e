// `sail miot`: a miIO client on the command line (like miiocli): info, get,
// set, action, any raw method, and OTA delivery, against a real device or an
// emulated board serving UDP.

import { MiioClient, MiioRpcError } from "../miot/client.js";
import { decodeJson, encodeJson, MIIO_PORT, parseToken } from "../miot/codec.js";
import { realTimers } from "../miot/transport.js";
import { udpTransport } from "../miot/client-udp.js";
import { MIOT_CODE } from "../miot/spec.js";
import { note } from "./format.js";
import { deliverUpdate } from "./miot-ota.js";
import { runDiscover, runProvision } from "./miot-setup.js";
import type { Command } from "./main.js";

const CODE_MEANING: Readonly<Record<number, string>> = {
  [MIOT_CODE.NOT_READABLE]: "not readable",
  [MIOT_CODE.NOT_WRITABLE]: "not writable",
  [MIOT_CODE.NOT_FOUND]: "no such property or action",
  [MIOT_CODE.INTERNAL]: "device error",
  [MIOT_CODE.VALUE_ERROR]: "value refused",
  [MIOT_CODE.ACTION_IN_ERROR]: "action input refused",
  [MIOT_CODE.DID_ERROR]: "wrong did",
};

/** "2.1" → {siid: 2, piid: 1} */
function parseIid(text: string): { siid: number; iid: number } {
  const m = /^(\d+)\.(\d+)$/.exec(text);
  if (m === null) throw new UsageError(`"${text}" is not siid.piid (for example 2.1)`);
  return { siid: Number(m[1]), iid: Number(m[2]) };
}

/** Command-line values: true/false, numbers (int64 exactly), JSON, else a string. */
function parseValue(text: string): unknown {
  try {
    return decodeJson(new TextEncoder().encode(text));
  } catch {
    return text;
  }
}

/** JSON text of a value from the device; integers past 2^53 stay exact (then unindented). */
function show(value: unknown, indent = 0): string {
  try {
    return JSON.stringify(value, null, indent);
  } catch {
    return new TextDecoder().decode(encodeJson(value)); // it holds a bigint
  }
}

class UsageError extends Error {}

const describeCode = (code: number): string =>
  code === 0 ? "ok" : `error ${code} (${CODE_MEANING[code] ?? "unknown"})`;

export const miotCommand: Command = {
  summary:
    "talk miIO to a device: info | get 2.1 2.2 | set 2.1 true | " +
    "action 2.1 [args] | call <method> [json] | ota <signed.wasm> | discover | provision",
  usage:
    "sail miot --host <ip> --token <32 hex> [--port 54321] info | get <siid.piid>... | set <siid.piid> " +
    "<value> | action <siid.aiid> [args...] | call <method> [params-json] | ota <signed.wasm> [--serve <ip>]\n" +
    "       sail miot discover [--broadcast <ip>] [--port n] [--interface <ip>] [--timeout ms]\n" +
    "       sail miot provision --ssid <name> --passwd <password> [--uid n] [--host 192.168.4.1] [--token hex]",
  options: {
    host: { type: "string", value: "ip", description: "device address (default 127.0.0.1)" },
    port: { type: "string", value: "n", description: `UDP port (default ${MIIO_PORT})` },
    token: {
      type: "string",
      value: "hex",
      description: "the device token, 32 hex digits (sail run / npm start print it)",
    },
    timeout: {
      type: "string",
      value: "ms",
      description: "per-try timeout (default 2000; 3 retries); discover: how long to listen (default 3000)",
    },
    broadcast: {
      type: "string",
      value: "ip",
      description: "discover: where the hello goes (default 255.255.255.255; 127.255.255.255 stays on loopback)",
    },
    interface: {
      type: "string",
      value: "ip",
      description: "discover: the interface mDNS browses on (default every one; 127.0.0.1 for loopback)",
    },
    ssid: { type: "string", value: "name", description: "provision: the home network's name" },
    passwd: { type: "string", value: "password", description: "provision: the home network's password" },
    uid: { type: "string", value: "n", description: "provision: the account id to bind the device to (default 0)" },
    serve: {
      type: "string",
      value: "ip",
      description: "ota: the address to serve the image from, one the device can reach (default 127.0.0.1)",
    },
  },
  async run(values, positionals) {
    const [verb, ...args] = positionals;
    if (verb === "discover") return runDiscover(values, args);
    if (verb === "provision") return runProvision(values, args);
    const tokenHex = values["token"];
    if (verb === undefined || typeof tokenHex !== "string") {
      note(
        "sail miot: give --token and a command: info | get 2.1 | set " +
          "2.1 true | action 2.1 | call miIO.info | ota app.signed.wasm",
      );
      return 2;
    }
    const host = typeof values["host"] === "string" ? values["host"] : "127.0.0.1";
    const port = typeof values["port"] === "string" ? Number(values["port"]) : MIIO_PORT;
    const transport = await udpTransport();
    const client = new MiioClient(transport, realTimers, {
      address: `${host}:${port}`,
      token: parseToken(tokenHex),
      ...(typeof values["timeout"] === "string" ? { timeoutMs: Number(values["timeout"]) } : {}),
    });
    try {
      switch (verb) {
        case "info":
          console.log(show(await client.info(), 2));
          return 0;
        case "get": {
          if (args.length === 0) throw new UsageError("get which properties? e.g. get 2.1 2.2");
          const items = args.map(parseIid).map(({ siid, iid }) => ({ siid, piid: iid }));
          for (const r of await client.getProperties(items)) {
            console.log(
              r.code === 0 ? `${r.siid}.${r.piid} = ${show(r.value)}` : `${r.siid}.${r.piid}: ${describeCode(r.code)}`,
            );
          }
          return 0;
        }
        case "set": {
          const [target, value] = args;
          if (target === undefined || value === undefined)
            throw new UsageError("set needs a property and a value, e.g. set 2.1 true");
          const { siid, iid } = parseIid(target);
          const [r] = await client.setProperties([{ siid, piid: iid, value: parseValue(value) }]);
          console.log(`${siid}.${iid} ← ${value}: ${describeCode(r?.code ?? MIOT_CODE.INTERNAL)}`);
          return r?.code === 0 ? 0 : 1;
        }
        case "action": {
          const [target, ...input] = args;
          if (target === undefined) throw new UsageError("action needs siid.aiid, e.g. action 2.1");
          const { siid, iid } = parseIid(target);
          const r = await client.action(siid, iid, input.map(parseValue));
          console.log(
            `action ${siid}.${iid}: ${describeCode(r.code)}${r.out && r.out.length > 0 ? ` out ${show(r.out)}` : ""}`,
          );
          return r.code === 0 || r.code === 1 ? 0 : 1;
        }
        case "call": {
          const [method, params] = args;
          if (method === undefined || args.length > 2)
            throw new UsageError(
              "call needs a method and at most one JSON params value, e.g. call miIO.info or call " +
                'get_properties \'[{"siid":2,"piid":1}]\'',
            );
          console.log(show(await client.call(method, params === undefined ? [] : parseValue(params)), 2));
          return 0;
        }
        case "ota": {
          const [image, ...extra] = args;
          if (image === undefined || extra.length > 0)
            throw new UsageError("ota needs one signed image (sail ota pack makes it), e.g. ota build/app.signed.wasm");
          return await deliverUpdate({
            client,
            image,
            serveHost: typeof values["serve"] === "string" ? values["serve"] : "127.0.0.1",
          });
        }
        default:
          throw new UsageError(`unknown miot command "${verb}"; use info, get, set, action, call or ota`);
      }
    } catch (e) {
      if (e instanceof UsageError) {
        note(`sail miot: ${e.message}`);
        return 2;
      }
      if (e instanceof MiioRpcError) {
        note(`sail miot: the device answered error ${e.code}: ${e.deviceMessage}`);
        return 1;
      }
      throw e;
    } finally {
      client.close();
    }
  },
};
