// What the decoder must know about names to split the byte stream: whether a name
// is a method, and how many arguments it takes. AML does not encode the argument
// count at the call site (ACPI 6.5 §20.2.5: MethodInvocation := NameString TermArgList),
// so each table is decoded in two passes: the first records every declaration with
// method bodies skipped, the second decodes the bodies knowing every method of the
// table, plus those already in the namespace (asked through `ExternalLookup`).
import { absoluteSegs, isSearchable, type NameString } from './name-string.ts';

/** For a name already in the namespace: its argument count if a method, -1 if another object, undefined if absent. */
export type ExternalLookup = (segs: readonly string[]) => number | undefined;

/** Argument count of a declared method, or NOT_A_METHOD for any other object. */
export const NOT_A_METHOD = -1;

export class Declarations {
  /** Objects the table declares. */
  private readonly names = new Map<string, number>();
  /** Methods External() says exist elsewhere: asked last, after the namespace. */
  private readonly externals = new Map<string, number>();

  constructor(private readonly namespace: ExternalLookup = () => undefined) {}

  declare(segs: readonly string[], argCount: number): void {
    const key = segs.join('.');
    // A method's declaration wins over another object's of the same name (an Alias, a second declaration).
    if (!this.names.has(key) || argCount !== NOT_A_METHOD) this.names.set(key, argCount);
  }

  /** External (name, MethodObj, argCount): never overrides an object the table or the namespace has. */
  declareExternal(segs: readonly string[], argCount: number): void {
    this.externals.set(segs.join('.'), argCount);
  }

  /**
   * Forgets the table's own declarations (not its Externals, which create no
   * object): once it is loaded, the namespace holds them.
   */
  settle(): void {
    this.names.clear();
  }

  private find(segs: readonly string[]): number | undefined {
    const key = segs.join('.');
    return this.names.get(key) ?? this.namespace(segs) ?? this.externals.get(key);
  }

  /**
   * The argument count if `name`, seen from `scope`, is a method; undefined
   * otherwise. Single-segment names are searched for toward the root (§5.3).
   */
  methodArgs(scope: readonly string[], name: NameString): number | undefined {
    let found: number | undefined;
    if (isSearchable(name)) {
      const seg = name.segs[0]!;
      for (let depth = scope.length; depth >= 0 && found === undefined; depth--) {
        found = this.find([...scope.slice(0, depth), seg]);
      }
    } else {
      const segs = absoluteSegs(scope, name);
      found = segs && this.find(segs);
    }
    return found !== undefined && found >= 0 ? found : undefined;
  }
}
