import type { AmlNode } from '../aml/encode/index.ts';
import { AcpiTableError } from './errors.ts';
import { beginTable, finishTable, type OemInfo } from './header.ts';

export interface DefinitionBlockInput {
  readonly signature: 'DSDT' | 'SSDT';
  /**
   * The table revision also sets the AML integer width: below 2, integers are
   * 32 bits and OSPM truncates larger constants (ACPI 6.5 §5.2.11.1). QEMU 7.2
   * writes 1 for pc/q35 DSDTs, so CPU hot-plug AML must not rely on 64-bit math.
   */
  readonly revision: number;
  readonly oem: OemInfo;
  /** The TermList: the definition block's top-level terms, in order. */
  readonly body: readonly AmlNode[];
}

// ACPI 6.5 §5.2.11.1 DSDT / §5.2.11.2 SSDT: an SDT header followed by AML
// (ASL's DefinitionBlock(..., signature, revision, oemId, oemTableId, oemRevision)).
export function buildDefinitionBlock(input: DefinitionBlockInput): Uint8Array {
  if (input.signature !== 'DSDT' && input.signature !== 'SSDT') {
    throw new AcpiTableError('bad-value', `definition block signature ${JSON.stringify(input.signature)} is not DSDT or SSDT`);
  }
  const w = beginTable({ signature: input.signature, revision: input.revision, oem: input.oem });
  w.aml(input.body);
  return finishTable(w);
}
