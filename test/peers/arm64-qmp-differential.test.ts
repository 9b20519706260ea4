// Issue #9: QMP of cpuhp's `virt` against the arm64 vCPU hot-plug RFC V5's QEMU. The
// same sequences (arm64-qmp-sequences.ts) go to `qemu-system-aarch64-rfc-v5 -M
// virt,gic-version=3 -S` (the RFC's hot-plug needs firmware for its GED and no qtest,
// so both sides are plain QMP servers) and to `cpuhp run -M virt,gic-version=3 -S`
// with the same arguments; every reply and event must agree after the normalization
// of the x86 differential (qmp-differential-normalize.ts: timestamps, versions, host
// thread ids, the N of device[N], member order).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CPUHP_BIN } from '../cli/run-process.ts';
import { ARM64_SEQUENCES, type Arm64Sequence } from './arm64-qmp-sequences.ts';
import { rfcMachineArgs } from './guest/rfc-machine.ts';
import { AARCH64_UEFI_PEER, requirePeers, RFC_QEMU_PEER } from './peer.ts';
import { canonical, normalize } from './qmp-differential-normalize.ts';
import { report, type Entry } from './qmp-differential-run.ts';
import { QmpProcess } from './qmp-process.ts';

async function runSequence(seq: Arm64Sequence): Promise<Entry[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-arm64qmp-'));
  const args = [...rfcMachineArgs(seq.smp ?? '2,maxcpus=4'), '-S', '-display', 'none', '-nodefaults'];
  const sides: QmpProcess[] = [];
  try {
    sides.push(await QmpProcess.start(RFC_QEMU_PEER.command, [...args, '-qmp', `unix:${join(dir, 'rfc.qmp')},server=on,wait=off`], join(dir, 'rfc.qmp'), 'RFC QMP'));
    sides.push(await QmpProcess.start(process.execPath, [CPUHP_BIN, 'run', ...args, '-qmp', `unix:${join(dir, 'cpuhp.qmp')},server=on,wait=off`], join(dir, 'cpuhp.qmp'), 'cpuhp QMP'));
    const [rfc, ours] = sides as [QmpProcess, QmpProcess];
    const entries: Entry[] = [{ at: 'greeting', qemu: canonical(normalize(rfc.qmp.greeting)), ours: canonical(normalize(ours.qmp.greeting)) }];
    for (const [i, step] of [{ cmd: 'qmp_capabilities' }, ...seq.steps].entries()) {
      const text = JSON.stringify({ execute: step.cmd, ...('args' in step && step.args ? { arguments: step.args } : {}) });
      const [a, b] = await Promise.all([rfc.qmp.exchangeAll(text), ours.qmp.exchangeAll(text)]);
      const note = 'note' in step && step.note ? `  [${step.note}]` : '';
      entries.push({ at: `step ${i}: ${text}${note}`, qemu: canonical(normalize(a)), ours: canonical(normalize(b)) });
    }
    return entries;
  } finally {
    await Promise.all(sides.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the RFC V5 QEMU and cpuhp virt give the same QMP replies and events (issue #9)', { timeout: 600_000 }, async (t) => {
  if (!requirePeers(t, [RFC_QEMU_PEER, AARCH64_UEFI_PEER])) return;
  let compared = 0;
  for (const seq of ARM64_SEQUENCES) {
    await t.test(seq.name, async () => {
      const r = await runSequence(seq);
      compared += r.length;
      if (r.some((e) => e.qemu !== e.ours)) assert.fail(report(`"${seq.name}" -smp ${seq.smp ?? '2,maxcpus=4'}`, r));
    });
  }
  t.diagnostic(`${ARM64_SEQUENCES.length} sequences, ${compared} entries compared`);
});
