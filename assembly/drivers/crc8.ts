// CRC-8 of Sensirion sensors (SHT3x-DIS datasheet §4.12, Table 20):
// polynomial 0x31, init 0xFF, no reflection, no final XOR; CRC(0xBEEF) = 0x92.

/** A checksum did not match (mirrors ESP-IDF ESP_ERR_INVALID_CRC, 0x109). */
export const ERR_INVALID_CRC: i32 = -0x109;

/** CRC-8 of a 16-bit word sent MSB first. */
export function crc8Word(word: i32): i32 {
  let crc: i32 = 0xff;
  crc ^= (word >> 8) & 0xff;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x31) & 0xff : (crc << 1) & 0xff;
  crc ^= word & 0xff;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x31) & 0xff : (crc << 1) & 0xff;
  return crc;
}
