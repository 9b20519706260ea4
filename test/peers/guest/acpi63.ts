// Making Linux 6.12 count hot-pluggable x86 CPUs when it runs under TCG.
//
// Linux's "x86/acpi/boot: Correct acpi_is_processor_usable() check again"
// (1c7ac68c05bc, November 2025, in 6.12.y by 6.12.95) counts a Local APIC entry with
// Enabled=0 as a hot-pluggable CPU in only two cases: the FADT says ACPI 6.3 or later
// and the entry has the Online Capable bit, or the kernel runs under a hypervisor it
// recognises (KVM, Xen, Hyper-V, VMware...). QEMU's MADT is the older kind (Enabled=0,
// no Online Capable) and TCG presents no hypervisor Linux knows, so Linux 6.12 sees
// "1 present CPUs plus 0 hotplug CPUs" and every hot-add ends in "Unable to map lapic
// to logical cpu number". On KVM it works as before. The real-guest tests therefore
// give Linux 6.12 an FADT of revision 6.3 and set Online Capable on the MADT's disabled
// Local APIC and x2APIC entries, for cpuhp's tables and QEMU's alike; nothing else
// changes, and the AML under test stays byte for byte as given.
import { FADT, FADT_LENGTH, MADT } from '../../../src/acpi/index.ts';
import { asUpgradeOf } from './acpi-upgrade.ts';
import type { FirmwareTables, UpgradeTable } from './real-pair.ts';

// ACPI 6.5 §5.2.12.2 and §5.2.12.12: Local APIC (type 0) flags at byte 4, x2APIC (type 9) at byte 8.
const LOCAL_APIC_FLAGS = new Map([[0, 4], [9, 8]]);
const ENABLED = 1 << 0;
const ONLINE_CAPABLE = 1 << 1;

/** The MADT with Online Capable on every processor entry that is not Enabled (header untouched but the checksum). */
export function withOnlineCapable(madt: Uint8Array): Uint8Array {
  const out = Uint8Array.from(madt);
  // Each entry's length byte is at least 2, so the walk advances and ends at the table's end.
  for (let at: number = MADT.ENTRIES; at + 2 <= out.length; ) {
    const length = out[at + 1]!;
    if (length < 2 || at + length > out.length) throw new Error(`MADT: bad entry length ${length} at ${at}`);
    const flags = LOCAL_APIC_FLAGS.get(out[at]!);
    if (flags !== undefined && !(out[at + flags]! & ENABLED)) out[at + flags]! |= ONLINE_CAPABLE;
    at += length;
  }
  return out;
}

/** An FADT of revision 6.3: the given one's fields, the revision-6 fields after them zero. */
export function asAcpi63Fadt(fadt: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.max(fadt.length, FADT_LENGTH[6]));
  out.set(fadt);
  new DataView(out.buffer).setUint32(4, out.length, true);
  out[8] = 6;
  out[FADT.MINOR_VERSION] = 3;
  return out;
}

/** The upgrade list with an ACPI 6.3 FADT and the MADT given (or the firmware's) marked Online Capable. */
export function acpi63Upgrade(upgrade: readonly UpgradeTable[], fw: FirmwareTables): UpgradeTable[] {
  if (!fw.fadt) throw new Error('acpi63: the firmware FADT is needed');
  const madt = upgrade.find((t) => t.name === 'apic.aml')?.bytes ?? fw.madt;
  return [
    ...upgrade.filter((t) => t.name !== 'apic.aml'),
    { name: 'apic.aml', bytes: asUpgradeOf(withOnlineCapable(madt), fw.madt) },
    { name: 'facp.aml', bytes: asUpgradeOf(asAcpi63Fadt(fw.fadt), fw.fadt) },
  ];
}
