import type { AmlNode } from '../aml/encode/index.ts';
import type { FadtInput, MadtInput, OemInfo } from '../acpi/index.ts';
import type { CpusAmlOptions } from '../hotplug/aml.ts';
import type { PresencePolicy } from '../hotplug/presence.ts';
import type { ArchName } from '../machine/machine-types.ts';
import type { Topology } from '../machine/topology.ts';
import type { CpuProps, PossibleCpu } from '../machine/possible-cpus.ts';

/** Where the tables were placed in guest memory, for the pointers between them. */
export interface TableAddresses {
  readonly facs?: number;
  readonly dsdt: number;
}

/**
 * Everything architecture- and chipset-specific about a machine's ACPI view.
 * Each machine type resolves to one Platform; nothing else in the code asks
 * which architecture it runs on.
 */
export interface Platform {
  readonly arch: ArchName;
  readonly presence: PresencePolicy;
  /** The arch id and QMP topology properties of a slot. */
  cpuIdentity(t: Topology, index: number): { archId: number; props: CpuProps };
  /** The CPU hot-plug AML's platform wiring (where the block is, which event calls CSCN). */
  readonly cpuHotplug: Pick<CpusAmlOptions, 'region' | 'resRoot' | 'eventMethod' | 'acpi1Compatible'>;
  /** The DSDT's platform devices around the CPU hot-plug AML. */
  platformAml(): AmlNode[];
  /** _MAT of a slot: its MADT entry with Enabled forced on. */
  matEntry(cpu: PossibleCpu): Uint8Array;
  madt(cpus: readonly PossibleCpu[], oem: OemInfo): MadtInput;
  fadt(addresses: TableAddresses, oem: OemInfo): FadtInput;
  /** Hardware-reduced platforms have no FACS. */
  readonly hasFacs: boolean;
  /** Where the table blob is placed in guest memory. */
  readonly tableBase: number;
}
