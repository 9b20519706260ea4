// ACPI 6.5 §5.2.5.3 / §5.2.6: a table's bytes, checksum field included, sum to zero mod 256.

/** Sum of all bytes, mod 256. */
function sum8(bytes: Uint8Array): number {
  // Plain sum, reduced once: 2^53 / 255 bytes is far beyond any table.
  let s = 0;
  for (let i = 0; i < bytes.length; i++) s += bytes[i]!;
  return s & 0xff;
}

/**
 * The value to store in a checksum field so that `bytes` sums to zero. The
 * field must hold 0 while this is computed (finishTable writes a placeholder).
 */
export function checksum8(bytes: Uint8Array): number {
  return (0x100 - sum8(bytes)) & 0xff;
}

/** True when the bytes sum to zero mod 256, i.e. a stored checksum is right. */
export function sumsToZero(bytes: Uint8Array): boolean {
  return sum8(bytes) === 0;
}
