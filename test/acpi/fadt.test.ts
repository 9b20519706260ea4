import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sumsToZero } from '../../src/acpi/checksum.ts';
import { AcpiTableError } from '../../src/acpi/errors.ts';
import { ARM_BOOT_ARCH, buildFadt, FADT_FLAGS, type X86FadtInput } from '../../src/acpi/fadt.ts';
import { FADT, FADT_LENGTH, type FadtRevision } from '../../src/acpi/fadt-layout.ts';
import { SDT_HEADER } from '../../src/acpi/header.ts';
import { ARM64_FADT, hex, QEMU_PC_FADT, QEMU_Q35_FADT, u16, u32, u64, u8 } from './fixtures.ts';

const isCode = (code: string) => (e: unknown) => e instanceof AcpiTableError && e.code === code;

describe('buildFadt, x86 form', () => {
  it("reproduces QEMU 7.2's q35 FADT byte for byte (revision 3, 244 bytes)", () => {
    // From QEMU 7.2's q35 dump at -smp 1,maxcpus=4 (FACP.aml). FACS/DSDT are the
    // pre-link values 0 and 0x40 (table-blob offsets the firmware patches later).
    const expected = hex(`
      46 41 43 50 f4 00 00 00 03 37 42 4f 43 48 53 20  // header: FACP, 244, rev 3, checksum 0x37
      42 58 50 43 20 20 20 20 01 00 00 00 42 58 50 43
      01 00 00 00 00 00 00 00 40 00 00 00 01 00 09 00  // FACS 0, DSDT 0x40, INT_MODEL 1, SCI 9
      b2 00 00 00 02 03 00 00 00 06 00 00 00 00 00 00  // SMI_CMD 0xB2, enable 2, disable 3, PM1a_EVT 0x600
      04 06 00 00 00 00 00 00 00 00 00 00 08 06 00 00  // PM1a_CNT 0x604, PM_TMR 0x608
      20 06 00 00 00 00 00 00 04 02 00 04 10 00 00 00  // GPE0 0x620; lengths 4 2 0 4 16
      ff 0f ff 0f 00 00 00 00 00 00 00 00 32 02 00 00  // C2/C3 latency 0xFFF, century 0x32, 8042
      a5 84 00 00 01 08 00 00 f9 0c 00 00 00 00 00 00  // flags 0x84A5, RESET_REG io 8 bits 0xCF9
      0f 00 00 00 00 00 00 00 00 00 00 00 40 00 00 00  // reset value 0xF, X_FIRMWARE_CTRL 0, X_DSDT 0x40
      00 00 00 00 01 20 00 00 00 06 00 00 00 00 00 00  // X_PM1a_EVT
      00 00 00 00 00 00 00 00 00 00 00 00 01 10 00 00  // X_PM1b_EVT (none), X_PM1a_CNT
      04 06 00 00 00 00 00 00 00 00 00 00 00 00 00 00
      00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  // X_PM1b_CNT, X_PM2_CNT (none)
      01 20 00 00 08 06 00 00 00 00 00 00 01 80 00 00  // X_PM_TMR, X_GPE0 (128 bits)
      20 06 00 00 00 00 00 00 00 00 00 00 00 00 00 00  // X_GPE1 (none)
      00 00 00 00
    `);
    assert.deepEqual(buildFadt(QEMU_Q35_FADT), expected);
  });

  it("reproduces QEMU 7.2's pc FADT byte for byte (revision 1, 116 bytes)", () => {
    // From QEMU 7.2's pc dump at -smp 1,maxcpus=4 (FACP.aml).
    const expected = hex(`
      46 41 43 50 74 00 00 00 01 fb 42 4f 43 48 53 20
      42 58 50 43 20 20 20 20 01 00 00 00 42 58 50 43
      01 00 00 00 00 00 00 00 40 00 00 00 01 00 09 00
      b2 00 00 00 f1 f0 00 00 00 06 00 00 00 00 00 00
      04 06 00 00 00 00 00 00 00 00 00 00 08 06 00 00
      e0 af 00 00 00 00 00 00 04 02 00 04 04 00 00 00
      ff 0f ff 0f 00 00 00 00 00 00 00 00 32 00 00 00
      a5 80 00 00
    `);
    assert.deepEqual(buildFadt(QEMU_PC_FADT), expected);
  });

  for (const [revision, length] of Object.entries(FADT_LENGTH)) {
    it(`revision ${revision} is ${length} bytes, says so in its header and sums to zero`, () => {
      const rev = Number(revision) as FadtRevision;
      const input: X86FadtInput = rev === 1 ? QEMU_PC_FADT : { ...QEMU_Q35_FADT, revision: rev };
      const b = buildFadt(input);
      assert.equal(b.length, length);
      assert.equal(u32(b, SDT_HEADER.LENGTH), b.length);
      assert.equal(u8(b, SDT_HEADER.REVISION), rev);
      assert.ok(sumsToZero(b));
    });
  }

  it('writes the minor revision from revision 5 (6.5: where Linux honours x86 Online Capable)', () => {
    const b = buildFadt({ ...QEMU_Q35_FADT, revision: 6, minorRevision: 5 });
    assert.equal(u8(b, FADT.MINOR_VERSION), 5);
    assert.equal(u16(b, FADT.ARM_BOOT_ARCH), 0);
  });

  it('puts a FACS above 4 GiB in X_FIRMWARE_CTRL only, and a DSDT above 4 GiB in X_DSDT only', () => {
    const b = buildFadt({ ...QEMU_Q35_FADT, facsAddress: 0x1_0000_0000n, dsdtAddress: 0x1_0000_1000n });
    assert.equal(u32(b, FADT.FIRMWARE_CTRL), 0);
    assert.equal(u64(b, FADT.X_FIRMWARE_CTRL), 0x1_0000_0000n);
    assert.equal(u32(b, FADT.DSDT), 0);
    assert.equal(u64(b, FADT.X_DSDT), 0x1_0000_1000n);
  });

  it('puts a FACS below 4 GiB in FIRMWARE_CTRL only, as QEMU does', () => {
    const b = buildFadt({ ...QEMU_Q35_FADT, facsAddress: 0x7ffe_0000 });
    assert.equal(u32(b, FADT.FIRMWARE_CTRL), 0x7ffe_0000);
    assert.equal(u64(b, FADT.X_FIRMWARE_CTRL), 0n);
  });

  it('rejects HW_REDUCED_ACPI in the x86 form', () => {
    assert.throws(
      () => buildFadt({ ...QEMU_Q35_FADT, flags: QEMU_Q35_FADT.flags | FADT_FLAGS.HW_REDUCED_ACPI }),
      isCode('conflicting-flags'),
    );
  });

  it('rejects fields the chosen revision does not have', () => {
    assert.throws(() => buildFadt({ ...QEMU_PC_FADT, resetRegister: QEMU_Q35_FADT.resetRegister }), isCode('revision-mismatch'));
    assert.throws(() => buildFadt({ ...QEMU_PC_FADT, iapcBootArch: 2 }), isCode('revision-mismatch'));
    assert.throws(() => buildFadt({ ...QEMU_Q35_FADT, minorRevision: 1 }), isCode('revision-mismatch'));
    assert.throws(() => buildFadt({ ...QEMU_Q35_FADT, revision: 5, hypervisorVendorId: 'QEMU\0\0\0\0' }), isCode('revision-mismatch'));
    assert.throws(() => buildFadt({ ...QEMU_PC_FADT, dsdtAddress: 0x1_0000_0000n }), isCode('revision-mismatch'));
  });

  it('rejects a revision it cannot lay out', () => {
    assert.throws(() => buildFadt({ ...QEMU_Q35_FADT, revision: 2 as FadtRevision }), isCode('unsupported-revision'));
  });

  it('rejects a register block whose width is not whole bytes or whose port exceeds 32 bits', () => {
    assert.throws(
      () => buildFadt({ ...QEMU_Q35_FADT, gpe0Block: { addressSpace: 'system-io', bitWidth: 12, address: 0x620 } }),
      isCode('out-of-range'),
    );
    assert.throws(
      () => buildFadt({ ...QEMU_Q35_FADT, pmTimerBlock: { addressSpace: 'system-io', bitWidth: 32, address: 0x1_0000_0000n } }),
      isCode('out-of-range'),
    );
  });
});

describe('buildFadt, hardware-reduced form', () => {
  const b = buildFadt(ARM64_FADT);

  it('is revision 6, 276 bytes, with the given minor revision, and sums to zero', () => {
    assert.equal(b.length, 276);
    assert.equal(u32(b, SDT_HEADER.LENGTH), 276);
    assert.equal(u8(b, SDT_HEADER.REVISION), 6);
    assert.equal(u8(b, FADT.MINOR_VERSION), 5);
    assert.ok(sumsToZero(b));
  });

  it('sets HW_REDUCED_ACPI, and LOW_POWER_S0_IDLE_CAPABLE only when asked', () => {
    assert.equal(u32(b, FADT.FLAGS), FADT_FLAGS.HW_REDUCED_ACPI);
    const s0 = buildFadt({ ...ARM64_FADT, lowPowerS0Idle: true });
    assert.equal(u32(s0, FADT.FLAGS), FADT_FLAGS.HW_REDUCED_ACPI | FADT_FLAGS.LOW_POWER_S0_IDLE_CAPABLE);
  });

  it('maps the PSCI conduit to the ARM boot flags', () => {
    const armFlags = (psciConduit: 'none' | 'smc' | 'hvc') => u16(buildFadt({ ...ARM64_FADT, psciConduit }), FADT.ARM_BOOT_ARCH);
    assert.equal(armFlags('none'), 0);
    assert.equal(armFlags('smc'), ARM_BOOT_ARCH.PSCI_COMPLIANT);
    assert.equal(armFlags('hvc'), ARM_BOOT_ARCH.PSCI_COMPLIANT | ARM_BOOT_ARCH.PSCI_USE_HVC);
  });

  it('has no FACS and gives the DSDT in X_DSDT only', () => {
    assert.equal(u32(b, FADT.FIRMWARE_CTRL), 0);
    assert.equal(u64(b, FADT.X_FIRMWARE_CTRL), 0n);
    assert.equal(u32(b, FADT.DSDT), 0);
    assert.equal(u64(b, FADT.X_DSDT), 0x4000_0000n);
  });

  it('leaves every fixed-hardware field zero', () => {
    assert.deepEqual(b.subarray(FADT.SCI_INT, FADT.FLAGS), new Uint8Array(FADT.FLAGS - FADT.SCI_INT));
    assert.deepEqual(b.subarray(FADT.RESET_REG, FADT.ARM_BOOT_ARCH), new Uint8Array(FADT.ARM_BOOT_ARCH - FADT.RESET_REG));
    assert.deepEqual(
      b.subarray(FADT.X_PM1A_EVT_BLK, FADT.HYPERVISOR_VENDOR_IDENTITY),
      new Uint8Array(FADT.HYPERVISOR_VENDOR_IDENTITY - FADT.X_PM1A_EVT_BLK),
    );
  });

  it('writes the hypervisor vendor identity last', () => {
    assert.deepEqual(b.subarray(FADT.HYPERVISOR_VENDOR_IDENTITY), hex('51454d55 00000000'));
  });

  it('rejects an unknown PSCI conduit', () => {
    assert.throws(() => buildFadt({ ...ARM64_FADT, psciConduit: 'svc' as 'smc' }), isCode('bad-value'));
  });
});
