import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AcpiTableError, buildPptt, PPTT_NODE_FLAGS, QEMU_OEM, sumsToZero } from '../../src/acpi/index.ts';
import { buildAcpiTables } from '../../src/machine/acpi-build.ts';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';

const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at, true);
/** [flags, parent offset, ACPI processor id] of each node. */
const nodesOf = (b: Uint8Array) =>
  Array.from({ length: (b.length - 36) / 20 }, (_, i) => [u32(b, 36 + i * 20 + 4), u32(b, 36 + i * 20 + 8), u32(b, 36 + i * 20 + 12)]);

describe('buildPptt', () => {
  test('writes 20-byte processor hierarchy nodes whose parents are table offsets', () => {
    const b = buildPptt({ oem: QEMU_OEM, revision: 2, nodes: [{ flags: 1, acpiProcessorId: 0 }, { flags: 0xa, parent: 0, acpiProcessorId: 7 }] });
    assert.equal(new TextDecoder().decode(b.subarray(0, 4)), 'PPTT');
    assert.equal(b.length, 36 + 2 * 20);
    assert.ok(sumsToZero(b));
    assert.deepEqual([b[36], b[37]], [0, 20]);
    assert.deepEqual(nodesOf(b), [[1, 0, 0], [0xa, 36, 7]]);
  });

  test('refuses a parent that is not an earlier node', () => {
    assert.throws(() => buildPptt({ oem: QEMU_OEM, revision: 2, nodes: [{ flags: 0, parent: 0, acpiProcessorId: 0 }] }), AcpiTableError);
  });
});

describe("virt's topology in the PPTT, as QEMU's build_pptt", () => {
  const pptt = (smp: string) => buildAcpiTables(createMachineConfig(findMachineType('virt'), smp)).tables.get('PPTT')!.bytes;
  const { PHYSICAL_PACKAGE: PKG, ACPI_PROCESSOR_ID_VALID: ID, PROCESSOR_IS_A_THREAD: THREAD, NODE_IS_A_LEAF: LEAF } = PPTT_NODE_FLAGS;

  test('threads hang under a core node, cores under their socket, every possible vCPU has a leaf', () => {
    assert.deepEqual(nodesOf(pptt('1,maxcpus=4,sockets=2,cores=1,threads=2')), [
      [PKG, 0, 0], [0, 36, 0], [ID | THREAD | LEAF, 56, 0], [ID | THREAD | LEAF, 56, 1],
      [PKG, 0, 1], [0, 116, 0], [ID | THREAD | LEAF, 136, 2], [ID | THREAD | LEAF, 136, 3],
    ]);
  });

  test('a cluster level only when -smp names clusters', () => {
    assert.equal(nodesOf(pptt('2,maxcpus=4')).length, 1 + 4);
    assert.equal(nodesOf(pptt('2,maxcpus=4,clusters=1')).length, 1 + 1 + 4);
  });

  test('x86 machines have none, as QEMU 7.2', () => {
    assert.equal(buildAcpiTables(createMachineConfig(findMachineType('q35'), '1,maxcpus=4')).tables.has('PPTT'), false);
  });
});
