// Public API of src/acpi: one builder per table, taking plain data and returning
// finished bytes (length and checksums patched). The header writer and the
// table writer stay internal: a new table is added here, as a new file.

export { AcpiTableError, type AcpiTableErrorCode } from './errors.ts';
export { checksum8, sumsToZero } from './checksum.ts';
export { QEMU_OEM, SDT_HEADER, type OemInfo } from './header.ts';
export type { U64 } from './table-writer.ts';
export { ADDRESS_SPACE, GAS_NONE, type AccessSize, type AddressSpace, type Gas } from './gas.ts';

export { buildRsdp, RSDP, type RsdpInput } from './rsdp.ts';
export { buildXsdt, type XsdtInput } from './xsdt.ts';
export { buildFacs, FACS, FACS_FLAGS, type FacsInput } from './facs.ts';
export {
  ARM_BOOT_ARCH,
  buildFadt,
  FADT_FLAGS,
  IAPC_BOOT_ARCH,
  type FadtInput,
  type HwReducedFadtInput,
  type X86FadtInput,
} from './fadt.ts';
export { FADT, FADT_LENGTH, type FadtRevision } from './fadt-layout.ts';
export { buildDefinitionBlock, type DefinitionBlockInput } from './definition-block.ts';

export { buildMadt, MADT, MADT_FLAGS, madtEntry, type MadtInput } from './madt.ts';
export { buildPptt, PPTT_NODE_FLAGS, type PpttInput, type PpttNode } from './pptt.ts';
export { MADT_ENTRY, type MadtEntry } from './madt-structure.ts';
export { processorFlags, type ProcessorFlagsKind, type ProcessorState } from './processor-flags.ts';
export {
  interruptOverride,
  ioApic,
  localApic,
  localApicNmi,
  localX2Apic,
  localX2ApicNmi,
  MPS_INTI,
  type InterruptOverrideEntry,
  type IoApicEntry,
  type LocalApicEntry,
  type LocalApicNmiEntry,
  type LocalX2ApicEntry,
  type LocalX2ApicNmiEntry,
} from './madt-apic.ts';
export {
  GICC,
  gicc,
  gicd,
  gicr,
  gicIts,
  type GiccEntry,
  type GicdEntry,
  type GicItsEntry,
  type GicrEntry,
  type GicVersion,
  type InterruptMode,
} from './madt-gic.ts';
export { DEFAULT_ACPIDUMP_LIMITS, formatAcpidump, looksLikeAcpidump, parseAcpidump, type AcpidumpLimits, type DumpedTable } from './acpidump.ts';
