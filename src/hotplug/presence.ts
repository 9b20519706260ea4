/**
 * What presence means on an architecture: the one rule that the hot-plug
 * controller, the CPU AML and the MADT builder all consult. Presence is a static
 * property of the machine, never a register bit, so the 12-byte ABI stays QEMU's
 * and AML built by one version keeps working against another after migration.
 */
export interface PresencePolicy {
  /** 'toggles': x86, an unplugged vCPU is absent. 'always': arm64, every possible vCPU stays present. */
  readonly presence: 'toggles' | 'always';
  /** _STA of a slot whose vCPU is not enabled: 0 on x86, 0x0D (present, not enabled) on arm64. */
  readonly staDisabled: 0x00 | 0x0d;
  /** _STA of a slot with an enabled vCPU. */
  readonly staEnabled: 0x0f;
  /** MADT state of a possible vCPU that is not enabled at boot. */
  readonly madtStateWhenOff: 'disabled' | 'online-capable';
  /** Whether hot-unplug destroys the vCPU object (x86) or only disables it (arm64). */
  readonly destroyOnUnplug: boolean;
}

/** x86 (q35, pc): hot-add makes a vCPU present and enabled; hot-remove destroys it. */
export const PRESENCE_TOGGLES: PresencePolicy = Object.freeze({
  presence: 'toggles',
  staDisabled: 0x00,
  staEnabled: 0x0f,
  madtStateWhenOff: 'disabled',
  destroyOnUnplug: true,
});

/**
 * arm64 (virt): per-CPU interrupt-controller state (GIC redistributors) cannot be
 * reconfigured after boot, so every possible vCPU is described at boot and stays
 * ACPI-present for the VM's life; only Enabled toggles.
 */
export const PRESENCE_ALWAYS: PresencePolicy = Object.freeze({
  presence: 'always',
  staDisabled: 0x0d,
  staEnabled: 0x0f,
  madtStateWhenOff: 'online-capable',
  destroyOnUnplug: false,
});
