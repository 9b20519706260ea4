// The sequences of the QMP differential (issue #6): each is played on a fresh
// QEMU (7.2, and 10.0 since issue #11) and a fresh `cpuhp run` of the same
// machine type, both `-S -qtest stdio`, and every reply and event must agree
// after qmp-differential-normalize.ts.
//
// QEMU's pc-q35-* and pc-i440fx-* (7.2 and 10.0) start with the legacy CPU hot-plug
// block (a present-CPU bitmap), where device_del is refused; a write of 0 at
// the block's base (PRES._INI's `CSEL = Zero`, done here with qtest) switches
// to the modern 12-byte block. Sequences run in both modes.
//
// Unless a sequence says otherwise: q35 (pc-q35-7.2 or pc-q35-10.0), `-smp 1,maxcpus=4` (slots are
// socket 0, core N, thread 0; only core 0 is plugged), and client 0 has
// negotiated capabilities before the first step.

import type { Sequence, Step } from './qmp-differential-run.ts';

const CPU = 'qemu64-x86_64-cpu';
const Q35_BLOCK = 0x0cd8;
const I440FX_BLOCK = 0xaf00;

const hex = (n: number) => `0x${n.toString(16)}`;
const cpu = (props: Record<string, unknown>, id?: string): Step => ({ cmd: 'device_add', args: { driver: CPU, ...(id !== undefined ? { id } : {}), ...props } });
const core = (n: number, id?: string, extra: Record<string, unknown> = {}): Step => cpu({ 'socket-id': 0, 'core-id': n, 'thread-id': 0, ...extra }, id);
const del = (id: string): Step => ({ cmd: 'device_del', args: { id } });
const q = (cmd: string, why?: string): Step => ({ cmd, ...(why !== undefined ? { note: why } : {}) });
const send = (text: string, why?: string): Step => ({ send: text, ...(why !== undefined ? { note: why } : {}) });
const note = (step: Step, why: string): Step => ({ ...step, note: why });

/** PRES._INI's write that leaves legacy mode. */
const toModern = (base = Q35_BLOCK): Step => ({ qtest: `outl ${hex(base)} 0x0`, note: 'switch to the modern block' });
/** The guest's _OST(event, status) for the CPU in `slot`, through the modern block's registers. */
const ost = (slot: number, event: number, status: number, base = Q35_BLOCK): Step[] => [
  { qtest: `outl ${hex(base)} ${hex(slot)}`, note: 'CSEL' },
  { qtest: `outb ${hex(base + 5)} 0x1`, note: 'CCMD = OST event' },
  { qtest: `outl ${hex(base + 8)} ${hex(event)}`, note: 'CDAT = event' },
  { qtest: `outb ${hex(base + 5)} 0x2`, note: 'CCMD = OST status' },
  { qtest: `outl ${hex(base + 8)} ${hex(status)}`, note: 'CDAT = status: ACPI_DEVICE_OST' },
];

export const SEQUENCES: readonly Sequence[] = [
  // -- the protocol ------------------------------------------------------------------
  {
    name: 'before negotiation',
    negotiate: false,
    steps: [
      { cmd: 'query-status', id: 1 },
      { cmd: 'no-such-command', id: 'x' },
      q('stop', 'no state change before negotiation'),
      send('{"execute":1,"id":2}'),
      send('{"exec-oob":"query-status"}', 'exec-oob is no member before oob is enabled'),
      send('{"execute":"query-status","bogus":1}'),
      send('[1]'),
      send('{"a":}'),
      q('query-status'),
    ],
  },
  {
    name: 'negotiation: arguments, twice, ids',
    negotiate: false,
    steps: [
      { cmd: 'qmp_capabilities', args: { enable: 'oob' } },
      { cmd: 'qmp_capabilities', args: { enable: null } },
      { cmd: 'qmp_capabilities', args: { enable: [1] } },
      { cmd: 'qmp_capabilities', args: { enable: ['bogus'] } },
      { cmd: 'qmp_capabilities', args: { foo: 1 } },
      { cmd: 'qmp_capabilities', args: { foo: 1, bar: 2 } },
      { cmd: 'qmp_capabilities', args: { enable: [] }, id: { n: 1 } },
      { cmd: 'qmp_capabilities', note: 'negotiating twice' },
      { cmd: 'qmp_capabilities', id: 7 },
      { cmd: 'qmp_capabilities', args: { enable: 'oob' }, note: 'arguments are checked before the second negotiation is refused' },
      { cmd: 'qmp_capabilities', args: { foo: 1 } },
      q('query-status'),
    ],
  },
  {
    name: 'invalid JSON: syntax errors and recovery',
    steps: [
      send('{bad}'),
      send('{"execute":}'),
      send('{"execute":"query-status" "id":1}'),
      send('{"a":1,}'),
      send('[1,]'),
      send('[1 2]'),
      send('{1:2}'),
      send('{"a" 1}'),
      send('{,}'),
      send('tru'),
      send('True'),
      send('{"a":nulll}'),
      send('@'),
      send('01'),
      send('0x10'),
      send('-'),
      send('1.'),
      send('1.e5'),
      send('{"a":@}', 'lexical error, then the lexer recovers at the next structural character'),
      send('{"a":1]'),
      send('}'),
      send(']'),
      send('{"execute":"query-status","id":1,"id":2}', 'duplicate key'),
      send('"abc', 'an unterminated string ends at the control character (newline)'),
      send('{"execute":"query-status","id":"tab\there"}', 'a raw tab in a string'),
      send('{"execute":"query-status","id":"\u0001"}'),
      send('{"execute":"query-status","id":"\\x"}'),
      send('{"execute":"query-status","id":"\\ud800"}'),
      send('{"execute":"query-status","id":"\\ud800\\u0041"}'),
      send('{"execute":"query-status","id":"\\u12G4"}'),
      send('{"execute":"query-status","id":"\\uFFFE"}'),
      send('{"execute":"query-status","id":"\\u1"}'),
      send('[\u0001', 'an open array is dropped at a control character'),
      send('{"execute":"query-status"\u0001'),
      send('['.repeat(1025) + '\u0001', 'nesting deeper than 1024'),
      q('query-status', 'the connection still works'),
    ],
  },
  {
    name: 'not an object, missing and unexpected members',
    steps: [
      send('[1,2]'),
      send('[]'),
      send('1'),
      send('"str"'),
      send('null'),
      send('true'),
      send('{}'),
      send('{"id":5}', "lacks 'execute'; the id is echoed"),
      send('{"arguments":{}}'),
      send('{"exec":"query-status"}'),
      send('{"execute":1}'),
      send('{"execute":null,"id":"n"}'),
      send('{"execute":"query-status","foo":1}'),
      send('{"execute":"query-status","control":{}}'),
      send('{"execute":"query-status","arguments":[]}'),
      send('{"execute":"query-status","arguments":null}'),
      send('{"execute":"query-status","arguments":3,"id":1,"zzz":4}', 'several problems: QEMU reports the first in its QDict order'),
      send('{"execute":"query-status","x":1,"y":2,"arguments":3}'),
      send('{"__proto__":1}'),
      q('query-status'),
    ],
  },
  {
    name: 'unknown commands and ids of every type',
    steps: [
      { cmd: 'nope', id: 'x' },
      { cmd: '' },
      { cmd: 'query-cpus', note: 'removed in QEMU 6.0' },
      { cmd: 'cpu-add', args: { id: 1 }, note: 'removed in QEMU 4.0' },
      { cmd: 'query-é' },
      { cmd: 'query-status', id: 0 },
      { cmd: 'query-status', id: -1.25e-2 },
      { cmd: 'query-status', id: 1500 },
      { cmd: 'query-status', id: true },
      { cmd: 'query-status', id: null },
      { cmd: 'query-status', id: [1, 'two', { three: [null] }] },
      send('{"execute":"query-status","id":{"__proto__":{"a":1}}}', 'a member named __proto__'),
      { cmd: 'query-status', id: '\u0000é€😀' },
      send('{"execute":"query-status","id":1.0}'),
      send('{"execute":"query-status","id":-0}'),
      send('{"execute":"query-status","id":1.5e3}'),
    ],
  },
  {
    name: 'arguments: missing, extra, mistyped',
    steps: [
      { cmd: 'device_del' },
      { cmd: 'device_del', args: {} },
      { cmd: 'device_del', args: { id: 1 } },
      { cmd: 'device_del', args: { id: null } },
      { cmd: 'device_del', args: { id: ['c1'] } },
      { cmd: 'device_del', args: { id: true } },
      { cmd: 'device_del', args: { id: 'x', y: 2 } },
      { cmd: 'device_del', args: { id: 'x', zz: 1, yy: 2, xx: 3 }, note: 'QEMU names the first in its visitor hash table' },
      { cmd: 'query-status', args: { a: 1 } },
      { cmd: 'query-status', args: { a: 1, b: 2, c: 3 } },
      { cmd: 'query-status', args: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i + 1}`, i])) },
      { cmd: 'stop', args: { x: 1 } },
      { cmd: 'cont', args: {} },
      { cmd: 'query-hotpluggable-cpus', args: { all: true } },
      { cmd: 'query-acpi-ospm-status', args: { x: null } },
      { cmd: 'device_add' },
      { cmd: 'device_add', args: {} },
      { cmd: 'device_add', args: { driver: null } },
      { cmd: 'device_add', args: { driver: 5 } },
      q('query-status'),
    ],
  },
  {
    name: 'out-of-band execution once oob is enabled',
    negotiate: false,
    steps: [
      { cmd: 'qmp_capabilities', args: { enable: ['oob'] } },
      send('{"exec-oob":"query-status"}'),
      send('{"exec-oob":"query-status","id":3}'),
      send('{"exec-oob":"nope"}'),
      send('{"exec-oob":"qmp_capabilities"}'),
      send('{"exec-oob":7}'),
      send('{"execute":"query-status","exec-oob":"x"}', "QEMU reports 'execute' clashes with 'exec-oob'"),
      send('{"exec-oob":"query-status","arguments":{"a":1}}'),
      q('query-status'),
    ],
  },
  {
    name: 'framing: several messages per write, one message over several writes',
    steps: [
      send('{"execute":"query-status","id":"a"}{"execute":"query-status","id":"b"}'),
      send('{"execute":"query-status"} {"execute":"query-status","id":2}'),
      send('{"execute":"query-status"}}'),
      send('{"execute":"que', 'first half: no reply yet'),
      send('ry-status","id":"joined"}', 'second half'),
      send('   \t\r\n  '),
      send('\t{"execute"\t:\t"query-status"}'),
      send("{'execute':'query-status','id':'single'}", 'QEMU accepts single-quoted strings'),
      send(`{"execute":"query-status","id":'a\\'b"c'}`),
      send(`{"execute":"query-status","id":"${'x'.repeat(100_000)}"}`, 'a 100 kB message'),
      send('[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]'),
    ],
  },
  // -- run state -----------------------------------------------------------------------
  {
    name: 'query-status, stop and cont with STOP and RESUME',
    steps: [
      q('query-status'),
      q('stop', 'in prelaunch: no event, no change'),
      q('query-status'),
      q('cont', 'RESUME'),
      q('query-status'),
      q('cont', 'running already: no event'),
      q('stop', 'STOP'),
      q('stop', 'paused already: no event'),
      q('query-status'),
      q('cont', 'RESUME'),
      q('query-status'),
    ],
  },
  {
    name: 'system_reset in prelaunch and while running',
    steps: [q('system_reset'), q('query-status'), q('cont'), q('system_reset'), q('query-status'), q('stop'), q('system_reset'), q('query-status')],
  },
  {
    name: 'query-name with -name',
    extraArgs: ['-name', 'vm1'],
    steps: [q('query-name')],
  },
  {
    name: 'query-name without -name, query-migrate',
    steps: [q('query-name'), q('query-migrate')],
  },
  // -- hot-plug: query-hotpluggable-cpus, query-cpus-fast ----------------------------
  {
    name: 'query-hotpluggable-cpus and query-cpus-fast before and after device_add',
    steps: [
      q('query-hotpluggable-cpus'),
      q('query-cpus-fast'),
      core(2, 'c2'),
      q('query-hotpluggable-cpus'),
      core(3),
      core(1, 'c1'),
      q('query-hotpluggable-cpus'),
      q('query-cpus-fast', 'realize order: 0, 2, 3, 1'),
      q('query-acpi-ospm-status', 'legacy mode: no OST slots'),
    ],
  },
  {
    name: 'i440fx with two cold-plugged CPUs',
    machine: 'pc',
    smp: '2,maxcpus=8',
    steps: [
      q('query-hotpluggable-cpus'),
      q('query-cpus-fast'),
      core(5, 'five'),
      core(1, 'one'),
      note(core(1, 'uno'), 'CPU exists'),
      q('query-hotpluggable-cpus'),
      q('query-cpus-fast'),
    ],
  },
  {
    name: 'sockets, dies and threads',
    smp: '1,sockets=2,dies=2,cores=2,threads=2,maxcpus=16',
    steps: [
      q('query-hotpluggable-cpus'),
      cpu({ 'socket-id': 1, 'core-id': 1, 'thread-id': 1 }, 'a'),
      cpu({ 'socket-id': 1, 'die-id': 2, 'core-id': 1, 'thread-id': 1 }, 'a'),
      cpu({ 'socket-id': 1, 'die-id': 1, 'core-id': 1, 'thread-id': 2 }, 'a'),
      cpu({ 'socket-id': 2, 'die-id': 1, 'core-id': 1, 'thread-id': 1 }, 'a'),
      cpu({ 'socket-id': 1, 'die-id': 1, 'core-id': 1, 'thread-id': 1 }, 'a'),
      cpu({ 'socket-id': 1, 'die-id': 1, 'core-id': 1, 'thread-id': 1 }, 'b'),
      q('query-hotpluggable-cpus'),
      q('query-cpus-fast'),
    ],
  },
  // -- hot-plug errors ------------------------------------------------------------------
  {
    name: 'device_add errors of qemu-cpuhp.md §4',
    steps: [
      note({ cmd: 'device_add', args: { driver: 'Haswell-x86_64-cpu', id: 'c1', 'socket-id': 0, 'core-id': 1, 'thread-id': 0 } }, 'invalid CPU type'),
      note(cpu({ 'core-id': 1, 'thread-id': 0 }, 'c1'), 'socket-id not set'),
      note(cpu({ 'socket-id': 0, 'thread-id': 0 }, 'c1'), 'core-id not set'),
      note(cpu({ 'socket-id': 0, 'core-id': 1 }, 'c1'), 'thread-id not set'),
      note(cpu({ 'socket-id': 1, 'core-id': 1, 'thread-id': 0 }, 'c1'), 'socket-id out of range'),
      note(cpu({ 'socket-id': 0, 'core-id': 4, 'thread-id': 0 }, 'c1'), 'core-id out of range'),
      note(cpu({ 'socket-id': 0, 'core-id': 1, 'thread-id': 1 }, 'c1'), 'thread-id out of range'),
      note(cpu({ 'socket-id': 0, 'core-id': -1, 'thread-id': 0 }, 'c1'), 'negative reads as not set'),
      note(core(0, 'c0'), 'CPU exists (the boot CPU)'),
      note(core(1, 'c1', { foo: 1 }), 'unknown property'),
      note(core(1, 'c1', { 'core-id': 'x' }), 'bad property type'),
      core(1, 'c1', { 'core-id': 2147483648 }),
      note(core(1, '1bad'), 'bad id'),
      core(1, ''),
      note(core(1, 'c1', { 'node-id': 1 }), 'invalid node-id'),
      core(1, 'c1', { 'node-id': 'z' }),
      note(core(1, 'c1', { bus: 'nope' }), 'Bus not found'),
      core(1, 'c1', { bus: 'pcie.0' }),
      note({ cmd: 'device_add', args: { driver: 'nope-cpu', id: 'c1' } }, 'not a valid device model name'),
      { cmd: 'device_add', args: { driver: 'x86_64-cpu', id: 'c1' } },
      { cmd: 'device_add', args: { driver: 'cpu' } },
      { cmd: 'device_add', args: { id: 'c1' } },
      note(core(1, 'c1', { foo: 1, 'core-id': 'x' }), 'two bad properties: QEMU sets them in its QDict order'),
      cpu({ 'socket-id': 'q', 'thread-id': 'r', 'core-id': 's' }, 'c1'),
      core(1, 'c1'),
      note(core(2, 'c1'), 'duplicate device ID'),
      note(core(1, 'c9'), 'CPU exists'),
      q('query-hotpluggable-cpus', 'the failed adds changed nothing'),
    ],
  },
  {
    name: 'device_add by apic-id (sparse APIC ids)',
    // Two sockets of three cores: APIC ids 0, 1, 2, 4, 5, 6 (the core field is 2 bits).
    smp: '1,sockets=2,cores=3,threads=1,maxcpus=6',
    steps: [
      note(cpu({ 'apic-id': 3 }, 'a'), 'no slot has APIC ID 3: Invalid CPU [...] with APIC ID'),
      note(cpu({ 'apic-id': 4, 'socket-id': 0 }, 'a'), "socket-id doesn't match set apic-id"),
      note(cpu({ 'apic-id': 5, 'socket-id': 1, 'core-id': 0, 'thread-id': 0 }, 'a'), "core-id doesn't match"),
      cpu({ 'apic-id': 6, 'thread-id': 1 }, 'a'),
      cpu({ 'apic-id': 5, 'socket-id': -7 }, 'a'),
      note(cpu({ 'apic-id': 0 }, 'a'), 'CPU exists'),
      cpu({ 'apic-id': 'x' }, 'a'),
      cpu({ 'apic-id': -1 }, 'a'),
      cpu({ 'apic-id': 4294967296 }, 'a'),
      cpu({ 'apic-id': 6, 'node-id': 1 }, 'a'),
      note(cpu({ 'apic-id': '0x2' }, 'a'), 'apic-id alone is enough'),
      cpu({ 'apic-id': 4, 'socket-id': 1, 'core-id': 0, 'thread-id': 0 }),
      note(cpu({ 'apic-id': 4294967295, 'socket-id': 0, 'core-id': 1, 'thread-id': 0 }, 'b'), 'UNASSIGNED_APIC_ID: the topology ids decide'),
      q('query-hotpluggable-cpus'),
      q('query-cpus-fast'),
    ],
  },
  {
    name: 'device_del errors',
    steps: [
      del('nope'),
      del(''),
      del('/machine'),
      del('/machine/peripheral'),
      del('/machine/unattached/device[0]'),
      { delCore: { 'core-id': 0 }, note: 'boot CPU is unpluggable' },
      del('/machine/peripheral-anon/device[7]'),
      core(1, 'c1'),
      // Not sent: device_del of '/machine/peripheral/c1/lapic' (a CPU's APIC child)
      // crashes QEMU 7.2 (the connection resets); cpuhp answers DeviceNotFound.
      del('C1'),
      toModern(),
      { delCore: { 'core-id': 0 }, note: 'still the boot CPU in modern mode' },
      del('nope'),
    ],
  },
  // -- legacy and modern mode -----------------------------------------------------------
  {
    name: 'legacy mode refuses device_del; modern mode accepts it',
    steps: [
      { qtest: `inb ${hex(Q35_BLOCK)}`, note: 'legacy bitmap' },
      core(1, 'c1'),
      core(3),
      { qtest: `inb ${hex(Q35_BLOCK)}` },
      del('c1'),
      { delCore: { 'core-id': 3 } },
      q('query-acpi-ospm-status'),
      toModern(),
      del('c1'),
      note(del('c1'), 'a second request is accepted too'),
      { delCore: { 'core-id': 3 } },
      q('query-hotpluggable-cpus', 'both still plugged: no guest ejects them'),
      q('query-acpi-ospm-status'),
    ],
  },
  {
    name: 'modern mode from the start: add, remove request, OST',
    steps: [
      toModern(),
      q('query-acpi-ospm-status'),
      core(2, 'c2'),
      { qtest: `outl ${hex(Q35_BLOCK)} 0x2` },
      { qtest: `inb ${hex(Q35_BLOCK + 4)}`, note: 'flags: enabled, insert' },
      ...ost(2, 1, 0),
      q('query-acpi-ospm-status'),
      del('c2'),
      { qtest: `inb ${hex(Q35_BLOCK + 4)}`, note: 'flags: remove' },
      ...ost(2, 3, 0x84),
      q('query-acpi-ospm-status'),
      q('query-cpus-fast'),
    ],
  },
  {
    name: 'i440fx: legacy refusal, switch at 0xaf00, OST',
    machine: 'pc',
    steps: [
      core(1, 'c1'),
      del('c1'),
      toModern(I440FX_BLOCK),
      del('c1'),
      ...ost(1, 3, 0x81, I440FX_BLOCK),
      q('query-acpi-ospm-status'),
      q('query-hotpluggable-cpus'),
    ],
  },
  {
    name: 'system_reset keeps plugged CPUs and the modern block',
    steps: [toModern(), core(1, 'c1'), q('system_reset'), q('query-hotpluggable-cpus'), del('c1'), q('query-acpi-ospm-status')],
  },
  // -- events and negotiation ---------------------------------------------------------
  // QEMU's -qmp chardev serves one client at a time (a second connection waits for
  // the first to close), so the differential uses one connection; cpuhp serves many,
  // which test/qmp/concurrency.test.ts covers.
  {
    name: 'events reach a client only after negotiation',
    negotiate: false,
    steps: [
      toModern(),
      ...ost(0, 1, 0x80).map((s) => note(s, 'ACPI_DEVICE_OST, not sent: no negotiation yet')),
      q('qmp_capabilities'),
      q('query-acpi-ospm-status', 'the OST was recorded'),
      ...ost(1, 3, 0x82),
      q('query-acpi-ospm-status'),
    ],
  },
  // -- quit -----------------------------------------------------------------------------
  {
    name: 'quit in prelaunch',
    steps: [core(1, 'c1'), { quit: true }],
  },
  {
    name: 'quit while running',
    steps: [q('cont'), core(1, 'c1'), { quit: true }],
  },
  {
    name: 'quit before negotiation is refused',
    negotiate: false,
    steps: [send('{"execute":"quit"}'), q('qmp_capabilities'), { quit: true }],
  },
];
