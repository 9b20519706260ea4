import {
  EisaId, AmlString, Device, Name, Scope, Zero, type AmlNode,
} from '../../aml/encode/index.ts';
import {
  FADT_FLAGS, IAPC_BOOT_ARCH, madtEntry, type FadtInput, type MadtEntry, type MadtInput, type OemInfo, type ProcessorState,
} from '../../acpi/index.ts';
import { IO_BASE_PC, IO_BASE_Q35, PRESENCE_TOGGLES } from '../../hotplug/index.ts';
import type { PossibleCpu } from '../../topology/index.ts';
import { topologyIds, type Topology, findSlot } from '../../topology/index.ts';
import type { Platform, PlatformEvents, TableAddresses } from '../platform.ts';
import type { Bus } from '../../devices/index.ts';
import { Gpe0Block, GPE_CPU_HOTPLUG_BIT } from '../../devices/index.ts';
import { apicIdFromIds } from './apic-id.ts';
import { checkIdsMatchApicId, slotOfApicId, UNASSIGNED_APIC_ID } from './apic-id-slot.ts';

/** The two PC chipsets differ only in where their ACPI registers sit. */
interface PcChipset {
  readonly pciHid: readonly string[];
  readonly cpuHotplugBase: number;
  readonly pmBase: number;
  readonly gpe0: { readonly address: number; readonly length: number };
  readonly iapcBootArch: number;
  readonly acpiEnable: number;
  readonly acpiDisable: number;
}

// Values after SeaBIOS has programmed the chipset, as QEMU 7.2's FADT shows them.
export const Q35: PcChipset = {
  pciHid: ['PNP0A08', 'PNP0A03'],
  cpuHotplugBase: IO_BASE_Q35,
  pmBase: 0x600,
  gpe0: { address: 0x620, length: 16 },
  iapcBootArch: IAPC_BOOT_ARCH['8042'],
  acpiEnable: 0x02,
  acpiDisable: 0x03,
};
export const I440FX: PcChipset = {
  pciHid: ['PNP0A03'],
  cpuHotplugBase: IO_BASE_PC,
  pmBase: 0x600,
  gpe0: { address: 0xafe0, length: 4 },
  iapcBootArch: 0,
  acpiEnable: 0xf1,
  acpiDisable: 0xf0,
};

/** The SCI is ISA IRQ 9 on both chipsets. */
const SCI_IRQ = 9;
const LOCAL_APIC_ADDRESS = 0xfee00000;
const IO_APIC_ADDRESS = 0xfec00000;
/** ISA IRQs routed to PCI, level-triggered active-high: QEMU's PCI_ISA_IRQ_MASK. */
const PCI_ISA_IRQS = [5, 9, 10, 11];
const ACPI_LINT1 = 1;
/** Processor() and 8-bit MADT entries stop below 255 (0xFF means "all CPUs"). */
const MAX_XAPIC_ID = 254;

function processorEntry(cpu: PossibleCpu, state: ProcessorState): MadtEntry {
  return cpu.archId <= MAX_XAPIC_ID
    ? { type: 'local-apic', uid: cpu.index, apicId: cpu.archId, state }
    : { type: 'local-x2apic', uid: cpu.index, x2apicId: cpu.archId, state };
}

/** x86 PC (q35 or i440fx): I/O-port register block at the chipset's base, GPE0 bit 2. */
export function pcPlatform(chipset: PcChipset): Platform {
  return {
    arch: 'x86_64',
    presence: PRESENCE_TOGGLES,
    hasFacs: true,
    coldBootedUnpluggable: true,
    tableBase: 0x7ffe0000,
    cpuType: 'qemu64-x86_64-cpu',
    // x86_cpu_pre_plug: QEMU's topology properties default to -1 and it tests "< 0",
    // so a negative value reads as not set (QEMU 7.2: core-id -7 "CPU core-id is not set").
    cpuSlot(cpus, t, ids) {
      const given = Object.fromEntries(Object.entries(ids).filter(([, v]) => v !== undefined && v >= 0));
      return findSlot(cpus, t, given, this.cpuIdLevels, this.archIdLabel);
    },
    slotTaken: (slot) => `CPU[${slot.index}] with APIC ID ${slot.archId} exists`,
    cpuIdLevels: ['socket-id', 'die-id', 'core-id', 'thread-id'],
    archIdLabel: 'APIC ID',
    archIdProperty: { name: 'apic-id', unassigned: UNASSIGNED_APIC_ID, slotOf: slotOfApicId, checkIds: checkIdsMatchApicId },
    wireEvents(bus: Bus, irq: (line: number, level: boolean) => void): PlatformEvents {
      const gpe = new Gpe0Block(chipset.gpe0.length, (level) => irq(SCI_IRQ, level));
      // QEMU's GPE ops are byte-wide (impl 1) but accept 1..4-byte accesses.
      bus.map('io', 'gpe0', chipset.gpe0.address, chipset.gpe0.length, { min: 1, max: 4 }, gpe);
      return {
        sendCpuHotplugEvent: () => gpe.raise(GPE_CPU_HOTPLUG_BIT),
        save: () => gpe.save(),
        load: (b) => gpe.load(b),
      };
    },
    cpuIdentity(t: Topology, index: number) {
      const ids = topologyIds(t, index);
      return {
        archId: apicIdFromIds(t, ids),
        // x86 reports die-id only when there is more than one die, as QEMU does.
        props: { 'socket-id': ids.socketId, ...(t.dies > 1 ? { 'die-id': ids.dieId } : {}), 'core-id': ids.coreId, 'thread-id': ids.threadId },
      };
    },
    cpuHotplug: {
      region: { space: 'SystemIO', base: chipset.cpuHotplugBase },
      resRoot: '\\_SB.PCI0',
      eventMethod: '\\_GPE._E02',
      acpi1Compatible: true,
    },
    platformAml(): AmlNode[] {
      const [hid, ...cids] = chipset.pciHid;
      return [
        new Scope('\\_SB', [
          new Device('PCI0', [
            new Name('_HID', new EisaId(hid!)),
            ...cids.map((c) => new Name('_CID', new EisaId(c))),
            new Name('_UID', Zero),
          ]),
        ]),
        // The GPE block device: \_GPE._E02 is the CPU hot-plug event.
        new Scope('\\_GPE', [new Name('_HID', new AmlString('ACPI0006'))]),
      ];
    },
    matEntry: (cpu) => madtEntry(processorEntry(cpu, 'enabled')),
    madt(cpus, oem, presence): MadtInput {
      const x2apicMode = cpus.some((c) => c.archId > MAX_XAPIC_ID);
      const entries: MadtEntry[] = [
        // QEMU 7.2 keeps absent CPUs at flags 0 with MADT revision 1: Linux treats
        // disabled entries as hot-pluggable below revision 5 without Online Capable.
        ...cpus.map((c) => processorEntry(c, c.coldPlugged ? 'enabled' : presence.madtStateWhenOff)),
        { type: 'io-apic', id: 0, address: IO_APIC_ADDRESS, gsiBase: 0 },
        { type: 'interrupt-override', bus: 0, source: 0, gsi: 2, flags: 0 },
        ...PCI_ISA_IRQS.map((irq): MadtEntry => ({ type: 'interrupt-override', bus: 0, source: irq, gsi: irq, flags: 0x000d })),
        x2apicMode
          ? { type: 'local-x2apic-nmi', flags: 0, uid: 0xffffffff, lint: ACPI_LINT1 }
          : { type: 'local-apic-nmi', uid: 0xff, flags: 0, lint: ACPI_LINT1 },
      ];
      return { oem, revision: 1, localApicAddress: LOCAL_APIC_ADDRESS, flags: 1, entries };
    },
    fadt(addresses: TableAddresses, oem: OemInfo): FadtInput {
      const io = (address: number, bitWidth: number) => ({ addressSpace: 'system-io' as const, bitWidth, address });
      return {
        kind: 'x86',
        oem,
        revision: 3,
        facsAddress: addresses.facs ?? 0,
        dsdtAddress: addresses.dsdt,
        intModel: 1,
        sciInterrupt: SCI_IRQ,
        smiCommandPort: 0xb2,
        acpiEnableValue: chipset.acpiEnable,
        acpiDisableValue: chipset.acpiDisable,
        pm1aEventBlock: io(chipset.pmBase, 32),
        pm1aControlBlock: io(chipset.pmBase + 4, 16),
        pmTimerBlock: io(chipset.pmBase + 8, 32),
        gpe0Block: io(chipset.gpe0.address, chipset.gpe0.length * 8),
        c2Latency: 0x0fff,
        c3Latency: 0x0fff,
        rtcCenturyIndex: 0x32,
        iapcBootArch: chipset.iapcBootArch,
        flags:
          FADT_FLAGS.WBINVD | FADT_FLAGS.PROC_C1 | FADT_FLAGS.SLP_BUTTON | FADT_FLAGS.RTC_S4 |
          FADT_FLAGS.RESET_REG_SUP | FADT_FLAGS.USE_PLATFORM_CLOCK,
        resetRegister: io(0xcf9, 8),
        resetValue: 0x0f,
      };
    },
  };
}

