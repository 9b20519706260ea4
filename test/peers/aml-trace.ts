// The comparable trace of running AML: what both acpiexec (test/peers/acpiexec.ts)
// and our interpreter (test/peers/run-ours.ts) produce, so that one deepEqual
// decides whether they behaved the same.
//
// A run is a list of commands (`execute \PATH args` in acpiexec's words). The
// trace keeps, in order: the SystemIO/SystemMemory accesses, the Notify calls,
// the Debug stores, and one result per command. Every event carries the index
// of the command that caused it (-1: table load and initialization), so a
// difference points at the call that diverged.

/** An AML value as both sides can report it (the AmlValue shapes that acpiexec prints). */
export type TraceValue =
  | { readonly kind: 'integer'; readonly value: bigint }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'buffer'; readonly value: Uint8Array }
  | { readonly kind: 'package'; readonly elements: readonly TraceValue[] }
  /** An empty package slot ("[Null Object]" in acpiexec). */
  | { readonly kind: 'uninitialized' }
  /** Anything else (a reference, a device...): only its type is compared. */
  | { readonly kind: 'other'; readonly type: string };

/** What one command gave back. Error codes differ between ACPICA and us, so only "it failed" is compared. */
export type EvalResult = TraceValue | { readonly kind: 'none' } | { readonly kind: 'error' };

/** The spaces both sides simulate with plain memory (acpiexec's aehandlers.c; run-ours.ts). */
export const TRACED_SPACES = ['SystemMemory', 'SystemIO', 'PCI_Config', 'EmbeddedControl', 'SystemCMOS'] as const;
export type RegionSpace = (typeof TRACED_SPACES)[number];
export type AccessWidth = 8 | 16 | 32 | 64;

export interface RegionAccess {
  readonly cmd: number;
  readonly space: RegionSpace;
  readonly direction: 'read' | 'write';
  readonly address: bigint;
  readonly bitWidth: AccessWidth;
  readonly value: bigint;
}

export interface NotifyEvent {
  readonly cmd: number;
  /** Absolute path, segments without their trailing '_' padding: `\_SB.CPUS.C001`. */
  readonly path: string;
  readonly value: number;
}

export interface DebugEvent {
  readonly cmd: number;
  readonly value: TraceValue;
}

export interface Trace {
  readonly results: readonly EvalResult[];
  readonly accesses: readonly RegionAccess[];
  readonly notifies: readonly NotifyEvent[];
  readonly debug: readonly DebugEvent[];
}

/** Argument of a command: what acpiexec's command line can spell. */
export type CommandArg =
  | { readonly kind: 'integer'; readonly value: bigint }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'buffer'; readonly value: Uint8Array };

/** One evaluation: `execute PATH ARGS`. */
export interface Command {
  readonly path: string;
  readonly args?: readonly CommandArg[];
}

export const int = (value: bigint | number): CommandArg => ({ kind: 'integer', value: BigInt(value) });
export const str = (value: string): CommandArg => ({ kind: 'string', value });
export const buf = (bytes: readonly number[] | Uint8Array): CommandArg => ({ kind: 'buffer', value: Uint8Array.from(bytes) });

/**
 * `\_SB_.CPUS.C001` → `\_SB.CPUS.C001`: one spelling for both sides. ACPICA
 * prints 4-character segments; ACPI's external form drops the '_' padding.
 */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('\\');
  const segments = (absolute ? path.slice(1) : path).split('.').filter((s) => s !== '');
  const trimmed = segments.map((s) => s.replace(/_+$/, '') || '_');
  return (absolute ? '\\' : '') + trimmed.join('.');
}

const hex = (v: bigint | number) => `0x${v.toString(16)}`;
const bytesHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

/** One line per value, lossless for the kinds we compare (used in failure messages). */
export function formatValue(v: EvalResult): string {
  switch (v.kind) {
    case 'integer': return `Integer ${hex(v.value)}`;
    case 'string': return `String ${JSON.stringify(v.value)}`;
    case 'buffer': return `Buffer[${v.value.length}] ${bytesHex(v.value)}`.trimEnd();
    case 'package': return `Package[${v.elements.length}] {${v.elements.map(formatValue).join(', ')}}`;
    case 'uninitialized': return 'Uninitialized';
    case 'other': return `<${v.type}>`;
    case 'none': return 'none';
    case 'error': return 'error';
    default: return assertNever(v);
  }
}

export function formatAccess(a: RegionAccess): string {
  const space = a.space === 'SystemIO' ? 'IO ' : 'MEM';
  return `#${a.cmd} ${space} ${a.direction === 'read' ? 'R' : 'W'} ${hex(a.address)} w${a.bitWidth} ${hex(a.value)}`;
}

/** The trace as lines, section by section: what a reviewer reads when two traces differ. */
export function formatTrace(t: Trace): string[] {
  return [
    ...t.results.map((r, i) => `#${i} RET ${formatValue(r)}`),
    ...t.accesses.map(formatAccess),
    ...t.notifies.map((n) => `#${n.cmd} NOTIFY ${n.path} ${hex(n.value)}`),
    ...t.debug.map((d) => `#${d.cmd} DEBUG ${formatValue(d.value)}`),
  ];
}

export function assertNever(x: never): never {
  throw new Error(`unexpected kind: ${String((x as { kind?: unknown }).kind)}`);
}
