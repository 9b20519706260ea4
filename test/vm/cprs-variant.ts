// QEMU's reverted "presence in a new register bit" design (qemu-cpuhp.md §5.1, V3 3/5,
// bf1ecc8dad60), rebuilt here and only here, to show why it was reverted (§6.3):
// flags bit 5 (CPRS) reads "the slot has a vCPU object", and CSTA returns
//   Local0 = 0; If (CPRS == 1) { If (CPEN == 1) Local0 = 0xF Else Local0 = 0xD }
// A machine that lacks the bit reads it as 0, so a guest that booted with this AML
// sees every CPU vanish once it runs on such a machine. Not a test file.
import { buildDefinitionBlock, buildFadt, QEMU_OEM } from '../../src/acpi/index.ts';
import {
  Acquire, Arg, Device, Field, If, LEqual, Local, Method, NameRef, One, Release, Return, Scope, Store, field, reserved,
  type AmlNode,
} from '../../src/aml/encode/index.ts';
import { Offset } from '../../src/hotplug/abi.ts';
import { buildCpusAml, CPU_STS_METHOD, CPUHP_RES_DEVICE, CPUS_DEVICE } from '../../src/hotplug/aml.ts';
import { buildAcpiTables, CPUHP_OEM, type AcpiTableSet } from '../../src/machine/acpi-build.ts';
import type { Machine } from '../../src/machine/machine.ts';
import type { MachineConfig } from '../../src/machine/possible-cpus.ts';

const CPRS_BIT = 5;

/** CSTA of the reverted design: presence from the new bit, enabled from CPEN. */
function cprsStatusMethod(resRoot: string): AmlNode {
  const p = (n: string) => new NameRef(`${resRoot}.${CPUHP_RES_DEVICE}.${n}`);
  const sta = new Local(0);
  return new Method(CPU_STS_METHOD, 1, [
    new Acquire(p('CPLK'), 0xffff),
    Store(new Arg(0), p('CSEL')),
    Store(0, sta),
    new If(LEqual(p('CPRS'), One), [
      new If(LEqual(p('CPEN'), One), [Store(0x0f, sta)], [Store(0x0d, sta)]),
    ]),
    Release(p('CPLK')),
    new Return(sta),
  ], { serialized: true });
}

/** buildCpusAml's nodes with CPRS declared in PRES and CSTA replaced. */
function withCprs(nodes: AmlNode[], resRoot: string): AmlNode[] {
  const rewrite = (n: AmlNode): AmlNode => {
    if (n instanceof Scope) return new Scope(n.name, n.body.map(rewrite));
    if (n instanceof Device && n.name === `${resRoot}.${CPUHP_RES_DEVICE}`) {
      const cprs = new Field('PRST', { access: 'ByteAcc', lock: 'NoLock', update: 'WriteAsZeros' }, [
        reserved(Offset.FLAGS * 8 + CPRS_BIT),
        field('CPRS', 1),
      ]);
      return new Device(n.name, [...n.body, cprs]);
    }
    if (n instanceof Device && n.name === CPUS_DEVICE) {
      return new Device(n.name, n.body.map((c) => (c instanceof Method && c.name === CPU_STS_METHOD ? cprsStatusMethod(resRoot) : c)));
    }
    return n;
  };
  return nodes.map(rewrite);
}

/**
 * The machine's tables with the CPRS DSDT: the same AML as buildAcpiTables except
 * CSTA, placed after the other tables, with the FADT pointing at it.
 */
export function cprsTables(config: MachineConfig): AcpiTableSet {
  const { type, platform, cpus } = config;
  const base = buildAcpiTables(config);
  const oem = type.oem === 'qemu' ? QEMU_OEM : CPUHP_OEM;
  const body = [
    ...platform.platformAml(),
    ...withCprs(buildCpusAml({
      ...platform.cpuHotplug,
      slots: cpus.map((c) => ({ uid: c.index, archId: c.archId, mat: platform.matEntry(c), ejectable: c.index !== 0 })),
      presence: platform.presence,
      legacyInit: type.legacyCpuHotplug,
      scan: type.scan,
      notifyDispatch: type.notifyDispatch,
    }), platform.cpuHotplug.resRoot),
  ];
  const dsdt = buildDefinitionBlock({ signature: 'DSDT', revision: type.oem === 'qemu' ? 1 : 2, oem, body });
  const end = Math.max(...[...base.tables.values()].map((t) => t.address + t.bytes.length));
  const dsdtAddress = Math.ceil(end / 8) * 8;
  const tables = new Map(base.tables);
  tables.set('DSDT', { address: dsdtAddress, bytes: dsdt });
  const facs = base.tables.get('FACS')?.address;
  const fadt = base.tables.get('FACP')!;
  const bytes = buildFadt(platform.fadt({ ...(facs !== undefined ? { facs } : {}), dsdt: dsdtAddress }, oem));
  if (bytes.length !== fadt.bytes.length) throw new Error('the FADT changed size');
  tables.set('FACP', { address: fadt.address, bytes });
  return { tables, rsdp: base.rsdp };
}

/**
 * The source side of the reverted design: the machine's register block, with flags
 * bit 5 set whenever the selected slot holds a vCPU object (QEMU's `cdev->cpu != NULL`).
 */
export function addPresenceBit(m: Machine): void {
  const { space, base } = m.config.platform.cpuHotplug.region;
  const kind = space === 'SystemIO' ? 'io' : 'mmio';
  if (m.controller.mode !== 'modern') throw new Error('the CPRS variant needs the modern block');
  m.bus.unmap(kind, 'acpi-cpu-hotplug');
  m.bus.map(kind, 'acpi-cpu-hotplug', base, m.controller.windowLength, { min: 1, max: 4 }, {
    read: (offset, size) => {
      let v = m.controller.read(offset, size as 1 | 2 | 4);
      const { selector } = m.controller.snapshot();
      const flagsInside = offset <= Offset.FLAGS && Offset.FLAGS < offset + size;
      if (flagsInside && selector < m.controller.slotCount && m.controller.slot(selector).cpu !== undefined) {
        v |= (1 << CPRS_BIT) << (8 * (Offset.FLAGS - offset));
      }
      return v >>> 0;
    },
    write: (offset, size, value) => m.controller.write(offset, size as 1 | 2 | 4, Number(value)),
  });
}
