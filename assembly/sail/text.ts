// UTF-16 (AssemblyScript strings) to UTF-8 without allocating: all text
// crosses the ABI as UTF-8 (ptr, len).

/** UTF-16 to UTF-8 into `out`, stopping before `cap` bytes; returns the length. */
export function encodeUtf8(s: string, out: usize, cap: i32): i32 {
  const src = changetype<usize>(s);
  const units = s.length;
  let n = 0;
  for (let i = 0; i < units; i++) {
    let c = <u32>load<u16>(src + (<usize>i << 1));
    if (c < 0x80) {
      if (n + 1 > cap) break;
      store<u8>(out + n++, c);
      continue;
    }
    let bytes = c < 0x800 ? 2 : 3;
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < units) {
      const d = <u32>load<u16>(src + (<usize>(i + 1) << 1));
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        bytes = 4;
        i++;
      }
    }
    // An unpaired surrogate is no character: it becomes U+FFFD, as the host decodes it, so lengths agree.
    if (bytes == 3 && c >= 0xd800 && c < 0xe000) c = 0xfffd;
    if (n + bytes > cap) break;
    const lead: u32 = bytes == 2 ? 0xc0 : bytes == 3 ? 0xe0 : 0xf0;
    store<u8>(out + n++, lead | (c >> (6 * (bytes - 1))));
    for (let k = bytes - 2; k >= 0; k--) store<u8>(out + n++, 0x80 | ((c >> (6 * k)) & 0x3f));
  }
  return n;
}

/** The length in bytes of `s` as UTF-8 (an unpaired surrogate counts 3: encodeUtf8 writes it as U+FFFD). */
export function utf8Length(s: string): i32 {
  const src = changetype<usize>(s);
  const units = s.length;
  let n = 0;
  for (let i = 0; i < units; i++) {
    const c = <u32>load<u16>(src + (<usize>i << 1));
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < units && (<u32>load<u16>(src + (<usize>(i + 1) << 1)) & 0xfc00) == 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
