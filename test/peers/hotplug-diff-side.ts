// Starting a QEMU (7.2 or 10.0) and cpuhp side by side for the hot-plug differential: the
// same arguments on both (cpuhp's `run` accepts QEMU's command line), each with
// a qtest channel on stdio and a QMP socket, then the fwinit chipset writes
// (peers/README.md §2 caveat B) on both, so that QEMU's GPE0 block sits where
// cpuhp has it (0x620 on q35, 0xafe0 on pc). cpuhp has no PCI config space: the
// writes to 0xcf8/0xcfc fall on unassigned ports and are ignored, which is fine.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fwinitX86, type X86Machine } from './qemu-tables.ts';
import { QTest } from './qtest.ts';
import type { QemuRelease } from './qemu-releases.ts';
import { QmpTestClient } from '../qmp/qmp-client.ts';

/** The cpuhp command (a node script run through tsx). */
export const CPUHP_BIN = fileURLToPath(new URL('../../bin/cpuhp.js', import.meta.url));

export type Accel = 'kvm' | 'tcg';

/** Where the registers of a machine type are (after fwinit). */
export interface Layout {
  readonly machine: X86Machine;
  /** QEMU's versioned machine type, used on both sides. */
  readonly type: string;
  /** The QEMU that plays the other side. */
  readonly release: QemuRelease;
  /** Base of the CPU hot-plug block (the legacy 32-byte bitmap until the switch). */
  readonly cpu: number;
  /** GPE0 status block and enable block, and the length of each half. */
  readonly gpeSts: number;
  readonly gpeEn: number;
  readonly gpeHalf: number;
}

/** The register layout of each chipset, with that release's machine types. */
export function layouts(release: QemuRelease): Readonly<Record<X86Machine, Layout>> {
  return {
    q35: { machine: 'q35', type: release.types.q35, release, cpu: 0x0cd8, gpeSts: 0x620, gpeEn: 0x628, gpeHalf: 8 },
    pc: { machine: 'pc', type: release.types.pc, release, cpu: 0xaf00, gpeSts: 0xafe0, gpeEn: 0xafe2, gpeHalf: 2 },
  };
}

export interface Side {
  readonly name: 'qemu' | 'cpuhp';
  readonly qt: QTest;
  readonly qmp: QmpTestClient;
  /** The reply to qmp_capabilities. */
  readonly capabilities: Record<string, unknown>;
}

export interface Pair {
  readonly layout: Layout;
  readonly accel: Accel;
  /** The arguments both sides were given (before QTest's -S -qtest ... -qmp ...). */
  readonly args: readonly string[];
  readonly qemu: Side;
  readonly ours: Side;
  close(): Promise<void>;
}

/** The common command line: `-machine TYPE -smp SMP -accel ACCEL`. */
export function pairArgs(layout: Layout, smp: string, accel: Accel): string[] {
  return ['-machine', layout.type, '-smp', smp, '-accel', accel];
}

async function startSide(name: 'qemu' | 'cpuhp', args: readonly string[], dir: string, release: QemuRelease): Promise<Side> {
  const qmpPath = join(dir, `${name}.qmp`);
  const qt = await QTest.start(
    name === 'qemu'
      ? { qemu: release.peer.command, args: [...release.args, ...args], qmpPath }
      : { qemu: CPUHP_BIN, args: ['run', ...args], qmpPath },
  );
  try {
    const qmp = await QmpTestClient.connect(qmpPath, { label: name });
    const capabilities = await qmp.execute('qmp_capabilities');
    return { name, qt, qmp, capabilities };
  } catch (err) {
    await qt.close();
    throw err;
  }
}

/** Starts both sides in parallel, does the fwinit writes on both, returns the pair. */
export async function startPair(layout: Layout, smp: string, accel: Accel): Promise<Pair> {
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-diff-'));
  const args = pairArgs(layout, smp, accel);
  const started = await Promise.allSettled([startSide('qemu', args, dir, layout.release), startSide('cpuhp', args, dir, layout.release)]);
  const sides = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const closeAll = async () => {
    for (const s of sides) s.qmp.close();
    await Promise.all(sides.map((s) => s.qt.close()));
    rmSync(dir, { recursive: true, force: true });
  };
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await closeAll();
    throw failed.reason;
  }
  const [qemu, ours] = sides as [Side, Side];
  try {
    await Promise.all([fwinitX86(qemu.qt, layout.machine), fwinitX86(ours.qt, layout.machine)]);
  } catch (err) {
    await closeAll();
    throw err;
  }
  return { layout, accel, args, qemu, ours, close: closeAll };
}

/**
 * Whether QEMU starts with -accel kvm here (peers/README.md: /dev/kvm may exist
 * without working). CPUHP_DIFF_ACCEL=tcg forces TCG, to check that path.
 */
export async function probeAccel(release: QemuRelease): Promise<Accel> {
  if (process.env.CPUHP_DIFF_ACCEL === 'tcg') return 'tcg';
  try {
    const qt = await QTest.start({ qemu: release.peer.command, args: [...release.args, ...pairArgs(layouts(release).q35, '1,maxcpus=4', 'kvm')] });
    await qt.close();
    return 'kvm';
  } catch {
    return 'tcg';
  }
}
