import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Bus } from '../../src/devices/bus.ts';
import { QtestProtocol } from '../../src/qtest/protocol.ts';

function setup() {
  const bus = new Bus();
  const regs = new Uint8Array(16);
  bus.map('io', 'dev', 0xcd8, 16, { min: 1, max: 4 }, {
    read: (o, s) => { let v = 0; for (let i = 0; i < s; i++) v |= regs[o + i]! << (8 * i); return v >>> 0; },
    write: (o, s, v) => { for (let i = 0; i < s; i++) regs[o + i] = Number((BigInt(v) >> BigInt(8 * i)) & 0xffn); },
  });
  const out: string[] = [];
  const q = new QtestProtocol(() => bus, (l) => out.push(l));
  return { q, out, regs };
}

describe('qtest line protocol', () => {
  test("port I/O replies as QEMU formats them: OK, OK 0x%04x", () => {
    const { q, out } = setup();
    q.handle('outl 0xcd8 0x12345678');
    q.handle('inb 0xcd8');
    q.handle('inw 0xcd8');
    q.handle('inl 3288');
    assert.deepEqual(out, ['OK', 'OK 0x0078', 'OK 0x5678', 'OK 0x12345678']);
  });

  test('MMIO reads are printed as 16 hex digits; unassigned MMIO reads zero', () => {
    const { q, out } = setup();
    q.handle('writeq 0x1000 0xff');
    q.handle('readq 0x1000');
    assert.deepEqual(out, ['OK', 'OK 0x0000000000000000']);
  });

  test('unknown commands and bad arguments get FAIL, and the protocol carries on', () => {
    const { q, out } = setup();
    q.handle('foo bar');
    q.handle('outb 0x999999 1');
    q.handle('inb');
    q.handle('inb zz');
    q.handle('endianness');
    assert.deepEqual(out.slice(0, 1), ["FAIL Unknown command 'foo'"]);
    assert.ok(out.slice(1, 4).every((l) => l.startsWith('FAIL ')));
    assert.equal(out[4], 'OK little');
  });

  test('IRQ lines are printed only after irq_intercept_in', () => {
    const { q, out } = setup();
    q.irq(9, true);
    q.handle('irq_intercept_in ioapic');
    q.irq(9, true);
    q.irq(9, false);
    assert.deepEqual(out, ['OK', 'IRQ raise 9', 'IRQ lower 9']);
  });

  test('read and write move byte blocks', () => {
    const { q, out } = setup();
    q.handle('write 0x2000 2 0xabcd');
    q.handle('read 0x2000 2');
    q.handle('write 0x2000 1 0xabcd');
    assert.equal(out[0], 'OK');
    assert.equal(out[1], 'OK 0x0000');
    assert.match(out[2]!, /^FAIL /);
  });
});
