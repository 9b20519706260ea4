/**
 * GICv3 addresses at most 16 CPUs per Aff0 group (the target-list width), so QEMU's
 * virt packs linear CPU indexes into Aff1:Aff0 as index/16 : index%16.
 */
const GICV3_TARGETLIST_BITS = 16;

/** MPIDR affinity (Aff1:Aff0) of the CPU with linear index `index`. */
export function mpidrFromIndex(index: number): bigint {
  const aff1 = Math.floor(index / GICV3_TARGETLIST_BITS);
  const aff0 = index % GICV3_TARGETLIST_BITS;
  return BigInt((aff1 << 8) | aff0);
}
