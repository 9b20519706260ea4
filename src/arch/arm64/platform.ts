import {
  AmlString, And, Device, Field, If, Interrupt, LEqual, Local, Method, Name, NameRef, Notify, OperationRegion, Scope, Store,
  Call, Zero, field, resourceTemplate, type AmlNode,
} from '../../aml/encode/index.ts';
import {
  madtEntry, PPTT_NODE_FLAGS, type FadtInput, type MadtEntry, type MadtInput, type OemInfo, type PpttNode, type ProcessorState,
} from '../../acpi/index.ts';
import { PRESENCE_ALWAYS } from '../../hotplug/index.ts';
import type { PossibleCpu } from '../../topology/index.ts';
import { BOOT_CPU_INDEX, topologyIds, type Topology, LEVEL_COUNT, slotIndex, type CpuIdProp, DeviceError } from '../../topology/index.ts';
import type { Platform, PlatformEvents, TableAddresses } from '../platform.ts';
import type { Bus } from '../../devices/index.ts';
import { GenericEventDevice, GedEvent } from '../../devices/index.ts';
import { mpidrFromIndex } from './mpidr.ts';

// QEMU's arm virt memory map and interrupts, as the arm64 vCPU hot-plug RFC V5 has
// them: cpuhp's virt tables describe the RFC's machine, so either runs the other's.
const GICD_BASE = 0x08000000;
/** The GICv3 ITS (VIRT_GIC_ITS), which MSIs go through. */
const GIC_ITS_BASE = 0x08080000;
/** Low redistributor region: 0xF60000 bytes hold 123 redistributors of 128 KiB. */
const GICR_LOW = { base: 0x080a0000, length: 0x00f60000 };
/** High redistributor region (VIRT_HIGH_GIC_REDIST2): room for 512 more. */
const GICR_HIGH = { base: 0x40_0000_0000, length: 0x0400_0000 };
const GICR_STRIDE = 0x20000;
const GED_BASE = 0x09080000;
/** GED interrupt: SPI 9 (GSIV 41), as QEMU's virt. */
const GED_GSIV = 41;
/**
 * The CPU hot-plug register block: where the RFC V4/V5 put it (VIRT_CPUHP_ACPI, the
 * GED's MMIO region 3). It is 4-byte aligned, which Linux's AML interpreter needs for
 * MMIO field accesses.
 */
export const VIRT_CPUHP_BASE = 0x090c0000;
/** GED event bit for CPU hot-plug (ACPI_GED_CPU_HOTPLUG_EVT). */
export const GED_CPU_HOTPLUG_EVT = GedEvent.CPU_HOTPLUG;
/** PMU overflow interrupt: PPI 7 (GSIV 23), as QEMU's virt. */
const PMU_GSIV = 23;

function giccEntry(cpu: PossibleCpu, state: ProcessorState): MadtEntry {
  return {
    type: 'gicc',
    cpuInterfaceNumber: cpu.index,
    uid: cpu.index,
    state,
    performanceInterrupt: PMU_GSIV,
    // No virtualization extensions (EL2) are offered, so no VGIC maintenance interrupt.
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
    coldBootedUnpluggable: false,
    tableBase: 0x4000_0000,
    cpuType: 'max-arm-cpu',
    cpuIdLevels: ['socket-id', 'cluster-id', 'core-id', 'thread-id'],
    // The RFC's virt pre-plug: a level not given is 0, and every value, negative
    // ones included, must be in range, checked from the thread up (all seen live
    // against the RFC V5 QEMU: with thread-id and socket-id both wrong it names thread-id).
    cpuSlot(cpus, t, ids) {
      const inRange: Partial<Record<CpuIdProp, number>> = {};
      for (const level of [...this.cpuIdLevels].reverse()) {
        const v = ids[level] ?? 0;
        const count = LEVEL_COUNT[level](t);
        if (v < 0 || v >= count) throw new DeviceError(`Invalid ${level} ${v} specified, correct range 0:${count - 1}`);
        inRange[level] = v;
      }
      return cpus[slotIndex(t, inRange)]!;
    },
    slotTaken: (slot) =>
      `cpu(id${slot.index}=${slot.props['socket-id']}:${slot.props['cluster-id'] ?? 0}:${slot.props['core-id']}:${slot.props['thread-id']}) with arch-id ${slot.archId} exist`,
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
      return [new Scope('\\_SB', [gedDevice(), powerButton()])];
    },
    matEntry: (cpu) => madtEntry(giccEntry(cpu, 'enabled')),
    madt(cpus, oem, presence, coldPlugEnabled): MadtInput {
      const gicrs = [GICR_LOW];
      if (cpus.length * GICR_STRIDE > GICR_LOW.length) gicrs.push(GICR_HIGH);
      const enabledAtBoot = (c: PossibleCpu) => c.index === BOOT_CPU_INDEX || (c.coldPlugged && coldPlugEnabled === 'all');
      const entries: MadtEntry[] = [
        { type: 'gicd', gicId: 0, baseAddress: GICD_BASE, globalIrqBase: 0, version: 3 },
        // A GICC for every possible vCPU: present for the VM's life, enabled or online-capable.
        ...cpus.map((c) => giccEntry(c, enabledAtBoot(c) ? 'enabled' : presence.madtStateWhenOff)),
        ...gicrs.map((r): MadtEntry => ({ type: 'gicr', baseAddress: r.base, length: r.length })),
        { type: 'gic-its', translationId: 0, baseAddress: GIC_ITS_BASE },
      ];
      // Revision 4 and 80-byte GICCs, as the RFC's MADT (Linux reads Online Capable
      // whatever the revision on arm64).
      return { oem, revision: 4, localApicAddress: 0, flags: 0, entries };
    },
    pptt: (cpus, topology, oem) => ({ oem, revision: 2, nodes: topologyNodes(cpus, topology) }),
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

/**
 * The PPTT's processor hierarchy as QEMU's virt writes it (build_pptt): in slot order,
 * a package node per socket, a cluster node per cluster when -smp named clusters, a
 * core node per core only when cores have threads, and a leaf per vCPU whose ACPI
 * processor ID is its _UID. Every possible vCPU is described, hot-pluggable or not.
 */
function topologyNodes(cpus: readonly PossibleCpu[], t: Topology): PpttNode[] {
  const { PHYSICAL_PACKAGE, ACPI_PROCESSOR_ID_VALID, PROCESSOR_IS_A_THREAD, NODE_IS_A_LEAF } = PPTT_NODE_FLAGS;
  const nodes: PpttNode[] = [];
  const add = (n: PpttNode) => nodes.push(n) - 1;
  let socket = -1, cluster = -1, core = -1;
  let socketNode = 0, clusterNode = 0, coreNode = 0;
  for (const c of cpus) {
    const ids = topologyIds(t, c.index);
    if (ids.socketId !== socket) {
      socket = ids.socketId;
      cluster = core = -1;
      clusterNode = socketNode = add({ flags: PHYSICAL_PACKAGE, acpiProcessorId: socket });
    }
    if (t.clustersGiven && ids.clusterId !== cluster) {
      cluster = ids.clusterId;
      core = -1;
      clusterNode = add({ flags: 0, parent: socketNode, acpiProcessorId: cluster });
    }
    if (t.threads === 1) {
      add({ flags: ACPI_PROCESSOR_ID_VALID | NODE_IS_A_LEAF, parent: clusterNode, acpiProcessorId: c.index });
      continue;
    }
    if (ids.coreId !== core) {
      core = ids.coreId;
      coreNode = add({ flags: 0, parent: clusterNode, acpiProcessorId: core });
    }
    add({ flags: ACPI_PROCESSOR_ID_VALID | PROCESSOR_IS_A_THREAD | NODE_IS_A_LEAF, parent: coreNode, acpiProcessorId: c.index });
  }
  return nodes;
}

// The Generic Event Device (ACPI0013) as QEMU's virt builds it: a read-and-clear
// event selector; _EVT dispatches on its bits: 0x2 is the power button, 0x8 scans CPUs.
function gedDevice(): AmlNode {
  const sel = new Local(0);
  const has = (bit: number) => LEqual(And(sel, bit), bit);
  return new Device('\\_SB.GED', [
    new Name('_HID', new AmlString('ACPI0013')),
    new Name('_UID', new AmlString('GED')),
    new Name('_CRS', resourceTemplate([new Interrupt({ consumer: true, edge: true }, [GED_GSIV])])),
    new OperationRegion('EREG', 'SystemMemory', GED_BASE, 4),
    new Field('EREG', { access: 'DWordAcc', lock: 'NoLock', update: 'WriteAsZeros' }, [field('ESEL', 32)]),
    new Method('_EVT', 1, [
      Store(new NameRef('ESEL'), sel),
      // 0x80: the power button was pressed (ACPI 6.5 §4.8.3.1.1).
      new If(has(GedEvent.PWR_DOWN), [Notify(new NameRef('PWRB'), 0x80)]),
      new If(has(GED_CPU_HOTPLUG_EVT), [new Call('\\_SB.GED.CSCN')]),
    ], { serialized: true }),
  ]);
}

/** The power button the GED's bit 0x2 notifies (a control-method power button, PNP0C0C). */
function powerButton(): AmlNode {
  return new Device('PWRB', [new Name('_HID', new AmlString('PNP0C0C')), new Name('_UID', Zero)]);
}
