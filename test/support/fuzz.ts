// Seeded fuzzing of a miIO device session: mutated datagrams (flipped bits,
// cuts, growth, replaced bytes, random junk) from a valid request and a hello.

import { SeededRandom } from "../../host/random.js";
import { encodeJson, encodePacket, HELLO, parseToken } from "../../host/miot/codec.js";
import { DeviceSession } from "../../host/miot/device-session.js";

const TOKEN = parseToken("00112233445566778899aabbccddeeff");
const DID = 0x01020304;

/** A mutation of a valid packet or of the hello: flipped bits, cut, grown, replaced bytes. */
export function mutate(rng: SeededRandom, seed: Uint8Array): Uint8Array {
  let out = new Uint8Array(seed);
  const rounds = rng.int(1, 4);
  for (let r = 0; r < rounds; r++) {
    switch (rng.int(0, 5)) {
      case 0: {
        const i = rng.int(0, out.length - 1);
        out[i] = (out[i] ?? 0) ^ (1 << rng.int(0, 7));
        break;
      }
      case 1:
        out = out.subarray(0, rng.int(0, out.length));
        break;
      case 2: {
        const grown = new Uint8Array(out.length + rng.int(1, 64));
        grown.set(out);
        for (let i = out.length; i < grown.length; i++) grown[i] = rng.int(0, 255);
        out = grown;
        break;
      }
      case 3: {
        const i = rng.int(0, Math.max(0, out.length - 1));
        out[i] = rng.int(0, 255);
        break;
      }
      case 4: {
        if (out.length >= 4) {
          out[2] = rng.int(0, 255);
          out[3] = rng.int(0, 255);
        }
        break;
      }
      default:
        out = Uint8Array.from({ length: rng.int(0, 200) }, () => rng.int(0, 255));
    }
  }
  return out;
}

export function fuzzSession(count: number, seed: number): { answered: number; executed: number; drops: number } {
  const rng = new SeededRandom(seed);
  let executed = 0;
  const session = new DeviceSession({
    did: DID,
    token: TOKEN,
    nowUs: () => 100_000_000,
    handle: () => {
      executed++;
      return { result: "ok" };
    },
  });
  const valid = encodePacket(
    { did: DID, stamp: session.stamp },
    encodeJson({ id: 1, method: "set_properties", params: [{ siid: 2, piid: 1, value: true }] }),
    TOKEN,
  );
  let answered = 0;
  for (let i = 0; i < count; i++) {
    const bytes = mutate(rng, i % 2 === 0 ? valid : HELLO);
    if (bytes.length === valid.length && bytes.every((b, k) => b === valid[k])) continue; // unmutated by chance
    const reply = session.receive(bytes, `10.0.0.${i % 250}:54321`);
    const hello =
      bytes.length === 32 &&
      bytes.subarray(4).every((b) => b === 0xff) &&
      bytes[0] === 0x21 &&
      bytes[1] === 0x31 &&
      bytes[2] === 0 &&
      bytes[3] === 0x20;
    if (reply !== null && !hello) answered++;
  }
  const drops = [...session.drops.values()].reduce((a, b) => a + b, 0);
  return { answered, executed: executed + session.executed, drops };
}
