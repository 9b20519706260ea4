import type { Topology } from '../../topology/index.ts';
import { topologyIds } from '../../topology/index.ts';

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

/**
 * The topology position an APIC id encodes, as QEMU's x86_topo_ids_from_apicid
 * reads it back (device_add with apic-id names its slot this way).
 */
export function idsFromApicId(t: Topology, apicId: number): { socketId: number; dieId: number; coreId: number; threadId: number } {
  const coreOffset = bitWidthFor(t.threads);
  const dieOffset = coreOffset + bitWidthFor(t.cores);
  const pkgOffset = dieOffset + bitWidthFor(t.dies);
  const field = (offset: number, width: number) => Math.floor(apicId / 2 ** offset) % 2 ** width;
  return {
    socketId: Math.floor(apicId / 2 ** pkgOffset),
    dieId: field(dieOffset, pkgOffset - dieOffset),
    coreId: field(coreOffset, dieOffset - coreOffset),
    threadId: field(0, coreOffset),
  };
}
