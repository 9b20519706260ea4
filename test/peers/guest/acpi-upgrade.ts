// Making a table qualify for Linux's initrd table upgrade (drivers/acpi/tables.c,
// Documentation/admin-guide/acpi/initrd_table_override.rst): it replaces the
// firmware's table with the same signature, OEM ID and OEM table ID, and only when
// its OEM revision is higher. So the replacement takes the firmware table's ids and
// its OEM revision plus one, and its checksum is recomputed.
import { checksum8 } from '../../../src/acpi/index.ts';
import { spliceObjects } from './dsdt-splice.ts';

const OEM_IDS = { from: 10, to: 24 }; // OEM ID (6) and OEM table ID (8)
const OEM_REVISION = 24;
const CHECKSUM = 9;

export function asUpgradeOf(table: Uint8Array, firmware: Uint8Array): Uint8Array {
  const sig = (b: Uint8Array) => new TextDecoder().decode(b.subarray(0, 4));
  if (sig(table) !== sig(firmware)) throw new Error(`a ${sig(table)} cannot replace a ${sig(firmware)}`);
  const out = Uint8Array.from(table);
  out.set(firmware.subarray(OEM_IDS.from, OEM_IDS.to), OEM_IDS.from);
  const view = new DataView(out.buffer);
  view.setUint32(OEM_REVISION, new DataView(firmware.buffer, firmware.byteOffset).getUint32(OEM_REVISION, true) + 1, true);
  out[CHECKSUM] = 0;
  out[CHECKSUM] = checksum8(out);
  return out;
}

/** The DSDT objects of CPU hot-plug on a GED machine, in the order they must be defined. */
export const GED_CPU_HOTPLUG_OBJECTS = ['\\_SB.GED', '\\_SB.PRES', '\\_SB.CPUS', '\\_SB.GED.CSCN'];

/**
 * The initrd tables that make a real machine run cpuhp's CPU hot-plug: its DSDT with
 * cpuhp's objects spliced in place of its own, and cpuhp's MADT.
 */
export function cpuhpUpgrade(firmware: { dsdt: Uint8Array; madt: Uint8Array }, ours: { dsdt: Uint8Array; madt: Uint8Array }, objects: readonly string[]) {
  return [
    { name: 'dsdt.aml', bytes: asUpgradeOf(spliceObjects(firmware.dsdt, ours.dsdt, objects), firmware.dsdt) },
    { name: 'apic.aml', bytes: asUpgradeOf(ours.madt, firmware.madt) },
  ];
}
