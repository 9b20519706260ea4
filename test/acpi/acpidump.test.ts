// The acpidump text format: our formatter and parser agree with each other and
// with ACPICA's acpixtract (acpica-tools), which reads acpidump files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { AcpiTableError, buildDefinitionBlock, formatAcpidump, looksLikeAcpidump, parseAcpidump, QEMU_OEM } from '../../src/acpi/index.ts';
import { IASL_PEER, requirePeer } from '../peers/peer.ts';

const ssdt = (n: number) => buildDefinitionBlock({ signature: 'SSDT', revision: 2, oem: { ...QEMU_OEM, oemTableId: `CPUHPTB${n}` }, body: [] });
const TABLES = [
  { signature: 'SSDT', address: 0xbffe0000n, bytes: ssdt(1) },
  { signature: 'SSDT', address: 0xbffe1000n, bytes: ssdt(2) },
];

const isError = (e: unknown) => e instanceof AcpiTableError && e.code === 'bad-value';

describe('acpidump text format', () => {
  test('what formatAcpidump writes, parseAcpidump reads back unchanged', () => {
    const text = formatAcpidump(TABLES);
    assert.ok(looksLikeAcpidump(text));
    assert.match(text, /^SSDT @ 0x00000000BFFE0000\n {4}0000: 53 53 44 54 /);
    assert.deepEqual(parseAcpidump(text), TABLES);
  });

  test('the RSDP is skipped, CRLF line ends are accepted', () => {
    const rsdp = 'RSD PTR @ 0x00000000000F5A10\n    0000: 52 53 44 20 50 54 52 20 00 42 4F 43 48 53 20 00  RSD PTR .BOCHS .\n\n';
    assert.deepEqual(parseAcpidump((rsdp + formatAcpidump(TABLES)).replace(/\n/g, '\r\n')), TABLES);
  });

  test('a gap in the offsets, a short table, stray text or no tables are refused', () => {
    const text = formatAcpidump(TABLES);
    assert.throws(() => parseAcpidump(text.replace('    0010:', '    0020:')), isError);
    assert.throws(() => parseAcpidump(text.split('\n').filter((l) => !l.startsWith('    0020')).join('\n')), isError);
    assert.throws(() => parseAcpidump(`${text}hello\n`), isError);
    assert.throws(() => parseAcpidump(''), isError);
    assert.throws(() => parseAcpidump(text, { maxTables: 1, maxTableBytes: 1 << 20 }), isError);
    assert.throws(() => parseAcpidump(text, { maxTables: 8, maxTableBytes: 16 }), isError);
  });

  test('acpixtract extracts the same tables from our text', (t) => {
    if (!requirePeer(t, IASL_PEER)) return;
    const dir = mkdtempSync(join(tmpdir(), 'cpuhp-acpixtract-'));
    try {
      writeFileSync(join(dir, 'tables.dat'), formatAcpidump(TABLES));
      const r = spawnSync('acpixtract', ['-a', 'tables.dat'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
      const files = readdirSync(dir).filter((f) => f.endsWith('.dat') && f !== 'tables.dat').sort();
      assert.deepEqual(files.map((f) => new Uint8Array(readFileSync(join(dir, f)))), TABLES.map((x) => x.bytes));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
