import { DeviceError } from './errors.ts';
import type { CpuProps, PossibleCpu } from './possible-cpu.ts';
import type { Topology } from './topology.ts';

/** The topology properties device_add accepts for a CPU, by QMP name. */
export const CPU_ID_PROPS = ['socket-id', 'die-id', 'cluster-id', 'core-id', 'thread-id'] as const;
export type CpuIdProp = (typeof CPU_ID_PROPS)[number];

export const LEVEL_COUNT: Record<CpuIdProp, (t: Topology) => number> = {
  'socket-id': (t) => t.sockets,
  'die-id': (t) => t.dies,
  'cluster-id': (t) => t.clusters,
  'core-id': (t) => t.cores,
  'thread-id': (t) => t.threads,
};

/**
 * Finds the slot a device_add names by its topology ids, with QEMU's checks and
 * messages (x86_cpu_pre_plug): every level the machine has must be given (die-id
 * and cluster-id default to 0 where there is only one), each within range.
 */
export function findSlot(
  cpus: readonly PossibleCpu[],
  t: Topology,
  given: Partial<Record<CpuIdProp, number>>,
  levels: readonly CpuIdProp[],
  archIdLabel: string,
): PossibleCpu {
  const ids: Partial<Record<CpuIdProp, number>> = {};
  for (const level of levels) {
    const count = LEVEL_COUNT[level](t);
    let v = given[level];
    if (v === undefined && (level === 'die-id' || level === 'cluster-id') && count === 1) v = 0;
    if (v === undefined) throw new DeviceError(`CPU ${level} is not set`);
    if (v < 0 || v > count - 1) throw new DeviceError(`Invalid CPU ${level}: ${v} must be in range 0:${count - 1}`);
    ids[level] = v;
  }
  // The props check guards slotIndex's numbering.
  const candidate = cpus[slotIndex(t, ids)];
  const slot = candidate && levels.every((l) => (candidate.props[l as keyof CpuProps] ?? 0) === ids[l]) ? candidate : undefined;
  if (!slot) {
    const where = levels.map((l) => `${l.replace('-id', '')}: ${ids[l]}`).join(', ');
    throw new DeviceError(`Invalid CPU [${where}] with ${archIdLabel}, valid index range 0:${cpus.length - 1}`);
  }
  return slot;
}

/**
 * The slot index of in-range topology ids (a level not given is 0). Slots are
 * numbered as topologyIds() counts them, threads fastest, so the index follows from
 * the ids directly.
 */
export function slotIndex(t: Topology, ids: Partial<Record<CpuIdProp, number>>): number {
  const at = (l: CpuIdProp) => ids[l] ?? 0;
  return ((((at('socket-id') * t.dies + at('die-id')) * t.clusters + at('cluster-id')) * t.cores + at('core-id')) * t.threads) + at('thread-id');
}
