// Field declarations (ACPI 6.5 §19.6.46 Field, §19.6.64 IndexField, §19.6.7 BankField):
// each NamedField becomes a field unit node in the current scope, laid out from
// bit 0 of the region with ReservedFields as gaps and AccessFields changing the
// access width of the fields after them.
import {
  type FieldElement, operandFields, operandName, operandNum, operandTerm, type OpName, type OpTerm,
} from '../../decode/index.ts';
import type { Compiler, Exec } from '../compile.ts';
import { AmlError, typeMismatch } from '../errors.ts';
import { resolveAlias } from '../namespace.ts';
import { type Frame, NEXT } from '../runtime.ts';
import { type FieldBacking, type FieldUnitObject, type NodeObject, type RegionObject, typeName } from '../types.ts';
import { createNamed } from './declare.ts';
import { iv } from './util.ts';

type StmtOps = Partial<Record<OpName, (c: Compiler, o: OpTerm) => Exec>>;

// FieldFlags bits 0-3 AccessType: AnyAcc, ByteAcc, WordAcc, DWordAcc, QWordAcc,
// BufferAcc. AnyAcc and BufferAcc access bytes, as ACPICA does (exprep.c).
const ACCESS_BYTES = [1, 1, 2, 4, 8, 1];

function accessBytes(accessType: number): number {
  const n = ACCESS_BYTES[accessType & 0xf];
  if (n === undefined) throw new AmlError('bad-argument', `invalid field AccessType ${accessType & 0xf}`);
  return n;
}

function lookupAs<K extends NodeObject['kind']>(f: Frame, name: Parameters<Frame['rt']['ns']['lookup']>[1], kind: K, what: string) {
  const n = f.rt.ns.lookup(f.scope, name);
  if (!n) throw new AmlError('undefined-reference', `${what} ${name.segs.join('.')} does not exist`);
  const r = resolveAlias(n);
  if (r.obj.kind !== kind) throw typeMismatch(`${what} ${r.path} is a ${typeName(r.obj)}`);
  return r.obj as Extract<NodeObject, { kind: K }>;
}

const EMBEDDED_CONTROL = 3;

/**
 * The datum width of one field unit. In an EmbeddedControl region, a byte-aligned
 * field of 16, 32 or 64 bits is moved in one access of its own width whatever
 * its AccessType, as ACPICA does ("allow full data read from EC address space",
 * exprep.c); Linux's EC handler then splits it into byte transactions. Other
 * widths and alignments keep the declared access.
 */
function datumBytes(access: number, backing: FieldBacking, bitOffset: number, bits: number): number {
  const declared = accessBytes(access);
  if (backing.via === 'index' || backing.region.space !== EMBEDDED_CONTROL || bits <= 8) return declared;
  const bytes = bits / 8;
  const fits = (bytes === 2 || bytes === 4 || bytes === 8) && bitOffset % 8 === 0 && (bitOffset / 8) % bytes === 0;
  return fits ? bytes : declared;
}

/** Creates the field units of a FieldList, all reaching their datums through `backing`. */
function declareFields(f: Frame, flags: number, elements: readonly FieldElement[], backing: FieldBacking): void {
  let bit = 0;
  let access = flags & 0xf;
  const lock = (flags & 0x10) !== 0;
  const updateRule = (flags >> 5) & 3;
  for (const e of elements) {
    switch (e.k) {
      case 'reserved': bit += e.bits; break;
      case 'access': access = e.accessType & 0xf; break;
      case 'connect': break; // GPIO/serial connections: not modelled
      case 'named': {
        const unit: FieldUnitObject = {
          kind: 'field', backing, bitOffset: bit, bitLength: e.bits, accessBytes: datumBytes(access, backing, bit, e.bits), updateRule, lock,
        };
        createNamed(f, { root: false, parents: 0, segs: [e.name] }, unit);
        bit += e.bits;
        break;
      }
    }
  }
}

export const FIELDS: StmtOps = {
  // DefField := FieldOp PkgLength NameString FieldFlags FieldList
  Field: (_c, o) => {
    const region = operandName(o, 1), flags = operandNum(o, 2), list = operandFields(o, 3);
    return (f) => {
      const r = lookupAs(f, region, 'region', 'Field region') as RegionObject;
      declareFields(f, flags, list, { via: 'region', region: r });
      return NEXT;
    };
  },
  // DefIndexField := IndexFieldOp PkgLength NameString NameString FieldFlags FieldList
  IndexField: (_c, o) => {
    const index = operandName(o, 1), data = operandName(o, 2), flags = operandNum(o, 3), list = operandFields(o, 4);
    return (f) => {
      const i = lookupAs(f, index, 'field', 'IndexField index register') as FieldUnitObject;
      const d = lookupAs(f, data, 'field', 'IndexField data register') as FieldUnitObject;
      declareFields(f, flags, list, { via: 'index', index: i, data: d });
      return NEXT;
    };
  },
  // DefBankField := BankFieldOp PkgLength NameString NameString BankValue FieldFlags FieldList
  BankField: (c, o) => {
    const region = operandName(o, 1), bank = operandName(o, 2), value = c.expr(operandTerm(o, 3));
    const flags = operandNum(o, 4), list = operandFields(o, 5), w = c.width;
    return (f) => {
      const r = lookupAs(f, region, 'region', 'BankField region') as RegionObject;
      const b = lookupAs(f, bank, 'field', 'BankField bank register') as FieldUnitObject;
      declareFields(f, flags, list, { via: 'bank', region: r, bank: b, bankValue: iv(value(f), w) });
      return NEXT;
    };
  },
};
