// The MADT as Linux reads it at boot: which CPUs are possible (can ever run), which
// are enabled, and their hardware ids by ACPI processor UID.
import type { FadtInfo } from './firmware-tables.ts';
import { le32, le64 } from './bytes.ts';

export interface MadtCpu {
  readonly uid: number;
  /** x86 APIC id or arm64 MPIDR. */
  readonly hwId: number;
  readonly enabled: boolean;
  readonly onlineCapable: boolean;
}

export interface MadtView {
  readonly arch: 'x86' | 'arm64';
  /** Possible CPUs in MADT order; Linux numbers logical CPUs in this order. */
  readonly cpus: readonly MadtCpu[];
  /** arm64: the redistributors are described by GICR structures (required for hot-plug). */
  readonly hasGicr: boolean;
  /** Lines the kernel would print while parsing (unusable entries). */
  readonly messages: readonly string[];
}

/** x86: Linux honours Online Capable only on platforms claiming ACPI 6.3 or later. */
function claimsAcpi63(fadt: FadtInfo): boolean {
  return fadt.revision > 6 || (fadt.revision === 6 && fadt.minorRevision >= 3);
}


/**
 * Parses the MADT's processor structures with Linux's rules: x86
 * acpi_is_processor_usable (enabled; or, on a hypervisor with an ACPI < 6.3 FADT,
 * any disabled entry; with ACPI ≥ 6.3 only Online Capable ones); arm64 GICC entries
 * that are Enabled or Online Capable (acpi_gicc_is_usable).
 */
export function parseMadt(madt: Uint8Array, fadt: FadtInfo): MadtView {
  const cpus: MadtCpu[] = [];
  const messages: string[] = [];
  let arch: 'x86' | 'arm64' = 'x86';
  let hasGicr = false;
  for (let at = 44; at + 2 <= madt.length; ) {
    const type = madt[at]!;
    const len = madt[at + 1]!;
    if (len < 2 || at + len > madt.length) {
      messages.push(`ACPI: MADT: invalid entry length ${len} at offset ${at}, stopping`);
      break;
    }
    if (type === 0 && len >= 8) {
      const flags = le32(madt, at + 4);
      addX86(cpus, messages, fadt, madt[at + 2]!, madt[at + 3]!, flags);
    } else if (type === 9 && len >= 16) {
      addX86(cpus, messages, fadt, le32(madt, at + 12), le32(madt, at + 4), le32(madt, at + 8));
    } else if (type === 0x0b && len >= 76) {
      arch = 'arm64';
      const flags = le32(madt, at + 12);
      const enabled = (flags & 1) !== 0;
      const onlineCapable = (flags & 8) !== 0;
      const uid = le32(madt, at + 8);
      if (enabled || onlineCapable) cpus.push({ uid, hwId: le64(madt, at + 68), enabled, onlineCapable });
      else messages.push(`ACPI: GICC for UID ${uid} is neither enabled nor online capable, ignored`);
    } else if (type === 0x0e) {
      hasGicr = true;
    }
    at += len;
  }
  return { arch, cpus, hasGicr, messages };
}

function addX86(cpus: MadtCpu[], messages: string[], fadt: FadtInfo, uid: number, hwId: number, flags: number): void {
  const enabled = (flags & 1) !== 0;
  const onlineCapable = (flags & 2) !== 0;
  // We always run on a hypervisor, so legacy disabled entries count as hot-pluggable.
  const usable = enabled || (claimsAcpi63(fadt) ? onlineCapable : true);
  if (usable) cpus.push({ uid, hwId, enabled, onlineCapable });
  else messages.push(`ACPI: LAPIC 0x${hwId.toString(16)} (UID ${uid}) is disabled and not online capable, ignored`);
}
