// AML objects (ACPI 6.5 §19.3.5): the data values expressions produce (AmlValue,
// public) and the objects namespace nodes hold (NodeObject). Both are unions
// discriminated on `kind`; every switch over them ends in assertNever.
import type { MethodBody } from '../decode/index.ts';
import type { NamespaceNode } from './namespace.ts';

export interface AmlInteger { readonly kind: 'integer'; readonly value: bigint }
/** `value` changes in place only through an Index reference into the string. */
export interface AmlString { readonly kind: 'string'; value: string }
/** The bytes change in place (Index, CreateField, Store to a named buffer); the length never does. */
export interface AmlBuffer { readonly kind: 'buffer'; value: Uint8Array }
export interface AmlPackage { readonly kind: 'package'; readonly elements: AmlValue[] }
/** A Local or Arg nothing was stored in, or a package element with no initializer. */
export interface AmlUninitialized { readonly kind: 'uninitialized' }

/** A place slot (Locals or Args of one method invocation). */
export type Slots = AmlValue[];

/**
 * An ObjectReference (RefOf, Index, CondRefOf, or a name inside a Package):
 * - node: a named object
 * - element: one element of a package
 * - byte: one byte of a buffer or string
 * - slot: a Local or Arg of a running method
 * - unresolved: a name in a package that resolved to nothing
 * - table: a DDBHandle (ObjectType 15)
 */
export type AmlReference =
  | { readonly kind: 'reference'; readonly to: 'node'; readonly node: NamespaceNode }
  | { readonly kind: 'reference'; readonly to: 'element'; readonly pkg: AmlPackage; readonly index: number }
  | { readonly kind: 'reference'; readonly to: 'byte'; readonly data: AmlBuffer | AmlString; readonly index: number }
  | { readonly kind: 'reference'; readonly to: 'slot'; readonly slots: Slots; readonly index: number; readonly label: string }
  | { readonly kind: 'reference'; readonly to: 'unresolved'; readonly path: string }
  /** A DDBHandle: what Load and LoadTable give, and what Unload takes. */
  | { readonly kind: 'reference'; readonly to: 'table'; readonly table: LoadedTable };

/** A table whose objects are in the namespace, until Unload removes them. */
export interface LoadedTable {
  readonly signature: string;
  readonly oemId: string;
  readonly oemTableId: string;
  /** Every node the table created, in creation order. */
  readonly nodes: readonly NamespaceNode[];
  unloaded: boolean;
}

export type AmlValue = AmlInteger | AmlString | AmlBuffer | AmlPackage | AmlReference | AmlUninitialized;

// ---- objects that only live in namespace nodes ------------------------------

export interface ScopeObject { readonly kind: 'scope' }
export interface DeviceObject { readonly kind: 'device' }
export interface ProcessorObject { readonly kind: 'processor'; readonly id: number; readonly pblkAddress: number; readonly pblkLength: number }
export interface PowerResourceObject { readonly kind: 'power-resource'; readonly systemLevel: number; readonly resourceOrder: number }
export interface ThermalZoneObject { readonly kind: 'thermal-zone' }

/** A host-implemented method (\_OSI): gets the evaluated arguments. */
export type NativeMethod = (args: readonly AmlValue[]) => AmlValue | undefined;

export interface MethodObject {
  readonly kind: 'method';
  readonly argCount: number;
  readonly serialized: boolean;
  readonly syncLevel: number;
  readonly body: MethodBody | undefined;
  readonly native: NativeMethod | undefined;
  /** The implicit mutex of a Serialized method (ACPI 6.5 §19.6.85). */
  readonly mutex: MutexObject | undefined;
  /** The compiled body and the namespace generation it was compiled in. */
  compiled: unknown;
  generation: number;
}

export interface MutexObject {
  readonly kind: 'mutex';
  readonly syncLevel: number;
  /** Acquisitions by the running evaluation (0: free). */
  depth: number;
  /** The evaluation's sync level before the first Acquire, restored by the last Release. */
  savedSyncLevel: number;
  /** What errors name it by: its node (the path is built only for an error message). */
  readonly owner: { readonly path: string };
}

export interface EventObject { readonly kind: 'event'; count: number }

export interface RegionObject {
  readonly kind: 'region';
  readonly space: number;
  readonly offset: bigint;
  readonly length: bigint;
  readonly node: NamespaceNode;
  /** DataTableRegion: the bytes of the table it maps (read-only, served without a handler). */
  readonly data?: Uint8Array;
}

/** How a field unit reaches its datums: a region, an index/data pair, or a bank. */
export type FieldBacking =
  | { readonly via: 'region'; readonly region: RegionObject }
  | { readonly via: 'index'; readonly index: FieldUnitObject; readonly data: FieldUnitObject }
  | { readonly via: 'bank'; readonly region: RegionObject; readonly bank: FieldUnitObject; readonly bankValue: bigint };

export interface FieldUnitObject {
  readonly kind: 'field';
  readonly backing: FieldBacking;
  /** Bit offset of the field from the start of the region (or of the index space). */
  readonly bitOffset: number;
  readonly bitLength: number;
  /** Datum width in bytes: ByteAcc 1 .. QWordAcc 8 (AnyAcc and BufferAcc use 1, as ACPICA). */
  readonly accessBytes: number;
  /** 0 Preserve, 1 WriteAsOnes, 2 WriteAsZeros. */
  readonly updateRule: number;
  readonly lock: boolean;
}

export interface BufferFieldObject {
  readonly kind: 'buffer-field';
  readonly buffer: AmlBuffer;
  readonly bitOffset: number;
  readonly bitLength: number;
  /** Made by CreateField: reads as a Buffer whatever its size (ACPICA since 2020). */
  readonly isCreateField: boolean;
}

export interface AliasObject { readonly kind: 'alias'; readonly target: NamespaceNode }

export type NodeObject =
  | AmlValue
  | ScopeObject | DeviceObject | ProcessorObject | PowerResourceObject | ThermalZoneObject
  | MethodObject | MutexObject | EventObject | RegionObject | FieldUnitObject | BufferFieldObject | AliasObject;

export function assertNever(x: never): never {
  throw new Error(`unexpected object: ${JSON.stringify(x)}`);
}

// ACPI 6.5 §19.6.96 ObjectType results.
export const ObjectTypeCode = {
  uninitialized: 0, integer: 1, string: 2, buffer: 3, package: 4, 'field': 5, device: 6, event: 7,
  method: 8, mutex: 9, region: 10, 'power-resource': 11, processor: 12, 'thermal-zone': 13,
  'buffer-field': 14, ddbHandle: 15, debug: 16,
} as const;

/** The ACPI object type name, for messages and the namespace listing. */
export function typeName(o: NodeObject): string {
  switch (o.kind) {
    case 'integer': return 'Integer';
    case 'string': return 'String';
    case 'buffer': return 'Buffer';
    case 'package': return 'Package';
    case 'reference': return 'Reference';
    case 'uninitialized': return 'Uninitialized';
    case 'scope': return 'Scope';
    case 'device': return 'Device';
    case 'processor': return 'Processor';
    case 'power-resource': return 'PowerResource';
    case 'thermal-zone': return 'ThermalZone';
    case 'method': return 'Method';
    case 'mutex': return 'Mutex';
    case 'event': return 'Event';
    case 'region': return 'OperationRegion';
    case 'field': return 'FieldUnit';
    case 'buffer-field': return 'BufferField';
    case 'alias': return 'Alias';
    default: return assertNever(o);
  }
}

// ---- constructors and shared constants --------------------------------------

export const UNINITIALIZED: AmlUninitialized = Object.freeze({ kind: 'uninitialized' });

const SMALL: AmlInteger[] = Array.from({ length: 256 }, (_, i) => Object.freeze({ kind: 'integer' as const, value: BigInt(i) }));

/** An Integer; values 0-255 are shared, so Integers are never mutated. */
export function int(value: bigint): AmlInteger {
  if (value >= 0n && value < 256n) return SMALL[Number(value)]!;
  return { kind: 'integer', value };
}
export const ZERO = SMALL[0]!;
export const ONE = SMALL[1]!;

export const str = (value: string): AmlString => ({ kind: 'string', value });
export const buf = (value: Uint8Array): AmlBuffer => ({ kind: 'buffer', value });
export const pkg = (elements: AmlValue[]): AmlPackage => ({ kind: 'package', elements });
export const nodeRef = (node: NamespaceNode): AmlReference => ({ kind: 'reference', to: 'node', node });

/** Deep copy of a data value, as Store and CopyObject make; Integers are shared. */
export function copyValue(v: AmlValue): AmlValue {
  switch (v.kind) {
    case 'integer':
    case 'reference':
    case 'uninitialized':
      return v;
    case 'string': return { kind: 'string', value: v.value };
    case 'buffer': return { kind: 'buffer', value: v.value.slice() };
    case 'package': return { kind: 'package', elements: v.elements.map(copyValue) };
    default: return assertNever(v);
  }
}

/** True for the kinds a data object (Name, Local, package element) can hold. */
export function isValue(o: NodeObject): o is AmlValue {
  return o.kind === 'integer' || o.kind === 'string' || o.kind === 'buffer' || o.kind === 'package' ||
    o.kind === 'reference' || o.kind === 'uninitialized';
}
