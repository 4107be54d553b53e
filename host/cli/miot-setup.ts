// `sail miot discover` and `sail miot provision`: finding devices (a broadcast hello and
// an mDNS browse, merged by did) and giving a new one its home network's credentials.

import { udpTransport } from "../miot/client-udp.js";
import { MIIO_PORT, parseToken } from "../miot/codec.js";
import { discoverDevices } from "../miot/discover.js";
import { provisionDevice } from "../miot/provision-client.js";
import { realTimers } from "../miot/transport.js";
import { SailError } from "../errors.js";
import { note } from "./format.js";

type Values = Readonly<Record<string, string | boolean | undefined>>;

const text = (values: Values, name: string): string | undefined =>
  typeof values[name] === "string" ? values[name] : undefined;

function whole(values: Values, name: string, fallback: number, max: number): number {
  const given = text(values, name);
  if (given === undefined) return fallback;
  if (!/^\d+$/.test(given) || Number(given) > max)
    throw new SailError(`sail miot: --${name} ${given}: give a whole number from 0 to ${max}`);
  return Number(given);
}

export async function runDiscover(values: Values, args: readonly string[]): Promise<number> {
  if (args.length > 0) {
    note(`sail miot discover takes no arguments; got ${args.join(" ")}`);
    return 2;
  }
  const timeoutMs = whole(values, "timeout", 3000, 600_000);
  const found = await discoverDevices({
    broadcast: text(values, "broadcast") ?? "255.255.255.255",
    port: whole(values, "port", MIIO_PORT, 65535),
    timeoutMs,
    mdnsHost: text(values, "interface") ?? "0.0.0.0",
  });
  if (found.length === 0) {
    note(`no miIO device answered in ${timeoutMs} ms (a broadcast hello and an mDNS browse of _miio._udp)`);
    return 1;
  }
  for (const d of found) {
    const parts = [
      `did ${d.did}`,
      d.address,
      d.model ?? "model ?",
      ...(d.mac === null ? [] : [`mac ${d.mac}`]),
      ...(d.token === null ? [] : [`token ${d.token} (in its setup network)`]),
      `via ${[...d.via].sort().join("+")}`,
      `${d.firstMs.toFixed(0)} ms`,
    ];
    console.log(parts.join("  "));
  }
  return 0;
}

export async function runProvision(values: Values, args: readonly string[]): Promise<number> {
  const ssid = text(values, "ssid");
  const passwd = text(values, "passwd");
  if (args.length > 0 || ssid === undefined || passwd === undefined) {
    note(
      "sail miot provision: join the device's setup network (<model>_miap<xxxx>), then give --ssid and " +
        "--passwd of the home network, e.g. sail miot provision --ssid home --passwd 'secret123'",
    );
    return 2;
  }
  const host = text(values, "host") ?? "192.168.4.1";
  const port = whole(values, "port", MIIO_PORT, 65535);
  const uid = text(values, "uid") ?? "0";
  if (!/^\d+$/.test(uid)) throw new SailError(`sail miot provision: --uid ${uid}: give the account id, digits only`);
  const tokenHex = text(values, "token");
  const transport = await udpTransport();
  const done = await provisionDevice(transport, realTimers, {
    address: `${host}:${port}`,
    ssid,
    passwd,
    uid: Number.isSafeInteger(Number(uid)) ? Number(uid) : uid,
    ...(tokenHex === undefined ? {} : { token: parseToken(tokenHex) }),
    ...(text(values, "timeout") === undefined ? {} : { timeoutMs: whole(values, "timeout", 2000, 600_000) }),
  });
  console.log(
    `did ${done.did} took the credentials for "${ssid}" (${JSON.stringify(done.result)}); ` +
      `its token is ${Buffer.from(done.token).toString("hex")}: keep it, it leaves the setup network now`,
  );
  return 0;
}
