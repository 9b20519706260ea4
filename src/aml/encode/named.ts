import { EXT_OP_PREFIX, ExtOp, Op } from '../opcodes.ts';
import { operand, type Operand } from './data.ts';
import { AmlEncodeError } from './errors.ts';
import { nameString } from './name.ts';
import { type AmlNode, encodeAll } from './node.ts';
import type { AmlWriter } from './writer.ts';

// ACPI 6.5 §20.2.5.1 DefScope := ScopeOp PkgLength NameString TermList
export class Scope implements AmlNode {
  private readonly path: Uint8Array;
  constructor(
    readonly name: string,
    readonly body: readonly AmlNode[],
  ) {
    this.path = nameString(name);
  }
  encode(w: AmlWriter): void {
    w.u8(Op.SCOPE).pkg((b) => {
      b.bytes(this.path);
      encodeAll(b, this.body);
    });
  }
}

// ACPI 6.5 §20.2.5.2 DefDevice := ExtOpPrefix DeviceOp PkgLength NameString TermList
export class Device implements AmlNode {
  private readonly path: Uint8Array;
  constructor(
    readonly name: string,
    readonly body: readonly AmlNode[],
  ) {
    this.path = nameString(name);
  }
  encode(w: AmlWriter): void {
    w.u8(EXT_OP_PREFIX).u8(ExtOp.DEVICE).pkg((b) => {
      b.bytes(this.path);
      encodeAll(b, this.body);
    });
  }
}

// ACPI 6.5 §20.2.5.2 DefProcessor := ExtOpPrefix ProcessorOp PkgLength NameString
//   ProcID(ByteData) PblkAddr(DWordData) PblkLen(ByteData) TermList
// Deprecated since ACPI 6.0, but QEMU still emits it for CPUs with APIC id < 255.
export class Processor implements AmlNode {
  private readonly path: Uint8Array;
  constructor(
    readonly name: string,
    readonly procId: number,
    readonly pblkAddr: number,
    readonly pblkLen: number,
    readonly body: readonly AmlNode[],
  ) {
    this.path = nameString(name);
    checkRange('processor id', procId, 0xff);
    checkRange('PBLK address', pblkAddr, 0xffffffff);
    checkRange('PBLK length', pblkLen, 0xff);
  }
  encode(w: AmlWriter): void {
    w.u8(EXT_OP_PREFIX).u8(ExtOp.PROCESSOR).pkg((b) => {
      b.bytes(this.path).u8(this.procId).u32(this.pblkAddr).u8(this.pblkLen);
      encodeAll(b, this.body);
    });
  }
}

// ACPI 6.5 §20.2.5.1 DefName := NameOp NameString DataRefObject
export class Name implements AmlNode {
  private readonly path: Uint8Array;
  readonly value: AmlNode;
  constructor(
    readonly name: string,
    value: Operand,
  ) {
    this.path = nameString(name);
    this.value = operand(value);
  }
  encode(w: AmlWriter): void {
    w.u8(Op.NAME).bytes(this.path);
    this.value.encode(w);
  }
}

// ACPI 6.5 §20.2.5.1 DefAlias := AliasOp NameString NameString
export class Alias implements AmlNode {
  constructor(
    readonly source: string,
    readonly alias: string,
  ) {
    nameString(source);
    nameString(alias);
  }
  encode(w: AmlWriter): void {
    w.u8(Op.ALIAS).bytes(nameString(this.source)).bytes(nameString(this.alias));
  }
}

export interface MethodOptions {
  serialized?: boolean;
  syncLevel?: number;
}

// ACPI 6.5 §20.2.5.2 DefMethod := MethodOp PkgLength NameString MethodFlags TermList
// MethodFlags: bits 0-2 ArgCount, bit 3 SerializeFlag, bits 4-7 SyncLevel.
export class Method implements AmlNode {
  private readonly path: Uint8Array;
  readonly flags: number;
  constructor(
    readonly name: string,
    readonly argCount: number,
    readonly body: readonly AmlNode[],
    readonly options: MethodOptions = {},
  ) {
    this.path = nameString(name);
    checkRange('method argument count', argCount, 7);
    const sync = options.syncLevel ?? 0;
    checkRange('method sync level', sync, 15);
    this.flags = argCount | (options.serialized ? 0x08 : 0) | (sync << 4);
  }
  encode(w: AmlWriter): void {
    w.u8(Op.METHOD).pkg((b) => {
      b.bytes(this.path).u8(this.flags);
      encodeAll(b, this.body);
    });
  }
}

// ACPI 6.5 §20.2.5.2 DefMutex := ExtOpPrefix MutexOp NameString SyncFlags
export class Mutex implements AmlNode {
  private readonly path: Uint8Array;
  constructor(
    readonly name: string,
    readonly syncLevel = 0,
  ) {
    this.path = nameString(name);
    checkRange('mutex sync level', syncLevel, 15);
  }
  encode(w: AmlWriter): void {
    w.u8(EXT_OP_PREFIX).u8(ExtOp.MUTEX).bytes(this.path).u8(this.syncLevel);
  }
}

// ACPI 6.5 §20.2.5.2 DefEvent := ExtOpPrefix EventOp NameString
export class Event implements AmlNode {
  private readonly path: Uint8Array;
  constructor(readonly name: string) {
    this.path = nameString(name);
  }
  encode(w: AmlWriter): void {
    w.u8(EXT_OP_PREFIX).u8(ExtOp.EVENT).bytes(this.path);
  }
}

/** ACPI 6.5 Table 5.149 region space ids. */
export const RegionSpace = {
  SystemMemory: 0x00,
  SystemIO: 0x01,
  PCI_Config: 0x02,
  EmbeddedControl: 0x03,
  SMBus: 0x04,
  SystemCMOS: 0x05,
  PciBarTarget: 0x06,
  IPMI: 0x07,
  GeneralPurposeIO: 0x08,
  GenericSerialBus: 0x09,
  PCC: 0x0a,
} as const;
export type RegionSpaceName = keyof typeof RegionSpace;

// ACPI 6.5 §20.2.5.2 DefOpRegion := ExtOpPrefix OpRegionOp NameString RegionSpace
//   RegionOffset RegionLen
export class OperationRegion implements AmlNode {
  private readonly path: Uint8Array;
  readonly offset: AmlNode;
  readonly length: AmlNode;
  constructor(
    readonly name: string,
    readonly space: RegionSpaceName,
    offset: Operand,
    length: Operand,
  ) {
    this.path = nameString(name);
    this.offset = operand(offset);
    this.length = operand(length);
  }
  encode(w: AmlWriter): void {
    w.u8(EXT_OP_PREFIX).u8(ExtOp.OP_REGION).bytes(this.path).u8(RegionSpace[this.space]);
    this.offset.encode(w);
    this.length.encode(w);
  }
}

// ACPI 6.5 §20.2.5.2 DefExternal := ExternalOp NameString ObjectType ArgumentCount
export class External implements AmlNode {
  private readonly path: Uint8Array;
  constructor(
    readonly name: string,
    readonly objectType: number,
    readonly argCount = 0,
  ) {
    this.path = nameString(name);
    checkRange('object type', objectType, 0xff);
    checkRange('argument count', argCount, 7);
  }
  encode(w: AmlWriter): void {
    w.u8(Op.EXTERNAL).bytes(this.path).u8(this.objectType).u8(this.argCount);
  }
}

function checkRange(what: string, v: number, max: number): void {
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new AmlEncodeError('out-of-range', `${what} ${v} is out of range 0..${max}`);
  }
}
