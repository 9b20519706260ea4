// Real tables decode whole: QEMU 7.2's DSDTs (test/data) and the DSDT of every
// machine type we build, from 1 to the largest CPU count.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeDefinitionBlock, operandBody, type Term } from '../../../src/aml/decode/index.ts';
import { buildAcpiTables } from '../../../src/machine/acpi-build.ts';
import { MACHINE_TYPES } from '../../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../../src/machine/possible-cpus.ts';

const QEMU = fileURLToPath(new URL('../../data/qemu-7.2/', import.meta.url));

function countMethods(terms: readonly Term[]): number {
  let n = 0;
  for (const t of terms) {
    if (t.t !== 'op') continue;
    if (t.op === 'Method') {
      assert.ok(operandBody(t, 3).terms, 'a method body was left undecoded');
      n++;
    }
    for (const a of t.args) if (a.k === 'terms') n += countMethods(a.terms);
  }
  return n;
}

describe('QEMU 7.2 DSDTs', () => {
  for (const machine of readdirSync(QEMU).filter((d) => !d.endsWith('.md'))) {
    for (const smp of readdirSync(QEMU + machine)) {
      test(`${machine} ${smp} decodes with every method body`, () => {
        const d = decodeDefinitionBlock(new Uint8Array(readFileSync(`${QEMU}${machine}/${smp}/DSDT.aml`)));
        assert.equal(d.header.signature, 'DSDT');
        assert.equal(d.header.revision, 1);
        assert.ok(d.header.checksumValid);
        assert.ok(countMethods(d.terms) > 20);
      });
    }
  }
});

describe('our DSDTs', () => {
  for (const type of MACHINE_TYPES) {
    for (const max of [1, type.maxCpus]) {
      test(`${type.name} with maxcpus=${max} decodes`, () => {
        const dsdt = buildAcpiTables(createMachineConfig(type, `1,maxcpus=${max}`)).tables.get('DSDT')!.bytes;
        const d = decodeDefinitionBlock(dsdt);
        assert.ok(countMethods(d.terms) >= 5 + max);
      });
    }
  }
});
