import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apicIdFromIndex, bitWidthFor } from '../../src/arch/x86/apic-id.ts';
import { mpidrFromIndex } from '../../src/arch/arm64/mpidr.ts';
import { parseSmp, resolveTopology } from '../../src/topology/topology.ts';

const t = (smp: string) => resolveTopology(parseSmp(smp), { machineName: 'q35', maxCpus: 4096, diesSupported: true, clustersSupported: false });

test('bit widths round up to a power of two', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 255, 256, 257].map(bitWidthFor), [0, 1, 2, 2, 3, 8, 8, 9]);
});

test('with one thread per core and one socket, APIC ids are the indexes', () => {
  const topo = t('1,maxcpus=255');
  assert.deepEqual([0, 1, 254].map((i) => apicIdFromIndex(topo, i)), [0, 1, 254]);
});

test('non-power-of-two levels leave holes in the APIC id space, as on QEMU', () => {
  // 3 cores need 2 bits, 3 threads need 2 bits: socket 1 starts at 1 << 4.
  const topo = t('18,sockets=2,cores=3,threads=3');
  assert.equal(apicIdFromIndex(topo, 0), 0);
  assert.equal(apicIdFromIndex(topo, 2), 2); // thread 2
  assert.equal(apicIdFromIndex(topo, 3), 4); // core 1, thread 0
  assert.equal(apicIdFromIndex(topo, 9), 16); // socket 1
  assert.equal(apicIdFromIndex(topo, 17), 16 + 8 + 2);
});

test('dies sit between cores and the package', () => {
  const topo = t('8,sockets=2,dies=2,cores=2,threads=1');
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => apicIdFromIndex(topo, i)), [0, 1, 2, 3, 4]);
  const odd = t('12,sockets=2,dies=3,cores=2,threads=1');
  assert.equal(apicIdFromIndex(odd, 6), 8); // socket 1: package offset 1 + 2 bits
});

test('arm64 MPIDR packs 16 CPUs per Aff0 group', () => {
  assert.deepEqual([0, 15, 16, 511].map(mpidrFromIndex), [0n, 15n, 0x100n, 0x1f0fn]);
});
