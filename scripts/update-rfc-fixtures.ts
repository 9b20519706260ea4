// Rewrites test/data/rfc-v5/: the arm64 vCPU hot-plug RFC V5 QEMU's DSDT, MADT and
// PPTT for each configuration of test/peers/guest/rfc-fixtures.ts, copied out of a
// real Linux guest (hot-plug is off under qtest, so fw_cfg cannot be read directly).
// The only writer of those files; tests compare against them.
//
//   node --import tsx scripts/update-rfc-fixtures.ts     (needs bash scripts/install-peers.sh)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDir, dumpRfcTables, RFC_CONFIGS, RFC_FIXTURE_ROOT } from '../test/peers/guest/rfc-fixtures.ts';

for (const smp of RFC_CONFIGS) {
  const tables = await dumpRfcTables(smp);
  const dir = join(RFC_FIXTURE_ROOT, configDir(smp));
  mkdirSync(dir, { recursive: true });
  for (const [sig, bytes] of tables) writeFileSync(join(dir, `${sig}.aml`), bytes);
  process.stdout.write(`${dir}: ${[...tables].map(([s, b]) => `${s} ${b.length} B`).join(', ')}\n`);
}
