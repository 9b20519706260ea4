// The possible-CPU record: what a machine knows of each vCPU slot before any vCPU
// exists, shared by the architecture (which computes it) and the machine (which plugs it).

/** Topology properties of a slot, with QEMU's QMP names (CpuInstanceProperties). */
export interface CpuProps {
  readonly 'node-id'?: number;
  readonly 'socket-id': number;
  readonly 'die-id'?: number;
  readonly 'cluster-id'?: number;
  readonly 'core-id': number;
  readonly 'thread-id': number;
}

/**
 * The boot CPU's slot: the first possible CPU (QEMU's first_cpu). It is always plugged,
 * never ejected, and Enabled in every MADT.
 */
export const BOOT_CPU_INDEX = 0;

/** One possible vCPU slot. The index is the hot-plug selector and the ACPI _UID. */
export interface PossibleCpu {
  readonly index: number;
  /** x86: initial APIC id; arm64: MPIDR affinity (Aff2..Aff0, so it fits a number). */
  readonly archId: number;
  readonly props: CpuProps;
  /** Plugged at machine creation (the first -smp cpus slots). */
  readonly coldPlugged: boolean;
}
