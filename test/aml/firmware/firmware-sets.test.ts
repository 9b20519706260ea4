// The firmware-shaped table sets in our interpreter alone (no peer needed): each
// acpidump file loads whole (DSDT, SSDTs; OEMx tables into the table list),
// initialises with exactly the failures its ASL plants, and the methods an OS
// calls at boot give what the ASL says. firmware-differential.test.ts compares
// the same runs with acpiexec.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Interpreter, integer, buffer, type AmlValue } from '../../../src/aml/interp/index.ts';
import { listFirmwareSets, readFirmwareSet, type FirmwareSet } from './firmware-sets.ts';

function boot(set: FirmwareSet, osi: string[] = []): { interp: Interpreter; failures: string[] } {
  const interp = new Interpreter({ osi });
  const memory = new Map<string, number>();
  for (const space of ['SystemMemory', 'SystemIO', 'PCI_Config', 'EmbeddedControl', 'SystemCMOS'] as const) {
    interp.installAddressSpaceHandler(space, {
      read: (a, bits) => {
        let v = 0n;
        for (let i = 0; i < bits / 8; i++) v |= BigInt(memory.get(`${space}${a + BigInt(i)}`) ?? 0) << BigInt(8 * i);
        return v;
      },
      write: (a, bits, v) => {
        for (let i = 0; i < bits / 8; i++) memory.set(`${space}${a + BigInt(i)}`, Number((v >> BigInt(8 * i)) & 0xffn));
      },
    });
  }
  const tables = readFirmwareSet(set);
  for (const t of tables) if (t.signature !== 'DSDT' && t.signature !== 'SSDT') interp.addTable(t.bytes);
  for (const t of tables) if (t.signature === 'DSDT' || t.signature === 'SSDT') interp.loadTable(t.bytes);
  return { interp, failures: interp.runInitializers().map((f) => `${f.path} ${f.error.code}`) };
}

const set = (name: string) => {
  const s = listFirmwareSets().find((x) => x.name === name);
  assert.ok(s, `firmware set ${name} is missing`);
  return s;
};
const int = (v: AmlValue | undefined) => (v?.kind === 'integer' ? v.value : assert.fail(`not an Integer: ${v?.kind}`));

describe('firmware-shaped table sets in our interpreter', () => {
  test('there are two sets, each an acpidump with a DSDT, SSDTs and a run-time table', () => {
    const sets = listFirmwareSets();
    assert.deepEqual(sets.map((s) => s.name), ['laptop', 'server']);
    for (const s of sets) {
      const sigs = readFirmwareSet(s).map((t) => t.signature);
      assert.equal(sigs[0], 'DSDT');
      assert.ok(sigs.includes('SSDT') && sigs.some((x) => x.startsWith('OEM')), sigs.join(' '));
    }
  });

  test('laptop: initialisation runs _REG before _INI, fails only the planted LNKA._INI, and the _OSI ladder stops at Windows 2019', () => {
    const { interp, failures } = boot(set('laptop'));
    assert.deepEqual(failures, ['\\_SB.LNKA._INI divide-by-zero']);
    assert.equal(int(interp.evaluate('\\ECON')), 1n);
    assert.equal(int(interp.evaluate('\\OSYS')), 0x7e3n);
    assert.equal(int(interp.evaluate('\\_SB.BAT0._STA')), 0x1fn);
    assert.equal(int(interp.evaluate('\\_TZ.TZ00._TMP')), 0x2dn * 10n + 0xaacn);
  });

  test('laptop: _PDC loads OEM1 with LoadTable and OEM2 out of memory with Load; the host list changes _OSI', () => {
    const { interp } = boot(set('laptop'));
    assert.equal(int(interp.evaluate('\\_PR.CPU0._PDC', [buffer([1, 0, 0, 0, 2, 0, 0, 0, 0x19, 0, 0, 0])])), 3n);
    assert.equal(int(interp.evaluate('\\_PR.CPU0._PPC')), 0n);
    assert.equal(interp.evaluate('\\_PR.CPU0._CST')?.kind, 'package');
    const linux = boot(set('laptop'), ['!Windows 2019', 'Linux']).interp;
    assert.equal(int(linux.evaluate('\\OSYS')), 0x3e8n);
  });

  test('server: _SB.PCI1._INI loads the RAS table at initialisation, and its device raises Notifies', () => {
    const { interp, failures } = boot(set('server'));
    assert.deepEqual(failures, []);
    assert.equal(int(interp.evaluate('\\RASE')), 0x81n);
    const notifies: string[] = [];
    interp.installNotifyHandler((p, v) => notifies.push(`${p} ${v}`));
    assert.equal(int(interp.evaluate('\\_SB.RAS0.RAIS', [integer(2)])), 2n);
    assert.deepEqual(notifies, ['\\_SB.RAS0 129']);
    assert.equal(int(interp.evaluate('\\_SB.C002._STA')), 0n);
  });
});
