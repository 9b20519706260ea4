import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { everyTable } from './fixtures.ts';

const TEST_NAME = 'iasl -d disassembles every table kind without errors or warnings';

function hasIasl(): boolean {
  try {
    execFileSync('iasl', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** iasl complaints: "Error"/"Warning" lines in its output, and "/****" notes it puts inline in the .dsl. */
function complaints(text: string): string[] {
  return text.split('\n').filter((l) => /error|warning/i.test(l) || l.trimStart().startsWith('/****'));
}

describe('iasl', () => {
  const iasl = hasIasl();
  if (!iasl && process.env.CI !== 'true') console.log(`SKIPPED: ${TEST_NAME} needs iasl (Debian package acpica-tools)`);

  it(TEST_NAME, { skip: !iasl && process.env.CI !== 'true' }, async () => {
    assert.ok(iasl, 'iasl is required when CI=true (Debian package acpica-tools)');
    const dir = await mkdtemp(join(tmpdir(), 'cpuhp-acpi-'));
    try {
      const found: string[] = [];
      for (const [name, bytes] of Object.entries(everyTable())) {
        // iasl's file loader needs an SDT header, so a lone RSDP is "not a valid
        // ACPI table" to it; rsdp.test.ts checks both RSDP checksums instead.
        if (name === 'RSDP') continue;
        const aml = join(dir, `${name}.aml`);
        await writeFile(aml, bytes);
        const run = spawnSync('iasl', ['-d', aml], { cwd: dir, encoding: 'utf8' });
        assert.equal(run.status, 0, `iasl -d ${name}: exit ${run.status}\n${run.stdout}${run.stderr}`);
        const dsl = await readFile(join(dir, `${name}.dsl`), 'utf8');
        found.push(...complaints(`${run.stdout}\n${run.stderr}\n${dsl}`).map((l) => `${name}: ${l}`));
      }
      assert.deepEqual(found, []);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
