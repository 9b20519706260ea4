import { Guest, type GuestOptions } from '../guest/guest.ts';
import type { PhysicalMemory } from '../guest/firmware-tables.ts';
import type { AcpiTableSet } from '../machine/acpi-build.ts';
import type { Machine } from '../machine/machine.ts';

/**
 * Guest memory holding the firmware's tables where buildAcpiTables placed them;
 * everything else reads as zero, like RAM nobody wrote.
 */
export function tableMemory(set: AcpiTableSet): PhysicalMemory {
  const tables = [...set.tables.values()];
  return {
    read(address: number, length: number): Uint8Array {
      const out = new Uint8Array(length);
      for (const t of tables) {
        const start = Math.max(address, t.address);
        const end = Math.min(address + length, t.address + t.bytes.length);
        if (start < end) out.set(t.bytes.subarray(start - t.address, end - t.address), start - address);
      }
      return out;
    },
  };
}

/**
 * Connects a guest to a machine the way hardware would: its memory holds the
 * tables, its loads and stores go to the machine's bus, and the machine's
 * interrupt lines reach it. Returns the guest (not yet booted) and a detach function.
 */
export function attachGuest(machine: Machine, tables: AcpiTableSet, options: GuestOptions = {}): { guest: Guest; detach: () => void } {
  const guest = new Guest(
    {
      rsdp: tables.rsdp,
      memory: tableMemory(tables),
      read: (space, address, size) => machine.bus.read(space, address, size),
      write: (space, address, size, value) => machine.bus.write(space, address, size, value),
    },
    options,
  );
  const detach = machine.observe((e) => {
    if (e.type === 'irq') guest.interrupt(e.line, e.level);
  });
  return { guest, detach };
}
