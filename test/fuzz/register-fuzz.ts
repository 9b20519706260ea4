// Fuzz of the CPU hot-plug register block through qtest: a real `cpuhp run -qtest
// stdio` process (x86 q35: port I/O; arm64 virt: MMIO) gets random reads and
// writes of every width at every offset in and around the block, with device_add
// and device_del over its QMP socket in between; every reply is predicted by an
// independent model of the ABI (register-model.ts), and after each batch every
// slot's flags are read back and compared, so the VM's state equals the model's.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { CPUHP_BIN } from '../cli/run-process.ts';
import { QTest } from '../peers/qtest.ts';
import { QmpTestClient } from '../qmp/qmp-client.ts';
import { Rng } from '../support/prng.ts';
import { RegisterModel } from './register-model.ts';
import { FuzzTally, type FuzzReport } from './report.ts';

const IO = [['inb', 'outb', 1], ['inw', 'outw', 2], ['inl', 'outl', 4]] as const;
const MMIO = [['readb', 'writeb', 1], ['readw', 'writew', 2], ['readl', 'writel', 4], ['readq', 'writeq', 8]] as const;
/** Accesses per pipelined batch, at most; batches are 1..BATCH long, with QMP in between. */
const BATCH = 48;

interface Op {
  readonly line: string;
  /** The reply the model predicts. */
  readonly expect: string;
}

function value(rng: Rng, slots: number, size: number): bigint {
  const v = rng.chance(0.3) ? rng.below(slots + 2) : rng.chance(0.4) ? rng.pick([0, 1, 2, 3, 4, 5, 6, 8, 0x0c, 0x10, 0x12, 0xff]) : rng.u32();
  const wide = size === 8 ? (BigInt(rng.u32()) << 32n) | BigInt(v) : BigInt(v);
  return wide & ((1n << BigInt(8 * size)) - 1n);
}

const hex = (v: bigint | number) => `0x${v.toString(16)}`;

/** One random register access, applied to the model; its line and predicted reply. */
function access(rng: Rng, model: RegisterModel, slots: number): Op {
  const [rd, wr, size] = model.space === 'io' ? rng.pick(IO) : rng.pick(MMIO);
  const address = model.base - 4 + rng.below(20);
  if (rng.chance(0.5)) {
    const v = model.read(address, size);
    return { line: `${rd} ${hex(address)}`, expect: `OK 0x${v.toString(16).padStart(model.space === 'io' ? 4 : 16, '0')}` };
  }
  const v = value(rng, slots, size);
  model.write(address, size, v);
  return { line: `${wr} ${hex(address)} ${hex(v)}`, expect: 'OK' };
}

/** Reads every slot's flags (selecting each), then restores the selector: the state check. */
function probe(model: RegisterModel): Op[] {
  const w = model.space === 'io' ? 'outl' : 'writel';
  const r = model.space === 'io' ? 'inb' : 'readb';
  const ops: Op[] = [];
  const keep = model.selector;
  model.slots.forEach((_, i) => {
    model.write(model.base, 4, BigInt(i));
    ops.push({ line: `${w} ${hex(model.base)} ${hex(i)}`, expect: 'OK' });
    const flags = model.read(model.base + 4, 1);
    ops.push({ line: `${r} ${hex(model.base + 4)}`, expect: `OK 0x${flags.toString(16).padStart(model.space === 'io' ? 4 : 16, '0')}` });
  });
  model.write(model.base, 4, BigInt(keep >>> 0));
  ops.push({ line: `${w} ${hex(model.base)} ${hex(keep >>> 0)}`, expect: 'OK' });
  return ops;
}

export async function runRegisterFuzz({ seed, inputs, machine }: { seed: number; inputs: number; machine: 'q35' | 'virt' }): Promise<FuzzReport> {
  const tally = new FuzzTally(`register block (${machine})`, seed);
  const rng = new Rng(seed);
  const smp = '2,maxcpus=8';
  const config = createMachineConfig(findMachineType(machine), smp);
  const { space, base } = config.platform.cpuHotplug.region;
  const model = new RegisterModel(space === 'SystemIO' ? 'io' : 'mmio', base, config.cpus.map((c) => c.archId), config.topology.cpus);
  const slots = config.cpus.length;
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-regfuzz-'));
  const qmpPath = join(dir, 'qmp.sock');
  const qt = await QTest.start({ qemu: CPUHP_BIN, args: ['run', '--exit-with-parent', '-machine', machine, '-smp', smp], qmpPath });
  let qmp: QmpTestClient | undefined;
  try {
    qmp = await QmpTestClient.negotiated(qmpPath, { label: 'register fuzz' });
    while (tally.inputs < inputs) {
      if (rng.chance(0.3)) {
        const i = 1 + rng.below(slots - 1);
        const id = `cpu${i}`;
        const add = rng.chance(0.5);
        const expect = add ? model.add(i, id) : model.del(id);
        const r = add ? await qmp.execute('device_add', { driver: config.platform.cpuType, ...config.cpus[i]!.props, id }) : await qmp.execute('device_del', { id });
        const ok = 'return' in r;
        tally.count(`${add ? 'device_add' : 'device_del'} ${ok ? 'ok' : 'refused'}`);
        if (expect !== undefined && ok !== expect) tally.find(`seed ${seed} input ${tally.inputs}: ${add ? 'device_add' : 'device_del'} ${id} gave ${JSON.stringify(r)}, the model expected ${expect ? 'success' : 'an error'}`);
        continue;
      }
      const ops: Op[] = [];
      const n = Math.min(1 + rng.below(BATCH), inputs - tally.inputs);
      for (let k = 0; k < n; k++) ops.push(access(rng, model, slots));
      const checks = probe(model);
      const replies = await qt.batch([...ops, ...checks].map((o) => o.line));
      ops.forEach((o, k) => {
        tally.count(o.line.startsWith('out') || o.line.startsWith('write') ? 'write' : 'read');
        if (replies[k] !== o.expect) tally.find(`seed ${seed} input ${tally.inputs - n + k}: '${o.line}' replied '${replies[k]}', the model says '${o.expect}'`);
      });
      checks.forEach((o, k) => {
        if (replies[n + k] !== o.expect) tally.find(`seed ${seed} after input ${tally.inputs}: state check '${o.line}' replied '${replies[n + k]}', the model says '${o.expect}'`);
      });
      if (tally.findings.length > 0) break;
    }
    for (const [k, v] of Object.entries(model.events)) tally.outcomes.set(`model: ${k}`, v);
    // The VM still answers on both channels.
    const status = await qmp.execute('query-status');
    if (!('return' in status)) tally.find(`seed ${seed}: query-status after the fuzz: ${JSON.stringify(status)}`);
  } catch (e) {
    tally.find(`seed ${seed} input ${tally.inputs}: ${(e as Error).message}`);
  } finally {
    qmp?.close();
    await qt.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return tally.report();
}
