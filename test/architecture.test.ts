// The README's Architecture section, enforced: every folder entered through its face,
// no two rooms (and no two files, through values) importing each other, each room's
// rule, and the README listing every folder. Each rule is shown to bite by a tree with
// one violation planted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { checkArchitecture, readSourceTree, type SourceTree } from './architecture-rules.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const tree = readSourceTree(ROOT);
const readme = readFileSync(`${ROOT}README.md`, 'utf8');

test('the tree keeps every rule of the Architecture section', () => {
  assert.deepEqual(checkArchitecture(tree, readme), []);
});

/** The tree with one file added or changed. */
const planted = (path: string, text: string): SourceTree => new Map([...tree, [path, text]]);
/** The tree with a line added to an existing file. */
const withLine = (path: string, line: string): SourceTree => {
  const text = tree.get(path);
  assert.ok(text !== undefined, `${path} exists`);
  return planted(path, `${line}\n${text}`);
};
const problems = (t: SourceTree, r = readme) => checkArchitecture(t, r);

describe('each rule fails on a planted violation', () => {
  test('a folder entered around its face', () => {
    const p = problems(withLine('src/vm/vm.ts', "import { Bus } from '../devices/bus.ts';"));
    assert.ok(p.some((l) => /src\/vm\/vm\.ts:1 enters devices around its face: src\/devices\/bus\.ts/.test(l)), p.join('\n'));
  });

  test('two folders that import each other', () => {
    const p = problems(withLine('src/devices/bus.ts', "import type { Platform } from '../arch/index.ts';"));
    assert.ok(p.some((l) => /rooms import each other: .*arch.*devices|rooms import each other: .*devices.*arch/.test(l)), p.join('\n'));
  });

  test('two files that import each other through values', () => {
    const t = planted('src/base/a.ts', "import { b } from './b.ts';\nexport const a = () => b;\n");
    const p = problems(new Map([...t, ['src/base/b.ts', "import { a } from './a.ts';\nexport const b = () => a;\n"]]));
    assert.ok(p.some((l) => l.includes('files import each other') && l.includes('src/base/a.ts, src/base/b.ts')), p.join('\n'));
    const types = planted('src/base/a.ts', "import type { B } from './b.ts';\nexport type A = B;\n");
    const typeOnly = problems(new Map([...types, ['src/base/b.ts', "import type { A } from './a.ts';\nexport type B = A | 1;\n"]]));
    assert.ok(!typeOnly.some((l) => l.includes('src/base/a.ts')), 'type-only imports are erased: no load order');
  });

  test('the guest sees only bus accesses and interrupts', () => {
    const p = problems(withLine('src/guest/guest.ts', "import type { Machine } from '../machine/index.ts';"));
    assert.ok(p.some((l) => /guest may not import machine/.test(l)), p.join('\n'));
  });

  test('the device knows no machine', () => {
    const p = problems(withLine('src/hotplug/controller.ts', "import type { MachineConfig } from '../machine/index.ts';"));
    assert.ok(p.some((l) => /hotplug may not import machine/.test(l)), p.join('\n'));
    const d = problems(withLine('src/devices/gpe.ts', "import type { Topology } from '../topology/index.ts';"));
    assert.ok(d.some((l) => /devices may not import topology/.test(l)), d.join('\n'));
  });

  test('the architecture does not import the machine', () => {
    const p = problems(withLine('src/arch/platform.ts', "import type { MachineType } from '../machine/index.ts';"));
    assert.ok(p.some((l) => /arch may not import machine/.test(l)), p.join('\n'));
  });

  test('the machine knows no protocol', () => {
    const p = problems(withLine('src/machine/machine.ts', "import { QmpError } from '../qmp/index.ts';"));
    assert.ok(p.some((l) => /machine may not import qmp/.test(l)), p.join('\n'));
  });

  test('encoding knows no table', () => {
    const p = problems(withLine('src/aml/encode/named.ts', "import type { OemInfo } from '../../acpi/index.ts';"));
    assert.ok(p.some((l) => /aml\/encode may not import acpi/.test(l)), p.join('\n'));
  });

  test('the interpreter is generic', () => {
    const p = problems(withLine('src/aml/interp/runtime.ts', "import type { CpusAmlOptions } from '../../hotplug/index.ts';"));
    assert.ok(p.some((l) => /aml\/interp may not import hotplug/.test(l)), p.join('\n'));
  });

  test('a folder without a face', () => {
    const p = problems(planted('src/extra/thing.ts', 'export const thing = 1;\n'));
    assert.ok(p.includes('extra has no public face (src/extra/index.ts)'), p.join('\n'));
  });

  test('the README lists every folder, and only folders that exist', () => {
    const missing = problems(tree, readme.replace(/^src\/devices .*$/m, ''));
    assert.ok(missing.includes("the README's Architecture section does not list src/devices"), missing.join('\n'));
    const extra = problems(tree, readme.replace('src/base ', 'src/base, src/gone '));
    assert.ok(extra.includes("the README's Architecture section lists src/gone, which does not exist"), extra.join('\n'));
  });
});
