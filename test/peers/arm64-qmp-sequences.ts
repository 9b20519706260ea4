// The QMP sequences of the arm64 differential (arm64-qmp-differential.test.ts): what
// `virt` must answer as the arm64 vCPU hot-plug RFC V5's QEMU does. No guest runs on
// either side (both stay in prelaunch), so hot-plug events stay pending in the
// register block and only replies and synchronous events are compared.
//
// Not sent: device_add with a node-id on a machine without NUMA, which aborts the
// RFC QEMU ("Failed to associate cpu 2 with any GIC cpuif"); cpuhp answers
// "invalid node-id, must be 0".

export interface Arm64Step {
  readonly cmd: string;
  readonly args?: Record<string, unknown>;
  readonly note?: string;
}

export interface Arm64Sequence {
  readonly name: string;
  /** -smp; default 2,maxcpus=4. */
  readonly smp?: string;
  readonly steps: readonly Arm64Step[];
}

const cpu = (core: number, id?: string, more: Record<string, unknown> = {}): Record<string, unknown> => ({
  driver: 'max-arm-cpu', 'socket-id': 0, 'cluster-id': 0, 'core-id': core, 'thread-id': 0, ...(id !== undefined ? { id } : {}), ...more,
});
const add = (args: Record<string, unknown>, note?: string): Arm64Step => ({ cmd: 'device_add', args, ...(note ? { note } : {}) });
const del = (id: string, note?: string): Arm64Step => ({ cmd: 'device_del', args: { id }, ...(note ? { note } : {}) });
const q = (cmd: string): Arm64Step => ({ cmd });
const LISTS = [q('query-hotpluggable-cpus'), q('query-cpus-fast'), q('query-acpi-ospm-status')];

export const ARM64_SEQUENCES: readonly Arm64Sequence[] = [
  { name: 'queries at start', steps: [q('query-version'), q('query-status'), ...LISTS] },
  { name: 'queries at start, one boot vCPU of 8', smp: '1,maxcpus=8', steps: LISTS },
  {
    name: 'hot-add by id and anonymously',
    steps: [add(cpu(2, 'cpu2')), add(cpu(3)), ...LISTS],
  },
  {
    name: 'device_add refusals',
    steps: [
      add(cpu(9, 'c9'), 'core-id out of range'),
      add(cpu(1, 'c1'), 'a cold-booted slot'),
      add(cpu(0, 'c0'), 'the boot slot'),
      add({ ...cpu(2, 'c2'), driver: 'cortex-a57-arm-cpu' }, 'another CPU model'),
      add({ ...cpu(2, 'c2'), driver: 'qemu64-x86_64-cpu' }, "another target's CPU"),
      add({ ...cpu(2, 'c2'), driver: 'arm-cpu' }, 'the abstract base type'),
      add(cpu(2, '1bad'), 'an id that is not an identifier'),
      add(cpu(2, 'c2', { bus: 'pcie.0' }), 'a bus'),
      add(cpu(2, 'c2', { 'die-id': 0 }), 'a level virt does not have'),
      add(cpu(2, 'c2', { 'core-id': -1 }), 'a negative core-id'),
      add(cpu(2, 'c2', { 'thread-id': 1 }), 'thread-id out of range'),
      add(cpu(2, 'c2', { 'socket-id': 1 }), 'socket-id out of range'),
      add(cpu(2, 'c2', { 'cluster-id': 1 }), 'cluster-id out of range'),
      add(cpu(2, 'c2', { 'core-id': 'x' }), 'a property that is not a number'),
      add(cpu(9, 'c2', { 'socket-id': 1, 'thread-id': 3 }), 'three levels out of range: which one is named'),
      add(cpu(7, 'c2', { 'cluster-id': 5 }), 'two levels out of range'),
      add(cpu(2, 'c2', { 'core-id': '0x2', 'thread-id': '+0' }), 'numbers as strings, hex and signed'),
      add({ driver: 'max-arm-cpu', id: 'c2', 'cluster-id': 0, 'core-id': 2, 'thread-id': 0 }, 'socket-id missing'),
      add({ driver: 'max-arm-cpu', id: 'c2', 'socket-id': 0, 'core-id': 2, 'thread-id': 0 }, 'cluster-id missing'),
      add({ driver: 'max-arm-cpu', id: 'c2', 'socket-id': 0, 'cluster-id': 0, 'thread-id': 0 }, 'core-id missing'),
      add({ driver: 'max-arm-cpu', id: 'c2', 'socket-id': 0, 'cluster-id': 0, 'core-id': 2 }, 'thread-id missing'),
      add({ id: 'c2' }, 'no driver'),
      add({ driver: 'max-arm-cpu', id: 'c3', 'core-id': 3 }, 'only core-id: the other levels are 0'),
      ...LISTS,
    ],
  },
  {
    name: 'a slot taken twice, an id used twice',
    steps: [add(cpu(2, 'cpu2')), add(cpu(2, 'cpu2b')), add(cpu(3, 'cpu2')), ...LISTS],
  },
  {
    name: 'device_del refusals and requests',
    steps: [
      del('/machine/unattached/device[0]', 'the boot vCPU'),
      del('/machine/unattached/device[1]', 'a cold-booted vCPU'),
      del('nosuch'),
      del('/machine'),
      del('/machine/peripheral'),
      add(cpu(2, 'cpu2')),
      del('cpu2'),
      del('cpu2', 'again: the request is repeated'),
      del('/machine/peripheral/cpu2', 'by QOM path'),
      ...LISTS,
    ],
  },
  {
    name: 'two clusters',
    smp: '2,maxcpus=8,clusters=2,cores=4',
    steps: [...LISTS, add({ ...cpu(1, 'a'), 'cluster-id': 1 }), add(cpu(5, 'b'), 'core-id beyond a cluster'), add({ ...cpu(3, 'c'), 'cluster-id': 2 }), ...LISTS],
  },
];
