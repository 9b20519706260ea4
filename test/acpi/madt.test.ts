import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sumsToZero } from '../../src/acpi/checksum.ts';
import { AcpiTableError } from '../../src/acpi/errors.ts';
import { QEMU_OEM, SDT_HEADER } from '../../src/acpi/header.ts';
import { localApic } from '../../src/acpi/madt-apic.ts';
import { GICC, gicc } from '../../src/acpi/madt-gic.ts';
import { MADT_ENTRY, type MadtEntry } from '../../src/acpi/madt-structure.ts';
import { buildMadt, MADT, madtEntry } from '../../src/acpi/madt.ts';
import {
  ARM64_GICD_BASE,
  ARM64_GICR_BASE,
  ARM64_GICR_LENGTH,
  ARM64_PMU_GSIV,
  ARM64_VGIC_MAINTENANCE_GSIV,
  arm64MadtInput,
  ascii,
  hex,
  madtStructures,
  qemuX86MadtInput,
  u16,
  u32,
  u64,
  u8,
} from './fixtures.ts';

const isCode = (code: string) => (e: unknown) => e instanceof AcpiTableError && e.code === code;

function countByType(madt: Uint8Array): Map<number, { count: number; lengths: Set<number> }> {
  const out = new Map<number, { count: number; lengths: Set<number> }>();
  for (const s of madtStructures(madt)) {
    const entry = out.get(u8(s, 0)) ?? { count: 0, lengths: new Set<number>() };
    entry.count++;
    entry.lengths.add(s.length);
    out.set(u8(s, 0), entry);
  }
  return out;
}

describe('buildMadt, x86', () => {
  it("reproduces QEMU 7.2's q35 MADT at -smp 1,maxcpus=4 byte for byte", () => {
    // From QEMU 7.2's q35 dump at -smp 1,maxcpus=4 (APIC.aml, 144 bytes).
    const expected = hex(`
      41 50 49 43 90 00 00 00 01 4e 42 4f 43 48 53 20  // APIC, 144 bytes, rev 1, checksum 0x4E
      42 58 50 43 20 20 20 20 01 00 00 00 42 58 50 43
      01 00 00 00
      00 00 e0 fe 01 00 00 00                          // local APIC 0xFEE00000, PCAT_COMPAT
      00 08 00 00 01 00 00 00                          // CPU 0: present, enabled
      00 08 01 01 00 00 00 00                          // CPUs 1-3: possible, not present
      00 08 02 02 00 00 00 00
      00 08 03 03 00 00 00 00
      01 0c 00 00 00 00 c0 fe 00 00 00 00              // IO-APIC 0 at 0xFEC00000, GSI base 0
      02 0a 00 00 02 00 00 00 00 00                    // ISA IRQ 0 -> GSI 2
      02 0a 00 05 05 00 00 00 0d 00                    // PCI IRQs 5, 9, 10, 11: active high, level
      02 0a 00 09 09 00 00 00 0d 00
      02 0a 00 0a 0a 00 00 00 0d 00
      02 0a 00 0b 0b 00 00 00 0d 00
      04 06 ff 00 00 01                                // NMI on LINT1 of all CPUs
    `);
    assert.deepEqual(buildMadt(qemuX86MadtInput(4, 1)), expected);
  });

  it("matches QEMU 7.2's q35 MADT at -smp 2,maxcpus=255 in length and checksum", () => {
    // From QEMU 7.2's q35 dump at -smp 2,maxcpus=255 (APIC.aml): 2152 bytes, checksum 0x9F.
    const b = buildMadt(qemuX86MadtInput(255, 2));
    assert.equal(b.length, 2152);
    assert.equal(u8(b, SDT_HEADER.CHECKSUM), 0x9f);
  });

  it('says its length, sums to zero, and writes the local APIC address and flags', () => {
    const b = buildMadt(qemuX86MadtInput(8, 3));
    assert.equal(ascii(b, SDT_HEADER.SIGNATURE, 4), 'APIC');
    assert.equal(u32(b, SDT_HEADER.LENGTH), b.length);
    assert.ok(sumsToZero(b));
    assert.equal(u32(b, MADT.LOCAL_INTERRUPT_CONTROLLER_ADDRESS), 0xfee0_0000);
    assert.equal(u32(b, MADT.FLAGS), 1);
  });

  it('has one Local APIC per possible CPU and the fixed IO-APIC, override and NMI entries', () => {
    const counts = countByType(buildMadt(qemuX86MadtInput(8, 3)));
    assert.deepEqual(counts.get(MADT_ENTRY['local-apic'].type), { count: 8, lengths: new Set([8]) });
    assert.deepEqual(counts.get(MADT_ENTRY['io-apic'].type), { count: 1, lengths: new Set([12]) });
    assert.deepEqual(counts.get(MADT_ENTRY['interrupt-override'].type), { count: 5, lengths: new Set([10]) });
    assert.deepEqual(counts.get(MADT_ENTRY['local-apic-nmi'].type), { count: 1, lengths: new Set([6]) });
    assert.equal(counts.size, 4);
  });

  it('grows by each entry type\'s spec length', () => {
    const base = buildMadt({ oem: QEMU_OEM, revision: 5, localApicAddress: 0, flags: 0, entries: [] });
    assert.equal(base.length, MADT.ENTRIES);
    const one: Record<MadtEntry['type'], MadtEntry> = {
      'local-apic': { type: 'local-apic', uid: 0, apicId: 0, state: 'enabled' },
      'local-x2apic': { type: 'local-x2apic', uid: 0, x2apicId: 0, state: 'enabled' },
      'io-apic': { type: 'io-apic', id: 0, address: 0, gsiBase: 0 },
      'interrupt-override': { type: 'interrupt-override', bus: 0, source: 0, gsi: 0, flags: 0 },
      'local-apic-nmi': { type: 'local-apic-nmi', uid: 0, flags: 0, lint: 0 },
      'local-x2apic-nmi': { type: 'local-x2apic-nmi', uid: 0, flags: 0, lint: 0 },
      gicc: { type: 'gicc', cpuInterfaceNumber: 0, uid: 0, state: 'enabled', mpidr: 0n },
      gicd: { type: 'gicd', gicId: 0, baseAddress: 0, globalIrqBase: 0, version: 3 },
      gicr: { type: 'gicr', baseAddress: 0, length: 0 },
      'gic-its': { type: 'gic-its', translationId: 0, baseAddress: 0 },
    };
    for (const [type, entry] of Object.entries(one)) {
      const b = buildMadt({ oem: QEMU_OEM, revision: 5, localApicAddress: 0, flags: 0, entries: [entry] });
      assert.equal(b.length - base.length, MADT_ENTRY[type as MadtEntry['type']].length, type);
      assert.equal(u8(b, MADT.ENTRIES + 1), MADT_ENTRY[type as MadtEntry['type']].length, type);
    }
  });

  it('rejects a uid too large for a Local APIC entry', () => {
    const input = qemuX86MadtInput(1, 1);
    const entries: MadtEntry[] = [{ type: 'local-apic', uid: 256, apicId: 0, state: 'enabled' }];
    assert.throws(() => buildMadt({ ...input, entries }), isCode('out-of-range'));
  });

  it('rejects two processor entries with the same uid', () => {
    const entries: MadtEntry[] = [
      { type: 'local-apic', uid: 3, apicId: 3, state: 'enabled' },
      { type: 'local-x2apic', uid: 3, x2apicId: 300, state: 'online-capable' },
    ];
    assert.throws(() => buildMadt({ ...qemuX86MadtInput(0, 0), entries }), isCode('duplicate-uid'));
  });

  it('rejects an unknown entry type', () => {
    const entries = [{ type: 'gic-msi-frame' } as unknown as MadtEntry];
    assert.throws(() => buildMadt({ ...qemuX86MadtInput(0, 0), entries }), isCode('bad-value'));
  });
});

describe('buildMadt, arm64 GICv3 (4 vCPUs: first enabled, rest online-capable)', () => {
  const b = buildMadt(arm64MadtInput(4, 1));
  const GICD_AT = MADT.ENTRIES;
  const giccAt = (i: number) => GICD_AT + 24 + 80 * i;
  const GICR_AT = giccAt(4);

  it('is GICD, four GICCs and a GICR: 404 bytes, length field equal, sums to zero', () => {
    assert.equal(b.length, 44 + 24 + 4 * 80 + 16);
    assert.equal(u32(b, SDT_HEADER.LENGTH), b.length);
    assert.ok(sumsToZero(b));
    assert.deepEqual(madtStructures(b).map((s) => [u8(s, 0), s.length]), [
      [0x0c, 24], [0x0b, 80], [0x0b, 80], [0x0b, 80], [0x0b, 80], [0x0e, 16],
    ]);
  });

  it('has no local APIC address and no PCAT_COMPAT', () => {
    assert.equal(u32(b, MADT.LOCAL_INTERRUPT_CONTROLLER_ADDRESS), 0);
    assert.equal(u32(b, MADT.FLAGS), 0);
  });

  it('describes the distributor: GICv3 at its base, system vector base 0', () => {
    assert.equal(u32(b, GICD_AT + 4), 0);
    assert.equal(u64(b, GICD_AT + 8), ARM64_GICD_BASE);
    assert.equal(u32(b, GICD_AT + 16), 0);
    assert.equal(u8(b, GICD_AT + 20), 3);
  });

  it('gives each GICC its interface number, uid, MPIDR and interrupts', () => {
    for (let i = 0; i < 4; i++) {
      const at = giccAt(i);
      assert.equal(u32(b, at + GICC.CPU_INTERFACE_NUMBER), i);
      assert.equal(u32(b, at + GICC.UID), i);
      assert.equal(u64(b, at + GICC.MPIDR), BigInt(i));
      assert.equal(u32(b, at + GICC.PERFORMANCE_INTERRUPT), ARM64_PMU_GSIV);
      assert.equal(u32(b, at + GICC.VGIC_MAINTENANCE_INTERRUPT), ARM64_VGIC_MAINTENANCE_GSIV);
      // Redistributors come from the GICR structure, which Linux requires for vCPU hot-plug.
      assert.equal(u64(b, at + GICC.GICR_BASE_ADDRESS), 0n);
      assert.equal(u64(b, at + GICC.BASE_ADDRESS), 0n);
    }
  });

  it('marks the first GICC Enabled and the rest Online Capable, never both', () => {
    assert.deepEqual([0, 1, 2, 3].map((i) => u32(b, giccAt(i) + GICC.FLAGS)), [0b0001, 0b1000, 0b1000, 0b1000]);
  });

  it('describes the redistributor range', () => {
    assert.equal(u16(b, GICR_AT + 2), 0);
    assert.equal(u64(b, GICR_AT + 4), ARM64_GICR_BASE);
    assert.equal(u32(b, GICR_AT + 12), ARM64_GICR_LENGTH);
  });
});

describe('madtEntry', () => {
  it('returns the same bytes as the structure function for that type', () => {
    const lapic: MadtEntry = { type: 'local-apic', uid: 2, apicId: 4, state: 'enabled' };
    const cpu: MadtEntry = { type: 'gicc', cpuInterfaceNumber: 1, uid: 1, state: 'online-capable', mpidr: 1n };
    assert.deepEqual(madtEntry(lapic), localApic(lapic));
    assert.deepEqual(madtEntry(cpu), gicc(cpu));
  });
});
