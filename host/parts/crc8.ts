// CRC-8 of Sensirion sensors (SHT3x-DIS datasheet §4.12, Table 20): polynomial
// 0x31 (x^8 + x^5 + x^4 + 1), init 0xFF, no reflection, no final XOR, over each
// 2-byte word. CRC(0xBEEF) = 0x92.

export const CRC8_POLYNOMIAL = 0x31; // SDS Table 20
export const CRC8_INIT = 0xff; // SDS Table 20

/** CRC-8 over `bytes`. */
export function crc8(bytes: ArrayLike<number>): number {
  let crc = CRC8_INIT;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= (bytes[i] ?? 0) & 0xff;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x80 ? ((crc << 1) ^ CRC8_POLYNOMIAL) & 0xff : (crc << 1) & 0xff;
    }
  }
  return crc;
}

/** CRC-8 of one 16-bit word sent MSB first. */
export function crc8Word(word: number): number {
  return crc8([(word >> 8) & 0xff, word & 0xff]);
}
