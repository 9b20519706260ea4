// The firmware-shaped table sets (test/aml/firmware/<set>/<set>.acpidump) in
// our interpreter and in ACPICA's acpiexec 20200925: both load every table of
// the dump (the DSDT and SSDTs; OEMx tables wait in the table list for
// LoadTable and DataTableRegion), initialise (\_SB._INI, _REG, _STA/_INI of
// every device), then run the same commands. Compared: which _INI/_STA failed
// during initialisation, and each command's result, Notifies, region accesses
// and Debug stores, including those of initialisation.

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { FIRMWARE_COMMANDS } from '../aml/firmware/commands.ts';
import { listFirmwareSets, readFirmwareSet, setLabel } from '../aml/firmware/firmware-sets.ts';
import { runAcpiexec } from './acpiexec.ts';
import { normalizePath } from './aml-trace.ts';
import { OursWorker } from './ours-in-worker.ts';
import { ACPIEXEC_PEER, requirePeer } from './peer.ts';
import { scaled } from '../support/load-scale.ts';
import { assertSameTrace } from './same-trace.ts';

const OURS_TIMEOUT_MS = 20_000;

/** "ACPI Error: AE_AML_DIVIDE_BY_ZERO, during \_SB.LNKA._INI execution": the methods initialisation reported failed. */
function peerInitFailures(raw: string): string[] {
  const before = raw.split(/^Evaluating /m)[0] ?? '';
  return [...before.matchAll(/ACPI Error: AE_\w+, during (\S+) execution/g)].map((m) => normalizePath(m[1] ?? ''));
}

describe('firmware-shaped table sets: load, initialise and run like acpiexec', () => {
  const ours = new OursWorker();
  after(() => ours.stop());

  for (const set of listFirmwareSets()) {
    test(setLabel(set), { timeout: 120_000 }, async (t) => {
      if (!requirePeer(t, ACPIEXEC_PEER)) return;
      const commands = FIRMWARE_COMMANDS[set.name];
      assert.ok(commands, `no commands for firmware set ${set.name}`);
      // acpiexec gets the tables in dump order as separate files, we the same.
      const tables = readFirmwareSet(set).map((d) => d.bytes);
      const peer = await runAcpiexec(tables, commands, { initialize: true });
      const mine = await ours.run(tables, commands, { initialize: true }, scaled(OURS_TIMEOUT_MS));
      assert.equal(mine.status, 'ran', mine.status === 'crash' ? mine.message : 'timeout');
      if (mine.status !== 'ran') return;
      assert.deepEqual(mine.initFailures, peerInitFailures(peer.raw), 'initialisation failures differ');
      assertSameTrace(mine, peer, commands);
    });
  }
});
