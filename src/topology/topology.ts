import { MachineConfigError } from './errors.ts';

/** A resolved CPU topology (QEMU's CpuTopology). */
export interface Topology {
  readonly cpus: number;
  readonly maxCpus: number;
  readonly sockets: number;
  readonly dies: number;
  readonly clusters: number;
  readonly cores: number;
  readonly threads: number;
  /** -smp named clusters (QEMU's has_clusters): the PPTT then has a cluster level. */
  readonly clustersGiven?: boolean;
}

/** What a machine type allows in its topology. */
export interface TopologyLimits {
  readonly machineName: string;
  readonly maxCpus: number;
  readonly diesSupported: boolean;
  readonly clustersSupported: boolean;
}

const SMP_KEYS = ['cpus', 'maxcpus', 'sockets', 'dies', 'clusters', 'cores', 'threads'] as const;
type SmpKey = (typeof SMP_KEYS)[number];
/** Any -smp value above this is refused before arithmetic on it can overflow. */
const SMP_VALUE_MAX = 1 << 20;

/** Parses a -smp value ("2,maxcpus=8,cores=4") into the numbers the user gave. */
export function parseSmp(text: string): Partial<Record<SmpKey, number>> {
  const out: Partial<Record<SmpKey, number>> = {};
  const parts = text.split(',');
  if (text.trim() === '') throw new MachineConfigError('bad-smp', "-smp: expected a CPU count, got ''");
  parts.forEach((part, i) => {
    const eq = part.indexOf('=');
    // The first item may be a bare count, as in QEMU ("-smp 4,maxcpus=8").
    const [key, value] = eq < 0 && i === 0 ? ['cpus', part] : [part.slice(0, eq), part.slice(eq + 1)];
    if (eq < 0 && i > 0) throw new MachineConfigError('bad-smp', `-smp: expected key=value, got '${part}'`);
    if (!(SMP_KEYS as readonly string[]).includes(key)) {
      throw new MachineConfigError('bad-smp', `-smp: invalid parameter '${key}' (expected ${SMP_KEYS.join(', ')})`);
    }
    if (!/^[0-9]{1,9}$/.test(value)) {
      throw new MachineConfigError('bad-smp', `-smp: parameter '${key}' expects a number, got '${value}'`);
    }
    const n = Number(value);
    if (n > SMP_VALUE_MAX) throw new MachineConfigError('bad-smp', `-smp: parameter '${key}' value ${n} is too large`);
    if (n === 0) throw new MachineConfigError('bad-smp', `-smp: CPU topology parameters must be greater than zero ('${key}=0')`);
    if (key in out) throw new MachineConfigError('bad-smp', `-smp: parameter '${key}' given twice`);
    out[key as SmpKey] = n;
  });
  return out;
}

function hierarchy(t: Omit<Topology, 'cpus' | 'maxCpus'>, limits: TopologyLimits): string {
  return [
    `sockets (${t.sockets})`,
    ...(limits.diesSupported ? [`dies (${t.dies})`] : []),
    ...(limits.clustersSupported ? [`clusters (${t.clusters})`] : []),
    `cores (${t.cores})`,
    `threads (${t.threads})`,
  ].join(' * ');
}

/**
 * Fills in what -smp left out and checks it, as QEMU ≥ 6.2 does
 * (machine_parse_smp_config): missing values prefer cores over sockets, maxcpus
 * defaults to cpus, and the product of the hierarchy must equal maxcpus.
 */
export function resolveTopology(given: Partial<Record<SmpKey, number>>, limits: TopologyLimits): Topology {
  if (!limits.diesSupported && (given.dies ?? 1) > 1) {
    throw new MachineConfigError('bad-topology', "dies not supported by this machine's CPU topology");
  }
  if (!limits.clustersSupported && (given.clusters ?? 1) > 1) {
    throw new MachineConfigError('bad-topology', "clusters not supported by this machine's CPU topology");
  }
  const dies = given.dies ?? 1;
  const clusters = given.clusters ?? 1;
  let { cpus = 0, maxcpus = 0, sockets = 0, cores = 0, threads = 0 } = given;

  if (cpus === 0 && maxcpus === 0) {
    sockets ||= 1;
    cores ||= 1;
    threads ||= 1;
  } else {
    maxcpus ||= cpus;
    if (cores === 0) {
      sockets ||= 1;
      threads ||= 1;
      cores = Math.floor(maxcpus / (sockets * dies * clusters * threads));
    } else if (sockets === 0) {
      threads ||= 1;
      sockets = Math.floor(maxcpus / (dies * clusters * cores * threads));
    }
    threads ||= Math.floor(maxcpus / (sockets * dies * clusters * cores));
  }
  const shape = { sockets, dies, clusters, cores, threads };
  const total = sockets * dies * clusters * cores * threads;
  maxcpus ||= total;
  cpus ||= maxcpus;

  if (total !== maxcpus || total === 0) {
    throw new MachineConfigError(
      'bad-topology',
      `Invalid CPU topology: product of the hierarchy must match maxcpus: ${hierarchy(shape, limits)} != maxcpus (${maxcpus})`,
    );
  }
  if (maxcpus < cpus) {
    throw new MachineConfigError(
      'bad-topology',
      `Invalid CPU topology: maxcpus must be equal to or greater than smp: ${hierarchy(shape, limits)} == maxcpus (${maxcpus}) < smp_cpus (${cpus})`,
    );
  }
  if (maxcpus > limits.maxCpus) {
    throw new MachineConfigError(
      'too-many-cpus',
      `Invalid SMP CPUs ${maxcpus}. The max CPUs supported by machine '${limits.machineName}' is ${limits.maxCpus}`,
    );
  }
  return { cpus, maxCpus: maxcpus, sockets, dies, clusters, cores, threads, ...(given.clusters !== undefined ? { clustersGiven: true } : {}) };
}

/** The topology ids of the CPU with linear index `index` (threads vary fastest). */
export function topologyIds(t: Topology, index: number) {
  return {
    threadId: index % t.threads,
    coreId: Math.floor(index / t.threads) % t.cores,
    clusterId: Math.floor(index / (t.threads * t.cores)) % t.clusters,
    dieId: Math.floor(index / (t.threads * t.cores * t.clusters)) % t.dies,
    socketId: Math.floor(index / (t.threads * t.cores * t.clusters * t.dies)),
  };
}
