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
  private readonly names = new Map<string, number>();

  constructor(private readonly external: ExternalLookup = () => undefined) {}

  declare(segs: readonly string[], argCount: number): void {
    const key = segs.join('.');
    // External() never overrides a real declaration; a real one overrides External.
    if (!this.names.has(key) || argCount !== NOT_A_METHOD) this.names.set(key, argCount);
  }

  private find(segs: readonly string[]): number | undefined {
    return this.names.get(segs.join('.')) ?? this.external(segs);
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
