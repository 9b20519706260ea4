import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlainMemory } from '../../src/cli/plain-memory.ts';

/** The obvious model: one byte per address, little-endian, `fill` where never written. */
class ByteModel {
  private readonly bytes = new Map<string, number>();
  constructor(private readonly fill: number) {}
  read(space: string, address: bigint, bits: number): bigint {
    let v = 0n;
    for (let i = bits / 8 - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.bytes.get(`${space}:${address + BigInt(i)}`) ?? this.fill);
    return v;
  }
  write(space: string, address: bigint, bits: number, value: bigint): void {
    for (let i = 0; i < bits / 8; i++) this.bytes.set(`${space}:${address + BigInt(i)}`, Number((value >> BigInt(8 * i)) & 0xffn));
  }
}

test('plain memory reads back what the byte model does: every width, page-crossing accesses, 64-bit addresses, fill', () => {
  // xorshift32: every bit of it varies, unlike a small LCG's low bits.
  let seed = 0x2545f491;
  const rand = (n: number) => {
    seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const bases = [0n, 0xcd8n, 0xfcn, 0x1_0000_00f9n, 0xffff_ffff_ffff_fff0n];
  for (const fill of [0, 0x03, 0xff]) {
    const mem = new PlainMemory(fill), model = new ByteModel(fill);
    for (let k = 0; k < 4000; k++) {
      const space = rand(2) ? 'SystemIO' : 'SystemMemory';
      const bits = [8, 16, 32, 64][rand(4)]!;
      const address = bases[rand(bases.length)]! + BigInt(rand(16));
      if (address + BigInt(bits / 8) > 1n << 64n) continue;
      if (rand(2)) {
        const value = BigInt.asUintN(64, (BigInt(rand(1 << 30)) << 34n) ^ BigInt(rand(1 << 30)) ^ (BigInt(rand(4)) << 62n));
        mem.write(space, address, bits, value);
        model.write(space, address, bits, value);
      } else {
        assert.equal(mem.read(space, address, bits), model.read(space, address, bits), `${space} ${address.toString(16)} w${bits}`);
      }
    }
  }
});

test('plain memory keeps address spaces apart', () => {
  const mem = new PlainMemory(0);
  mem.write('SystemIO', 0x10n, 32, 0xdeadbeefn);
  assert.equal(mem.read('SystemIO', 0x10n, 32), 0xdeadbeefn);
  assert.equal(mem.read('SystemMemory', 0x10n, 32), 0n);
  assert.equal(mem.read('SystemIO', 0x12n, 16), 0xdeadn);
});
