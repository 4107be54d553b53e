// CRC-32 as the ESP32 ROM's crc32_le computes it (reflected polynomial
// 0xEDB88320; the running value is inverted on entry and on exit), so a
// checksum can be continued over a second buffer. ESP-IDF NVS seeds it with
// 0xFFFFFFFF for page headers, entries and values (`nvs_types.cpp`).

const POLYNOMIAL = 0xedb88320;

const TABLE = ((): Uint32Array => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? POLYNOMIAL ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** `esp_rom_crc32_le(seed, bytes, len)`. */
export function crc32Le(seed: number, bytes: Uint8Array): number {
  let crc = ~seed >>> 0;
  for (const byte of bytes) crc = (TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8); // masked to the 256 entries
  return ~crc >>> 0;
}
