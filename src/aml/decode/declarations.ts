// What the decoder must know about names to split the byte stream: whether a name
// is a method, and how many arguments it takes. AML does not encode the argument
// count at the call site (ACPI 6.5 §20.2.5: MethodInvocation := NameString TermArgList).
// Decoded whole (decodeDefinitionBlock), a table takes two passes: the first records
// every declaration with method bodies skipped, the second decodes the bodies knowing
// every method of the table, plus those already in the namespace (asked through
// `ExternalLookup`). Decoded as a loader runs it (openDefinitionBlock), what has run
// is in the namespace, and only the declarations of the statement or body being
// read are recorded here (forgetLocal() between them).
//
// Names are keyed by their absolute path joined with '.'; a scope's key, and the
// keys of its prefixes for the upward search, are computed once per scope array
// (the decoder passes the same array for every term of a list), so declaring or
// looking up a name builds one string, not an array and a string.
import type { OpName } from '../opcodes.ts';
import type { Operand } from './ast.ts';
import { absoluteSegs, isSearchable, type NameString } from './name-string.ts';

/**
 * For a name already in the namespace, at the path `prefix[0..depth)` followed by
 * `tail`: its argument count if a method, NOT_A_METHOD if another object,
 * undefined if absent.
 */
export type ExternalLookup = (prefix: readonly string[], depth: number, tail: readonly string[]) => number | undefined;

/** Argument count of a declared method, or NOT_A_METHOD for any other object. */
export const NOT_A_METHOD = -1;

/** Keys of each scope's prefixes: [''] then 'A', 'A.B', ... (index = depth). */
const prefixKeys = new WeakMap<readonly string[], string[]>();

function prefixesOf(scope: readonly string[]): string[] {
  let keys = prefixKeys.get(scope);
  if (!keys) {
    keys = [''];
    for (let i = 0; i < scope.length; i++) keys.push(i === 0 ? scope[0]! : `${keys[i]}.${scope[i]}`);
    prefixKeys.set(scope, keys);
  }
  return keys;
}

const join = (prefix: string, seg: string) => (prefix === '' ? seg : `${prefix}.${seg}`);

export class Declarations {
  /** Objects declared by what is being decoded (the whole table when decoded whole). */
  private readonly names = new Map<string, number>();
  /** Methods External() says exist elsewhere: asked last, after the namespace. */
  private readonly externals = new Map<string, number>();

  constructor(private readonly namespace: ExternalLookup = () => undefined) {}

  /** Records `scope` itself as a declared object (a Device, a Method: the decoder's resolved scope array). */
  declareScope(scope: readonly string[], argCount: number): void {
    this.set(prefixesOf(scope)[scope.length]!, argCount);
  }

  /** Records `name`, declared in `scope` (never searched: it lands where it says). */
  declare(scope: readonly string[], name: NameString, argCount: number): void {
    const key = this.keyOf(scope, name);
    if (key !== undefined) this.set(key, argCount);
  }

  /** Records a field unit `seg` of a Field declared in `scope`. */
  declareSeg(scope: readonly string[], seg: string, argCount: number): void {
    this.set(join(prefixesOf(scope)[scope.length]!, seg), argCount);
  }

  /** External (name, MethodObj, argCount): never overrides an object the table or the namespace has. */
  declareExternal(scope: readonly string[], name: NameString, argCount: number): void {
    const key = this.keyOf(scope, name);
    if (key !== undefined) this.externals.set(key, argCount);
  }

  /**
   * Forgets the declarations recorded so far (not the Externals, which create no
   * object): what they declared has run by now, and the namespace holds it. The
   * lazy decoder's statements and bodies call it before each.
   */
  forgetLocal(): void {
    this.names.clear();
  }

  /**
   * The argument count if `name`, seen from `scope`, is a method; undefined
   * otherwise. Single-segment names are searched for toward the root (§5.3).
   */
  methodArgs(scope: readonly string[], name: NameString): number | undefined {
    let found: number | undefined;
    if (isSearchable(name)) {
      const prefixes = prefixesOf(scope);
      for (let depth = scope.length; depth >= 0 && found === undefined; depth--) {
        found = this.find(join(prefixes[depth]!, name.segs[0]!), scope, depth, name.segs);
      }
    } else {
      const segs = absoluteSegs(scope, name);
      found = segs && this.find(segs.join('.'), segs, segs.length, []);
    }
    return found !== undefined && found >= 0 ? found : undefined;
  }

  private set(key: string, argCount: number): void {
    // A method's declaration wins over another object's of the same name (an Alias, a second declaration).
    if (!this.names.has(key) || argCount !== NOT_A_METHOD) this.names.set(key, argCount);
  }

  /** The key of `name` declared in `scope`; undefined if '^' climbs above the root. */
  private keyOf(scope: readonly string[], name: NameString): string | undefined {
    if (!name.root && name.parents === 0 && name.segs.length === 1) return join(prefixesOf(scope)[scope.length]!, name.segs[0]!);
    return absoluteSegs(scope, name)?.join('.');
  }

  private find(key: string, prefix: readonly string[], depth: number, tail: readonly string[]): number | undefined {
    return this.names.get(key) ?? this.namespace(prefix, depth, tail) ?? this.externals.get(key);
  }
}

/** ObjectType value of External for a method (ACPI 6.5 §19.6.44). */
const EXTERNAL_METHOD = 8;

/** Records in `decls` what one named object declares, given its operands, the list's scope and the object's own. */
export type Declare = (decls: Declarations, args: readonly Operand[], scope: readonly string[], inner: readonly string[]) => void;

/** The first or the last operand's name (Name, Mutex...; a CreateXField's last), declared in the list's scope. */
const declareName = (at: 'first' | 'last'): Declare => (decls, args, scope) => {
  const name = nameAt(args, at === 'first' ? 0 : args.length - 1);
  if (name) decls.declare(scope, name, NOT_A_METHOD);
};
const declareObjectScope: Declare = (decls, _args, _scope, inner) => decls.declareScope(inner, NOT_A_METHOD);
const declareFields: Declare = (decls, args, scope) => {
  const list = args[args.length - 1];
  if (list?.k === 'fields') for (const f of list.fields) if (f.k === 'named') decls.declareSeg(scope, f.name, NOT_A_METHOD);
};

/** The opcodes that declare a name, and how it is recorded. */
export const DECLARE: Partial<Record<OpName, Declare>> = {
  Method: (decls, args, _scope, inner) => decls.declareScope(inner, numAt(args, 2) & 7),
  External: (decls, args, scope) => {
    const name = nameAt(args, 0);
    if (name && numAt(args, 1) === EXTERNAL_METHOD) decls.declareExternal(scope, name, numAt(args, 2) & 7);
  },
  Alias: (decls, args, scope) => {
    const src = nameAt(args, 0), name = nameAt(args, 1);
    if (name) decls.declare(scope, name, (src && decls.methodArgs(scope, src)) ?? NOT_A_METHOD);
  },
  Device: declareObjectScope, Processor: declareObjectScope, PowerResource: declareObjectScope, ThermalZone: declareObjectScope,
  Name: declareName('first'), Mutex: declareName('first'), Event: declareName('first'),
  OperationRegion: declareName('first'), DataTableRegion: declareName('first'),
  CreateBitField: declareName('last'), CreateByteField: declareName('last'), CreateWordField: declareName('last'),
  CreateDWordField: declareName('last'), CreateQWordField: declareName('last'), CreateField: declareName('last'),
  Field: declareFields, IndexField: declareFields, BankField: declareFields,
};

const nameAt = (args: readonly Operand[], i: number): NameString | undefined => {
  const a = args[i];
  return a?.k === 'name' ? a.name : undefined;
};

const numAt = (args: readonly Operand[], i: number): number => {
  const a = args[i];
  return a?.k === 'num' ? a.value : 0;
};
