import {
  buildDefinitionBlock, buildFacs, buildFadt, buildMadt, buildPptt, buildRsdp, buildXsdt, QEMU_OEM, type OemInfo,
} from '../acpi/index.ts';
import { buildCpusAml } from '../hotplug/index.ts';
import type { MachineConfig } from './possible-cpus.ts';
import { BOOT_CPU_INDEX } from '../topology/index.ts';

/** Our identity in the tables of the current machine types. */
export const CPUHP_OEM: OemInfo = Object.freeze({
  oemId: 'CPUHP ',
  oemTableId: 'CPUHPVM ',
  oemRevision: 1,
  creatorId: 'CPHP',
  creatorRevision: 1,
});

/** A machine's ACPI tables, each with the guest-physical address it was placed at. */
export interface AcpiTableSet {
  /** Keyed by signature ('DSDT', 'FACP', 'APIC', 'XSDT', 'FACS'), in placement order. */
  readonly tables: ReadonlyMap<string, { readonly address: number; readonly bytes: Uint8Array }>;
  readonly rsdp: Uint8Array;
}

const align = (n: number, to: number) => Math.ceil(n / to) * to;

/**
 * Builds every table of a machine and lays them out from the platform's table
 * base: FACS (64-byte aligned, as ACPI requires), DSDT, FADT, MADT, PPTT where the
 * platform has one, XSDT. Pure:
 * the same inputs always give the same bytes. `plugged` says which slots hold an
 * enabled vCPU now (default: the cold-plugged ones); QEMU rebuilds the tables
 * this way on reset, so a reboot sees hot-plugged CPUs as boot CPUs.
 */
export function buildAcpiTables(config: MachineConfig, plugged?: readonly boolean[]): AcpiTableSet {
  const { type, platform } = config;
  const cpus = plugged ? config.cpus.map((c) => ({ ...c, coldPlugged: plugged[c.index] ?? false })) : config.cpus;
  const oem = type.oem === 'qemu' ? QEMU_OEM : CPUHP_OEM;
  const tables = new Map<string, { address: number; bytes: Uint8Array }>();
  let next = platform.tableBase;
  const place = (sig: string, bytes: Uint8Array, alignment = 8) => {
    const address = align(next, alignment);
    tables.set(sig, { address, bytes });
    next = address + bytes.length;
    return address;
  };

  const facs = platform.hasFacs ? place('FACS', buildFacs({ hardwareSignature: 0, version: 0 }), 64) : undefined;
  const dsdt = place('DSDT', buildDefinitionBlock({
    signature: 'DSDT',
    // QEMU 7.2's DSDT is revision 1 (32-bit integers); ours use 64-bit AML integers.
    revision: type.oem === 'qemu' ? 1 : 2,
    oem,
    body: [
      ...platform.platformAml(),
      ...buildCpusAml({
        ...platform.cpuHotplug,
        slots: cpus.map((c) => ({
          uid: c.index,
          archId: c.archId,
          ...(type.cpuMat ? { mat: platform.matEntry(c) } : {}),
          // The boot CPU can never be ejected, so it gets no _EJ0.
          ejectable: c.index !== BOOT_CPU_INDEX,
          ...(c.props['node-id'] !== undefined ? { numaNode: c.props['node-id'] } : {}),
        })),
        presence: platform.presence,
        legacyInit: type.legacyCpuHotplug,
        scan: type.scan,
        notifyDispatch: type.notifyDispatch,
        presentBit: type.cpuPresentBit,
      }),
    ],
  }));
  const fadt = place('FACP', buildFadt(platform.fadt({ ...(facs !== undefined ? { facs } : {}), dsdt }, oem)));
  const madtInput = platform.madt(cpus, oem, platform.presence, type.coldPlugEnabled);
  const madt = place('APIC', buildMadt(type.madtRevision !== undefined ? { ...madtInput, revision: type.madtRevision } : madtInput));
  const pptt = platform.pptt ? [place('PPTT', buildPptt(platform.pptt(cpus, config.topology, oem)))] : [];
  const xsdt = place('XSDT', buildXsdt({ oem, revision: 1, tables: [fadt, madt, ...pptt] }));
  return { tables, rsdp: buildRsdp({ oemId: oem.oemId, rsdtAddress: 0, xsdtAddress: xsdt }) };
}
