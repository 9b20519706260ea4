// Every table of every machine type, at maxcpus 1, 4, 255 and the machine's
// maximum, disassembles with ACPICA's iasl with no error or warning, and the
// disassembly compiles again.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MACHINE_TYPES } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { buildAcpiTables } from '../../src/machine/acpi-build.ts';
import { requirePeer, IASL_PEER } from './peer.ts';

function iasl(args: string[], cwd: string) {
  const r = spawnSync('iasl', args, { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/**
 * What iasl reports as a problem: compiler messages ("Error 6126 -", "Warning  3073 -"),
 * and the notes the disassembler writes into the .dsl itself ("/**** ACPI subtable
 * terminates early", "Incorrect checksum").
 */
const problems = (text: string) =>
  text.split('\n').filter((l) => /^\s*(.*\s)?(Error|Warning)\s+\d+/.test(l) || l.includes('/****') || /incorrect checksum/i.test(l));

for (const type of MACHINE_TYPES) {
  const counts = [...new Set([1, 4, 255, type.maxCpus])].filter((n) => n <= type.maxCpus);
  describe(`iasl round trip: ${type.name}`, () => {
    for (const maxcpus of counts) {
      test(`-smp 1,maxcpus=${maxcpus}: every table disassembles cleanly and recompiles`, { timeout: 120_000 }, (t) => {
        if (!requirePeer(t, IASL_PEER)) return;
        const dir = mkdtempSync(join(tmpdir(), 'cpuhp-iasl-'));
        try {
          const set = buildAcpiTables(createMachineConfig(type, `1,maxcpus=${maxcpus}`));
          assert.ok(set.tables.has('DSDT') && set.tables.has('APIC') && set.tables.has('FACP') && set.tables.has('XSDT'));
          for (const [sig, { bytes }] of set.tables) {
            writeFileSync(join(dir, `${sig}.aml`), bytes);
            const dis = iasl(['-d', `${sig}.aml`], dir);
            assert.equal(dis.status, 0, `iasl -d ${sig}: ${dis.output}`);
            assert.deepEqual(problems(dis.output), [], `iasl -d ${sig} reported problems`);
            assert.deepEqual(problems(readFileSync(join(dir, `${sig}.dsl`), 'utf8')), [], `${sig}.dsl notes problems`);
            const re = iasl(['-p', `${sig}-again`, `${sig}.dsl`], dir);
            assert.equal(re.status, 0, `iasl ${sig}.dsl: ${re.output}`);
            assert.match(re.output, /Compilation successful\. 0 Errors/, `${sig}.dsl did not compile again`);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}
