// QEMU 7.2's and 10.0's own DSDTs (test/data/qemu-*, as QEMU built them): the whole table
// loads, its initializers run, and its CPU hot-plug methods drive a model of
// QEMU's register block the way they drive QEMU.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Interpreter, integer, buffer, type AccessWidth } from '../../../src/aml/interp/index.ts';
import { ByteMemory, intOf } from './helpers.ts';
import { FakeCpuHotplug } from './fake-cpuhp.ts';

const DATA = fileURLToPath(new URL('../../data/', import.meta.url));
const TABLES = [
  { dir: 'qemu-7.2/pc-q35-7.2/smp-1-4', base: 0x0cd8n, cpus: 4 },
  { dir: 'qemu-7.2/pc-q35-7.2/smp-2-255', base: 0x0cd8n, cpus: 255 },
  { dir: 'qemu-7.2/pc-i440fx-7.2/smp-1-4', base: 0xaf00n, cpus: 4 },
  { dir: 'qemu-7.2/pc-i440fx-7.2/smp-2-255', base: 0xaf00n, cpus: 255 },
  { dir: 'qemu-10.0/pc-q35-10.0/smp-1-4', base: 0x0cd8n, cpus: 4 },
  { dir: 'qemu-10.0/pc-q35-10.0/smp-2-255', base: 0x0cd8n, cpus: 255 },
  { dir: 'qemu-10.0/pc-q35-10.0/smp-2-288', base: 0x0cd8n, cpus: 288 },
  { dir: 'qemu-10.0/pc-i440fx-10.0/smp-1-4', base: 0xaf00n, cpus: 4 },
  { dir: 'qemu-10.0/pc-i440fx-10.0/smp-2-255', base: 0xaf00n, cpus: 255 },
];

/** A QEMU guest's view: the CPU hot-plug block, plain memory for every other port, PCI config reads of 0x80 (IRQ disabled). */
function boot(dir: string, base: bigint, cpus: number) {
  const interp = new Interpreter();
  interp.loadTable(new Uint8Array(readFileSync(`${DATA}${dir}/DSDT.aml`)));
  const regs = new FakeCpuHotplug(base, cpus);
  const ports = new ByteMemory();
  interp.installAddressSpaceHandler('SystemIO', {
    read: (a, w) => (a >= base && a < base + 12n ? regs.read(a, w) : ports.read(a, w)),
    write: (a, w, v) => (a >= base && a < base + 12n ? regs.write(a, w, v) : ports.write(a, w, v)),
  });
  interp.installAddressSpaceHandler('SystemMemory', new ByteMemory());
  interp.installAddressSpaceHandler('PCI_Config', { read: (_a: bigint, _w: AccessWidth) => 0x80n, write: () => {} });
  const notifies: string[] = [];
  interp.installNotifyHandler((p, v) => notifies.push(`${p} ${v}`));
  return { interp, regs, ports, notifies };
}

for (const { dir, base, cpus } of TABLES) {
  describe(`QEMU's ${dir}`, () => {
    test('loads whole, with 32-bit integers and no warnings', () => {
      const { interp } = boot(dir, base, cpus);
      assert.equal(interp.integerWidth, 32);
      assert.deepEqual(interp.warnings, []);
      assert.ok(interp.exists('\\_SB.PCI0'));
    });

    test('every _INI and _STA runs without error', () => {
      const { interp, regs } = boot(dir, base, cpus);
      assert.deepEqual(interp.runInitializers().map((f) => `${f.path}: ${f.error.message}`), []);
      assert.equal(regs.selector, cpus - 1); // the last CSTA selected the last CPU
    });

    test('\\_GPE._E02 notifies an inserted CPU with Device Check and clears its event', () => {
      const { interp, regs, notifies } = boot(dir, base, cpus);
      regs.plug(1);
      interp.evaluate('\\_GPE._E02');
      assert.deepEqual(notifies, ['\\_SB.CPUS.C001 1']);
      assert.equal(regs.cpus[1]!.inserting, false);
    });

    test('a remove request gets an Eject Request notify', () => {
      const { interp, regs, notifies } = boot(dir, base, cpus);
      regs.cpus[2]!.enabled = true;
      regs.cpus[2]!.removing = true;
      interp.evaluate('\\_GPE._E02');
      assert.deepEqual(notifies, ['\\_SB.CPUS.C002 3']);
      assert.equal(regs.cpus[2]!.removing, false);
    });

    test('_STA reads 0x0F for an enabled CPU and 0 for an empty slot', () => {
      const { interp, regs } = boot(dir, base, cpus);
      regs.plug(3);
      assert.deepEqual([intOf(interp.evaluate('\\_SB.CPUS.C003._STA')), intOf(interp.evaluate('\\_SB.CPUS.C002._STA'))], [0x0fn, 0n]);
    });

    test('_EJ0 writes the eject bit for its CPU; the boot CPU has none', () => {
      const { interp, regs } = boot(dir, base, cpus);
      interp.evaluate('\\_SB.CPUS.C001._EJ0', [integer(1)]);
      assert.deepEqual(regs.ejected, [1]);
      assert.equal(interp.exists('\\_SB.CPUS.C000._EJ0'), false);
    });

    test('_MAT is the CPU\'s 8-byte local APIC entry', () => {
      const { interp } = boot(dir, base, cpus);
      const mat = interp.evaluate('\\_SB.CPUS.C002._MAT');
      assert.deepEqual(mat?.kind === 'buffer' && [...mat.value], [0, 8, 2, 2, 1, 0, 0, 0]);
    });
  });
}

describe('QEMU 7.2 q35: the rest of the table', () => {
  test('_OST reports event and status through commands 1 and 2', () => {
    const { interp, regs } = boot('qemu-7.2/pc-q35-7.2/smp-1-4', 0x0cd8n, 4);
    const writes: string[] = [];
    interp.onTrace((e) => e.direction === 'write' && writes.push(`${(e.address - 0xcd8n).toString()}=${e.value.toString(16)}`));
    interp.evaluate('\\_SB.CPUS.C002._OST', [integer(0x103), integer(0x80), buffer([])]);
    assert.deepEqual(writes, ['0=2', '5=1', '8=103', '5=2', '8=80']);
    assert.equal(regs.command, 2);
  });

  // ToHexString as Windows formats it: "0x" and no leading zeros (ACPICA 2020 wrote "0000BEEF").
  test('DBUG writes ToHexString of its argument to port 0x402, then a newline', () => {
    const { interp, ports } = boot('qemu-7.2/pc-q35-7.2/smp-1-4', 0x0cd8n, 4);
    const out: number[] = [];
    interp.onTrace((e) => e.address === 0x402n && out.push(Number(e.value)));
    interp.evaluate('\\DBUG', [integer(0xbeef)]);
    assert.equal(String.fromCharCode(...out), '0xBEEF\n');
    assert.equal(ports.bytes.get(0x402n), 0x0a);
  });

  test('_PRT gives the PIC routing table, whose sources are references to the link devices', () => {
    const { interp } = boot('qemu-7.2/pc-q35-7.2/smp-1-4', 0x0cd8n, 4);
    const prt = interp.evaluate('\\_SB.PCI0._PRT');
    assert.equal(prt?.kind === 'package' && prt.elements.length, 128);
    const first = prt?.kind === 'package' ? prt.elements[0] : undefined;
    const src = first?.kind === 'package' ? first.elements[2] : undefined;
    assert.equal(src?.kind === 'reference' && src.to === 'node' && src.node.path, '\\_SB.LNKE');
  });

  test('PCI0._OSC masks the control bits and returns its buffer', () => {
    const { interp } = boot('qemu-7.2/pc-q35-7.2/smp-1-4', 0x0cd8n, 4);
    const uuid = [0x5b, 0x4d, 0xdb, 0x33, 0xf7, 0x1f, 0x1c, 0x40, 0x96, 0x57, 0x74, 0x41, 0xc0, 0x3d, 0xd7, 0x66];
    const caps = buffer([0, 0, 0, 0, 0, 0, 0, 0, 0x1f, 0, 0, 0]);
    const r = interp.evaluate('\\_SB.PCI0._OSC', [buffer(uuid), integer(1), integer(3), caps]);
    assert.deepEqual(r?.kind === 'buffer' && [...r.value], [0x10, 0, 0, 0, 0, 0, 0, 0, 0x1e, 0, 0, 0]);
  });

  test('a link device reads its IRQ router through PCI_Config: disabled means _STA 9', () => {
    const { interp } = boot('qemu-7.2/pc-q35-7.2/smp-1-4', 0x0cd8n, 4);
    assert.equal(intOf(interp.evaluate('\\_SB.LNKA._STA')), 9n);
  });

  test('\\_GPE._E01 (PCI hot-plug) with nothing pending notifies nothing', () => {
    const { interp, notifies } = boot('qemu-7.2/pc-i440fx-7.2/smp-1-4', 0xaf00n, 4);
    interp.evaluate('\\_GPE._E01');
    assert.deepEqual(notifies, []);
  });
});
