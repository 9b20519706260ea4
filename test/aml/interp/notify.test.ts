// Notify and Debug delivery (src/aml/interp/notify.ts), and time that only passes
// virtually (Sleep, Stall, Timer, Wait).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { integer } from '../../../src/aml/interp/index.ts';
import { aml, assertAmlError, dsdt, intOf, machine, run, runForced } from './helpers.ts';

describe('Notify', () => {
  test('reaches the handler synchronously, in AML order, with the path and value', () => {
    const m = machine(aml(dsdt('Scope (\\_SB) { Device (CPU1) { Name (_HID, "ACPI0007") } \n Processor (CPU2, 2, 0, 0) {} }\n' +
      'Method (MAIN) { Notify (\\_SB.CPU2, 3) \n Notify (\\_SB.CPU1, 1) }')));
    m.interp.evaluate('\\MAIN');
    assert.deepEqual(m.notifies, ['\\_SB.CPU2 3', '\\_SB.CPU1 1']);
  });

  test('through a reference in a Local', () => {
    const m = machine(aml(dsdt('Device (DEV0) { Name (_ADR, 0) }\nMethod (MAIN) { Local0 = RefOf (DEV0) \n Notify (Local0, 0x80) }')));
    m.interp.evaluate('\\MAIN');
    assert.deepEqual(m.notifies, ['\\DEV0 128']);
  });

  test('through an Alias reaches the object the Alias names (acpiexec 20200925 agrees)', () => {
    const m = machine(aml(dsdt('Device (DEV0) { Name (_ADR, 0) }\nAlias (DEV0, DALS)\nMethod (MAIN) { Notify (DALS, 0x80) }')));
    m.interp.evaluate('\\MAIN');
    assert.deepEqual(m.notifies, ['\\DEV0 128']);
  });

  test('of an object that is not a device is a type mismatch', () => {
    assertAmlError(() => runForced('Name (INT1, 0)\nMethod (MAIN) { Notify (INT1, 1) }'), 'type-mismatch');
  });

  test('a handler that throws aborts the evaluation with handler-error', () => {
    const m = machine(aml(dsdt('Device (DEV0) { Name (_ADR, 0) }\nMethod (MAIN) { Notify (DEV0, 1) \n Return (1) }')));
    m.interp.installNotifyHandler(() => {
      throw new Error('no');
    });
    assertAmlError(() => m.interp.evaluate('\\MAIN'), 'handler-error');
  });
});

describe('Debug', () => {
  test('the handler gets a copy of each value stored to Debug', () => {
    const m = machine(aml(dsdt('Name (BUF0, Buffer () {1, 2})\nMethod (MAIN) { Debug = BUF0 \n Debug = "done" }')));
    m.interp.evaluate('\\MAIN');
    assert.deepEqual(m.debug.map((v) => v.kind), ['buffer', 'string']);
    (m.debug[0] as { value: Uint8Array }).value[0] = 9;
    m.interp.evaluate('\\MAIN');
    assert.equal((m.debug[2] as { value: Uint8Array }).value[0], 1);
  });
});

describe('virtual time', () => {
  test('Sleep advances the clock Timer reads, without waiting', () => {
    const t0 = performance.now();
    const v = run('Method (MAIN) { Local0 = Timer \n Sleep (10000) \n Return (Timer - Local0) }');
    assert.equal(intOf(v), 10000n * 10000n);
    assert.ok(performance.now() - t0 < 5000);
  });

  test('Stall advances the clock by microseconds', () => {
    const m = machine(aml(dsdt('Method (MAIN) { Stall (100) }')));
    m.interp.evaluate('\\MAIN');
    assert.equal(m.interp.virtualTime, 1000n);
  });

  test('Stall of more than 255 microseconds is refused, as ACPICA does', () => {
    assertAmlError(() => run('Method (MAIN, 1) { Stall (Arg0) }', '\\MAIN', [integer(300)]), 'bad-argument');
  });

  test('Wait on an event signalled before returns Zero, and times out after', () => {
    const v = run('Event (EVT0)\nMethod (MAIN) { Signal (EVT0) \n Local0 = Wait (EVT0, 10) \n Local1 = Wait (EVT0, 10) \n Return ((Local0 & 1) | (Local1 & 2)) }');
    assert.equal(intOf(v), 2n);
  });
});
