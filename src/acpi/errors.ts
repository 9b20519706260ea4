import { BuildError } from '../base/index.ts';

/**
 * Builder misuse: thrown while a table is being built, never later. A table
 * that was returned is complete and its checksums are right.
 */
export class AcpiTableError extends BuildError<AcpiTableErrorCode> {}

export type AcpiTableErrorCode =
  /** A fixed-width text field (signature, OEM ID, ...) has the wrong length or a non-ASCII character. */
  | 'bad-string'
  /** An integer field does not fit its width, or is not an integer. */
  | 'out-of-range'
  /** The table revision is not one this builder can lay out. */
  | 'unsupported-revision'
  /** An input asks for a field that the chosen revision does not have. */
  | 'revision-mismatch'
  /** An input value is not one of the allowed choices (processor state, entry type, ...). */
  | 'bad-value'
  /** Flag bits that contradict the table form (e.g. HW_REDUCED_ACPI in an x86 FADT). */
  | 'conflicting-flags'
  /** Two processor entries share an ACPI Processor UID. */
  | 'duplicate-uid'
  /** A structure's written size differs from its spec size: a bug in this folder. */
  | 'length-mismatch';
