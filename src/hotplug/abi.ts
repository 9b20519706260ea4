// QEMU's CPU hot-plug register block (docs/specs/acpi_cpu_hotplug.rst), kept exactly:
// 12 bytes, little-endian, 1..4-byte accesses, decoded by offset only. The AML in
// aml.ts and the controller both read these constants, so the two cannot drift.

/** Size of the register block in bytes (ACPI_CPU_HOTPLUG_REG_LEN). */
export const REGISTER_BLOCK_LENGTH = 12;

/** Byte offsets. Offset 0 is the selector when written and command data 2 when read. */
export const Offset = {
  SELECTOR: 0,
  CMD_DATA2: 0,
  FLAGS: 4,
  COMMAND: 5,
  CMD_DATA: 8,
} as const;

/** Bits of the flags byte (offset 4). */
export const Flag = {
  /** read: the slot holds an enabled vCPU */
  ENABLED: 1 << 0,
  /** read: insert event pending; write 1: clear it */
  INSERTING: 1 << 1,
  /** read: remove event pending; write 1: clear it */
  REMOVING: 1 << 2,
  /** write 1: eject the selected vCPU */
  EJECT: 1 << 3,
  /** read: OSPM handed the eject to firmware; write 1: hand it over */
  FW_REMOVE: 1 << 4,
  /**
   * read: the slot holds a vCPU object. Reserved (reads 0) in QEMU's ABI; only the
   * arm64 RFC V5's reverted design sets it (CPRS), so only a controller told to
   * serve that AML does (HotplugControllerOptions.presentBit).
   */
  PRESENT: 1 << 5,
} as const;

/** Values of the command register (offset 5). */
export const Command = {
  GET_NEXT_CPU_WITH_EVENT: 0,
  OST_EVENT: 1,
  OST_STATUS: 2,
  GET_CPU_ID: 3,
} as const;
export const COMMAND_COUNT = 4;

/** Base addresses of the block per machine (QEMU's ICH9, PIIX4 and the virt MMIO map). */
export const IO_BASE_Q35 = 0x0cd8;
export const IO_BASE_PC = 0xaf00;
