import { platformFor, type Platform } from '../arch/index.ts';
import type { MachineType } from './machine-types.ts';
import { resolveTopology, parseSmp, type Topology } from './topology.ts';

/** Topology properties of a slot, with QEMU's QMP names (CpuInstanceProperties). */
export interface CpuProps {
  readonly 'node-id'?: number;
  readonly 'socket-id': number;
  readonly 'die-id'?: number;
  readonly 'cluster-id'?: number;
  readonly 'core-id': number;
  readonly 'thread-id': number;
}

/** One possible vCPU slot. The index is the hot-plug selector and the ACPI _UID. */
export interface PossibleCpu {
  readonly index: number;
  /** x86: initial APIC id; arm64: MPIDR affinity (Aff2..Aff0, so it fits a number). */
  readonly archId: number;
  readonly props: CpuProps;
  /** Plugged at machine creation (the first -smp cpus slots). */
  readonly coldPlugged: boolean;
}

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
  const platform = platformFor(type);
  const cpus = Array.from({ length: topology.maxCpus }, (_, index): PossibleCpu => ({
    index,
    ...platform.cpuIdentity(topology, index),
    coldPlugged: index < topology.cpus,
  }));
  return { type, platform, topology, cpus };
}
