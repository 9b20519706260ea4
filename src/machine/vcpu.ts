import type { CpuProps } from '../topology/index.ts';

/**
 * A vCPU object (QEMU's CPUState as far as hot-plug cares). On x86 it exists only
 * while plugged; on arm64 every possible vCPU is created at boot and lives as long
 * as the VM, and hot-plug only toggles `enabled`.
 */
export interface VCpu {
  readonly index: number;
  readonly archId: number;
  readonly props: CpuProps;
  /** The qdev id given to device_add, if any (cold-plugged CPUs have none). */
  id: string | undefined;
  /** Where QMP clients find it (query-hotpluggable-cpus, DEVICE_DELETED). */
  qomPath: string;
  /** Realized and usable by the guest. */
  enabled: boolean;
  /** Plugged with device_add after machine creation (QEMU's dev->hotplugged). */
  hotplugged: boolean;
}
