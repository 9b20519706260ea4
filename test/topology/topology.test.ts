import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MachineConfigError } from '../../src/topology/errors.ts';
import { parseSmp, resolveTopology, topologyIds, type TopologyLimits } from '../../src/topology/topology.ts';

const X86: TopologyLimits = { machineName: 'q35', maxCpus: 4096, diesSupported: true, clustersSupported: false };
const resolve = (smp: string, limits = X86) => resolveTopology(parseSmp(smp), limits);

describe('-smp resolution (QEMU ≥ 6.2 rules)', () => {
  test('a bare count is cpus, and maxcpus defaults to it', () => {
    assert.deepEqual(resolve('4'), { cpus: 4, maxCpus: 4, sockets: 1, dies: 1, clusters: 1, cores: 4, threads: 1 });
  });
  test('missing levels prefer cores over sockets', () => {
    assert.deepEqual(resolve('1,maxcpus=255'), { cpus: 1, maxCpus: 255, sockets: 1, dies: 1, clusters: 1, cores: 255, threads: 1 });
  });
  test('given sockets and threads leave cores to fill maxcpus', () => {
    assert.equal(resolve('2,maxcpus=16,sockets=2,threads=2').cores, 4);
  });
  test('given cores leaves sockets to fill maxcpus', () => {
    assert.equal(resolve('2,maxcpus=16,cores=4').sockets, 4);
  });
  test('without cpus and maxcpus the product of the levels is used', () => {
    assert.deepEqual(resolve('sockets=2,cores=2,threads=2'), { cpus: 8, maxCpus: 8, sockets: 2, dies: 1, clusters: 1, cores: 2, threads: 2 });
  });
  test("a product that misses maxcpus is refused in QEMU's words", () => {
    assert.throws(() => resolve('4,sockets=3,cores=1,threads=1,maxcpus=4'), {
      name: 'MachineConfigError',
      message: 'Invalid CPU topology: product of the hierarchy must match maxcpus: sockets (3) * dies (1) * cores (1) * threads (1) != maxcpus (4)',
    });
  });
  test('maxcpus above the machine limit names the limit', () => {
    assert.throws(() => resolve('1,maxcpus=4097'), /The max CPUs supported by machine 'q35' is 4096/);
  });
  test('repeated, unknown, zero and non-numeric parameters are refused', () => {
    for (const bad of ['2,cpus=2', '2,books=1', '0', '2,cores=x', '2,', 'maxcpus', '99999999999']) {
      assert.throws(() => resolve(bad), MachineConfigError, bad);
    }
  });
});

describe('topology ids', () => {
  test('threads vary fastest, then cores, dies and sockets', () => {
    const t = resolve('16,sockets=2,dies=2,cores=2,threads=2');
    assert.deepEqual(topologyIds(t, 0), { threadId: 0, coreId: 0, clusterId: 0, dieId: 0, socketId: 0 });
    assert.deepEqual(topologyIds(t, 1), { threadId: 1, coreId: 0, clusterId: 0, dieId: 0, socketId: 0 });
    assert.deepEqual(topologyIds(t, 2), { threadId: 0, coreId: 1, clusterId: 0, dieId: 0, socketId: 0 });
    assert.deepEqual(topologyIds(t, 4), { threadId: 0, coreId: 0, clusterId: 0, dieId: 1, socketId: 0 });
    assert.deepEqual(topologyIds(t, 15), { threadId: 1, coreId: 1, clusterId: 0, dieId: 1, socketId: 1 });
  });
});
