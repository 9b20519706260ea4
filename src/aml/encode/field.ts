import { EXT_OP_PREFIX, ExtOp } from '../opcodes.ts';
import { operand, type Operand } from './data.ts';
import { AmlEncodeError } from './errors.ts';
import { nameSeg, nameString } from './name.ts';
import type { AmlNode } from './node.ts';
import type { AmlWriter } from './writer.ts';

/** ACPI 6.5 §19.6.48 Field: AccessType, LockRule and UpdateRule keywords. */
export const AccessType = { AnyAcc: 0, ByteAcc: 1, WordAcc: 2, DWordAcc: 3, QWordAcc: 4, BufferAcc: 5 } as const;
export const LockRule = { NoLock: 0, Lock: 1 } as const;
export const UpdateRule = { Preserve: 0, WriteAsOnes: 1, WriteAsZeros: 2 } as const;
export type AccessTypeName = keyof typeof AccessType;
export type LockRuleName = keyof typeof LockRule;
export type UpdateRuleName = keyof typeof UpdateRule;

/** One entry of a FieldList. 'offset' is ASL's Offset(byte): a reserved run up to it. */
export type FieldElement =
  | { readonly kind: 'named'; readonly name: string; readonly bits: number }
  | { readonly kind: 'reserved'; readonly bits: number }
  | { readonly kind: 'offset'; readonly byte: number }
  | { readonly kind: 'access'; readonly access: AccessTypeName; readonly attrib?: number };

export const field = (name: string, bits: number): FieldElement => ({ kind: 'named', name, bits });
export const reserved = (bits: number): FieldElement => ({ kind: 'reserved', bits });
export const offset = (byte: number): FieldElement => ({ kind: 'offset', byte });

export interface FieldFlags {
  readonly access: AccessTypeName;
  readonly lock: LockRuleName;
  readonly update: UpdateRuleName;
}

// ACPI 6.5 §20.2.5.2 FieldFlags: bits 0-3 AccessType, bit 4 LockRule, bits 5-6 UpdateRule
function fieldFlags(f: FieldFlags): number {
  return AccessType[f.access] | (LockRule[f.lock] << 4) | (UpdateRule[f.update] << 5);
}

// ACPI 6.5 §20.2.5.2 FieldList := Nothing | <FieldElement FieldList>
//   NamedField    := NameSeg PkgLength      (length in bits, not counting itself)
//   ReservedField := 0x00 PkgLength
//   AccessField   := 0x01 AccessType AccessAttrib
// Offset(n) is resolved here into a ReservedField from the running bit position, so
// it must never move backwards.
function encodeFieldList(w: AmlWriter, elements: readonly FieldElement[]): void {
  let bit = 0;
  for (const e of elements) {
    switch (e.kind) {
      case 'named':
        w.bytes(Uint8Array.from(nameSeg(e.name))).pkgLength(e.bits, false);
        bit += e.bits;
        break;
      case 'reserved':
        w.u8(0x00).pkgLength(e.bits, false);
        bit += e.bits;
        break;
      case 'offset': {
        const gap = e.byte * 8 - bit;
        if (gap > 0) w.u8(0x00).pkgLength(gap, false);
        bit = e.byte * 8;
        break;
      }
      case 'access':
        w.u8(0x01).u8(AccessType[e.access]).u8(e.attrib ?? 0);
        break;
    }
  }
}

function checkElements(elements: readonly FieldElement[], context: string): void {
  let bit = 0;
  for (const e of elements) {
    if (e.kind === 'named' || e.kind === 'reserved') {
      if (!Number.isInteger(e.bits) || e.bits < 1 || e.bits > 0x0fffffff) {
        throw new AmlEncodeError('out-of-range', `${context}: field width ${e.bits} is not 1..0x0FFFFFFF bits`);
      }
      if (e.kind === 'named') nameSeg(e.name);
      bit += e.bits;
    } else if (e.kind === 'offset') {
      if (!Number.isInteger(e.byte) || e.byte * 8 < bit) {
        throw new AmlEncodeError('bad-argument', `${context}: Offset(${e.byte}) lies before bit ${bit} already used`);
      }
      if (e.byte * 8 - bit > 0x0fffffff) {
        throw new AmlEncodeError('out-of-range', `${context}: Offset(${e.byte}) skips more than 0x0FFFFFFF bits`);
      }
      bit = e.byte * 8;
    } else if (e.attrib !== undefined && (!Number.isInteger(e.attrib) || e.attrib < 0 || e.attrib > 0xff)) {
      throw new AmlEncodeError('out-of-range', `${context}: access attribute ${e.attrib} is not a byte`);
    }
  }
}

// ACPI 6.5 §20.2.5.2 DefField := ExtOpPrefix FieldOp PkgLength NameString FieldFlags FieldList
export class Field implements AmlNode {
  private readonly region: Uint8Array;
  constructor(
    readonly regionName: string,
    readonly flags: FieldFlags,
    readonly elements: readonly FieldElement[],
  ) {
    this.region = nameString(regionName);
    checkElements(elements, `Field(${regionName})`);
  }
  encode(w: AmlWriter): void {
    w.u8(EXT_OP_PREFIX).u8(ExtOp.FIELD).pkg((b) => {
      b.bytes(this.region).u8(fieldFlags(this.flags));
      encodeFieldList(b, this.elements);
    });
  }
}

// ACPI 6.5 §20.2.5.2 DefIndexField := ExtOpPrefix IndexFieldOp PkgLength NameString(index)
//   NameString(data) FieldFlags FieldList
export class IndexField implements AmlNode {
  constructor(
    readonly indexName: string,
    readonly dataName: string,
    readonly flags: FieldFlags,
    readonly elements: readonly FieldElement[],
  ) {
    nameString(indexName);
    nameString(dataName);
    checkElements(elements, `IndexField(${indexName}, ${dataName})`);
  }
  encode(w: AmlWriter): void {
    w.u8(EXT_OP_PREFIX).u8(ExtOp.INDEX_FIELD).pkg((b) => {
      b.bytes(nameString(this.indexName)).bytes(nameString(this.dataName)).u8(fieldFlags(this.flags));
      encodeFieldList(b, this.elements);
    });
  }
}

// ACPI 6.5 §20.2.5.2 DefBankField := ExtOpPrefix BankFieldOp PkgLength NameString(region)
//   NameString(bank) BankValue FieldFlags FieldList
export class BankField implements AmlNode {
  readonly bankValue: AmlNode;
  constructor(
    readonly regionName: string,
    readonly bankName: string,
    bankValue: Operand,
    readonly flags: FieldFlags,
    readonly elements: readonly FieldElement[],
  ) {
    nameString(regionName);
    nameString(bankName);
    this.bankValue = operand(bankValue);
    checkElements(elements, `BankField(${regionName}, ${bankName})`);
  }
  encode(w: AmlWriter): void {
    w.u8(EXT_OP_PREFIX).u8(ExtOp.BANK_FIELD).pkg((b) => {
      b.bytes(nameString(this.regionName)).bytes(nameString(this.bankName));
      this.bankValue.encode(b);
      b.u8(fieldFlags(this.flags));
      encodeFieldList(b, this.elements);
    });
  }
}
