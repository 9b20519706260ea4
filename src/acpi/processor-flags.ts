import { AcpiTableError } from './errors.ts';

/**
 * Whether the OS may use a processor. One value, so "enabled and online
 * capable" cannot be expressed: the spec makes Online Capable reserved (zero)
 * when Enabled is set.
 * - 'enabled': usable at boot.
 * - 'online-capable': not enabled now, the platform can enable it at run time (hot-plug).
 * - 'disabled': unusable; the OS must not try to bring it up.
 */
export type ProcessorState = 'enabled' | 'online-capable' | 'disabled';

/** Which structure's flags: Local APIC/x2APIC and GICC put Online Capable in different bits. */
export type ProcessorFlagsKind = 'lapic' | 'gicc';

// ACPI 6.5 §5.2.12.2 Local APIC Flags: Enabled bit 0, Online Capable bit 1
const LAPIC_ENABLED = 1 << 0;
const LAPIC_ONLINE_CAPABLE = 1 << 1;
// ACPI 6.5 §5.2.12.14 GICC CPU Interface Flags: Enabled bit 0, Online Capable bit 3
const GICC_ENABLED = 1 << 0;
const GICC_ONLINE_CAPABLE = 1 << 3;

/** The only place a ProcessorState becomes flag bits. */
export function processorFlags(state: ProcessorState, kind: ProcessorFlagsKind): number {
  const [enabled, onlineCapable] = enabledBits(kind);
  switch (state) {
    case 'enabled':
      return enabled;
    case 'online-capable':
      return onlineCapable;
    case 'disabled':
      return 0;
    default:
      // Reached only from untyped callers: keep the error a table error.
      throw new AcpiTableError('bad-value', `processor state ${JSON.stringify(state)} is not enabled, online-capable or disabled`);
  }
}

function enabledBits(kind: ProcessorFlagsKind): readonly [number, number] {
  switch (kind) {
    case 'lapic':
      return [LAPIC_ENABLED, LAPIC_ONLINE_CAPABLE];
    case 'gicc':
      return [GICC_ENABLED, GICC_ONLINE_CAPABLE];
    default:
      throw new AcpiTableError('bad-value', `processor flags kind ${JSON.stringify(kind)} is not lapic or gicc`);
  }
}
