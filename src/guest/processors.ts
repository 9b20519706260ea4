// Processor objects in the namespace and how Linux identifies them: the ACPI
// processor UID, and the hardware id from _MAT's first MADT structure (falling
// back to the static MADT), as acpi_processor_get_info / acpi_get_phys_id do.
import type { AmlValue } from '../aml/interp/index.ts';
import type { MadtView } from './madt.ts';
import { le32, le64 } from './bytes.ts';

export interface ProcessorObject {
  readonly path: string;
  /** From _UID (Device objects) or the ProcessorID of a Processor() object. */
  readonly uid: number;
}


/**
 * The hardware id a _MAT buffer gives for `uid`, or undefined. Linux reads the first
 * structure and ignores x86 entries whose Enabled bit is clear; a GICC counts when
 * Enabled or Online Capable.
 */
export function hwIdFromMat(mat: AmlValue | undefined, uid: number): number | undefined {
  if (mat?.kind !== 'buffer') return undefined;
  const b = mat.value;
  if (b.length < 2) return undefined;
  const [type, len] = [b[0]!, b[1]!];
  if (type === 0 && len >= 8 && b.length >= 8) return b[2] === uid && (le32(b, 4) & 1) !== 0 ? b[3]! : undefined;
  if (type === 9 && len >= 16 && b.length >= 16) return le32(b, 12) === uid && (le32(b, 8) & 1) !== 0 ? le32(b, 4) : undefined;
  if (type === 0x0b && len >= 76 && b.length >= 76) return le32(b, 8) === uid && (le32(b, 12) & 9) !== 0 ? le64(b, 68) : undefined;
  return undefined;
}

/** The hardware id for `uid` from the static MADT. */
export function hwIdFromMadt(madt: MadtView, uid: number): number | undefined {
  return madt.cpus.find((c) => c.uid === uid)?.hwId;
}
