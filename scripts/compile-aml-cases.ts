// Compiles every ASL case (test/aml/interp/cases/*.asl) and the differential
// register helper (test/peers/register-helper.asl) with iasl, writing each .aml
// beside its source, and each firmware set (test/aml/firmware/<set>/*.asl) into
// its acpidump text file. The .aml files are committed so the suites run without
// iasl; cases.test.ts recompiles them when iasl is installed and fails on drift.
//
//   node --import tsx scripts/compile-aml-cases.ts            write the .aml files
//   node --import tsx scripts/compile-aml-cases.ts --check    only report drift (exit 1)

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileAsl, listCases, sameAml } from '../test/aml/interp/cases/cases.ts';
import { REGISTER_HELPER_AML, REGISTER_HELPER_ASL } from '../test/peers/register-helper.ts';
import { buildFirmwareDump, listFirmwareSets, sameDump } from '../test/aml/firmware/firmware-sets.ts';

/** Every (source, committed output) pair this script owns. */
export function amlSources(): Array<{ asl: string; aml: string }> {
  return [
    ...listCases().map((c) => ({ asl: c.aslPath, aml: c.amlPath })),
    { asl: REGISTER_HELPER_ASL, aml: REGISTER_HELPER_AML },
  ];
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  let drift = 0;
  for (const { asl, aml } of amlSources()) {
    const bytes = compileAsl(asl);
    const same = existsSync(aml) && sameAml(new Uint8Array(readFileSync(aml)), bytes);
    const name = relative(process.cwd(), aml);
    if (same) continue;
    drift++;
    if (check) {
      console.log(`DRIFT ${name}`);
    } else {
      writeFileSync(aml, bytes);
      console.log(`wrote ${name} (${bytes.length} bytes)`);
    }
  }
  for (const set of listFirmwareSets()) {
    const text = buildFirmwareDump(set);
    const name = relative(process.cwd(), set.dumpPath);
    if (existsSync(set.dumpPath) && sameDump(readFileSync(set.dumpPath, 'latin1'), text)) continue;
    drift++;
    if (check) console.log(`DRIFT ${name}`);
    else {
      writeFileSync(set.dumpPath, text);
      console.log(`wrote ${name}`);
    }
  }
  console.log(`${amlSources().length} sources and ${listFirmwareSets().length} firmware sets, ${drift} ${check ? 'drifted' : 'rewritten'}`);
  return check && drift > 0 ? 1 : 0;
}

// Run as a script, not when a test imports amlSources().
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
