// SLIP framing (RFC 1055) as Espressif's serial bootloader protocol uses it:
// every packet starts and ends with 0xC0; 0xC0 inside is sent as 0xDB 0xDC,
// 0xDB as 0xDB 0xDD.

const END = 0xc0;
const ESC = 0xdb;
const ESC_END = 0xdc;
const ESC_ESC = 0xdd;

export function slipEncode(packet: Uint8Array): Uint8Array {
  const out: number[] = [END];
  for (const b of packet) {
    if (b === END) out.push(ESC, ESC_END);
    else if (b === ESC) out.push(ESC, ESC_ESC);
    else out.push(b);
  }
  out.push(END);
  return Uint8Array.from(out);
}

/**
 * Splits a byte stream into packets. Bytes outside a packet are dropped (the
 * ROM ignores noise between frames); an escape followed by anything but
 * 0xDC or 0xDD drops the packet it is in.
 */
export class SlipDecoder {
  #packet: number[] | null = null;
  #escaped = false;
  #broken = false;

  push(bytes: Uint8Array): Uint8Array[] {
    const done: Uint8Array[] = [];
    for (const b of bytes) {
      if (b === END) {
        if (this.#packet !== null && this.#packet.length > 0 && !this.#broken) done.push(Uint8Array.from(this.#packet));
        this.#packet = [];
        this.#escaped = false;
        this.#broken = false;
      } else if (this.#packet === null) {
        continue;
      } else if (this.#escaped) {
        this.#escaped = false;
        if (b === ESC_END) this.#packet.push(END);
        else if (b === ESC_ESC) this.#packet.push(ESC);
        else this.#broken = true;
      } else if (b === ESC) {
        this.#escaped = true;
      } else {
        this.#packet.push(b);
      }
    }
    return done;
  }
}
