// The CPU hot-plug AML under differential test: every DSDT we generate and every
// QEMU 7.2 DSDT in test/data, each with one batch of commands that presets the
// register block (through register-helper.aml) and calls \_SB.CPUS.CSCN / CSTA /
// CEJ0 / COST and the per-CPU methods around them.
//
// Behind the block there is plain memory on both sides (acpiexec has no device),
// so a preset holds until the AML overwrites it: "CPU 1 has an insert pending"
// is flags = ENABLED|INSERTING and command data = 1, and each scan reports one
// CPU. "CPU 1 and CPU 3 pending" is therefore two presets and two scans.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Flag, Offset, REGISTER_BLOCK_LENGTH } from '../../src/hotplug/abi.ts';
import { buildAcpiTables } from '../../src/machine/acpi-build.ts';
import { findMachineType, MACHINE_TYPES, type MachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { int, type Command } from './aml-trace.ts';
import { peekByte, peekDword, pokeByte, pokeDword, type RegisterBlock } from './register-helper.ts';

/** QEMU virt's Generic Event Device register (src/arch/arm64/platform.ts GED_BASE). */
const GED_SELECTOR: RegisterBlock = { space: 'SystemMemory', base: 0x0908_0000, length: 4 };
/** GED event bit for CPU hot-plug. */
const GED_CPU_HOTPLUG_EVENT = 0x8;

export interface DsdtTarget {
  readonly label: string;
  readonly dsdt: Uint8Array;
  readonly type: MachineType;
  readonly maxCpus: number;
}

const SMP_CONFIGS: ReadonlyArray<{ smp: string; maxCpus: number }> = [
  { smp: '1,maxcpus=4', maxCpus: 4 },
  { smp: '2,maxcpus=255', maxCpus: 255 },
];

/** Our DSDT for every machine type at each SMP_CONFIGS entry. */
export function ourDsdts(): DsdtTarget[] {
  return MACHINE_TYPES.flatMap((type) => SMP_CONFIGS.map(({ smp, maxCpus }) => {
    const dsdt = buildAcpiTables(createMachineConfig(type, smp)).tables.get('DSDT')?.bytes;
    if (!dsdt) throw new Error(`${type.name}: no DSDT`);
    return { label: `ours ${type.name} -smp ${smp}`, dsdt, type, maxCpus };
  }));
}

const QEMU_FIXTURES = fileURLToPath(new URL('../data/qemu-7.2/', import.meta.url));

/** QEMU 7.2's DSDTs from test/data/qemu-7.2/<machine type>/smp-<cpus>-<maxcpus>/DSDT.aml. */
export function qemuDsdts(): DsdtTarget[] {
  return readdirSync(QEMU_FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((machine) =>
    readdirSync(join(QEMU_FIXTURES, machine.name)).sort().map((config) => {
      const m = /^smp-(\d+)-(\d+)$/.exec(config);
      if (!m) throw new Error(`unexpected fixture directory ${machine.name}/${config}`);
      return {
        label: `QEMU 7.2 ${machine.name} ${config}`,
        dsdt: new Uint8Array(readFileSync(join(QEMU_FIXTURES, machine.name, config, 'DSDT.aml'))),
        type: findMachineType(machine.name),
        maxCpus: Number(m[2]),
      };
    }));
}

const cpuPath = (n: number) => `\\_SB.CPUS.C${n.toString(16).toUpperCase().padStart(3, '0')}`;

/** One batch of commands that walks the hot-plug paths of a DSDT. */
export function hotplugCommands(t: DsdtTarget): Command[] {
  const hp = createMachineConfig(t.type, `1,maxcpus=${t.maxCpus}`).platform.cpuHotplug;
  const block: RegisterBlock = { space: hp.region.space, base: hp.region.base, length: REGISTER_BLOCK_LENGTH };
  const cpus = '\\_SB.CPUS';
  const last = t.maxCpus - 1;
  const pending = (flags: number, cpu: number) => [pokeByte(block, Offset.FLAGS, flags), pokeDword(block, Offset.CMD_DATA, cpu)];
  const call = (path: string, ...args: number[]): Command => ({ path, args: args.map(int) });
  const event: Command[] = t.type.arch === 'aarch64'
    ? [pokeDword(GED_SELECTOR, 0, GED_CPU_HOTPLUG_EVENT), call('\\_SB.GED._EVT', 0x28)]
    : [call(hp.eventMethod)];
  return [
    // acpiexec's start-up evaluates every _STA (CSTA writes CSEL) before our first
    // command; zero the block so both sides start from the same memory.
    pokeDword(block, 0, 0), pokeDword(block, 4, 0), pokeDword(block, 8, 0),
    // QEMU <= 7.2 switches the block to its modern mode from PRES._INI (we run with -di).
    ...(t.type.legacyCpuHotplug ? [call(`${hp.resRoot}.PRES._INI`)] : []),
    call(`${cpus}.CSCN`),                                               // nothing pending
    ...pending(Flag.ENABLED | Flag.INSERTING, 1), call(`${cpus}.CSCN`),  // CPU 1 inserted
    ...pending(Flag.ENABLED | Flag.INSERTING, last), ...event,          // CPU <last> inserted, via the event
    ...pending(Flag.ENABLED | Flag.REMOVING, 2), call(`${cpus}.CSCN`),   // CPU 2 removal requested
    ...pending(Flag.INSERTING | Flag.REMOVING, 3 % t.maxCpus), call(`${cpus}.CSCN`),
    pokeByte(block, Offset.FLAGS, Flag.ENABLED),                        // an enabled slot...
    call(`${cpus}.CSTA`, 0), call(`${cpus}.CSTA`, 1), call(`${cpuPath(1)}._STA`), call(`${cpuPath(last)}._STA`),
    pokeByte(block, Offset.FLAGS, 0), call(`${cpus}.CSTA`, 2),          // ...and a disabled one
    call(`${cpus}.CEJ0`, 1), call(`${cpuPath(2)}._EJ0`, 0),
    call(`${cpus}.COST`, 1, 0x103, 0x80, 0), call(`${cpuPath(last)}._OST`, 3, 0x81, 0),
    peekDword(block, Offset.SELECTOR), peekByte(block, Offset.FLAGS), peekByte(block, Offset.COMMAND), peekDword(block, Offset.CMD_DATA),
  ];
}
