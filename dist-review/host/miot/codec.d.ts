import { SailError } from "../errors.js";
export declare const MIIO_PORT = 54321;
export declare const MAX_DATAGRAM = 1400;
export type DropReason = "too-long" | "bad-magic" | "bad-length" | "not-block-aligned" | "bad-checksum" | "bad-padding" | "bad-json";
/** A datagram Sail drops silently (Sail's policy); `reason` is what the drop counters count. */
export declare class MiioDropError extends SailError {
    readonly reason: DropReason;
    name: string;
    constructor(reason: DropReason, detail: string);
}
export interface MiioHeader {
    did: number;
    stamp: number;
}
/** key = MD5(token), iv = MD5(key ‖ token) (§2). */
export declare function deriveKeys(token: Uint8Array): {
    key: Uint8Array;
    iv: Uint8Array;
};
/** The 32-hex-digit token as users write it, as 16 bytes. Messages never echo the token. */
export declare function parseToken(hex: string): Uint8Array;
/** The client's hello: `21 31 00 20` + 28 × 0xFF (§1). Shared: send it, do not modify it. */
export declare const HELLO: Uint8Array;
/** A discovery hello: the classic one, or XHA's probe (4..15 FF, "MDID", virtual did, zeros). */
export declare function isHello(bytes: Uint8Array): boolean;
/**
 * The device's hello reply: real did, its stamp, and a slot of 16 × 0xFF, never
 * the token nor random bytes, which clients would adopt as the token (Sail's policy).
 * did and stamp must be non-zero: npm `miio` hangs on a zero stamp and drops did 0 (§1, §7).
 */
export declare function encodeHelloReply(did: number, stamp: number): Uint8Array;
/** A whole packet: header, AES-128-CBC/PKCS#7 payload, MD5 checksum (§1, §2). */
export declare function encodePacket(header: MiioHeader, payload: Uint8Array, token: Uint8Array): Uint8Array;
/**
 * Checks a received packet in Sail's drop order and decrypts it. Throws
 * MiioDropError for a datagram to drop; a foreign did is the session's call.
 */
export declare function decodePacket(bytes: Uint8Array, token: Uint8Array): {
    header: MiioHeader;
    payload: Uint8Array;
    checksum: Uint8Array;
};
/** UTF-8 JSON, no trailing NUL; bigint values are written as plain integer literals. */
export declare function encodeJson(value: unknown): Uint8Array;
/** Parses UTF-8 JSON; integers beyond ±(2^53 − 1) come back as exact bigints (DECISIONS 25). */
export declare function decodeJson(payload: Uint8Array): unknown;
