// The miIO packet codec against the byte vectors of
// docs/reference/miot-protocol.md §2, and every drop reason of Sail's policy.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { SailError } from "../host/errors.js";
import {
  decodeJson,
  decodePacket,
  deriveKeys,
  encodeHelloReply,
  encodeJson,
  encodePacket,
  HELLO,
  isHello,
  MAX_DATAGRAM,
  MIIO_PORT,
  MiioDropError,
  parseToken,
  type DropReason,
} from "../host/miot/codec.js";

const TOKEN_HEX = "00112233445566778899aabbccddeeff";
const TOKEN = Uint8Array.from(Buffer.from(TOKEN_HEX, "hex"));
const DID = 0x01020304;
const REQUEST_JSON = `{"id":1,"method":"miIO.info","params":[]}`;
const RESPONSE_JSON = `{"id":1,"result":["ok"]}`;

const REQUEST_CIPHER =
  "a5516ec6151955dc2bb2d43e7c84c18352a39a7f22fd2903d282a5783c6d56ac8c9c7629130a25fac17d38175c1a7799";
const REQUEST_MD5 = "f84d7586eac940151543407cd4a31345";
const REQUEST_PACKET = `21310050000000000102030400000010${REQUEST_MD5}${REQUEST_CIPHER}`;
const NUL_CIPHER = "a5516ec6151955dc2bb2d43e7c84c18352a39a7f22fd2903d282a5783c6d56acd8b5de0116c0ebf35983dd023f849c97";
const NUL_MD5 = "e350535f8b1f25a43a76fad6a9d8e2c2";
const NUL_PACKET = `21310050000000000102030400000010${NUL_MD5}${NUL_CIPHER}`;
const RESPONSE_PACKET =
  "21310040000000000102030400000011" +
  "3216c3c8cad992f2f0857afba8f412f7" +
  "95d444d970e45e453f755f0301fb09fd54a651c53c7276a89297333cde25f98b";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
const fromHex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, "hex"));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** Rewrites the length field and re-signs the checksum by §2's formula, written out here independently. */
function reseal(packet: Uint8Array, token = TOKEN): Uint8Array {
  packet[2] = packet.length >> 8;
  packet[3] = packet.length & 0xff;
  const sum = createHash("md5").update(packet.subarray(0, 16)).update(token).update(packet.subarray(32)).digest();
  packet.set(sum, 16);
  return packet;
}

function dropReasonOf(run: () => unknown): DropReason {
  try {
    run();
  } catch (e) {
    if (e instanceof MiioDropError) return e.reason;
    throw e;
  }
  assert.fail("expected a MiioDropError, nothing was thrown");
}

const request = (): Uint8Array => fromHex(REQUEST_PACKET);

describe("miIO codec: keys and tokens", () => {
  it("derives key = MD5(token) and iv = MD5(key ‖ token) (§2 vector)", () => {
    const { key, iv } = deriveKeys(TOKEN);
    assert.equal(hex(key), "6e8311168ee16d6aa1aa48c64145003c");
    assert.equal(hex(iv), "6f434fa9acd75da73e5fb999f641cda2");
  });

  it("refuses a token that is not 16 bytes", () => {
    assert.throws(
      () => deriveKeys(new Uint8Array(15)),
      (e: unknown) => e instanceof SailError && /token must be 16 bytes; got 15/.test(e.message),
    );
  });

  it("parses a 32-hex-digit token, either case", () => {
    assert.equal(hex(parseToken(TOKEN_HEX)), TOKEN_HEX);
    assert.equal(hex(parseToken(TOKEN_HEX.toUpperCase())), TOKEN_HEX);
  });

  it("says what is wrong with a bad token, without echoing it", () => {
    assert.throws(() => parseToken(TOKEN_HEX.slice(2)), /32 hex digits \(16 bytes\); got 30 characters/);
    assert.throws(
      () => parseToken(`0011223344556677889g${TOKEN_HEX.slice(20)}`),
      (e: unknown) =>
        e instanceof SailError && /character 20 is not one/.test(e.message) && !e.message.includes("0011223344"),
    );
  });

  it("uses the standard port and datagram limit", () => {
    assert.equal(MIIO_PORT, 54321);
    assert.equal(MAX_DATAGRAM, 1400);
  });
});

describe("miIO codec: hello", () => {
  it("the hello request is 21 31 00 20 and 28 × ff (§2 vector)", () => {
    assert.equal(hex(HELLO), `21310020${"ff".repeat(28)}`);
    assert.equal(isHello(HELLO), true);
  });

  it("recognises XHA's MDID probe", () => {
    const probe = fromHex(`21310020${"ff".repeat(12)}4d444944887766554433221100000000`);
    assert.equal(isHello(probe), true);
  });

  it("does not take other 32-byte datagrams for a hello", () => {
    const notHello = (mutate: (b: Uint8Array) => void): boolean => {
      const b = Uint8Array.from(HELLO);
      mutate(b);
      return isHello(b);
    };
    assert.equal(
      notHello((b) => {
        b[0] = 0x22;
      }),
      false,
    );
    assert.equal(
      notHello((b) => {
        b[3] = 0x21;
      }),
      false,
    );
    assert.equal(
      notHello((b) => {
        b[9] = 0xfe;
      }),
      false,
    );
    assert.equal(
      notHello((b) => {
        b[31] = 0x00;
      }),
      false,
    );
    assert.equal(
      notHello((b) => {
        b.set([0x4d, 0x44, 0x49, 0x45], 16);
      }),
      false,
    ); // "MDIE"
    assert.equal(isHello(HELLO.subarray(0, 31)), false);
    assert.equal(isHello(encodeHelloReply(DID, 0x10)), false);
    assert.equal(isHello(request()), false);
  });

  it("encodes the hello reply with bytes 4..7 zero, did, stamp and 16 × ff (§2 vector)", () => {
    assert.equal(hex(encodeHelloReply(DID, 0x10)), `21310020000000000102030400000010${"ff".repeat(16)}`);
  });

  it("never puts the token in the hello reply", () => {
    const reply = encodeHelloReply(DID, 0x10);
    assert.equal(hex(reply.subarray(16)), "ff".repeat(16));
    assert.equal(Buffer.from(reply).indexOf(Buffer.from(TOKEN)), -1);
    assert.equal(Buffer.from(reply).indexOf(Buffer.from(TOKEN.subarray(0, 4))), -1);
  });

  it("refuses a zero or out-of-range did or stamp in the hello reply", () => {
    assert.throws(() => encodeHelloReply(0, 1), /hello reply did must be an integer from 1 to 4294967295; got 0/);
    assert.throws(() => encodeHelloReply(DID, 0), /hello reply stamp must be an integer from 1/);
    assert.throws(() => encodeHelloReply(2 ** 32, 1), /did must be an integer/);
    assert.throws(() => encodeHelloReply(DID, 1.5), /stamp must be an integer/);
  });
});

describe("miIO codec: packets", () => {
  it("encodes the request vector byte for byte", () => {
    const packet = encodePacket({ did: DID, stamp: 0x10 }, utf8(REQUEST_JSON), TOKEN);
    assert.equal(packet.length, 80);
    assert.equal(hex(packet.subarray(16, 32)), REQUEST_MD5);
    assert.equal(hex(packet.subarray(32)), REQUEST_CIPHER);
    assert.equal(hex(packet), REQUEST_PACKET);
  });

  it("encodes the request vector with python-miio's trailing NUL byte for byte", () => {
    const packet = encodePacket({ did: DID, stamp: 0x10 }, utf8(`${REQUEST_JSON}\0`), TOKEN);
    assert.equal(hex(packet.subarray(16, 32)), NUL_MD5);
    assert.equal(hex(packet.subarray(32)), NUL_CIPHER);
    assert.equal(hex(packet), NUL_PACKET);
  });

  it("encodes the response vector byte for byte", () => {
    const packet = encodePacket({ did: DID, stamp: 0x11 }, utf8(RESPONSE_JSON), TOKEN);
    assert.equal(hex(packet), RESPONSE_PACKET);
  });

  it("decodes the request vector", () => {
    const { header, payload, checksum } = decodePacket(request(), TOKEN);
    assert.deepEqual(header, { did: DID, stamp: 0x10 });
    assert.equal(text(payload), REQUEST_JSON);
    assert.equal(hex(checksum), REQUEST_MD5);
  });

  it("decodes the trailing-NUL request vector, stripping the NUL", () => {
    const { header, payload, checksum } = decodePacket(fromHex(NUL_PACKET), TOKEN);
    assert.deepEqual(header, { did: DID, stamp: 0x10 });
    assert.equal(payload.length, REQUEST_JSON.length);
    assert.equal(text(payload), REQUEST_JSON);
    assert.equal(hex(checksum), NUL_MD5);
  });

  it("decodes the response vector, from a Buffer as a UDP socket delivers it", () => {
    const { header, payload, checksum } = decodePacket(Buffer.from(RESPONSE_PACKET, "hex"), TOKEN);
    assert.deepEqual(header, { did: DID, stamp: 0x11 });
    assert.deepEqual(decodeJson(payload), { id: 1, result: ["ok"] });
    assert.equal(hex(checksum), RESPONSE_PACKET.slice(32, 64));
  });

  it("round-trips a did and stamp at the top of the uint32 range", () => {
    const header = { did: 0xffffffff, stamp: 0xfffffffe };
    assert.deepEqual(decodePacket(encodePacket(header, utf8("{}"), TOKEN), TOKEN).header, header);
  });

  it("refuses to encode a packet over the datagram limit", () => {
    // 1400 − 32 leaves 85½ AES blocks, so the largest packet is 32 + 85 × 16 = 1392 bytes.
    assert.equal(encodePacket({ did: DID, stamp: 1 }, new Uint8Array(1359), TOKEN).length, 1392);
    assert.throws(
      () => encodePacket({ did: DID, stamp: 1 }, new Uint8Array(1360), TOKEN),
      /payload is 1360 bytes; at most 1359 fit a 1400-byte datagram/,
    );
  });
});

describe("miIO codec: drops (Sail's policy)", () => {
  it("too-long: over 1400 bytes, even when otherwise well formed", () => {
    const long = new Uint8Array(1408);
    long.set(request());
    assert.equal(
      dropReasonOf(() => decodePacket(reseal(long), TOKEN)),
      "too-long",
    );
  });

  it("bad-magic: first two bytes not 21 31", () => {
    const packet = request();
    packet[1] = 0x32;
    assert.equal(
      dropReasonOf(() => decodePacket(packet, TOKEN)),
      "bad-magic",
    );
    assert.equal(
      dropReasonOf(() => decodePacket(new Uint8Array([0x21]), TOKEN)),
      "bad-magic",
    );
  });

  it("bad-length: length field not the datagram length, or shorter than a header", () => {
    const packet = request();
    packet[3] = 0x60;
    assert.equal(
      dropReasonOf(() => decodePacket(packet, TOKEN)),
      "bad-length",
    );
    assert.equal(
      dropReasonOf(() => decodePacket(request().subarray(0, 64), TOKEN)),
      "bad-length",
    );
    assert.equal(
      dropReasonOf(() => decodePacket(request().subarray(0, 31), TOKEN)),
      "bad-length",
    );
  });

  it("not-block-aligned: payload not a multiple of 16, even with a matching length and checksum", () => {
    const packet = new Uint8Array(81);
    packet.set(request());
    assert.equal(
      dropReasonOf(() => decodePacket(reseal(packet), TOKEN)),
      "not-block-aligned",
    );
  });

  it("bad-checksum: one flipped payload bit, a changed stamp, or the wrong token", () => {
    const flipped = request();
    flipped[40] = (flipped[40] ?? 0) ^ 0x01;
    assert.equal(
      dropReasonOf(() => decodePacket(flipped, TOKEN)),
      "bad-checksum",
    );
    const restamped = request();
    restamped[15] = 0x11;
    assert.equal(
      dropReasonOf(() => decodePacket(restamped, TOKEN)),
      "bad-checksum",
    );
    assert.equal(
      dropReasonOf(() => decodePacket(request(), parseToken("ffeeddccbbaa99887766554433221100"))),
      "bad-checksum",
    );
  });

  it("bad-padding: a correctly signed packet whose last block does not unpad", () => {
    // CBC: flipping byte 63 flips the last plaintext byte, the pad length 0x07, into 0x11 (> 16).
    const packet = request();
    packet[63] = (packet[63] ?? 0) ^ 0x07 ^ 0x11;
    assert.equal(
      dropReasonOf(() => decodePacket(reseal(packet), TOKEN)),
      "bad-padding",
    );
    assert.equal(
      dropReasonOf(() => decodePacket(reseal(request().slice(0, 32)), TOKEN)),
      "bad-padding",
    );
  });

  it("bad-json: malformed JSON or invalid UTF-8", () => {
    for (const bad of [
      `{"id":1,`,
      "[1,]",
      "{'id':1}",
      "01",
      "NaN",
      "[1] x",
      '"abc',
      '{"a" 1}',
      "tru",
      "",
      '"tab\there"',
    ]) {
      assert.equal(
        dropReasonOf(() => decodeJson(utf8(bad))),
        "bad-json",
        bad,
      );
    }
    assert.equal(
      dropReasonOf(() => decodeJson(Uint8Array.of(0x5b, 0x22, 0xff, 0x22, 0x5d))),
      "bad-json",
    );
  });

  it("a drop is a SailError that names its reason", () => {
    assert.throws(
      () => decodePacket(request().subarray(0, 64), TOKEN),
      (e: unknown) =>
        e instanceof SailError &&
        e instanceof MiioDropError &&
        /dropped \(bad-length\): length field says 80, datagram is 64 bytes/.test(e.message),
    );
  });
});

describe("miIO codec: JSON", () => {
  it("9007199254740993 (2^53 + 1) round-trips exactly as a bigint", () => {
    const wire = `{"id":7,"params":[{"did":"x","siid":2,"piid":1,"value":9007199254740993}]}`;
    const value = decodeJson(utf8(wire));
    assert.deepEqual(value, { id: 7, params: [{ did: "x", siid: 2, piid: 1, value: 9007199254740993n }] });
    assert.equal(text(encodeJson(value)), wire);
  });

  it("-9223372036854775808 and 9223372036854775807 (int64 limits) round-trip exactly", () => {
    const wire = "[-9223372036854775808,9223372036854775807]";
    const value = decodeJson(utf8(wire));
    assert.deepEqual(value, [-9223372036854775808n, 9223372036854775807n]);
    assert.equal(text(encodeJson(value)), wire);
  });

  it("numbers within the safe range, fractions and exponents stay numbers", () => {
    const value = decodeJson(
      utf8("[0,-1,42,9007199254740991,-9007199254740991,1.5,-0.25,1e3,1E400,12345678901234567890.0]"),
    );
    assert.deepEqual(value, [
      0,
      -1,
      42,
      9007199254740991,
      -9007199254740991,
      1.5,
      -0.25,
      1000,
      Infinity,
      12345678901234567000,
    ]);
  });

  it("parses the rest of JSON as JSON.parse does", () => {
    const wire = ` {"a" : [true, false, null, "é\\n\\u00e9\\"", {}], "b": [ ] , "c":{"d":"\\ud83d\\ude00"}} `;
    assert.deepEqual(decodeJson(utf8(wire)), JSON.parse(wire));
  });

  it('keeps a "__proto__" key as plain data', () => {
    const value = decodeJson(utf8(`{"__proto__":{"polluted":true}}`));
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(Object.keys(value as object), ["__proto__"]);
    assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
  });

  it("encodes as JSON.stringify does, without a trailing NUL", () => {
    const value = {
      id: 3,
      method: "set_properties",
      params: [{ siid: 2, piid: 1, value: true }],
      skip: undefined,
      n: [undefined, NaN],
    };
    assert.equal(text(encodeJson(value)), JSON.stringify(value));
    assert.equal(text(encodeJson({ big: -5n, small: 5 })), `{"big":-5,"small":5}`);
  });

  it("refuses to encode a cycle or nothing", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    assert.throws(() => encodeJson(cyclic), /contains a cycle/);
    assert.throws(() => encodeJson(undefined), /has no JSON form/);
  });
});

describe("miIO codec: long-lived ciphers", () => {
  it(
    "gives the reference bytes for every packet, however many " +
      "were sealed or opened before, with any other token in between",
    () => {
      const token = parseToken("00112233445566778899aabbccddeeff");
      const other = parseToken("ffeeddccbbaa99887766554433221100");
      const payload = new TextEncoder().encode('{"id":1,"method":"miIO.info","params":[]}');
      const expected =
        "21310050000000000102030400000010" +
        "f84d7586eac940151543407cd4a31345" +
        "a5516ec6151955dc2bb2d43e7c84c18352a39a7f22fd2903d282a5783c6d56ac8c9c7629130a25fac17d38175c1a7799";
      for (let i = 0; i < 3; i++) {
        assert.equal(
          Buffer.from(encodePacket({ did: 0x01020304, stamp: 0x10 }, payload, token)).toString("hex"),
          expected,
        );
        const foreign = encodePacket({ did: 9, stamp: 9 }, new TextEncoder().encode("x".repeat(40 + i)), other);
        assert.equal(new TextDecoder().decode(decodePacket(foreign, other).payload), "x".repeat(40 + i));
        assert.deepEqual(decodePacket(Buffer.from(expected, "hex"), token).payload, payload);
      }
    },
  );
});
