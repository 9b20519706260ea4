import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Machine } from '../../src/machine/machine.ts';
import {
  decodeMachineState,
  MACHINE_STATE_HEADER_BYTES,
  MACHINE_STATE_VERSION,
  MachineStateError,
  MAX_MACHINE_STATE_BYTES,
  readMachineStateHeader,
} from '../../src/machine/machine-state.ts';
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

  test('every single-bit flip of a stream is refused (issue 10: most used to load as altered state)', () => {
    const src = make('q35', '2,maxcpus=4');
    src.deviceAdd(x86(2, 'cpu2'));
    const bytes = src.saveState();
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const flipped = Uint8Array.from(bytes);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      assert.throws(() => make('q35', '2,maxcpus=4', flipped), MachineStateError, `bit ${bit}`);
    }
  });

  test('a stream of another -smp topology with as many possible CPUs is refused (issue 10)', () => {
    const src = make('q35', '2,maxcpus=8,sockets=2,cores=4').saveState();
    const cases: [string, RegExp][] = [
      ['2,maxcpus=8,sockets=4,cores=2', /topology .*sockets=2.*cores=4.* into .*sockets=4.*cores=2/],
      ['2,maxcpus=8,sockets=2,cores=2,threads=2', /topology/],
      ['1,maxcpus=8,sockets=2,cores=4', /topology .*cpus=2.* into .*cpus=1/],
    ];
    for (const [smp, message] of cases) {
      assert.throws(() => make('q35', smp, src), (e: unknown) => e instanceof MachineStateError && e.code === 'wrong-topology' && message.test(e.message), smp);
    }
    assert.doesNotThrow(() => make('q35', '2,maxcpus=8,sockets=2,cores=4', src));
  });

  test('the header (magic, version, length, checksum) is checked before the rest is read', () => {
    const bytes = make('virt', '1,maxcpus=4').saveState();
    const h = readMachineStateHeader(bytes.subarray(0, MACHINE_STATE_HEADER_BYTES));
    assert.equal(h.version, MACHINE_STATE_VERSION);
    assert.equal(h.payloadBytes, bytes.length - MACHINE_STATE_HEADER_BYTES);
    assert.throws(() => readMachineStateHeader(new Uint8Array(MACHINE_STATE_HEADER_BYTES)), /bad magic/);
    const huge = Uint8Array.from(bytes.subarray(0, MACHINE_STATE_HEADER_BYTES));
    new DataView(huge.buffer).setUint32(12, MAX_MACHINE_STATE_BYTES);
    assert.throws(() => readMachineStateHeader(huge), (e: unknown) => e instanceof MachineStateError && e.code === 'too-large');
    const future = Uint8Array.from(bytes.subarray(0, MACHINE_STATE_HEADER_BYTES));
    new DataView(future.buffer).setUint32(8, MACHINE_STATE_VERSION + 1);
    assert.throws(() => readMachineStateHeader(future), /version 3 is not supported \(expected 2\)/);
  });

  test("the source's run state travels with the machine", () => {
    const src = make('q35', '1,maxcpus=4');
    assert.equal(decodeMachineState(src.saveState('paused')).runState, 'paused');
    assert.equal(decodeMachineState(src.saveState()).runState, 'running');
  });
});

