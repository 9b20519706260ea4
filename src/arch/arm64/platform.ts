import {
  AmlString, And, Device, Field, If, Interrupt, LEqual, Local, Method, Name, NameRef, OperationRegion, Scope, Store,
  Call, field, resourceTemplate, type AmlNode,
} from '../../aml/encode/index.ts';
import { madtEntry, type FadtInput, type MadtEntry, type MadtInput, type OemInfo, type ProcessorState } from '../../acpi/index.ts';
import { PRESENCE_ALWAYS } from '../../hotplug/presence.ts';
import type { PossibleCpu } from '../../machine/possible-cpus.ts';
import { topologyIds, type Topology } from '../../machine/topology.ts';
import type { Platform, PlatformEvents, TableAddresses } from '../platform.ts';
import type { Bus } from '../../machine/bus.ts';
import { GenericEventDevice, GedEvent } from '../../machine/ged.ts';
import { mpidrFromIndex } from './mpidr.ts';

// QEMU's arm virt memory map and interrupts, where we share them.
const GICD_BASE = 0x08000000;
/** Low redistributor region: 0xF60000 bytes hold 123 redistributors of 128 KiB. */
const GICR_LOW = { base: 0x080a0000, length: 0x00f60000 };
/** High redistributor region (VIRT_HIGH_GIC_REDIST2): room for 512 more. */
const GICR_HIGH = { base: 0x40_0000_0000, length: 0x0400_0000 };
const GICR_STRIDE = 0x20000;
const GED_BASE = 0x09080000;
/** GED interrupt: SPI 9 (GSIV 41), as QEMU's virt. */
const GED_GSIV = 41;
/**
 * The CPU hot-plug register block. Upstream virt has no CPU hot-plug; 0x090d0000 is
 * free in its map (0x090c0000 is ACPI PCI hot-plug) and 4-byte aligned, which
 * Linux's AML interpreter needs for MMIO field accesses.
 */
export const VIRT_CPUHP_BASE = 0x090d0000;
/** GED event bit for CPU hot-plug (ACPI_GED_CPU_HOTPLUG_EVT). */
export const GED_CPU_HOTPLUG_EVT = GedEvent.CPU_HOTPLUG;
const PMU_GSIV = 23;
const VGIC_MAINT_GSIV = 25;

function giccEntry(cpu: PossibleCpu, state: ProcessorState): MadtEntry {
  return {
    type: 'gicc',
    cpuInterfaceNumber: cpu.index,
    uid: cpu.index,
    state,
    performanceInterrupt: PMU_GSIV,
    vgicMaintenanceInterrupt: VGIC_MAINT_GSIV,
    // Redistributors are described by GICR structures (always-on), so 0 here:
    // Linux's arm64 vCPU hot-plug requires that.
    gicrBaseAddress: 0,
    mpidr: BigInt(cpu.archId),
  };
}

/** arm64 virt: MMIO register block, GED event 0x8, every possible vCPU always present. */
export function virtPlatform(): Platform {
  return {
    arch: 'aarch64',
    presence: PRESENCE_ALWAYS,
    hasFacs: false,
    tableBase: 0x4000_0000,
    cpuType: 'max-arm-cpu',
    cpuIdLevels: ['socket-id', 'cluster-id', 'core-id', 'thread-id'],
    archIdLabel: 'MPIDR',
    wireEvents(bus: Bus, irq: (line: number, level: boolean) => void): PlatformEvents {
      // An edge interrupt: a pulse per event, as qemu_irq_pulse.
      const ged = new GenericEventDevice(() => {
        irq(GED_GSIV, true);
        irq(GED_GSIV, false);
      });
      bus.map('mmio', 'ged', GED_BASE, 4, { min: 4, max: 4 }, ged);
      return {
        sendCpuHotplugEvent: () => ged.send(GED_CPU_HOTPLUG_EVT),
        save: () => Uint8Array.of(...[0, 8, 16, 24].map((s) => (ged.save() >>> s) & 0xff)),
        load: (b) => ged.load(new DataView(b.buffer, b.byteOffset, b.length).getUint32(0, true)),
      };
    },
    cpuIdentity(t: Topology, index: number) {
      const ids = topologyIds(t, index);
      return {
        archId: Number(mpidrFromIndex(index)),
        props: { 'socket-id': ids.socketId, 'cluster-id': ids.clusterId, 'core-id': ids.coreId, 'thread-id': ids.threadId },
      };
    },
    cpuHotplug: {
      region: { space: 'SystemMemory', base: VIRT_CPUHP_BASE },
      resRoot: '\\_SB',
      eventMethod: '\\_SB.GED.CSCN',
      acpi1Compatible: false,
    },
    platformAml(): AmlNode[] {
      return [new Scope('\\_SB', [gedDevice()])];
    },
    matEntry: (cpu) => madtEntry(giccEntry(cpu, 'enabled')),
    madt(cpus, oem, presence): MadtInput {
      const gicrs = [GICR_LOW];
      if (cpus.length * GICR_STRIDE > GICR_LOW.length) gicrs.push(GICR_HIGH);
      const entries: MadtEntry[] = [
        { type: 'gicd', gicId: 0, baseAddress: GICD_BASE, globalIrqBase: 0, version: 3 },
        // A GICC for every possible vCPU: present for the VM's life, enabled or online-capable.
        ...cpus.map((c) => giccEntry(c, c.coldPlugged ? 'enabled' : presence.madtStateWhenOff)),
        ...gicrs.map((r): MadtEntry => ({ type: 'gicr', baseAddress: r.base, length: r.length })),
      ];
      return { oem, revision: 5, localApicAddress: 0, flags: 0, entries };
    },
    fadt(addresses: TableAddresses, oem: OemInfo): FadtInput {
      return {
        kind: 'hw-reduced',
        oem,
        // ACPI 6.5: GICC Online Capable
        minorRevision: 5,
        dsdtAddress: addresses.dsdt,
        lowPowerS0Idle: false,
        psciConduit: 'hvc',
      };
    },
  };
}

// The Generic Event Device (ACPI0013) as QEMU's virt builds it: a read-and-clear
// event selector; _EVT dispatches on its bits, and bit 0x8 scans CPUs.
function gedDevice(): AmlNode {
  const sel = new Local(0);
  return new Device('GED', [
    new Name('_HID', new AmlString('ACPI0013')),
    new Name('_UID', new AmlString('GED')),
    new Name('_CRS', resourceTemplate([new Interrupt({ consumer: true, edge: true }, [GED_GSIV])])),
    new OperationRegion('EREG', 'SystemMemory', GED_BASE, 4),
    new Field('EREG', { access: 'DWordAcc', lock: 'NoLock', update: 'WriteAsZeros' }, [field('ESEL', 32)]),
    new Method('_EVT', 1, [
      Store(new NameRef('ESEL'), sel),
      new If(LEqual(And(sel, GED_CPU_HOTPLUG_EVT), GED_CPU_HOTPLUG_EVT), [new Call('\\_SB.GED.CSCN')]),
    ], { serialized: true }),
  ]);
}
