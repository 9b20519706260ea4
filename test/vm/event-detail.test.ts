// Listeners choose whether they want the trace detail (register accesses, trace
// points, AML evaluations); while none does, the machine and the guest do not
// build it (src/events/index.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import { Vm, type VmEvent } from '../../src/vm/vm.ts';

const TRACE_KINDS = new Set(['machine:bus', 'machine:trace', 'guest:io']);
const kind = (e: VmEvent) => (e.type === 'qmp-event' ? 'qmp-event' : `${e.type}:${e.event.type}`);
const isTrace = (e: VmEvent) => TRACE_KINDS.has(kind(e)) || (e.type === 'guest' && e.event.type === 'aml' && !e.event.path.endsWith('._EJ0'));

function vmWithGuest(): Vm {
  const vm = new Vm(createMachineConfig(findMachineType('q35'), '1,maxcpus=4'), { startPaused: false, guest: { autoOnline: true }, onQuit: () => {} });
  return vm;
}

function plugAndUnplug(vm: Vm): void {
  vm.machine.deviceAdd({ driver: 'qemu64-x86_64-cpu', 'socket-id': 0, 'core-id': 1, 'thread-id': 0, id: 'c1' });
  vm.runGuest();
  vm.machine.deviceDel('c1');
  vm.runGuest();
}

test('a listener without trace detail gets every milestone and no trace event; nothing traces is built', () => {
  const vm = vmWithGuest();
  const got: VmEvent[] = [];
  vm.on((e) => got.push(e), { trace: false });
  vm.start();
  plugAndUnplug(vm);
  assert.equal(got.filter(isTrace).length, 0);
  assert.equal(vm.machine.bus.observed, false, 'the bus is not observed');
  assert.equal(vm.guest!.events.tracing, false, 'the guest builds no io events');
  const kinds = new Set(got.map(kind));
  for (const k of ['qmp-event', 'machine:irq', 'machine:vcpu', 'guest:notify', 'guest:sta', 'guest:ost', 'guest:log']) assert.ok(kinds.has(k), `${k} is delivered`);
  // _EJ0's evaluation is a milestone of every hot-remove ("Ejecting").
  assert.ok(got.some((e) => e.type === 'guest' && e.event.type === 'aml' && e.event.path.endsWith('._EJ0')));
});

test('the same milestones, in the same order, whether or not another listener wants the detail', () => {
  const plain = vmWithGuest();
  const a: string[] = [];
  plain.on((e) => a.push(JSON.stringify(e, (_, v) => (typeof v === 'bigint' ? String(v) : v))), { trace: false });
  plain.start();
  plugAndUnplug(plain);

  const traced = vmWithGuest();
  const b: string[] = [];
  const all: VmEvent[] = [];
  traced.on((e) => b.push(JSON.stringify(e, (_, v) => (typeof v === 'bigint' ? String(v) : v))), { trace: false });
  traced.on((e) => all.push(e));
  traced.start();
  plugAndUnplug(traced);
  assert.deepEqual(b, a);
  assert.ok(all.some((e) => kind(e) === 'machine:bus') && all.some((e) => kind(e) === 'guest:io') && all.some((e) => kind(e) === 'machine:trace'));
});

test('trace detail starts with the first listener that wants it and stops with the last', () => {
  const vm = vmWithGuest();
  vm.on(() => {}, { trace: false });
  vm.start();
  assert.equal(vm.machine.bus.observed, false);
  const seen: VmEvent[] = [];
  const off = vm.on((e) => seen.push(e));
  assert.equal(vm.machine.bus.observed, true);
  assert.equal(vm.guest!.events.tracing, true);
  plugAndUnplug(vm);
  assert.ok(seen.some(isTrace));
  off();
  off(); // twice is harmless
  assert.equal(vm.machine.bus.observed, false);
  assert.equal(vm.guest!.events.tracing, false);
  const before = seen.length;
  plugAndUnplug(vm);
  assert.equal(seen.length, before, 'an unsubscribed listener gets nothing');
  assert.equal(vm.listenerCount, 1);
});
