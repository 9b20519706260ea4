import { AcpiTableError } from './errors.ts';
import { structure } from './madt-structure.ts';
import { processorFlags, type ProcessorState } from './processor-flags.ts';
import type { U64 } from './table-writer.ts';

export type InterruptMode = 'level' | 'edge';

// ACPI 6.5 §5.2.12.14 GIC CPU Interface (GICC) Structure. Fields left out are 0,
// which the spec reads as "not provided" (GICv3 guests use GICR structures).
export interface GiccEntry {
  readonly type: 'gicc';
  readonly cpuInterfaceNumber: number;
  readonly uid: number;
  readonly state: ProcessorState;
  readonly performanceInterruptMode?: InterruptMode;
  readonly vgicMaintenanceInterruptMode?: InterruptMode;
  readonly parkingProtocolVersion?: number;
  readonly performanceInterrupt?: number;
  readonly parkedAddress?: U64;
  /** GICv2 CPU interface base; 0 for GICv3. */
  readonly baseAddress?: U64;
  readonly gicvBaseAddress?: U64;
  readonly gichBaseAddress?: U64;
  readonly vgicMaintenanceInterrupt?: number;
  /** 0 when redistributors are described by GICR structures (required for vCPU hot-plug). */
  readonly gicrBaseAddress?: U64;
  readonly mpidr: bigint;
  readonly efficiencyClass?: number;
  readonly speOverflowInterrupt?: number;
}

export type GicVersion = 0 | 1 | 2 | 3 | 4;

// ACPI 6.5 §5.2.12.15 GIC Distributor (GICD) Structure
export interface GicdEntry {
  readonly type: 'gicd';
  readonly gicId: number;
  readonly baseAddress: U64;
  /** System Vector Base: the spec requires 0. */
  readonly globalIrqBase: number;
  /** 0 = "detect from hardware". */
  readonly version: GicVersion;
}

// ACPI 6.5 §5.2.12.17 GIC Redistributor (GICR) Structure
export interface GicrEntry {
  readonly type: 'gicr';
  readonly baseAddress: U64;
  readonly length: number;
  /** Flags bit 0 (ACPI 6.5): redistributors are not coherent with the CPUs' caches. */
  readonly nonCoherent?: boolean;
}

// ACPI 6.5 §5.2.12.18 GIC Interrupt Translation Service (ITS) Structure
export interface GicItsEntry {
  readonly type: 'gic-its';
  readonly translationId: number;
  readonly baseAddress: U64;
}

/** GICC field offsets within the structure. */
export const GICC = {
  CPU_INTERFACE_NUMBER: 4,
  UID: 8,
  FLAGS: 12,
  PARKING_PROTOCOL_VERSION: 16,
  PERFORMANCE_INTERRUPT: 20,
  PARKED_ADDRESS: 24,
  BASE_ADDRESS: 32,
  GICV: 40,
  GICH: 48,
  VGIC_MAINTENANCE_INTERRUPT: 56,
  GICR_BASE_ADDRESS: 60,
  MPIDR: 68,
  EFFICIENCY_CLASS: 76,
  SPE_OVERFLOW_INTERRUPT: 78,
} as const;

// ACPI 6.5 §5.2.12.14 GICC CPU Interface Flags: bits 1 and 2 (bits 0 and 3 are the ProcessorState)
const GICC_PERFORMANCE_INTERRUPT_EDGE = 1 << 1;
const GICC_VGIC_MAINTENANCE_INTERRUPT_EDGE = 1 << 2;

// ACPI 6.5 §5.2.12.14 GIC CPU Interface (GICC) Structure, ACPI 6.0-6.4 layout (80 bytes)
export function gicc(e: GiccEntry): Uint8Array {
  return structure('gicc', (w) =>
    w
      .zeros(2)
      .at(GICC.CPU_INTERFACE_NUMBER, 'CPU interface number')
      .u32('CPU interface number', e.cpuInterfaceNumber)
      .u32('GICC processor UID', e.uid)
      .at(GICC.FLAGS, 'GICC flags')
      .u32('GICC flags', giccFlags(e))
      .u32('parking protocol version', e.parkingProtocolVersion ?? 0)
      .u32('performance interrupt GSIV', e.performanceInterrupt ?? 0)
      .at(GICC.PARKED_ADDRESS, 'parked address')
      .u64('parked address', e.parkedAddress ?? 0)
      .u64('GICC base address', e.baseAddress ?? 0)
      .u64('GICV base address', e.gicvBaseAddress ?? 0)
      .u64('GICH base address', e.gichBaseAddress ?? 0)
      .at(GICC.VGIC_MAINTENANCE_INTERRUPT, 'VGIC maintenance interrupt')
      .u32('VGIC maintenance interrupt', e.vgicMaintenanceInterrupt ?? 0)
      .u64('GICR base address', e.gicrBaseAddress ?? 0)
      .at(GICC.MPIDR, 'MPIDR')
      .u64('MPIDR', e.mpidr)
      .u8('processor power efficiency class', e.efficiencyClass ?? 0)
      .zeros(1)
      .at(GICC.SPE_OVERFLOW_INTERRUPT, 'SPE overflow interrupt')
      .u16('SPE overflow interrupt', e.speOverflowInterrupt ?? 0),
  );
}

function giccFlags(e: GiccEntry): number {
  return (
    processorFlags(e.state, 'gicc') |
    (interruptEdge('performance interrupt mode', e.performanceInterruptMode) ? GICC_PERFORMANCE_INTERRUPT_EDGE : 0) |
    (interruptEdge('VGIC maintenance interrupt mode', e.vgicMaintenanceInterruptMode)
      ? GICC_VGIC_MAINTENANCE_INTERRUPT_EDGE
      : 0)
  );
}

/** Level is the spec's 0, so it is the default. */
function interruptEdge(field: string, mode: InterruptMode | undefined): boolean {
  if (mode === undefined || mode === 'level') return false;
  if (mode === 'edge') return true;
  throw new AcpiTableError('bad-value', `${field} ${JSON.stringify(mode)} is not level or edge`);
}

// ACPI 6.5 §5.2.12.15 GIC Distributor (GICD) Structure
export function gicd(e: GicdEntry): Uint8Array {
  return structure('gicd', (w) => {
    if (!Number.isInteger(e.version) || e.version < 0 || e.version > 4) {
      throw new AcpiTableError('bad-value', `GIC version ${e.version} is not 0..4`);
    }
    w.zeros(2)
      .u32('GIC ID', e.gicId)
      .u64('GICD base address', e.baseAddress)
      .u32('system vector base', e.globalIrqBase)
      .u8('GIC version', e.version)
      .zeros(3);
  });
}

// ACPI 6.5 §5.2.12.17 GIC Redistributor (GICR) Structure
export function gicr(e: GicrEntry): Uint8Array {
  return structure('gicr', (w) =>
    w
      .u8('GICR flags', e.nonCoherent ? 1 : 0)
      .zeros(1)
      .u64('discovery range base address', e.baseAddress)
      .u32('discovery range length', e.length),
  );
}

// ACPI 6.5 §5.2.12.18 GIC Interrupt Translation Service (ITS) Structure
export function gicIts(e: GicItsEntry): Uint8Array {
  return structure('gic-its', (w) =>
    w
      .zeros(2)
      .u32('GIC ITS ID', e.translationId)
      .u64('ITS physical base address', e.baseAddress)
      .zeros(4),
  );
}
