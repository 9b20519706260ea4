import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Machine } from '../../src/machine/machine.ts';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';

const make = (name: string, smp: string, state?: Uint8Array) => new Machine(createMachineConfig(findMachineType(name), smp), state);
const x86 = (core: number, id: string) => ({ driver: 'qemu64-x86_64-cpu', 'socket-id': 0, 'core-id': core, 'thread-id': 0, id });

describe('machine save and load', () => {
  test('a destination built from the stream has the same vCPUs, events and registers', () => {
    const src = make('q35', '1,maxcpus=4');
    src.deviceAdd(x86(2, 'cpu2'));
    src.bus.write('io', 0x628, 1, 4n);
    const dst = make('q35', '1,maxcpus=4', src.saveState());
    assert.deepEqual(dst.saveState(), src.saveState());
    assert.equal(dst.vcpu(2)?.id, 'cpu2');
    assert.equal(dst.bus.read('io', 0x620, 1), 4n, 'GPE status travels');
    dst.bus.write('io', 0xcd8, 4, 2n);
    assert.equal(dst.bus.read('io', 0xcdc, 1), 3n, 'the insert event travels');
    dst.deviceDel('cpu2');
  });

  test('a 7.2 machine still in legacy mode stays in legacy mode', () => {
    const src = make('pc-q35-7.2', '1,maxcpus=4');
    const dst = make('pc-q35-7.2', '1,maxcpus=4', src.saveState());
    assert.equal(dst.controller.mode, 'legacy');
    assert.equal(dst.bus.read('io', 0xcd8 + 16, 1), 0n, 'the 32-byte legacy window is mapped');
  });

  test('arm64 keeps every vCPU object across migration', () => {
    const src = make('virt', '1,maxcpus=4');
    const dst = make('virt', '1,maxcpus=4', src.saveState());
    for (let i = 0; i < 4; i++) assert.ok(dst.vcpu(i), `slot ${i}`);
    assert.deepEqual(dst.saveState(), src.saveState());
  });

  test('streams that do not fit are refused with a clear error', () => {
    const src = make('q35', '1,maxcpus=4').saveState();
    const cases: [() => Machine, RegExp][] = [
      [() => make('q35', '1,maxcpus=8', src), /4 possible CPUs into one with 8/],
      [() => make('pc', '1,maxcpus=4', src), /machine 'q35' into 'pc'/],
      [() => make('q35', '1,maxcpus=4', src.subarray(0, src.length - 3)), /cut short|truncated/],
      [() => make('q35', '1,maxcpus=4', Uint8Array.from([...src, 0])), /trailing/],
      [() => make('q35', '1,maxcpus=4', Uint8Array.from(src, (b, i) => (i === 0 ? 0 : b))), /bad magic/],
    ];
    for (const [fn, message] of cases) assert.throws(fn, message);
  });

  test('every truncation of a stream is refused, never half-loaded', () => {
    const src = make('virt', '2,maxcpus=4').saveState();
    for (let n = 0; n < src.length; n++) assert.throws(() => make('virt', '2,maxcpus=4', src.subarray(0, n)), /./);
  });
});
