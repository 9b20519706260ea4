// The objects every namespace starts with (ACPI 6.5 §5.3.1, §5.7): the root scopes,
// \_OS, \_REV, \_GL and \_OSI, answered as Linux answers them (\_OS "Microsoft
// Windows NT", \_REV 2, _OSI from the list below, which the host may change).
import { AmlError } from './errors.ts';
import type { NamespaceNode } from './namespace.ts';
import { newMutex } from './mutex.ts';
import type { Runtime } from './runtime.ts';
import { type AmlValue, type MethodObject, type NodeObject, int, ZERO } from './types.ts';
import { NamespaceNode as Node } from './namespace.ts';

/**
 * Strings \_OSI answers true for, as Linux 6.12 does: ACPICA's default list
 * (utosi.c: the Windows versions up to "Windows 2022", "Extended Address Space
 * Descriptor") plus the features Linux installs itself (drivers/acpi/osi.c:
 * "Module Device", "Processor Device", "3.0 _SCP Extensions", "Processor
 * Aggregator Device" and its three "Linux-*" quirk strings). "Linux" and
 * "Darwin" are refused, as Linux does. ACPICA 20200925's acpiexec stops at
 * "Windows 2019" and answers none of Linux's additions.
 */
export const OSI_SUPPORTED: ReadonlySet<string> = new Set([
  'Windows 2000', 'Windows 2001', 'Windows 2001 SP1', 'Windows 2001.1', 'Windows 2001 SP2', 'Windows 2001.1 SP1',
  'Windows 2006', 'Windows 2006.1', 'Windows 2006 SP1', 'Windows 2006 SP2', 'Windows 2009', 'Windows 2012',
  'Windows 2013', 'Windows 2015', 'Windows 2016', 'Windows 2017', 'Windows 2017.2', 'Windows 2018',
  'Windows 2018.2', 'Windows 2019', 'Windows 2020', 'Windows 2021', 'Windows 2022',
  'Extended Address Space Descriptor', 'Module Device', 'Processor Device', '3.0 _SCP Extensions',
  'Processor Aggregator Device', 'Linux-Dell-Video', 'Linux-Lenovo-NV-HDMI-Audio', 'Linux-HPI-Hybrid-Graphics',
]);

/** Longest _OSI string the host may add (ACPICA keeps names of any length; 64 is plenty). */
export const MAX_OSI_STRING = 64;
/** Most changes the host may make to the list. */
export const MAX_OSI_CHANGES = 256;

/**
 * The list after the host's changes, in Linux's acpi_osi= spelling, applied in
 * order: "NAME" adds NAME, "!NAME" removes it, "!" removes every string (so
 * `["!", "Windows 2015"]` answers only "Windows 2015"). Bad input throws
 * AmlError('bad-argument') and nothing changes.
 */
export function osiList(changes: readonly string[] = []): Set<string> {
  if (!Array.isArray(changes) || changes.length > MAX_OSI_CHANGES) {
    throw new AmlError('bad-argument', `osi: at most ${MAX_OSI_CHANGES} changes, as an array of strings`);
  }
  const list = new Set(OSI_SUPPORTED);
  for (const c of changes) {
    if (typeof c !== 'string' || !/^!?[\x20-\x7e]*$/.test(c) || c.length > MAX_OSI_STRING + 1 || c === '') {
      throw new AmlError('bad-argument', `osi: ${JSON.stringify(c)} is not an interface name (printable ASCII, 1-${MAX_OSI_STRING} characters, "!" to remove)`);
    }
    if (c === '!') list.clear();
    else if (c.startsWith('!')) list.delete(c.slice(1));
    else list.add(c);
  }
  return list;
}

function add(parent: NamespaceNode, name: string, obj: NodeObject): void {
  parent.addChild(new Node(name, parent, obj));
}

export function installPredefined(rt: Runtime, interfaces: ReadonlySet<string> = OSI_SUPPORTED): void {
  const root = rt.ns.root;
  add(root, '_GPE', { kind: 'scope' });
  add(root, '_PR_', { kind: 'scope' });
  add(root, '_SB_', { kind: 'device' });
  add(root, '_SI_', { kind: 'scope' });
  add(root, '_TZ_', { kind: 'scope' });
  add(root, '_OS_', { kind: 'string', value: 'Microsoft Windows NT' });
  add(root, '_REV', int(2n));
  add(root, '_GL_', newMutex(0, { path: '\\_GL' }));
  const osi: MethodObject = {
    kind: 'method', argCount: 1, serialized: false, syncLevel: 0, body: undefined, mutex: undefined,
    compiled: undefined, generation: 0,
    native: (args: readonly AmlValue[]) => {
      const a = args[0];
      if (a?.kind !== 'string') throw new AmlError('type-mismatch', `\\_OSI needs a String, got ${a?.kind ?? 'nothing'}`);
      return interfaces.has(a.value) ? int(rt.width === 32 ? 0xffffffffn : 0xffffffffffffffffn) : ZERO;
    },
  };
  add(root, '_OSI', osi);
}
