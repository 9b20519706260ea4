import { platformFor, type Platform } from '../arch/index.ts';
import type { MachineType } from './machine-types.ts';
import { resolveTopology, parseSmp, type PossibleCpu, type Topology } from '../topology/index.ts';

/** A machine's static shape: its type, platform, topology and possible-CPU list. */
export interface MachineConfig {
  readonly type: MachineType;
  readonly platform: Platform;
  readonly topology: Topology;
  readonly cpus: readonly PossibleCpu[];
}

export function createMachineConfig(type: MachineType, smp: string): MachineConfig {
  const topology = resolveTopology(parseSmp(smp), {
    machineName: type.name,
    maxCpus: type.maxCpus,
    diesSupported: type.diesSupported,
    clustersSupported: type.clustersSupported,
  });
  const platform = platformFor(type.chipset);
  const cpus = Array.from({ length: topology.maxCpus }, (_, index): PossibleCpu => ({
    index,
    ...platform.cpuIdentity(topology, index),
    coldPlugged: index < topology.cpus,
  }));
  return { type, platform, topology, cpus };
}
