// Little-endian reads of table bytes, the one place the guest decides byte order.

export const le32 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset, b.length).getUint32(at, true);
export const le64 = (b: Uint8Array, at: number): number => Number(new DataView(b.buffer, b.byteOffset, b.length).getBigUint64(at, true));
