// Trace events: QEMU's names, arguments and format strings, and exactly the events
// QEMU emits for each branch (checked live with `-trace 'cpuhp_*'` on QEMU 7.2.22).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  TRACE_EVENTS,
  formatTraceEvent,
  type TraceEvent,
} from '../../src/hotplug/index.ts';
import { traceEvent } from '../../src/hotplug/trace-events.ts';
import { makeController } from './rig.ts';

function make() {
  const { c, log } = makeController();
  const lines = () => log.traces.splice(0).map(formatTraceEvent);
  return { c, lines };
}

describe('formatTraceEvent', () => {
  // Lines copied from QEMU 7.2.22's stderr.
  const cases: [TraceEvent, string][] = [
    [{ name: 'cpuhp_acpi_invalid_idx_selected', idx: 0x10 }, 'cpuhp_acpi_invalid_idx_selected 0x10'],
    [{ name: 'cpuhp_acpi_read_flags', idx: 3, flags: 5 }, 'cpuhp_acpi_read_flags idx[0x3] flags: 0x5'],
    [{ name: 'cpuhp_acpi_write_idx', idx: 0xffffffff }, 'cpuhp_acpi_write_idx set active cpu idx: 0xffffffff'],
    [{ name: 'cpuhp_acpi_write_cmd', idx: 1, cmd: 0xff }, 'cpuhp_acpi_write_cmd idx[0x1] cmd: 0xff'],
    [{ name: 'cpuhp_acpi_read_cmd_data', idx: 0x104, data: 0x104 }, 'cpuhp_acpi_read_cmd_data idx[0x104] data: 0x104'],
    [{ name: 'cpuhp_acpi_read_cmd_data2', idx: 0, data: 0 }, 'cpuhp_acpi_read_cmd_data2 idx[0x0] data: 0x0'],
    [{ name: 'cpuhp_acpi_cpu_has_events', idx: 2, ins: true, rm: false }, 'cpuhp_acpi_cpu_has_events idx[0x2] inserting: 1, removing: 0'],
    [{ name: 'cpuhp_acpi_clear_inserting_evt', idx: 1 }, 'cpuhp_acpi_clear_inserting_evt idx[0x1]'],
    [{ name: 'cpuhp_acpi_clear_remove_evt', idx: 1 }, 'cpuhp_acpi_clear_remove_evt idx[0x1]'],
    [{ name: 'cpuhp_acpi_ejecting_invalid_cpu', idx: 0 }, 'cpuhp_acpi_ejecting_invalid_cpu 0x0'],
    [{ name: 'cpuhp_acpi_ejecting_cpu', idx: 2 }, 'cpuhp_acpi_ejecting_cpu 0x2'],
    [{ name: 'cpuhp_acpi_fw_remove_invalid_cpu', idx: 3 }, 'cpuhp_acpi_fw_remove_invalid_cpu 0x3'],
    [{ name: 'cpuhp_acpi_fw_remove_cpu', idx: 2 }, 'cpuhp_acpi_fw_remove_cpu 0x2'],
    [{ name: 'cpuhp_acpi_write_ost_ev', slot: 1, ev: 0x1234 }, 'cpuhp_acpi_write_ost_ev idx[0x1] OST EVENT: 0x1234'],
    [{ name: 'cpuhp_acpi_write_ost_status', slot: 1, st: 0xabcdef01 }, 'cpuhp_acpi_write_ost_status idx[0x1] OST STATUS: 0xabcdef01'],
  ];

  test('covers every trace point in the table', () => {
    assert.deepEqual(cases.map(([e]) => e.name).sort(), Object.keys(TRACE_EVENTS).sort());
  });

  for (const [event, line] of cases) {
    test(`prints ${event.name} as QEMU's log backend does`, () => {
      assert.equal(formatTraceEvent(event), line);
    });
  }
});

describe('traceEvent', () => {
  test('truncates arguments to their C types (uint8_t cmd, uint32_t idx)', () => {
    assert.deepEqual(traceEvent('cpuhp_acpi_write_cmd', { idx: -1, cmd: 0x104 }), { name: 'cpuhp_acpi_write_cmd', idx: 0xffffffff, cmd: 0x04 });
  });
});

describe('which branches trace', () => {
  test('a hot-add, CSCN-style scan, _OST and acknowledge give QEMU trace lines in order', () => {
    const { c, lines } = make();
    c.plug(2, {}, true);
    c.write(0, 4, 0); // CSEL = 0
    c.write(5, 1, 0); // CCMD = 0
    c.read(8, 4); // CDAT
    c.read(4, 1); // CINS
    c.write(4, 1, 0x02); // CINS = 1
    c.write(5, 1, 1);
    c.write(8, 4, 1);
    c.write(5, 1, 2);
    c.write(8, 4, 0);
    assert.deepEqual(lines(), [
      'cpuhp_acpi_write_idx set active cpu idx: 0x0',
      'cpuhp_acpi_write_cmd idx[0x0] cmd: 0x0',
      'cpuhp_acpi_cpu_has_events idx[0x2] inserting: 1, removing: 0',
      'cpuhp_acpi_read_cmd_data idx[0x2] data: 0x2',
      'cpuhp_acpi_read_flags idx[0x2] flags: 0x3',
      'cpuhp_acpi_clear_inserting_evt idx[0x2]',
      'cpuhp_acpi_write_cmd idx[0x2] cmd: 0x1',
      'cpuhp_acpi_write_ost_ev idx[0x2] OST EVENT: 0x1',
      'cpuhp_acpi_write_cmd idx[0x2] cmd: 0x2',
      'cpuhp_acpi_write_ost_status idx[0x2] OST STATUS: 0x0',
    ]);
  });

  test('a remove, eject and a refused eject of the boot CPU', () => {
    const { c, lines } = make();
    c.plug(1, {}, false);
    c.unplugRequest(1);
    c.write(0, 4, 1);
    c.write(4, 1, 0x04);
    c.write(4, 1, 0x10);
    c.write(4, 1, 0x08);
    c.write(0, 4, 0);
    c.write(4, 1, 0x08);
    c.write(4, 1, 0x10);
    assert.deepEqual(lines(), [
      'cpuhp_acpi_write_idx set active cpu idx: 0x1',
      'cpuhp_acpi_clear_remove_evt idx[0x1]',
      'cpuhp_acpi_fw_remove_cpu 0x1',
      'cpuhp_acpi_ejecting_cpu 0x1',
      'cpuhp_acpi_write_idx set active cpu idx: 0x0',
      'cpuhp_acpi_ejecting_invalid_cpu 0x0',
      'cpuhp_acpi_fw_remove_invalid_cpu 0x0',
    ]);
  });

  test('a rejected command (>= 4) is traced; a search that finds nothing traces only the write', () => {
    const { c, lines } = make();
    c.write(5, 1, 7);
    c.write(5, 1, 0);
    assert.deepEqual(lines(), ['cpuhp_acpi_write_cmd idx[0x0] cmd: 0x7', 'cpuhp_acpi_write_cmd idx[0x0] cmd: 0x0']);
  });

  test('QEMU-silent branches stay silent: reserved offsets, no-op flags, data under command 0/3, bad-selector reads', () => {
    const { c, lines } = make();
    c.write(0, 4, 1);
    lines();
    for (const o of [1, 2, 3, 5, 6, 7, 9, 10, 11]) c.read(o, 1);
    for (const o of [1, 2, 3, 6, 7, 9, 10, 11]) c.write(o, 1, 0);
    c.write(4, 1, 0x01);
    c.write(4, 1, 0xe0);
    c.write(8, 4, 5); // command 0
    c.write(5, 1, 3);
    lines();
    c.write(8, 4, 5); // command 3
    c.write(0, 4, 99);
    lines();
    c.read(4, 1);
    c.read(8, 4);
    assert.deepEqual(lines(), []);
  });

  test('a dword write at offset 5 traces the command, then the command-data write', () => {
    const { c, lines } = make();
    c.write(0, 4, 1);
    lines();
    c.write(5, 4, 0x11000001);
    assert.deepEqual(lines(), ['cpuhp_acpi_write_cmd idx[0x1] cmd: 0x1', 'cpuhp_acpi_write_ost_ev idx[0x1] OST EVENT: 0x11']);
  });
});
