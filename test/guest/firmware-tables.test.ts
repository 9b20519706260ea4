// Table discovery as the guest does it (src/guest/firmware-tables.ts): RSDP → XSDT →
// FADT, DSDT, SSDTs, MADT, from guest memory, refusing what a kernel would refuse.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { discoverTables, FirmwareTableError } from '../../src/guest/firmware-tables.ts';
import { Guest } from '../../src/guest/guest.ts';
import { buildXsdt } from '../../src/acpi/index.ts';
import { buildAcpiTables, CPUHP_OEM, type AcpiTableSet } from '../../src/machine/acpi-build.ts';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { tableMemory } from '../../src/vm/guest-binding.ts';

const tablesOf = (machine: string) => buildAcpiTables(createMachineConfig(findMachineType(machine), '1,maxcpus=4'));
const discover = (set: AcpiTableSet) => discoverTables(set.rsdp, tableMemory(set));

/** The set with one table's bytes changed by `edit` (on a copy). */
function withTable(set: AcpiTableSet, sig: string, edit: (b: Uint8Array) => void): AcpiTableSet {
  const tables = new Map(set.tables);
  const t = tables.get(sig)!;
  const bytes = Uint8Array.from(t.bytes);
  edit(bytes);
  tables.set(sig, { address: t.address, bytes });
  return { tables, rsdp: set.rsdp };
}

describe('what the guest finds', () => {
  test('q35: a full FADT (revision 3) with the SCI and the GPE0 block, the DSDT and the MADT', () => {
    const set = tablesOf('q35');
    const t = discover(set);
    assert.deepEqual(t.fadt, {
      revision: 3, minorRevision: 0, hardwareReduced: false, sciInterrupt: 9,
      gpe0: { address: 0x620, length: 16 }, dsdtAddress: set.tables.get('DSDT')!.address,
    });
    assert.deepEqual(t.dsdt, set.tables.get('DSDT')!.bytes);
    assert.deepEqual(t.madt, set.tables.get('APIC')!.bytes);
    assert.deepEqual(t.ssdts, []);
  });

  test('pc: the PIIX4 GPE0 block', () => {
    assert.deepEqual(discover(tablesOf('pc')).fadt.gpe0, { address: 0xafe0, length: 4 });
  });

  test('virt: hardware-reduced ACPI 6.5, no GPE block, the DSDT through X_DSDT', () => {
    const set = tablesOf('virt');
    const t = discover(set);
    assert.equal(t.fadt.hardwareReduced, true);
    assert.equal(t.fadt.revision, 6);
    assert.equal(t.fadt.minorRevision, 5);
    assert.equal(t.fadt.gpe0, undefined);
    assert.equal(t.fadt.dsdtAddress, set.tables.get('DSDT')!.address);
  });
});

describe('what the guest refuses', () => {
  const set = tablesOf('q35');

  for (const sig of ['XSDT', 'FACP', 'APIC', 'DSDT']) {
    test(`a bad ${sig} checksum`, () => {
      const bad = withTable(set, sig, (b) => (b[b.length - 1]! ^= 0x01));
      assert.throws(() => discover(bad), (e: unknown) => e instanceof FirmwareTableError && /bad checksum/.test(e.message) && e.message.includes(sig));
    });
  }

  test('a bad RSDP checksum, in the ACPI 1.0 part or in the extended part', () => {
    for (const at of [9, 30]) {
      const rsdp = Uint8Array.from(set.rsdp);
      rsdp[at]! ^= 0x40;
      assert.throws(() => discoverTables(rsdp, tableMemory(set)), /RSDP checksum is bad/, `byte ${at}`);
    }
  });

  test('an RSDP without its signature, or of revision 0 (no XSDT)', () => {
    const noSig = Uint8Array.from(set.rsdp);
    noSig[0] = 0x20;
    assert.throws(() => discoverTables(noSig, tableMemory(set)), /no RSDP signature/);
    const rev0 = Uint8Array.from(set.rsdp);
    rev0[15] = 0;
    rev0[8] = (rev0[8]! + 2) & 0xff; // keep both checksums right (byte 8 is in both sums)
    assert.throws(() => discoverTables(rev0, tableMemory(set)), /revision < 2/);
  });

  test('a table whose signature is not the one pointed to', () => {
    const bad = withTable(set, 'DSDT', (b) => {
      b[0] = 0x53; // 'S': "SSDT"; fix the checksum so only the signature is wrong
      b[9] = (b[9]! - (0x53 - 0x44)) & 0xff;
    });
    assert.throws(() => discover(bad), /expected DSDT .* found "SSDT"/);
  });

  test('a table claiming an impossible length', () => {
    const bad = withTable(set, 'APIC', (b) => new DataView(b.buffer).setUint32(4, 0x7fffffff, true));
    assert.throws(() => discover(bad), /has length/);
  });

  test('an XSDT that lists no MADT', () => {
    const tables = new Map(set.tables);
    const xsdt = tables.get('XSDT')!;
    tables.set('XSDT', { address: xsdt.address, bytes: buildXsdt({ oem: CPUHP_OEM, revision: 1, tables: [tables.get('FACP')!.address] }) });
    assert.throws(() => discover({ tables, rsdp: set.rsdp }), /^FirmwareTableError: no MADT$/);
  });

  test('a pointer to memory that holds no table', () => {
    const tables = new Map(set.tables);
    tables.delete('APIC');
    assert.throws(() => discover({ tables, rsdp: set.rsdp }), /table at 0x[0-9a-f]+ has length 0/);
  });

  test('a guest given bad tables does not boot', () => {
    const bad = withTable(set, 'DSDT', (b) => (b[40]! ^= 0xff));
    const mem = tableMemory(bad);
    const guest = new Guest({ rsdp: bad.rsdp, memory: mem, read: () => 0n, write: () => {} });
    assert.throws(() => guest.boot(), FirmwareTableError);
  });
});
