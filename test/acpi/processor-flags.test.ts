import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AcpiTableError } from '../../src/acpi/errors.ts';
import {
  processorFlags,
  type ProcessorFlagsKind,
  type ProcessorState,
} from '../../src/acpi/processor-flags.ts';

const STATES: readonly ProcessorState[] = ['enabled', 'online-capable', 'disabled'];
const isBadValue = (e: unknown) => e instanceof AcpiTableError && e.code === 'bad-value';

describe('processorFlags', () => {
  it('maps Local APIC / x2APIC states to Enabled bit 0 and Online Capable bit 1', () => {
    assert.deepEqual(STATES.map((s) => processorFlags(s, 'lapic')), [0b01, 0b10, 0]);
  });

  it('maps GICC states to Enabled bit 0 and Online Capable bit 3', () => {
    assert.deepEqual(STATES.map((s) => processorFlags(s, 'gicc')), [0b0001, 0b1000, 0]);
  });

  it('never sets Enabled and Online Capable together', () => {
    for (const kind of ['lapic', 'gicc'] as const) {
      const both = processorFlags('enabled', kind) | processorFlags('online-capable', kind);
      for (const s of STATES) assert.notEqual(processorFlags(s, kind) & both, both, `${s} ${kind}`);
    }
  });

  it('cannot be asked for enabled and online-capable at once (type error, and AcpiTableError at run time)', () => {
    // @ts-expect-error: 'enabled+online-capable' is not a ProcessorState
    assert.throws(() => processorFlags('enabled+online-capable', 'lapic'), isBadValue);
  });

  it('rejects an unknown kind from untyped callers', () => {
    assert.throws(() => processorFlags('enabled', 'x2apic' as ProcessorFlagsKind), isBadValue);
  });
});
