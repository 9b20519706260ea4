import { Guest, type GuestOptions } from '../guest/index.ts';
import type { PhysicalMemory, GuestHardware } from '../guest/index.ts';
import type { AcpiTableSet, Machine } from '../machine/index.ts';

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
 * The hardware a guest sees: memory holding `tables`, and loads and stores that go
 * to whichever machine `machine()` returns now, so the machine can be swapped under
 * a running guest (migration, restore).
 */
function guestHardware(tables: AcpiTableSet, machine: () => Machine): GuestHardware {
  return {
    rsdp: tables.rsdp,
    memory: tableMemory(tables),
    read: (space, address, size) => machine().bus.read(space, address, size),
    write: (space, address, size, value) => machine().bus.write(space, address, size, value),
  };
}

/** A guest wired to a machine, and the ways to unwire or move it. */
export interface AttachedGuest {
  readonly guest: Guest;
  /** The machine whose bus and interrupt lines the guest currently uses. */
  readonly machine: Machine;
  /** Stops interrupts from reaching the guest (its loads and stores still go to the machine). */
  detach(): void;
  /**
   * Live migration as the guest sees it: from now on its loads, stores and
   * interrupts are the destination's. Everything of the guest stays: its memory
   * (so the tables, and the AML it loaded from them at boot), its interpreter and
   * namespace, its CPUs and its pending interrupts and work. Only the machine
   * under it changes, as qemu-cpuhp.md §6.3 describes.
   */
  moveTo(destination: Machine): void;
}

/**
 * Connects a guest to a machine the way hardware would: its memory holds the
 * tables, its loads and stores go to the machine's bus, and the machine's
 * interrupt lines reach it (then `afterInterrupt` runs, so its owner can schedule the
 * guest's work). Returns the guest (not yet booted) and the ways to
 * detach it or move it to another machine.
 */
export function attachGuest(
  machine: Machine,
  tables: AcpiTableSet,
  options: GuestOptions = {},
  afterInterrupt: () => void = () => {},
): AttachedGuest {
  // The guest talks to whatever machine is current: moveTo swaps it under the guest.
  let current = machine;
  const guest = new Guest(guestHardware(tables, () => current), options);
  const listen = (m: Machine) =>
    m.observe((e) => {
      if (e.type === 'irq') {
        guest.interrupt(e.line, e.level);
        afterInterrupt();
      }
    }, { trace: false });
  let unlisten: (() => void) | undefined = listen(current);
  return {
    guest,
    get machine() {
      return current;
    },
    detach() {
      unlisten?.();
      unlisten = undefined;
    },
    moveTo(destination: Machine) {
      unlisten?.();
      current = destination;
      unlisten = listen(destination);
    },
  };
}
