// Issue #6: the QMP differential, once per QEMU release cpuhp keeps types of
// (qemu-releases.ts; issue #11 added 10.0). The same QMP command sequences go to a
// live `qemu-system-x86_64 -machine pc-q35-7.2|pc-i440fx-7.2 -S -qtest stdio ...`
// (pc-*-10.0 on QEMU 10.0, which is also given its -L) and to `bin/cpuhp.js run`
// with the same arguments, each sequence on a fresh pair
// (qmp-differential-run.ts), and every reply and event must agree after
// qmp-differential-normalize.ts: timestamps, version strings, thread ids, the N
// of QOM device[N] paths and JSON member order only. The sequences
// (qmp-differential-sequences.ts) cover QEMU 7.2's QMP protocol errors, the
// run-state commands and events, and the CPU hot-plug commands and their errors
// in legacy and modern hot-plug mode. Commands only one side has are not sent.
//
// Not compared, on purpose (each seen against QEMU 7.2.22):
// - a second QMP connection: QEMU's -qmp chardev serves one client at a time,
//   cpuhp up to MAX_CLIENTS (test/qmp/concurrency.test.ts covers those);
// - device_del of a CPU's child '/machine/peripheral/ID/lapic': QEMU 7.2 crashes
//   (the connection resets); cpuhp answers DeviceNotFound;
// - ids QEMU cannot echo as JSON: 1e400 comes back as `inf`; integers beyond
//   2^53 are echoed exactly by QEMU and rounded by cpuhp (JS numbers);
// - device types other than this target's CPUs (isa-serial: QEMU "Bus 'isa.0'
//   does not support hotplugging"; cpuhp has only CPUs).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requirePeer } from './peer.ts';
import { QEMU_RELEASES } from './qemu-releases.ts';
import { report, runSequence, sequenceTarget, type Entry } from './qmp-differential-run.ts';
import { SEQUENCES } from './qmp-differential-sequences.ts';

/** Pairs of processes alive at once; most of a sequence is waiting on round trips. */
const PAIRS_AT_ONCE = 4;

for (const release of QEMU_RELEASES) {
  test(`QEMU ${release.version} and cpuhp give the same QMP replies and events (issues #6, #11)`, { timeout: 180_000 }, async (t) => {
    if (!requirePeer(t, release.peer)) return;
    const started = Date.now();
    let compared = 0;
    const queue = [...SEQUENCES];
    const results = new Map<string, Entry[] | Error>();
    // A small worker pool: each worker takes the next sequence until none is left.
    await Promise.all(
      Array.from({ length: PAIRS_AT_ONCE }, async () => {
        for (let seq = queue.shift(); seq; seq = queue.shift()) {
          results.set(seq.name, await runSequence(seq, release).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
        }
      }),
    );
    for (const seq of SEQUENCES) {
      await t.test(seq.name, () => {
        const r = results.get(seq.name);
        if (r instanceof Error) throw r;
        assert.ok(r && r.length > 0, 'nothing was compared');
        compared += r.length;
        const title = `"${seq.name}" on ${sequenceTarget(seq, release)}`;
        if (r.some((e) => e.qemu !== e.ours)) assert.fail(report(title, r));
      });
    }
    t.diagnostic(`QEMU ${release.version}: ${SEQUENCES.length} sequences, ${compared} entries compared, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
}
