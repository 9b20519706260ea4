import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as acpi from '../../src/acpi/index.ts';

describe('src/acpi public API', () => {
  it('exports exactly the table builders, entry functions, constants and error class', () => {
    assert.deepEqual(Object.keys(acpi).sort(), [
      'ADDRESS_SPACE',
      'ARM_BOOT_ARCH',
      'AcpiTableError',
      'DEFAULT_ACPIDUMP_LIMITS',
      'FACS',
      'FACS_FLAGS',
      'FADT',
      'FADT_FLAGS',
      'FADT_LENGTH',
      'GAS_NONE',
      'GICC',
      'IAPC_BOOT_ARCH',
      'MADT',
      'MADT_ENTRY',
      'MADT_FLAGS',
      'MPS_INTI',
      'PPTT_NODE_FLAGS',
      'QEMU_OEM',
      'RSDP',
      'SDT_HEADER',
      'buildDefinitionBlock',
      'buildFacs',
      'buildFadt',
      'buildMadt',
      'buildPptt',
      'buildRsdp',
      'buildXsdt',
      'checksum8',
      'formatAcpidump',
      'gicIts',
      'gicc',
      'gicd',
      'gicr',
      'interruptOverride',
      'ioApic',
      'localApic',
      'localApicNmi',
      'localX2Apic',
      'localX2ApicNmi',
      'looksLikeAcpidump',
      'madtEntry',
      'parseAcpidump',
      'processorFlags',
      'sumsToZero',
    ]);
  });

  it('keeps the header and table writers internal', () => {
    assert.equal('beginTable' in acpi, false);
    assert.equal('finishTable' in acpi, false);
    assert.equal('TableWriter' in acpi, false);
  });
});
