// CRC-32 (IEEE 802.3, the zlib/PNG one: reflected polynomial 0xEDB88320, initial
// and final value 0xFFFFFFFF) over the machine state, so that every single-bit
// flip, and every burst of up to 32 bits, is found before the state is used.
// Written here rather than taken from node:zlib, whose crc32 needs Node 20.15.

const TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
