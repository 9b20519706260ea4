// Fuzz of the machine-state loader (src/machine/machine-state.ts,
// src/hotplug/vmstate.ts, Machine's checks). Sources are machines of every type
// taken through a random history (hot-plug, unplug requests, guest register
// writes); their states are then cut short at random lengths, flipped at random
// bits (one or several), overwritten at random bytes, or loaded into another
// machine type or -smp. The model of each input's outcome:
// - an unaltered state into the same machine, or into another version of the same
//   chipset with the same -smp, loads, and the destination equals the source: the
//   same vCPU objects and ids, and the same slot status, selector and command;
// - anything altered, and any other machine or -smp, is refused with a
//   MachineStateError or HotplugStateError (a clear message, nothing built);
// - nothing else is ever thrown.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HotplugStateError } from '../../src/hotplug/index.ts';
import { MachineStateError } from '../../src/machine/machine-state.ts';
import { Machine } from '../../src/machine/machine.ts';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig, type MachineConfig } from '../../src/machine/possible-cpus.ts';
import { QmpTestClient } from '../qmp/qmp-client.ts';
import { serveVm } from '../qmp/vm-server.ts';
import { Rng } from '../support/prng.ts';
import { FuzzTally, type FuzzReport } from './report.ts';

interface Shape {
  readonly type: string;
  readonly smp: string;
}

const SHAPES: readonly Shape[] = [
  { type: 'q35', smp: '1,maxcpus=4' },
  { type: 'pc-q35-7.2', smp: '1,maxcpus=4' },
  { type: 'pc', smp: '2,maxcpus=6' },
  { type: 'pc-i440fx-7.2', smp: '2,maxcpus=6' },
  { type: 'virt', smp: '2,maxcpus=8' },
  { type: 'q35', smp: '1,maxcpus=4,sockets=2,cores=2' },
  { type: 'q35', smp: '2,maxcpus=4' },
];

const configs = new Map<string, MachineConfig>();
function config(s: Shape): MachineConfig {
  const key = `${s.type} ${s.smp}`;
  let c = configs.get(key);
  if (!c) configs.set(key, (c = createMachineConfig(findMachineType(s.type), s.smp)));
  return c;
}

/** A machine of `shape` after a random history of host and guest actions. */
function randomSource(rng: Rng, shape: Shape): Machine {
  const cfg = config(shape);
  const m = new Machine(cfg);
  const { space, base } = cfg.platform.cpuHotplug.region;
  const kind = space === 'SystemIO' ? 'io' : 'mmio';
  // Leave QEMU 7.2's legacy mode most of the time, as its firmware would.
  if (cfg.type.legacyCpuHotplug && rng.chance(0.8)) m.bus.write(kind, base, 4, 0n);
  for (let k = rng.below(12); k > 0; k--) {
    const i = 1 + rng.below(cfg.cpus.length - 1);
    try {
      const roll = rng.below(4);
      if (roll === 0) m.deviceAdd({ driver: cfg.platform.cpuType, ...cfg.cpus[i]!.props, id: `cpu${i}` });
      else if (roll === 1) m.deviceDel(`cpu${i}`);
      else if (m.controller.mode === 'modern') {
        // Select a slot and write flags, a command or command data, as a guest would.
        m.bus.write(kind, base, 4, BigInt(i));
        const [off, size, v] = rng.pick([[4, 1, rng.pick([2, 4, 8, 16])], [5, 1, rng.below(5)], [8, 4, rng.u32()]] as const);
        m.bus.write(kind, base + off, size, BigInt(v));
      }
    } catch {
      /* refused (slot taken, no such id, boot CPU): part of the history */
    }
  }
  return m;
}

/** What a destination must equal after a successful load. */
function observable(m: Machine): string {
  const snap = m.controller.snapshot();
  return JSON.stringify({
    vcpus: m.config.cpus.map((c) => m.vcpu(c.index)).map((v) => v && { id: v.id, qom: v.qomPath, enabled: v.enabled, hot: v.hotplugged }),
    mode: snap.mode,
    selector: snap.selector,
    command: snap.command,
    slots: snap.slots.map((s) => [s.enabled, s.inserting, s.removing, s.ostEvent, s.ostStatus]),
  });
}

type Mutation = 'none' | 'truncate' | 'bit-flip' | 'bit-flips' | 'byte' | 'other-machine';

function mutate(rng: Rng, bytes: Uint8Array, how: Mutation): Uint8Array {
  const out = Uint8Array.from(bytes);
  switch (how) {
    case 'none':
    case 'other-machine':
      return out;
    case 'truncate':
      return out.subarray(0, rng.below(bytes.length));
    case 'bit-flip': {
      const bit = rng.below(bytes.length * 8);
      out[bit >> 3]! ^= 1 << (bit & 7);
      return out;
    }
    case 'bit-flips': {
      for (let n = 2 + rng.below(6); n > 0; n--) {
        const bit = rng.below(bytes.length * 8);
        out[bit >> 3]! ^= 1 << (bit & 7);
      }
      return out;
    }
    case 'byte': {
      const at = rng.below(bytes.length);
      out[at] = (out[at]! + 1 + rng.below(255)) & 0xff;
      return out;
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const MUTATIONS: readonly Mutation[] = ['none', 'truncate', 'bit-flip', 'bit-flip', 'bit-flips', 'byte', 'other-machine', 'other-machine'];

/** Whether a state of `from` loads into `to` unaltered: same chipset, same -smp resolution. */
function compatible(from: Shape, to: Shape): boolean {
  const a = config(from);
  const b = config(to);
  if (a.type.chipset !== b.type.chipset) return false;
  if (JSON.stringify(a.topology) !== JSON.stringify(b.topology)) return false;
  return true;
}

export function runStateFuzz({ seed, inputs }: { seed: number; inputs: number }): FuzzReport {
  const tally = new FuzzTally('state loader', seed);
  const rng = new Rng(seed);
  let source: { machine: Machine; shape: Shape; bytes: Uint8Array; seen: string } | undefined;
  for (let i = 0; i < inputs; i++) {
    // A new source every 50 inputs: many histories, each mutated many ways.
    if (i % 50 === 0 || !source) {
      const shape = rng.pick(SHAPES);
      const machine = randomSource(rng, shape);
      source = { machine, shape, bytes: machine.saveState(rng.pick(['running', 'paused', 'prelaunch'])), seen: observable(machine) };
    }
    const picked = rng.pick(MUTATIONS);
    const target = picked === 'other-machine' ? rng.pick(SHAPES) : source.shape;
    const bytes = mutate(rng, source.bytes, picked);
    // Flips of the same bit cancel out: bytes equal to the source's are no alteration.
    const how = picked !== 'other-machine' && sameBytes(bytes, source.bytes) ? 'none' : picked;
    const where = `seed ${seed} input ${i} (${how}: ${source.shape.type} ${source.shape.smp} -> ${target.type} ${target.smp})`;
    let loaded: Machine | undefined;
    try {
      loaded = new Machine(config(target), bytes);
    } catch (e) {
      if (e instanceof MachineStateError || e instanceof HotplugStateError) {
        const code = e instanceof MachineStateError ? e.code : `hotplug ${e.code}`;
        tally.count(`refused: ${code}`);
        if (how === 'none' || (how === 'other-machine' && compatible(source.shape, target) && source.shape.type === target.type)) {
          tally.find(`${where}: an unaltered state was refused: ${e.message}`);
        }
        if (e.message.length === 0) tally.find(`${where}: refused without a message`);
      } else {
        tally.count('crash');
        tally.find(`${where}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      }
      continue;
    }
    tally.count(how === 'none' || how === 'other-machine' ? 'loaded' : 'loaded altered');
    if (how !== 'none' && how !== 'other-machine') tally.find(`${where}: an altered state loaded`);
    else if (!compatible(source.shape, target)) tally.find(`${where}: a state of another machine or -smp loaded`);
    else if (observable(loaded) !== source.seen) tally.find(`${where}: the destination differs from the source`);
  }
  return tally.report();
}

/**
 * The same inputs through a VM: each mutated state is written to a file and given
 * to a VM started with -incoming defer (migrate-incoming, exit-on-error false).
 * A state the model says loads must complete with the source's vCPUs and run; any
 * other must fail with error-desc, the VM still waiting in 'inmigrate' on its own
 * machine; the VM answers throughout.
 */
export async function runIncomingFuzz({ seed, inputs, dir }: { seed: number; inputs: number; dir: string }): Promise<FuzzReport> {
  const tally = new FuzzTally('state loader through migrate-incoming', seed);
  const rng = new Rng(seed);
  const target: Shape = { type: 'q35', smp: '1,maxcpus=4' };
  for (let i = 0; i < inputs; i++) {
    const shape = rng.chance(0.6) ? target : rng.pick(SHAPES);
    const source = randomSource(rng, shape);
    const how = rng.pick(MUTATIONS);
    const bytes = mutate(rng, source.saveState(), how === 'other-machine' ? 'none' : how);
    const file = join(dir, `incoming-${i}.state`);
    writeFileSync(file, bytes);
    const loads = (how === 'none' || how === 'other-machine') && compatible(shape, target) && (shape.type === target.type || source.controller.mode === 'modern');
    const where = `seed ${seed} input ${i} (${how}: ${shape.type} ${shape.smp})`;
    const vm = await serveVm(target.type, target.smp, { incoming: true, guest: false });
    const c = await QmpTestClient.negotiated(vm.path);
    try {
      const before = vm.vm.machine;
      const r = await c.execute('migrate-incoming', { uri: `file:${file}`, 'exit-on-error': false });
      if (!('return' in r)) tally.find(`${where}: migrate-incoming answered ${JSON.stringify(r)}`);
      let info: Record<string, unknown> = {};
      do info = (await c.execute('query-migrate'))['return'] as Record<string, unknown>;
      while (info['status'] === 'active' || info['status'] === 'setup');
      const status = ((await c.execute('query-status'))['return'] as { status: string }).status;
      tally.count(`${info['status']}`);
      if (loads) {
        if (info['status'] !== 'completed') tally.find(`${where}: the state should load: ${JSON.stringify(info)}`);
        else if (observable(vm.vm.machine) !== observable(source)) tally.find(`${where}: the loaded VM differs from the source`);
      } else if (info['status'] !== 'failed' || typeof info['error-desc'] !== 'string' || status !== 'inmigrate' || vm.vm.machine !== before) {
        tally.find(`${where}: the state should be refused, leaving the VM waiting: ${JSON.stringify(info)}, ${status}`);
      }
    } finally {
      c.close();
      await vm.close();
    }
  }
  return tally.report();
}
