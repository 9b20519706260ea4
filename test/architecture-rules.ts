// The rules of the README's Architecture section, as a checker over source text, so
// that test/architecture.test.ts can run it on the tree and on trees with one planted
// violation each. Not a test file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** Source files by path relative to the repository root ('src/machine/machine.ts'). */
export type SourceTree = ReadonlyMap<string, string>;

export interface Import {
  readonly from: string;
  readonly to: string;
  readonly line: number;
  /**
   * Erased at run time (`import type`, or every name marked `type`). Such imports
   * still count between rooms (a room's vocabulary is part of what it knows), but
   * not for load order.
   */
  readonly typeOnly: boolean;
}

/**
 * The rooms a room may import, beyond its own files: each rule of the README's
 * Architecture section. A room missing here may import any room below it (the
 * graph must still be acyclic).
 */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  base: [],
  'aml/opcodes': [],
  // Encoding knows no table: AML values and their bytes, nothing of ACPI tables or devices.
  'aml/encode': ['aml/opcodes', 'base'],
  'aml/decode': ['aml/opcodes', 'base'],
  // The interpreter is generic: it runs any AML, knowing nothing of hot-plug or machines.
  'aml/interp': ['aml/decode', 'aml/opcodes', 'base'],
  acpi: ['aml/encode', 'base'],
  topology: ['base'],
  // A device knows its registers, never the machine it is plugged into.
  devices: ['base'],
  hotplug: ['aml/encode', 'aml/opcodes', 'base'],
  arch: ['acpi', 'aml/encode', 'base', 'devices', 'hotplug', 'topology'],
  // The machine knows no protocol: QMP, qtest and the CLI drive it from outside.
  machine: ['acpi', 'aml/encode', 'arch', 'base', 'devices', 'hotplug', 'topology'],
  // The guest sees only bus accesses, interrupts and guest memory: no VMM room.
  guest: ['aml/interp', 'aml/decode', 'aml/opcodes', 'base'],
};

/** Which room a source file belongs to: its folder under src/ (src/aml has three, and opcodes.ts). */
export function roomOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[0] !== 'src' || parts.length < 3) return undefined;
  if (parts[1] === 'aml') return parts.length === 3 ? `aml/${parts[2]!.replace(/\.ts$/, '')}` : `aml/${parts[2]}`;
  return parts[1];
}

/** The file other rooms must import a room through. */
export function faceOf(room: string): string {
  return room === 'aml/opcodes' ? 'src/aml/opcodes.ts' : `src/${room}/index.ts`;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s([^'"]*?)from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|^import\s+['"](\.[^'"]+)['"]/gm;

/** Whether an import clause (`type { A }`, `{ type A, type B }`) names only types. */
function typeOnly(clause: string | undefined): boolean {
  if (clause === undefined) return false;
  const c = clause.trim();
  if (c.startsWith('type ')) return true;
  const names = c.match(/^\{([^}]*)\}$/)?.[1]?.split(',').map((n) => n.trim()).filter(Boolean);
  return names !== undefined && names.length > 0 && names.every((n) => n.startsWith('type '));
}

/** Every relative import of every file, resolved to a repository path. */
export function importsOf(tree: SourceTree): Import[] {
  const out: Import[] = [];
  for (const [from, text] of tree) {
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[2] ?? m[3] ?? m[4]!;
      const line = text.slice(0, m.index + m[0].search(/\S/)).split('\n').length;
      out.push({ from, to: normalize(join(dirname(from), spec)), line, typeOnly: typeOnly(m[1]) });
    }
  }
  return out;
}

/**
 * The groups of nodes that import each other, directly or around a circle: the
 * strongly connected components of more than one node (Tarjan), each sorted.
 */
export function circles(edges: Iterable<readonly [string, string]>): string[][] {
  const g = new Map<string, string[]>();
  for (const [a, b] of edges) if (a !== b) g.set(a, [...(g.get(a) ?? []), b]);
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const open = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    open.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (open.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      open.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) out.push(component.sort());
  };
  for (const v of [...g.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

/** Rooms, through any import; files, through value imports only (a type-only circle has no load order). */
function roomCircles(imports: readonly Import[]): string[][] {
  return circles(imports.flatMap((i) => {
    const a = roomOf(i.from), b = roomOf(i.to);
    return a && b ? [[a, b] as const] : [];
  }));
}
const fileCircles = (imports: readonly Import[]) => circles(imports.filter((i) => !i.typeOnly).map((i) => [i.from, i.to] as const));

/** The folders the README's Architecture section names (`src/x`, `src/aml/y`). */
export function readmeRooms(readme: string): Set<string> {
  const start = readme.indexOf('## Architecture');
  if (start < 0) return new Set();
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const rooms = new Set<string>();
  for (const m of section.matchAll(/src\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?(\.ts)?/g)) {
    if (m[1] === 'aml' && !m[2]) continue;
    const room = roomOf(`src/${m[1]}${m[2] ? `/${m[2]}` : ''}${m[3] ? '.ts' : '/index.ts'}`);
    if (room) rooms.add(room);
  }
  return rooms;
}

/** Every broken rule, one line each; empty when the tree keeps them all. */
export function checkArchitecture(tree: SourceTree, readme: string): string[] {
  const problems: string[] = [];
  const imports = importsOf(tree);
  const rooms = new Set([...tree.keys()].map(roomOf).filter((r): r is string => r !== undefined));
  for (const r of rooms) {
    if (!tree.has(faceOf(r))) problems.push(`${r} has no public face (${faceOf(r)})`);
  }
  for (const i of imports) {
    const a = roomOf(i.from);
    const b = roomOf(i.to);
    if (!a || !b || a === b) continue;
    if (i.to !== faceOf(b)) problems.push(`${i.from}:${i.line} enters ${b} around its face: ${i.to}`);
    const allowed = ALLOWED[a];
    if (allowed && !allowed.includes(b)) problems.push(`${i.from}:${i.line}: ${a} may not import ${b} (README, Architecture)`);
  }
  for (const c of roomCircles(imports)) problems.push(`rooms import each other: ${c.join(', ')}`);
  for (const c of fileCircles(imports)) problems.push(`files import each other (they work only by load order): ${c.join(', ')}`);
  const listed = readmeRooms(readme);
  for (const r of rooms) if (!listed.has(r)) problems.push(`the README's Architecture section does not list src/${r}`);
  for (const r of listed) if (!rooms.has(r)) problems.push(`the README's Architecture section lists src/${r}, which does not exist`);
  return problems;
}

/** The repository's src/ tree as it is on disk. */
export function readSourceTree(root: string): Map<string, string> {
  const tree = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) tree.set(relative(root, p), readFileSync(p, 'utf8'));
    }
  };
  walk(join(root, 'src'));
  return tree;
}
