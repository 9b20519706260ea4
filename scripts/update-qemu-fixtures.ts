// Rewrites test/data/qemu-<version>/: a QEMU release's ACPI tables for q35 and pc,
// dumped through fw_cfg by the peer harness. This is the only thing that writes
// those files; tests compare against them, so a change there is a reviewed diff.
//
//   node --import tsx scripts/update-qemu-fixtures.ts [7.2|10.0]   (default 7.2)
//
// Refuses to run with a QEMU of another version than the directory names.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dumpQemuAcpi, qemuAvailable } from '../test/peers/qemu-harness.ts';
import { configDir, QEMU_RELEASES, smpOf, type QemuRelease } from '../test/peers/qemu-releases.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv[2] ?? '7.2';
const RELEASE: QemuRelease = QEMU_RELEASES.find((r) => r.version === wanted) ?? fail(`no QEMU release ${wanted} (${QEMU_RELEASES.map((r) => r.version).join(', ')})`);
const FIXTURE_ROOT = join(ROOT, 'test', 'data', `qemu-${RELEASE.version}`);
const QEMU = RELEASE.peer.command;

function fail(message: string): never {
  console.error(`update-qemu-fixtures: ${message}`);
  process.exit(2);
}

function qemuOutput(args: string[]): string {
  return execFileSync(QEMU, [...RELEASE.args, ...args], { encoding: 'utf8', timeout: 30_000 });
}

function checkQemu(): string {
  if (!qemuAvailable(QEMU)) throw new Error(`${QEMU} is not there (${RELEASE.peer.package})`);
  const version = qemuOutput(['--version']).split('\n')[0]?.trim() ?? '';
  if (!RELEASE.versionLine.test(version)) {
    throw new Error(`these fixtures are for QEMU ${RELEASE.version}, found: ${version}`);
  }
  const help = qemuOutput(['-machine', 'help']);
  for (const [alias, type] of Object.entries(RELEASE.types)) {
    if (!new RegExp(`^${alias}\\s.*\\(alias of ${type}\\)`, 'm').test(help)) {
      throw new Error(`-machine ${alias} is not an alias of ${type}`);
    }
  }
  return version;
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

async function main(): Promise<void> {
  const version = checkQemu();
  const written: Array<{ path: string; size: number; sha: string }> = [];
  const commands: string[] = [];
  for (const config of RELEASE.tableConfigs) {
    const { machine } = config;
    const dir = join(FIXTURE_ROOT, RELEASE.types[machine], configDir(config));
    const dump = await dumpQemuAcpi({ machine, smp: smpOf(config), qemu: QEMU, extraArgs: RELEASE.args });
    // Drop what an earlier run wrote, so a table QEMU no longer has goes away.
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(dir)) {
      if (f.endsWith('.aml') || f === 'rsdp.bin') rmSync(join(dir, f));
    }
    const files: Array<[string, Uint8Array]> = [
      ...[...dump.tables].map(([sig, data]): [string, Uint8Array] => [`${sig}.aml`, data]),
      ['rsdp.bin', dump.rsdp],
    ];
    for (const [name, data] of files.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const path = join(dir, name);
      writeFileSync(path, data);
      written.push({ path: relative(FIXTURE_ROOT, path), size: data.length, sha: sha256(data) });
    }
    commands.push(dump.argv.join(' '));
    console.log(`${relative(ROOT, dir)}: ${files.map(([n]) => n).join(' ')}`);
  }
  writeFileSync(join(FIXTURE_ROOT, 'README.md'), readme(version, commands, written));
  console.log(`wrote ${written.length} files and README.md under ${relative(ROOT, FIXTURE_ROOT)}`);
}

function readme(version: string, commands: string[], written: Array<{ path: string; size: number; sha: string }>): string {
  const [q35, pc] = [RELEASE.types.q35, RELEASE.types.pc];
  return `# QEMU ${RELEASE.version} ACPI tables (generated; do not edit)

Written by \`scripts/update-qemu-fixtures.ts ${RELEASE.version}\` (\`npm run update-fixtures -- ${RELEASE.version}\`), and only by it.
Tests compare our output and the peer harness's live dumps with these bytes, so rerun the
script on purpose and review the diff; never edit the files by hand.

- QEMU: \`${version}\` (\`${QEMU} --version\`). The script refuses to run with any other version.
- Layout: \`<machine type>/smp-<cpus>-<maxcpus>/<SIG>.aml\` plus \`rsdp.bin\`. The tables were dumped with
  \`-machine q35\` / \`-machine pc\`, which in QEMU ${RELEASE.version} are aliases of \`${q35}\` / \`${pc}\`
  (checked against \`-machine help\`); the directories carry the resolved names.
- Command lines (TCG; \`-S\`, so no guest code runs):

\`\`\`
${commands.join('\n')}
\`\`\`

- Before reading, the harness does the chipset writes SeaBIOS does ("fwinit"), so the tables match what
  a booted guest gets: PCI config writes through 0xcf8/0xcfc
  - q35: 00:00.0 reg 0x64 = 0 and reg 0x60 = 0xb0000001 (PCIEXBAR 0xb0000000, enabled);
    00:1f.0 reg 0x40 = 0x601 (ICH9 PMBASE 0x600), reg 0x44 = 0x80 (ACPI_EN).
  - pc: 00:01.3 reg 0x40 = 0x601 (PIIX4 PMBASE 0x600), reg 0x80 = 0x01 (PM IO enable).
- The tables come from fw_cfg file \`etc/acpi/tables\` (read by DMA), split by signature + length with zero
  padding skipped. In fw_cfg every checksum byte is 0; here byte 9 of each table is **fixed** so that its
  bytes sum to 0 mod 256. FACS has no checksum and is as stored. A repeated signature would be
  \`<SIG>-1.aml\`, ... Pointers between tables (FACP -> DSDT, RSDT entries) are unpatched blob offsets.
- \`rsdp.bin\` is fw_cfg \`etc/acpi/rsdp\` as stored: its checksum is 0 and its RSDT address is a blob offset.

## Files

| file | bytes | sha256 |
|---|---:|---|
${written.map((w) => `| ${w.path} | ${w.size} | \`${w.sha}\` |`).join('\n')}
`;
}

await main();
