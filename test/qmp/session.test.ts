import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Machine } from '../../src/machine/machine.ts';
import { findMachineType } from '../../src/machine/machine-types.ts';
import { createMachineConfig } from '../../src/machine/possible-cpus.ts';
import type { QmpVm, RunState } from '../../src/qmp/commands.ts';
import { MAX_MESSAGE, QmpSession } from '../../src/qmp/session.ts';

function session(machine: Partial<Machine> = { config: createMachineConfig(findMachineType('q35'), '1,maxcpus=2') }) {
  let state: RunState = 'prelaunch';
  const sent: Record<string, unknown>[] = [];
  const vm: QmpVm = {
    machine: machine as Machine,
    status: () => state,
    cont: () => void (state = 'running'),
    stop: () => void (state = 'paused'),
    quit: () => {},
    reset: () => {},
    migrate: () => Promise.resolve(),
    migrateIncoming: () => Promise.resolve(),
    queryMigrate: () => ({}),
  };
  const s = new QmpSession(vm, (m) => sent.push(m as Record<string, unknown>));
  const send = (text: string) => {
    sent.length = 0;
    s.push(text);
    s.work();

    return [...sent];
  };
  return { s, send, sent };
}

const negotiated = () => {
  const q = session();
  q.send('{"execute":"qmp_capabilities"}');
  return q;
};

describe('QMP session', () => {
  test('greets with a version and the oob capability', () => {
    const q = session();
    q.s.greet();
    assert.deepEqual(Object.keys(q.sent[0]!), ['QMP']);
    assert.deepEqual((q.sent[0] as { QMP: { capabilities: string[] } }).QMP.capabilities, ['oob']);
  });

  test('greets with the QEMU version the machine type follows', () => {
    const version = (type: string) => {
      const q = session({ config: createMachineConfig(findMachineType(type), '1,maxcpus=2') });
      q.s.greet();
      return (q.sent[0] as { QMP: { version: { qemu: unknown } } }).QMP.version.qemu;
    };
    assert.deepEqual(version('virt'), { major: 9, minor: 1, micro: 50 });
    assert.deepEqual(version('virt-9.2'), { major: 9, minor: 1, micro: 50 });
    assert.deepEqual(version('pc-q35-7.2'), { major: 7, minor: 2, micro: 0 });
    assert.deepEqual(version('pc-i440fx-10.0'), { major: 10, minor: 0, micro: 0 });
    // cpuhp's own x86 form speaks QEMU 10.0's QMP (README: the machine table).
    assert.deepEqual(version('q35'), { major: 10, minor: 0, micro: 0 });
    assert.deepEqual(version('pc'), { major: 10, minor: 0, micro: 0 });
  });

  test('query-machines lists every type with QEMU 10.0\'s members, virt as the default and no alias', () => {
    const [reply] = negotiated().send('{"execute":"query-machines"}') as [{ return: Record<string, unknown>[] }];
    const byName = new Map(reply.return.map((m) => [m['name'], m]));
    assert.deepEqual(byName.get('pc-q35-10.0'), {
      name: 'pc-q35-10.0', 'cpu-max': 4096, 'hotpluggable-cpus': true, 'numa-mem-supported': false, deprecated: false,
      'default-cpu-type': 'qemu64-x86_64-cpu', acpi: true,
    });
    assert.equal(byName.get('pc-i440fx-10.0')?.['cpu-max'], 255);
    assert.deepEqual(reply.return.filter((m) => m['is-default']).map((m) => m['name']), ['virt']);
    // q35 and pc are cpuhp's own form, so nothing claims to be QEMU's alias of them.
    assert.ok(reply.return.every((m) => !('alias' in m)));
  });

  test('commands before negotiation are refused as QEMU refuses them', () => {
    assert.deepEqual(session().send('{"execute":"query-status","id":1}'), [
      { error: { class: 'CommandNotFound', desc: "Expecting capabilities negotiation with 'qmp_capabilities'" }, id: 1 },
    ]);
  });

  test('negotiation twice is refused', () => {
    assert.deepEqual(negotiated().send('{"execute":"qmp_capabilities"}'), [
      { error: { class: 'CommandNotFound', desc: 'Capabilities negotiation is already complete, command ignored' } },
    ]);
  });

  test('ids of any JSON type are echoed', () => {
    const q = negotiated();
    assert.deepEqual(q.send('{"execute":"query-status","id":{"a":[1]}}'), [
      { return: { status: 'prelaunch', running: false }, id: { a: [1] } },
    ]);
  });

  test('malformed input gets an error and the session carries on', () => {
    const q = negotiated();
    const cases: [string, string][] = [
      ['{"execute":', ''],
      ['[1,2]', 'QMP input must be a JSON object'],
      ['{"arguments":{}}', "QMP input lacks member 'execute'"],
      ['{"execute":1}', "QMP input member 'execute' must be a string"],
      ['{"execute":"stop","arguments":[]}', "QMP input member 'arguments' must be an object"],
      ['{"execute":"stop","bogus":1}', "QMP input member 'bogus' is unexpected"],
      ['{"execute":"no-such"}', 'The command no-such has not been found'],
      ['{"execute":"stop","arguments":{"x":1}}', "Parameter 'x' is unexpected"],
      ['{"execute":"device_del"}', "Parameter 'id' is missing"],
      ['{"execute":"device_del","arguments":{"id":1}}', "Invalid parameter type for 'id', expected: string"],
    ];
    for (const [input, desc] of cases) {
      const r = q.send(input === '{"execute":' ? '{"execute":}' : input);
      assert.equal(r.length, 1, input);
      const err = (r[0] as { error: { desc: string } }).error;
      if (desc) assert.equal(err.desc, desc, input);
      else assert.match(err.desc, /^JSON parse error/);
    }
    assert.deepEqual(q.send('{"execute":"cont"}'), [{ return: {} }]);
  });

  test(`a message over ${MAX_MESSAGE} characters is refused and the next one served`, () => {
    const q = negotiated();
    const r = q.send(`{"execute":"stop","arguments":{"x":"${'a'.repeat(MAX_MESSAGE)}"}}{"execute":"query-status"}`);
    assert.equal(r.length, 2);
    assert.match((r[0] as { error: { desc: string } }).error.desc, /exceeds/);
    assert.ok('return' in r[1]!);
  });

  test('events reach a client only after negotiation', () => {
    const q = session();
    q.s.event({ event: 'RESUME' });
    assert.equal(q.sent.length, 0);
    q.send('{"execute":"qmp_capabilities"}');
    q.s.event({ event: 'RESUME' });
    assert.deepEqual(q.sent.at(-1), { event: 'RESUME' });
  });
});
