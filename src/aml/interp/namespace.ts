// The ACPI namespace (ACPI 6.5 §5.3): a tree of nodes named by four-character
// segments, with the predefined root scopes, the search rules for relative names,
// and the listing behind `cpuhp aml tree`.
import { displayPath, trimSeg, type NameString } from '../decode/index.ts';
import { AmlError } from './errors.ts';
import { type NodeObject } from './types.ts';

/** Every leaf's children: most nodes (a Name, a Method, a field) never have any. */
const NO_CHILDREN: ReadonlyMap<string, NamespaceNode> = new Map();

export class NamespaceNode {
  /** Allocated with the first child: a map per node was a quarter of a 4096-CPU namespace's memory. */
  private kids: Map<string, NamespaceNode> | undefined;
  private cachedPath: string | undefined;

  constructor(
    /** Four characters, '_' padded; '\\' for the root. */
    readonly name: string,
    readonly parent: NamespaceNode | undefined,
    public obj: NodeObject,
  ) {}

  /** Children by segment, in creation order. */
  get children(): ReadonlyMap<string, NamespaceNode> {
    return this.kids ?? NO_CHILDREN;
  }

  addChild(node: NamespaceNode): void {
    (this.kids ??= new Map()).set(node.name, node);
  }

  removeChild(node: NamespaceNode): void {
    if (this.kids?.get(node.name) === node) this.kids.delete(node.name);
  }

  /** Absolute segments from the root ([] for the root). */
  get segs(): string[] {
    const out: string[] = [];
    for (let n: NamespaceNode | undefined = this; n?.parent; n = n.parent) out.unshift(n.name);
    return out;
  }

  /** '\\_SB.CPUS.C001': segments without their '_' padding, as ACPI tools print them. */
  get path(): string {
    if (this.cachedPath === undefined) {
      const p = this.parent;
      // From the parent's (cached) path: one concatenation per node, not a walk to the root.
      this.cachedPath = !p ? displayPath([]) : !p.parent ? displayPath([this.name]) : `${p.path}.${trimSeg(this.name)}`;
    }
    return this.cachedPath;
  }

  /** True once removed from the tree (a method's temporary name after it returned). */
  detached = false;
}

const SCOPE: NodeObject = { kind: 'scope' };

export class Namespace {
  readonly root = new NamespaceNode('\\', undefined, SCOPE);

  /**
   * The node `name` denotes from `scope`, following ACPI's rules: a single
   * segment with no prefix is searched for in `scope` and then each parent up to
   * the root; anything else is a path relative to `scope` (or the root). Aliases
   * are returned as they are (see resolveAlias).
   */
  lookup(scope: NamespaceNode, name: NameString): NamespaceNode | undefined {
    if (!name.root && name.parents === 0 && name.segs.length === 1) {
      const seg = name.segs[0]!;
      for (let s: NamespaceNode | undefined = scope; s; s = s.parent) {
        const hit = s.children.get(seg);
        if (hit) return hit;
      }
      return undefined;
    }
    let n: NamespaceNode | undefined = name.root ? this.root : scope;
    for (let i = 0; i < name.parents && n; i++) n = n.parent;
    for (const seg of name.segs) {
      if (!n) return undefined;
      n = n.children.get(seg);
    }
    return n;
  }

  /** The node at the absolute path `segs[0..depth)` followed by `tail`, or undefined. */
  at(segs: readonly string[], depth = segs.length, tail: readonly string[] = []): NamespaceNode | undefined {
    let n: NamespaceNode | undefined = this.root;
    for (let i = 0; i < depth && n; i++) n = n.children.get(segs[i]!);
    for (let i = 0; i < tail.length && n; i++) n = n.children.get(tail[i]!);
    return n;
  }

  /**
   * Where a declaration of `name` in `scope` goes: the parent node and the last
   * segment. Declarations are never searched for: "Name(X)" lands in `scope`, and
   * "Name(PCI0.X)" in `scope`'s child PCI0.
   */
  placeFor(scope: NamespaceNode, name: NameString): { parent: NamespaceNode; seg: string } {
    const last = name.segs[name.segs.length - 1];
    if (last === undefined) throw new AmlError('undefined-reference', 'cannot declare the null name');
    let parent: NamespaceNode | undefined = name.root ? this.root : scope;
    for (let i = 0; i < name.parents && parent; i++) parent = parent.parent;
    for (let i = 0; i < name.segs.length - 1 && parent; i++) {
      const next: NamespaceNode | undefined = parent.children.get(name.segs[i]!);
      parent = next && resolveAlias(next);
    }
    if (!parent) throw new AmlError('undefined-reference', `scope of ${formatName(scope, name)} does not exist`);
    return { parent, seg: last };
  }

  /** Creates `name` in `scope`; AmlError('already-exists') if it is taken. */
  create(scope: NamespaceNode, name: NameString, obj: NodeObject): NamespaceNode {
    const { parent, seg } = this.placeFor(scope, name);
    if (parent.children.has(seg)) {
      throw new AmlError('already-exists', `${formatName(scope, name)} already exists`);
    }
    const node = new NamespaceNode(seg, parent, obj);
    parent.addChild(node);
    return node;
  }

  /** Removes `node` and everything under it (they are marked detached, for bound references). */
  remove(node: NamespaceNode): void {
    node.parent?.removeChild(node);
    markDetached(node);
  }

  /**
   * Calls `visit` for every node, depth first, in creation order (parents before
   * children). A loop over an explicit stack: no generator or result object per
   * node (a 4096-CPU namespace has 30,000 of them), and no recursion to bound.
   */
  forEach(visit: (node: NamespaceNode, depth: number) => void, from: NamespaceNode = this.root): void {
    const nodes: NamespaceNode[] = [from];
    const depths: number[] = [0];
    for (let node = nodes.pop(); node; node = nodes.pop()) {
      const depth = depths.pop()!;
      visit(node, depth);
      if (node.children.size === 0) continue;
      const kids = [...node.children.values()];
      for (let i = kids.length - 1; i >= 0; i--) {
        nodes.push(kids[i]!);
        depths.push(depth + 1);
      }
    }
  }
}

function markDetached(n: NamespaceNode): void {
  n.detached = true;
  for (const c of n.children.values()) markDetached(c);
}

/** Follows Alias objects to the node they name (bounded: an alias cycle is an error). */
export function resolveAlias(node: NamespaceNode): NamespaceNode {
  let n = node;
  for (let i = 0; n.obj.kind === 'alias'; i++) {
    if (i > 64) throw new AmlError('undefined-reference', `alias loop at ${node.path}`);
    n = n.obj.target;
  }
  return n;
}

function formatName(scope: NamespaceNode, name: NameString): string {
  if (name.root) return '\\' + name.segs.join('.');
  const prefix = scope.path === '\\' ? '\\' : scope.path + '.';
  return prefix + '^'.repeat(name.parents) + name.segs.join('.');
}
