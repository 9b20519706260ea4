import type { AmlNode } from '../aml/encode/index.ts';
import type { FadtInput, MadtInput, OemInfo, PpttInput } from '../acpi/index.ts';
import type { CpusAmlOptions, PresencePolicy } from '../hotplug/index.ts';
import type { Topology, CpuIdProp, CpuProps, PossibleCpu } from '../topology/index.ts';
import type { Bus } from '../devices/index.ts';

/** The architectures and chipsets cpuhp builds machines for. */
export type ArchName = 'x86_64' | 'aarch64';
export type Chipset = 'q35' | 'i440fx' | 'virt';

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
  /**
   * The MADT; `presence` decides how a possible vCPU that is off at boot is described,
   * `coldPlugEnabled` whether cold-plugged vCPUs other than the boot CPU are Enabled
   * or described like the hot-pluggable slots (MachineType.coldPlugEnabled).
   */
  madt(cpus: readonly PossibleCpu[], oem: OemInfo, presence: PresencePolicy, coldPlugEnabled: 'all' | 'boot-cpu'): MadtInput;
  fadt(addresses: TableAddresses, oem: OemInfo): FadtInput;
  /** The processor topology table, where the platform has one (arm64 virt, as QEMU's). */
  pptt?(cpus: readonly PossibleCpu[], topology: Topology, oem: OemInfo): PpttInput;
  /** The CPU model device_add takes (QEMU's type name). */
  readonly cpuType: string;
  /** The topology ids device_add must name, in QEMU's order. */
  readonly cpuIdLevels: readonly CpuIdProp[];
  /**
   * The slot a device_add names by its topology properties (as given, negatives
   * included), with the platform's pre-plug checks: throws DeviceError in QEMU's words.
   */
  cpuSlot(cpus: readonly PossibleCpu[], t: Topology, ids: Readonly<Partial<Record<CpuIdProp, number>>>): PossibleCpu;
  /** device_add's refusal for a slot whose vCPU is already plugged. */
  slotTaken(slot: PossibleCpu): string;
  /**
   * A device_add property that names a slot by its arch id instead of its topology
   * ids, where the platform has one (x86's `apic-id`).
   */
  readonly archIdProperty?: ArchIdProperty;
  /** What the arch id is called in messages ('APIC ID', 'MPIDR'). */
  readonly archIdLabel: string;
  /**
   * Maps the platform's event device on the bus (x86 GPE0 block, arm64 GED) and
   * returns the way to raise the CPU hot-plug event. `irq` reports the interrupt
   * line the guest sees (the SCI's GSI, or the GED's).
   */
  wireEvents(bus: Bus, irq: (line: number, level: boolean) => void): PlatformEvents;
  /**
   * Whether device_del may unplug a vCPU the machine was started with (x86), or only
   * hot-plugged ones (arm64, as the RFC: "Hot-unplug of cold-booted CPU not supported!").
   */
  readonly coldBootedUnpluggable: boolean;
  /** Hardware-reduced platforms have no FACS. */
  readonly hasFacs: boolean;
  /** Where the table blob is placed in guest memory. */
  readonly tableBase: number;
}

/** A device_add property naming a slot by its arch id, with the platform's checks. */
export interface ArchIdProperty {
  readonly name: string;
  /** The value that means "not given" (QEMU's UNASSIGNED_APIC_ID). */
  readonly unassigned: number;
  /**
   * The slot with this arch id, or the platform's refusal (DeviceError); `module`:
   * the refusal names the module level, as QEMU ≥ 9.1's x86 one does.
   */
  slotOf(cpus: readonly PossibleCpu[], t: Topology, archId: number, module: boolean): PossibleCpu;
  /** Refuses topology ids given beside the arch id that it does not encode (DeviceError). */
  checkIds(t: Topology, archId: number, given: Readonly<Record<string, number>>): void;
}

/** The platform's event device as the machine drives it. */
export interface PlatformEvents {
  /** acpi_send_event(ACPI_CPU_HOTPLUG_STATUS): GPE0 status bit 2, or GED event 0x8. */
  sendCpuHotplugEvent(): void;
  /** Migratable state of the event device. */
  save(): Uint8Array;
  load(bytes: Uint8Array): void;
}
