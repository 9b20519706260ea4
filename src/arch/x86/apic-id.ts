import type { Topology } from '../../machine/topology.ts';
import { topologyIds } from '../../machine/topology.ts';

/** Bits needed to number `count` items (QEMU's apicid_bitwidth_for_count). */
export function bitWidthFor(count: number): number {
  return count <= 1 ? 0 : Math.ceil(Math.log2(count));
}

/**
 * The initial APIC id of a topology position, as QEMU's x86_apicid_from_topo_ids
 * builds it: thread, core, die and package fields, each as wide as its count needs.
 */
export function apicIdFromIds(t: Topology, ids: { socketId: number; dieId: number; coreId: number; threadId: number }): number {
  const coreOffset = bitWidthFor(t.threads);
  const dieOffset = coreOffset + bitWidthFor(t.cores);
  const pkgOffset = dieOffset + bitWidthFor(t.dies);
  return ((ids.socketId << pkgOffset) | (ids.dieId << dieOffset) | (ids.coreId << coreOffset) | ids.threadId) >>> 0;
}

/** The APIC id of the CPU with linear index `index`. */
export function apicIdFromIndex(t: Topology, index: number): number {
  return apicIdFromIds(t, topologyIds(t, index));
}
