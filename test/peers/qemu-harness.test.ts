// Tests of the QEMU peer harness itself. The QEMU parts are gated by
// requirePeer; the splitter, the protocol driver (against a fake QEMU written
// in sh) and the gating logic need nothing installed.

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  byteSum,
  dumpQemuAcpi,
  fixChecksum,
  hasChecksum,
  QTest,
  splitAcpiTables,
  tablesBySignature,
  type QemuAcpiDump,
} from './qemu-harness.ts';
import { QEMU_PEER, requirePeer, type SkippableContext } from './peer.ts';

const FIXTURES = new URL('../data/qemu-7.2/pc-q35-7.2/smp-1-4/', import.meta.url);

/** A table with a standard 36-byte header, `body` after it, checksum byte 0 (as in fw_cfg). */
function table(sig: string, body: number[]): Uint8Array {
  const t = new Uint8Array(36 + body.length);
  t.set(Buffer.from(sig, 'latin1'), 0);
  new DataView(t.buffer).setUint32(4, t.length, true);
  t[8] = 1; // revision
  t.set(Buffer.from('BOCHS ', 'latin1'), 10);
  t.set(body, 36);
  return t;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

describe('splitAcpiTables (synthetic blob)', () => {
  const facs = new Uint8Array(64);
  facs.set(Buffer.from('FACS', 'latin1'), 0);
  facs[4] = 64;
  const dsdt = table('DSDT', [0x10, 0x20, 0x30, 0xff]);
  const apic = table('APIC', [1, 2, 3]);
  const ssdt0 = table('SSDT', [7]);
  const ssdt1 = table('SSDT', [8, 9]);
  // FACS, odd padding, tables back to back, then the 128 KiB-style zero tail.
  const blob = concat([facs, new Uint8Array(3), dsdt, apic, ssdt0, ssdt1, new Uint8Array(1000)]);

  test('walks signature + length and skips zero padding', () => {
    const entries = splitAcpiTables(blob);
    assert.deepEqual(
      entries.map((e) => [e.signature, e.offset, e.data.length]),
      [
        ['FACS', 0, 64],
        ['DSDT', 67, dsdt.length],
        ['APIC', 67 + dsdt.length, apic.length],
        ['SSDT', 67 + dsdt.length + apic.length, ssdt0.length],
        ['SSDT', 67 + dsdt.length + apic.length + ssdt0.length, ssdt1.length],
      ],
    );
    assert.deepEqual(entries[1]?.data, dsdt, 'raw bytes, checksum not yet fixed');
  });

  test('fixes byte 9 so each table sums to 0, leaves FACS alone, numbers repeats', () => {
    const tables = tablesBySignature(splitAcpiTables(blob));
    assert.deepEqual([...tables.keys()], ['FACS', 'DSDT', 'APIC', 'SSDT', 'SSDT-1']);
    for (const [sig, t] of tables) {
      if (sig === 'FACS') {
        assert.deepEqual(t, facs, 'FACS has no checksum field');
        assert.equal(hasChecksum(t), false);
      } else {
        assert.equal(byteSum(t), 0, `${sig} checksum`);
      }
    }
    const fixed = tables.get('DSDT');
    assert.ok(fixed);
    assert.deepEqual(fixed.subarray(10), dsdt.subarray(10), 'only byte 9 changes');
    assert.deepEqual(fixChecksum(fixed), fixed, 'fixing twice changes nothing');
  });

  test('empty and all-zero blobs hold no tables', () => {
    assert.deepEqual(splitAcpiTables(new Uint8Array(0)), []);
    assert.deepEqual(splitAcpiTables(new Uint8Array(4096)), []);
  });

  test('rejects a length past the end, a length < 8, a truncated header and garbage', () => {
    const long = dsdt.slice();
    new DataView(long.buffer).setUint32(4, 1000, true);
    assert.throws(() => splitAcpiTables(long), /bad length 1000 of DSDT/);
    const short = dsdt.slice();
    new DataView(short.buffer).setUint32(4, 4, true);
    assert.throws(() => splitAcpiTables(short), /bad length 4/);
    assert.throws(() => splitAcpiTables(concat([dsdt, Buffer.from('APIC', 'latin1')])), /truncated header/);
    assert.throws(() => splitAcpiTables(Uint8Array.from([0xff, 1, 2, 3, 8, 0, 0, 0])), /no table signature/);
  });
});

describe('QTest protocol (fake QEMU, no QEMU needed)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-qtest-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  // Answers like qtest: in order, one line per command, with an IRQ notice
  // slipped in before one reply, and no reply at all to "hang".
  const fake = join(dir, 'fake-qemu');
  writeFileSync(
    fake,
    `#!/bin/sh
while IFS= read -r line; do
  case "$line" in
    endianness) echo "OK little" ;;
    "inb 0x10") echo "IRQ raise 4"; echo "OK 0x0007" ;;
    "outb 0x10 0x1") echo "OK" ;;
    "read 0x1000 0x3") echo "OK 0x0a0b0c" ;;
    hang) ;;
    *) echo "FAIL Unknown command '$line'" ;;
  esac
done
`,
  );
  chmodSync(fake, 0o755);
  const dying = join(dir, 'dying-qemu');
  writeFileSync(dying, '#!/bin/sh\necho "qemu-system-x86_64: Invalid SMP CPUs 999" >&2\nexit 1\n');
  chmodSync(dying, 0o755);

  test('replies in order, IRQ lines collected, FAIL rejects, silence times out', async () => {
    const qt = await QTest.start({ qemu: fake, args: ['-machine', 'q35'], timeoutMs: 300 });
    try {
      assert.equal(await qt.inb(0x10), 7);
      assert.deepEqual(qt.irqs, ['IRQ raise 4']);
      await qt.outb(0x10, 1);
      assert.deepEqual(await qt.read(0x1000, 3), Uint8Array.from([10, 11, 12]));
      assert.deepEqual(await qt.batch(['endianness', 'outb 0x10 0x1']), ['OK little', 'OK']);
      await assert.rejects(qt.command('bogus'), /FAIL Unknown command 'bogus'/);
      const t0 = Date.now();
      await assert.rejects(qt.command('hang'), /no reply to "hang" within \d+ ms/);
      assert.ok(Date.now() - t0 < 5000);
      await assert.rejects(qt.inb(0x10), /no reply/, 'a timed-out session stays dead');
    } finally {
      await qt.close();
    }
    assert.deepEqual(await qt.close(), await qt.close(), 'close is idempotent');
  });

  test('a failed start throws with the stderr of the process', async () => {
    await assert.rejects(QTest.start({ qemu: dying, args: [] }), (err: Error) => {
      assert.match(err.message, /QEMU failed to start/);
      assert.match(err.message, /Invalid SMP CPUs 999/);
      return true;
    });
    await assert.rejects(QTest.start({ qemu: join(dir, 'missing'), args: [] }), /cannot run .*ENOENT/);
  });
});

describe('requirePeer', () => {
  const spec = { command: 'no-such-peer', package: 'no-such-pkg' };
  function ctx(): SkippableContext & { skipped: string[] } {
    const skipped: string[] = [];
    return { name: 'my test', skipped, skip: (m?: string) => void skipped.push(m ?? '') };
  }

  test('present: true, nothing printed', () => {
    const t = ctx();
    const lines: string[] = [];
    assert.equal(requirePeer(t, spec, { lookup: () => '/usr/bin/x', env: {}, print: (l) => lines.push(l) }), true);
    assert.deepEqual([lines, t.skipped], [[], []]);
  });

  test('missing outside CI: one SKIPPED line, t.skip(), false', () => {
    for (const env of [{}, { CI: 'false' }, { CI: '1' }]) {
      const t = ctx();
      const lines: string[] = [];
      assert.equal(requirePeer(t, spec, { lookup: () => undefined, env, print: (l) => lines.push(l) }), false);
      assert.deepEqual(lines, ['SKIPPED: my test needs no-such-peer (Debian package no-such-pkg)']);
      assert.equal(t.skipped.length, 1);
    }
  });

  test('missing with CI=true: the test fails, naming the package', () => {
    const t = ctx();
    const lines: string[] = [];
    assert.throws(
      () => requirePeer(t, spec, { lookup: () => undefined, env: { CI: 'true' }, print: (l) => lines.push(l) }),
      /my test needs no-such-peer \(Debian package no-such-pkg\).*apt-get install no-such-pkg/,
    );
    assert.deepEqual([lines, t.skipped], [[], []]);
  });
});

describe('QEMU 7.2 q35 -smp 1,maxcpus=4 (peer)', () => {
  // One QEMU run shared by the tests below.
  let dump: Promise<QemuAcpiDump> | undefined;
  const q35 = (): Promise<QemuAcpiDump> => (dump ??= dumpQemuAcpi({ machine: 'q35', smp: '1,maxcpus=4' }));

  test('dump has DSDT, APIC, FACP, FACS with header lengths and checksums', async (t) => {
    if (!requirePeer(t, QEMU_PEER)) return;
    const { tables, rsdp, blob } = await q35();
    assert.equal(blob.length, 128 * 1024, 'etc/acpi/tables is padded to 128 KiB');
    for (const sig of ['DSDT', 'APIC', 'FACP', 'FACS']) {
      const tab = tables.get(sig);
      assert.ok(tab, `${sig} present (got ${[...tables.keys()].join(' ')})`);
      assert.equal(Buffer.from(tab.subarray(0, 4)).toString('latin1'), sig);
      assert.equal(new DataView(tab.buffer, tab.byteOffset).getUint32(4, true), tab.length, `${sig} length field`);
      if (sig === 'FACS') assert.equal(tab.length, 64, 'FACS is 64 bytes and has no checksum');
      else assert.equal(byteSum(tab), 0, `${sig} checksum`);
    }
    for (const [sig, tab] of tables) if (hasChecksum(tab)) assert.equal(byteSum(tab), 0, `${sig} checksum`);
    assert.equal(Buffer.from(rsdp.subarray(0, 8)).toString('latin1'), 'RSD PTR ');
    assert.equal(rsdp.length, 20, 'ACPI 1.0 RSDP');
  });

  test('DSDT and APIC equal the committed fixtures byte for byte', async (t) => {
    if (!requirePeer(t, QEMU_PEER)) return;
    const { tables } = await q35();
    for (const sig of ['DSDT', 'APIC']) {
      const want = new Uint8Array(readFileSync(new URL(`${sig}.aml`, FIXTURES)));
      const got = tables.get(sig);
      assert.ok(got, `${sig} present`);
      // Compare lengths first: a 30 KB diff of byte arrays is unreadable.
      assert.equal(got.length, want.length, `${sig} length (rerun scripts/update-qemu-fixtures.ts if QEMU changed)`);
      assert.ok(Buffer.from(got).equals(want), `${sig} bytes differ from test/data/qemu-7.2 fixture`);
    }
  });

  test('byte-wise fw_cfg reads give the same DSDT as DMA', async (t) => {
    if (!requirePeer(t, QEMU_PEER)) return;
    const slow = await dumpQemuAcpi({ machine: 'q35', smp: '1,maxcpus=4', noDma: true });
    const { tables } = await q35();
    assert.ok(Buffer.from(slow.tables.get('DSDT') ?? []).equals(tables.get('DSDT') ?? new Uint8Array(1)));
  });

  test('a bad command line is reported with QEMU stderr', async (t) => {
    if (!requirePeer(t, QEMU_PEER)) return;
    await assert.rejects(dumpQemuAcpi({ machine: 'q35', smp: '1,maxcpus=999' }), /max CPUs supported by machine/);
  });
});
