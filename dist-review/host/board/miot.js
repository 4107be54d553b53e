// A board's MIoT side (ABI 1.1): the protocol's requests become MIOT_GET /
// MIOT_SET / MIOT_ACTION events into the firmware, which stays the source of
// truth; values it answers with, and changes and events it raises, are
// checked against the image's spec and pushed to subscribers.
import { EVENT_KIND, STATUS } from "../abi/table.js";
import { FirmwareFault } from "./faults.js";
import { DeviceSession } from "../miot/device-session.js";
import { miotMethods } from "../miot/methods.js";
import { serveUdp } from "../miot/udp.js";
import { checkValue, findAction, findEvent, findProperty, MIOT_CODE } from "../miot/spec.js";
const VALUE_KIND = { INT: 0n, FLOAT: 1n, STRING: 2n };
/** The codes a firmware may answer with; any other status becomes -4004. */
const MIOT_CODES = new Set(Object.values(MIOT_CODE));
export class BoardMiot {
    identity;
    host;
    /** One session for the board's life: attachments and caches survive resets and reflashing. */
    session;
    #spec;
    #handle;
    /** Values the firmware gave with miot_reply_* for the request being handled. */
    #replies = [];
    #args = [];
    #pushes = [];
    constructor(spec, identity, host) {
        this.identity = identity;
        this.host = host;
        this.#spec = spec;
        this.#handle = miotMethods(spec, this);
        this.session = new DeviceSession({ did: identity.did, token: identity.token, nowUs: host.clockUs, handle: (m, p, f) => this.#handle(m, p, f) });
    }
    get spec() {
        return this.#spec;
    }
    /** A newly flashed image: its spec (null: it speaks no MIoT, every method is unknown). */
    load(spec) {
        if (spec !== null)
            this.#spec = spec;
        this.#handle = spec === null ? () => null : miotMethods(spec, this);
    }
    /** Where pushes go: the UDP endpoint, the virtual LAN ... */
    onPush(push) {
        this.#pushes.push(push);
    }
    /** Puts the device on a virtual LAN at `address` (e.g. "10.0.0.2:54321"). */
    attach(lan, address) {
        lan.attachDevice(this.session, address);
        this.onPush((method, params) => lan.push(this.session, address, method, params));
    }
    /** Serves miIO over real UDP; port 0 picks a free one. */
    async serveUdp(host = "127.0.0.1", port = 54321) {
        const endpoint = await serveUdp(this.session, host, port);
        this.onPush((method, params) => endpoint.push(method, params));
        return endpoint;
    }
    // --- MiotDevice: requests from the protocol --------------------------------
    info() {
        return this.host.info();
    }
    get(siid, piid) {
        const prop = findProperty(this.#spec, siid, piid);
        const { code, replies } = this.#request(EVENT_KIND.MIOT_GET, key(siid, piid), 0n, 0n, `MIOT_GET ${siid}.${piid}`);
        if (code !== MIOT_CODE.OK)
            return { code };
        const value = replies.length === 1 ? asFormat(prop, replies[0]) : undefined;
        return value === undefined || !checkValue(prop, value) ? { code: MIOT_CODE.INTERNAL } : { code: 0, value };
    }
    set(siid, piid, value) {
        const prop = findProperty(this.#spec, siid, piid);
        let a;
        let kind = VALUE_KIND.INT;
        if (prop.format === "string") {
            const bytes = new TextEncoder().encode(String(value));
            if (!this.host.writeBuffer(bytes))
                return MIOT_CODE.INTERNAL;
            a = BigInt(bytes.length);
            kind = VALUE_KIND.STRING;
        }
        else if (prop.format === "float") {
            a = floatBits(Number(value));
            kind = VALUE_KIND.FLOAT;
        }
        else {
            a = typeof value === "boolean" ? (value ? 1n : 0n) : BigInt(value);
        }
        return this.#request(EVENT_KIND.MIOT_SET, key(siid, piid), a, kind, `MIOT_SET ${siid}.${piid}`).code;
    }
    action(siid, aiid, input) {
        const act = findAction(this.#spec, siid, aiid);
        this.#args = input;
        const { code, replies } = this.#request(EVENT_KIND.MIOT_ACTION, key(siid, aiid), BigInt(input.length), 0n, `MIOT_ACTION ${siid}.${aiid}`);
        this.#args = [];
        if (code !== MIOT_CODE.OK && code !== MIOT_CODE.ACCEPTED)
            return { code, out: [] };
        const out = this.#values(siid, act.out, replies);
        return out === null ? { code: MIOT_CODE.INTERNAL, out: [] } : { code, out };
    }
    /**
     * One request into the firmware. Returns its MIoT code (anything that is not
     * one, or a fault, is -4004) and the values it gave; the reply list is
     * emptied either way, so nothing leaks into a later event.
     */
    #request(kind, id, a, b, during) {
        this.#replies = [];
        const status = this.host.call(kind, id, a, b, during);
        const replies = this.#replies;
        this.#replies = [];
        return { code: status !== null && MIOT_CODES.has(status) ? status : MIOT_CODE.INTERNAL, replies };
    }
    /** Raw firmware values for the piids `piids` of service `siid`, as JSON values; null if any is wrong. */
    #values(siid, piids, raw) {
        if (raw.length !== piids.length)
            return null;
        const out = [];
        for (let i = 0; i < piids.length; i++) {
            const prop = findProperty(this.#spec, siid, piids[i]);
            const value = asFormat(prop, raw[i]);
            if (value === undefined || !checkValue(prop, value))
                return null;
            out.push(value);
        }
        return out;
    }
    // --- host functions: the firmware's side ------------------------------------
    reply(value) {
        this.#replies.push(value);
    }
    arg(index, call) {
        if (index < 0 || index >= this.#args.length) {
            throw new FirmwareFault(call, `input ${index} does not exist; the action being handled has ${this.#args.length} inputs`);
        }
        return this.#args[index];
    }
    changed(siid, piid, raw) {
        const prop = findProperty(this.#spec, siid, piid);
        if (prop === null)
            return STATUS.ERR_NOT_FOUND;
        const value = asFormat(prop, raw);
        if (value === undefined || !checkValue(prop, value))
            return STATUS.ERR_INVALID_ARG;
        if (prop.access.includes("notify")) {
            this.#push("properties_changed", [{ did: String(this.identity.did), siid, piid, value }]);
        }
        return STATUS.OK;
    }
    event(siid, eiid) {
        const ev = findEvent(this.#spec, siid, eiid);
        const args = this.#replies;
        this.#replies = [];
        if (ev === null)
            return STATUS.ERR_NOT_FOUND;
        const values = this.#values(siid, ev.arguments, args);
        if (values === null)
            return STATUS.ERR_INVALID_ARG;
        this.#push("event_occured", { did: String(this.identity.did), siid, eiid, arguments: ev.arguments.map((piid, i) => ({ piid, value: values[i] })) });
        return STATUS.OK;
    }
    #push(method, params) {
        for (const p of this.#pushes)
            p(method, params);
    }
}
function key(siid, iid) {
    return (siid << 16) | iid;
}
function floatBits(v) {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, v);
    return view.getBigInt64(0);
}
/** A raw firmware value as the property's JSON value, or undefined if the kinds do not match. */
function asFormat(prop, raw) {
    switch (prop.format) {
        case "bool":
            return typeof raw === "bigint" ? raw !== 0n : undefined;
        case "string":
            return typeof raw === "string" ? raw : undefined;
        case "float":
            return typeof raw === "number" ? Number(Math.fround(raw).toPrecision(7)) : undefined;
        case "int64":
            if (typeof raw !== "bigint")
                return undefined;
            return raw >= BigInt(Number.MIN_SAFE_INTEGER) && raw <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(raw) : raw;
        default:
            return typeof raw === "bigint" ? Number(raw) : undefined;
    }
}
//# sourceMappingURL=miot.js.map