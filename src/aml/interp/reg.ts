// _REG (ACPI 6.5 §6.5.4): tells the AML that an address space's handler is
// available, by evaluating _REG(space, 1) in the scope of each operation region
// of that space, once per region, when:
// - the OSPM initialises the namespace (runInitializers), for every space with a
//   handler, in space-id order;
// - a handler is installed after that, for its space;
// - a table loaded after that (Load, LoadTable, loadTable) declares regions
//   (ACPICA 20200925 runs none for Load and LoadTable).
// SystemMemory and SystemIO are always available (§6.5.4: AML must not rely on
// _REG for them), so _REG is not run for them; ACPICA 20200925's acpiexec and
// Windows agree. Linux, with ACPICA's default handlers, also runs _REG for
// PCI_Config, and so do we; acpiexec replaces the default PCI_Config handler
// before initialising and so does not.
// The walk visits each node once: it is bounded by the namespace, which the
// table size limit bounds.
import type { AmlError } from './errors.ts';
import { asAmlError } from './errors.ts';
import type { NamespaceNode } from './namespace.ts';
import type { Runtime } from './runtime.ts';
import { int, ONE, type RegionObject } from './types.ts';

const ALWAYS_AVAILABLE = new Set([0, 1]);

/** A _REG that failed; the others still ran. */
export interface RegFailure {
  readonly path: string;
  readonly error: AmlError;
}

/**
 * Runs _REG(space, 1) for each region under `from` whose space has a handler and
 * whose _REG has not run yet; `only` limits it to one space. Each _REG is its own
 * top-level evaluation, under the usual limits.
 */
export function runRegMethods(rt: Runtime, from: NamespaceNode, only?: number): RegFailure[] {
  const due: { region: RegionObject; reg: NamespaceNode }[] = [];
  rt.ns.forEach((node) => {
    const o = node.obj;
    if (o.kind !== 'region' || o.data || ALWAYS_AVAILABLE.has(o.space) || rt.regConnected.has(o)) return;
    if (only !== undefined && o.space !== only) return;
    if (!rt.io.has(o.space)) return;
    const reg = node.parent?.children.get('_REG');
    if (reg?.obj.kind !== 'method') {
      rt.regConnected.add(o);
      return;
    }
    due.push({ region: o, reg });
  }, from);
  due.sort((a, b) => a.region.space - b.region.space);
  const failures: RegFailure[] = [];
  for (const { region, reg } of due) {
    rt.regConnected.add(region);
    if (reg.detached || reg.obj.kind !== 'method') continue;
    const m = reg.obj;
    rt.begin();
    try {
      rt.calls.invoke(rt, reg, m, [int(BigInt(region.space)), ONE]);
    } catch (e) {
      failures.push({ path: reg.path, error: asAmlError(e) });
    } finally {
      rt.end();
    }
  }
  return failures;
}
