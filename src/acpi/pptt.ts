import { AcpiTableError } from './errors.ts';
import { beginTable, finishTable, type OemInfo } from './header.ts';

// ACPI 6.5 §5.2.30.1 Processor Hierarchy Node Structure (Type 0) flags
export const PPTT_NODE_FLAGS = {
  PHYSICAL_PACKAGE: 1 << 0,
  ACPI_PROCESSOR_ID_VALID: 1 << 1,
  PROCESSOR_IS_A_THREAD: 1 << 2,
  NODE_IS_A_LEAF: 1 << 3,
} as const;

/** One processor hierarchy node; `parent` is the index of an earlier node, or none for a root. */
export interface PpttNode {
  readonly flags: number;
  readonly parent?: number;
  readonly acpiProcessorId: number;
}

export interface PpttInput {
  readonly oem: OemInfo;
  /** ACPI 6.5 defines revision 3; QEMU writes 2 (ACPI 6.2). */
  readonly revision: number;
  /** In table order: a node's parent comes before it. */
  readonly nodes: readonly PpttNode[];
}

const HEADER_LENGTH = 36;
/** A processor hierarchy node with no private resources. */
const NODE_LENGTH = 20;

// ACPI 6.5 §5.2.30 Processor Properties Topology Table (PPTT): header, then structures.
// Parents are named by their byte offset from the start of the table.
export function buildPptt(input: PpttInput): Uint8Array {
  const w = beginTable({ signature: 'PPTT', revision: input.revision, oem: input.oem });
  input.nodes.forEach((n, i) => {
    if (n.parent !== undefined && !(Number.isInteger(n.parent) && n.parent >= 0 && n.parent < i)) {
      throw new AcpiTableError('bad-value', `PPTT node ${i}: parent ${n.parent} is not an earlier node`);
    }
    w.u8('PPTT structure type', 0)
      .u8('PPTT structure length', NODE_LENGTH)
      .zeros(2)
      .u32('PPTT node flags', n.flags)
      .u32('PPTT parent', n.parent === undefined ? 0 : HEADER_LENGTH + n.parent * NODE_LENGTH)
      .u32('ACPI processor ID', n.acpiProcessorId)
      .u32('number of private resources', 0);
  });
  return finishTable(w);
}
