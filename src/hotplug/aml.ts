// The AML that drives the CPU hot-plug register block (abi.ts), built beside it so a
// change to one is seen with the other. Names and shapes follow QEMU's
// hw/acpi/cpu.c build_cpus_aml, so the 7.2 machine types reproduce QEMU 7.2's bytes.
import {
  Acquire, AmlString, And, Arg, Buffer, Break, Call, Debug, DerefOf, Device, EisaId, Field, Generated, If, Increment,
  Index, Integer, Io, LAnd, LEqual, LLess, LOr, Local, Memory32Fixed, Method, Mutex, Name, NameRef,
  Notify, One, OperationRegion, Package, Processor, Release, Return, Scope, Store, While, Zero,
  field, offset, reserved, resourceTemplate, type AmlNode,
} from '../aml/encode/index.ts';
import { Command, Offset, REGISTER_BLOCK_LENGTH } from './abi.ts';
import type { PresencePolicy } from './presence.ts';

// AML names, as in QEMU so that traces and disassemblies read the same.
export const CPUHP_RES_DEVICE = 'PRES';
export const CPU_LOCK = 'CPLK';
export const CPU_STS_METHOD = 'CSTA';
export const CPU_SCAN_METHOD = 'CSCN';
export const CPU_NOTIFY_METHOD = 'CTFY';
export const CPU_EJECT_METHOD = 'CEJ0';
export const CPU_OST_METHOD = 'COST';
export const CPU_ADDED_LIST = 'CNEW';
export const CPU_EJECT_LIST = 'CEJL';
export const CPU_ENABLED = 'CPEN';
export const CPU_INSERT_EVENT = 'CINS';
export const CPU_REMOVE_EVENT = 'CRMV';
export const CPU_EJECT_EVENT = 'CEJ0';
export const CPU_FW_EJECT_EVENT = 'CEJF';
/** The arm64 RFC's reverted presence bit (flags bit 5), only in the RFC-exact machine type. */
export const CPU_PRESENT = 'CPRS';
export const CPU_COMMAND = 'CCMD';
export const CPU_SELECTOR = 'CSEL';
export const CPU_DATA = 'CDAT';
/** The whole flags byte, read at once by the minimal CSCN (current machine types only). */
export const CPU_FLAGS = 'CFLG';
export const CPUS_DEVICE = '\\_SB.CPUS';

/** ACPI object names are four characters, so "C" and three hex digits cap slots at 4096. */
export const MAX_CPU_OBJECTS = 0x1000;
/** An ACPI 1.0 Package holds at most 255 elements, hence CSCN's batches (Windows needs it). */
export const SCAN_BATCH = 0xff;

// Notify values (ACPI 6.5 §5.6.6)
const DEVICE_CHECK = 1;
const EJECT_REQUEST = 3;

export const cpuObjectName = (uid: number): string => `C${uid.toString(16).toUpperCase().padStart(3, '0')}`;

/** One possible CPU as its AML needs it: plain data, no machine objects. */
export interface CpuSlotAml {
  readonly uid: number;
  readonly archId: number;
  /** The MADT entry for _MAT, with the Enabled flag already set; none: no _MAT (the arm64 RFC has none). */
  readonly mat?: Uint8Array;
  /** False for the boot CPU, which never gets _EJ0. */
  readonly ejectable: boolean;
  readonly numaNode?: number;
}

export interface CpusAmlOptions {
  readonly slots: readonly CpuSlotAml[];
  readonly presence: PresencePolicy;
  /** Where the register block lives. */
  readonly region: { readonly space: 'SystemIO' | 'SystemMemory'; readonly base: number };
  /** Scope holding PRES: '\\_SB.PCI0' on x86, '\\_SB' elsewhere. */
  readonly resRoot: string;
  /** Method the platform's event calls: '\\_GPE._E02' on x86, '\\_SB.GED.CSCN' with a GED. */
  readonly eventMethod: string;
  /** QEMU ≤ 7.2: PRES._INI writes CSEL to switch the block from legacy to modern mode. */
  readonly legacyInit: boolean;
  /** 'inserts': QEMU 7.2's CSCN, which batches inserts and leaves a remove behind an insert
   *  for the next SCI. 'inserts-and-removes': batches both (CNEW and CEJL), as QEMU
   *  10.0 does. 'minimal': batches both with the fewest register accesses the ABI
   *  allows (cpuhp's current types; scanMethodMinimal). */
  readonly scan: 'inserts' | 'inserts-and-removes' | 'minimal';
  /** CTFY's dispatch: QEMU's If per slot, or a binary search (log2 N compares per Notify). */
  readonly notifyDispatch: 'if-chain' | 'binary';
  /** Use ACPI 1.0 Processor() objects for arch ids below 255 (QEMU's x86 choice). */
  readonly acpi1Compatible: boolean;
  /**
   * The arm64 RFC V5's reverted design: a CPRS field on flags bit 5 and a CSTA that
   * reads it (0 when clear, else 0x0F or 0x0D by CPEN). A guest running this AML
   * needs a register block that sets bit 5, which QEMU's ABI does not.
   */
  readonly presentBit: boolean;
}

/** The register-block names as absolute paths under the resource device. */
function regs(resRoot: string) {
  const p = (n: string) => new NameRef(`${resRoot}.${CPUHP_RES_DEVICE}.${n}`);
  return {
    lock: p(CPU_LOCK),
    selector: p(CPU_SELECTOR),
    enabled: p(CPU_ENABLED),
    present: p(CPU_PRESENT),
    command: p(CPU_COMMAND),
    data: p(CPU_DATA),
    flags: p(CPU_FLAGS),
    insertEvt: p(CPU_INSERT_EVENT),
    removeEvt: p(CPU_REMOVE_EVENT),
    ejectEvt: p(CPU_EJECT_EVENT),
  };
}
type Regs = ReturnType<typeof regs>;

/** The whole CPU hot-plug AML: Scope(\_SB){ PRES, CPUS } and the event method. */
export function buildCpusAml(o: CpusAmlOptions): AmlNode[] {
  if (o.slots.length < 1 || o.slots.length > MAX_CPU_OBJECTS) {
    throw new RangeError(`CPU hot-plug AML needs 1..${MAX_CPU_OBJECTS} slots, got ${o.slots.length}`);
  }
  const r = regs(o.resRoot);
  return [
    new Scope('_SB', [resourceDevice(o), cpusDevice(o, r)]),
    new Method(o.eventMethod, 0, [new Call(`${CPUS_DEVICE}.${CPU_SCAN_METHOD}`)]),
  ];
}

/** PRES: the register block as a resource, its lock and its fields. */
function resourceDevice(o: Pick<CpusAmlOptions, 'region' | 'resRoot' | 'legacyInit' | 'presentBit'> & { readonly scan?: CpusAmlOptions['scan'] }): AmlNode {
  const { space, base } = o.region;
  const crs = space === 'SystemIO'
    ? new Io('Decode16', base, base, 1, REGISTER_BLOCK_LENGTH)
    : new Memory32Fixed('ReadWrite', base, REGISTER_BLOCK_LENGTH);
  return new Device(`${o.resRoot}.${CPUHP_RES_DEVICE}`, [
    new Name('_HID', new EisaId('PNP0A06')),
    new Name('_UID', new AmlString('CPU Hotplug resources')),
    new Mutex(CPU_LOCK, 0),
    new Name('_CRS', resourceTemplate([crs])),
    new OperationRegion('PRST', space, base, REGISTER_BLOCK_LENGTH),
    // WriteAsZeros: writing one bit field writes the whole flags byte with the other
    // bits 0, so "CINS = One" is a single byte write of 0x02 that clears only inserting.
    new Field('PRST', { access: 'ByteAcc', lock: 'NoLock', update: 'WriteAsZeros' }, [
      reserved(Offset.FLAGS * 8),
      field(CPU_ENABLED, 1), // read: vCPU enabled
      field(CPU_INSERT_EVENT, 1), // read: insert pending; write 1: clear
      field(CPU_REMOVE_EVENT, 1), // read: remove pending; write 1: clear
      field(CPU_EJECT_EVENT, 1), // write 1: eject
      field(CPU_FW_EJECT_EVENT, 1), // write 1: hand the eject to firmware
      ...(o.presentBit ? [field(CPU_PRESENT, 1), reserved(2)] : [reserved(3)]), // read: the slot holds a vCPU object
      field(CPU_COMMAND, 8),
    ]),
    new Field('PRST', { access: 'DWordAcc', lock: 'NoLock', update: 'Preserve' }, [
      field(CPU_SELECTOR, 32),
      offset(Offset.CMD_DATA),
      field(CPU_DATA, 32),
    ]),
    // The minimal CSCN reads insert and remove in one byte read.
    ...(o.scan === 'minimal'
      ? [new Field('PRST', { access: 'ByteAcc', lock: 'NoLock', update: 'Preserve' }, [reserved(Offset.FLAGS * 8), field(CPU_FLAGS, 8)])]
      : []),
    ...(o.legacyInit
      ? // Writing 0 to offset 0 switches QEMU ≤ 7.2's legacy block to this one; on a
        // block already in modern mode it merely selects the boot CPU.
        [new Method('_INI', 0, [Store(Zero, new NameRef(CPU_SELECTOR))], { serialized: true })]
      : []),
  ]);
}

function cpusDevice(o: CpusAmlOptions, r: Regs): AmlNode {
  return new Device(CPUS_DEVICE, [
    new Name('_HID', new AmlString('ACPI0010')),
    new Name('_CID', new EisaId('PNP0A05')),
    notifyMethod(o.slots, o.notifyDispatch),
    o.presentBit ? statusMethodPresentBit(r) : statusMethod(r, o.presence),
    ejectMethod(r),
    o.scan === 'inserts' ? scanMethodInsertsOnly(r, o.slots.length) : o.scan === 'minimal' ? scanMethodMinimal(r, o.slots.length) : scanMethod(r, o.slots.length),
    ostMethod(r),
    new Generated(o.slots, (s) => cpuDevice(s, o.acpi1Compatible)),
  ]);
}

/** Slots at or below this count are dispatched by a plain If chain inside the search. */
const NOTIFY_LEAF = 8;

/**
 * CTFY(uid, event): Notify the processor object with that uid. QEMU's form tests
 * every uid in turn, so one Notify costs N compares: at 4096 CPUs that is most of
 * a hot-plug's AML time. The binary form splits the sorted uids with
 * If (Arg0 < mid) {...} Else {...} down to small If chains: about log2(N) compares.
 */
function notifyMethod(slots: readonly CpuSlotAml[], dispatch: 'if-chain' | 'binary'): AmlNode {
  const notifyIf = (s: CpuSlotAml) => new If(LEqual(new Arg(0), s.uid), [Notify(new NameRef(cpuObjectName(s.uid)), new Arg(1))]);
  const search = (part: readonly CpuSlotAml[]): AmlNode[] => {
    if (part.length <= NOTIFY_LEAF) return [new Generated(part, notifyIf)];
    const mid = Math.floor(part.length / 2);
    return [new If(LLess(new Arg(0), part[mid]!.uid), search(part.slice(0, mid)), search(part.slice(mid)))];
  };
  const sorted = [...slots].sort((a, b) => a.uid - b.uid);
  return new Method(CPU_NOTIFY_METHOD, 2, dispatch === 'binary' ? search(sorted) : [new Generated(slots, notifyIf)]);
}

/** CSTA(uid): the slot's _STA. The presence policy decides what a disabled slot reads. */
function statusMethod(r: Regs, presence: PresencePolicy): AmlNode {
  const sta = new Local(0);
  return new Method(CPU_STS_METHOD, 1, [
    new Acquire(r.lock, 0xffff),
    Store(new Arg(0), r.selector),
    Store(presence.staDisabled, sta),
    new If(LEqual(r.enabled, One), [Store(presence.staEnabled, sta)]),
    Release(r.lock),
    new Return(sta),
  ], { serialized: true });
}

/** _STA of a present slot whose vCPU is not enabled, in the RFC's CSTA. */
const STA_PRESENT_DISABLED = 0x0d;

/** The RFC V5's CSTA: absent unless CPRS reads 1, then 0x0F or 0x0D by CPEN. */
function statusMethodPresentBit(r: Regs): AmlNode {
  const sta = new Local(0);
  return new Method(CPU_STS_METHOD, 1, [
    new Acquire(r.lock, 0xffff),
    Store(new Arg(0), r.selector),
    Store(Zero, sta),
    new If(LEqual(r.present, One), [
      new If(LEqual(r.enabled, One), [Store(0x0f, sta)], [Store(STA_PRESENT_DISABLED, sta)]),
    ]),
    Release(r.lock),
    new Return(sta),
  ], { serialized: true });
}

/** CEJ0(uid): eject; the register write completes it before _EJ0 returns. */
function ejectMethod(r: Regs): AmlNode {
  return new Method(CPU_EJECT_METHOD, 1, [
    new Acquire(r.lock, 0xffff),
    Store(new Arg(0), r.selector),
    Store(One, r.ejectEvt),
    Release(r.lock),
  ], { serialized: true });
}

/** COST(uid, event, status, buffer): report _OST through commands 1 and 2. */
function ostMethod(r: Regs): AmlNode {
  return new Method(CPU_OST_METHOD, 4, [
    new Acquire(r.lock, 0xffff),
    Store(new Arg(0), r.selector),
    Store(Command.OST_EVENT, r.command),
    Store(new Arg(1), r.data),
    Store(Command.OST_STATUS, r.command),
    Store(new Arg(2), r.data),
    Release(r.lock),
  ], { serialized: true });
}

// Locals shared by both scan methods (named for what they hold).
const hasEvent = new Local(0);
const numAdded = new Local(1);
const iter = new Local(2);
const uid = new Local(3);
const hasJob = new Local(4);
const numEjected = new Local(5);

/**
 * The search step both scans share: select `uid`, run command 0 (QEMU moves the
 * selector to the next slot with an event, wrapping around), stop when the search
 * wrapped, or when `listFull` says a batch is full (another pass will follow).
 */
function searchStep(r: Regs, listFull: AmlNode): AmlNode[] {
  return [
    Store(Zero, hasEvent),
    Store(uid, r.selector),
    Store(Command.GET_NEXT_CPU_WITH_EVENT, r.command),
    new If(LLess(r.data, uid), [Break]),
    new If(listFull, [Store(One, hasJob), Break]),
    Store(r.data, uid),
  ];
}

/**
 * Notify every uid collected in `list`; `clear` (QEMU's CSCNs) then selects the
 * slot and clears the event that caused it, where the minimal CSCN cleared it already.
 */
function notifyBatch(r: Regs, list: string, count: AmlNode, event: number, clear: AmlNode | undefined, debug: boolean): AmlNode[] {
  return [
    Store(Zero, iter),
    new While(LLess(iter, count), [
      Store(DerefOf(Index(new NameRef(list), iter)), uid),
      new Call(CPU_NOTIFY_METHOD, [uid, event]),
      ...(debug ? [Store(uid, Debug)] : []),
      ...(clear ? [Store(uid, r.selector), Store(One, clear)] : []),
      Increment(iter),
    ]),
  ];
}

/** Append `uid` to a batch list. */
const collect = (list: string, count: AmlNode): AmlNode[] => [
  Store(uid, Index(new NameRef(list), count)),
  Increment(count),
  Store(One, hasEvent),
];

/**
 * QEMU 7.2's CSCN: inserts are batched (collected, then notified), but a remove
 * is only looked at when the slot has no insert pending, and is notified at once.
 */
function scanMethodInsertsOnly(r: Regs, slotCount: number): AmlNode {
  return new Method(CPU_SCAN_METHOD, 0, [
    new Acquire(r.lock, 0xffff),
    new Name(CPU_ADDED_LIST, new Package([], SCAN_BATCH)),
    Store(Zero, uid),
    Store(One, hasJob),
    new While(LEqual(hasJob, One), [
      Store(Zero, hasJob),
      Store(One, hasEvent),
      Store(Zero, numAdded),
      new While(LAnd(LEqual(hasEvent, One), LLess(uid, slotCount)), [
        ...searchStep(r, LEqual(numAdded, SCAN_BATCH)),
        new If(LEqual(r.insertEvt, One), collect(CPU_ADDED_LIST, numAdded), [
          new If(LEqual(r.removeEvt, One), [
            new Call(CPU_NOTIFY_METHOD, [uid, EJECT_REQUEST]),
            Store(One, r.removeEvt),
            Store(One, hasEvent),
          ]),
        ]),
        Increment(uid),
      ]),
      ...notifyBatch(r, CPU_ADDED_LIST, numAdded, DEVICE_CHECK, r.insertEvt, true),
    ]),
    Release(r.lock),
  ], { serialized: true });
}

/**
 * The current CSCN: inserts and removes are both batched (CNEW, CEJL), so a remove
 * is never left pending behind an insert. Each pass notifies at most 255 of each;
 * a full list makes another pass. Device Checks go out before Eject Requests.
 */
function scanMethod(r: Regs, slotCount: number): AmlNode {
  return new Method(CPU_SCAN_METHOD, 0, [
    new Acquire(r.lock, 0xffff),
    new Name(CPU_ADDED_LIST, new Package([], SCAN_BATCH)),
    new Name(CPU_EJECT_LIST, new Package([], SCAN_BATCH)),
    Store(Zero, uid),
    Store(One, hasJob),
    new While(LEqual(hasJob, One), [
      Store(Zero, hasJob),
      Store(One, hasEvent),
      Store(Zero, numAdded),
      Store(Zero, numEjected),
      new While(LAnd(LEqual(hasEvent, One), LLess(uid, slotCount)), [
        ...searchStep(r, LOr(LEqual(numAdded, SCAN_BATCH), LEqual(numEjected, SCAN_BATCH))),
        new If(LEqual(r.insertEvt, One), collect(CPU_ADDED_LIST, numAdded)),
        new If(LEqual(r.removeEvt, One), collect(CPU_EJECT_LIST, numEjected)),
        Increment(uid),
      ]),
      ...notifyBatch(r, CPU_ADDED_LIST, numAdded, DEVICE_CHECK, r.insertEvt, true),
      ...notifyBatch(r, CPU_EJECT_LIST, numEjected, EJECT_REQUEST, r.removeEvt, false),
    ]),
    Release(r.lock),
  ], { serialized: true });
}

const flags = new Local(6);
const taken = new Local(7);

/**
 * cpuhp's CSCN: what scanMethod does (inserts and removes batched, Device Checks
 * before Eject Requests, at most 255 of each per pass), with 4 register accesses
 * per event where QEMU's takes 8. The selector is written once: command 0 moves it
 * to the next slot with an event, so the loop only writes the command, reads the
 * flags byte (both events at once) and the data (the slot's uid), and clears the
 * event there and then, the selector being on it already; a search that finds
 * nothing leaves the selector on a slot whose flags show no event, which ends the
 * loop. The Notify loops then touch no register.
 */
function scanMethodMinimal(r: Regs, slotCount: number): AmlNode {
  const pending = (bit: number) => And(flags, bit);
  // A register block that never clears an event (plain memory, a broken device)
  // must not hold the guest in CSCN for ever: at most two events per slot are
  // taken in one scan (an insert and a remove), whatever the block answers.
  const maxEvents = 2 * slotCount;
  return new Method(CPU_SCAN_METHOD, 0, [
    new Acquire(r.lock, 0xffff),
    new Name(CPU_ADDED_LIST, new Package([], SCAN_BATCH)),
    new Name(CPU_EJECT_LIST, new Package([], SCAN_BATCH)),
    Store(Zero, r.selector),
    Store(Zero, taken),
    Store(One, hasJob),
    new While(LEqual(hasJob, One), [
      Store(Zero, hasJob),
      Store(Zero, numAdded),
      Store(Zero, numEjected),
      new While(LLess(taken, maxEvents), [
        Store(Command.GET_NEXT_CPU_WITH_EVENT, r.command),
        Store(r.flags, flags),
        new If(LEqual(And(flags, FLAG_EVENTS), Zero), [Break]),
        // A full list: this slot keeps its event, and the next pass finds it first.
        new If(LOr(LEqual(numAdded, SCAN_BATCH), LEqual(numEjected, SCAN_BATCH)), [Store(One, hasJob), Break]),
        Store(r.data, uid),
        Increment(taken),
        new If(pending(FLAG_INSERTING), [...collect(CPU_ADDED_LIST, numAdded), Store(One, r.insertEvt)]),
        new If(pending(FLAG_REMOVING), [...collect(CPU_EJECT_LIST, numEjected), Store(One, r.removeEvt)]),
      ]),
      ...notifyBatch(r, CPU_ADDED_LIST, numAdded, DEVICE_CHECK, undefined, true),
      ...notifyBatch(r, CPU_EJECT_LIST, numEjected, EJECT_REQUEST, undefined, false),
    ]),
    Release(r.lock),
  ], { serialized: true });
}

/** Flags bits 1 and 2: an insert or a remove event is pending. */
const FLAG_INSERTING = 0x02;
const FLAG_REMOVING = 0x04;
const FLAG_EVENTS = FLAG_INSERTING | FLAG_REMOVING;

/** One processor object: _STA, _MAT, _EJ0 (not on the boot CPU), _OST, _PXM. */
function cpuDevice(s: CpuSlotAml, acpi1Compatible: boolean): AmlNode {
  const name = cpuObjectName(s.uid);
  const body: AmlNode[] = [
    new Method('_STA', 0, [new Return(new Call(CPU_STS_METHOD, [s.uid]))], { serialized: true }),
    ...(s.mat ? [new Name('_MAT', new Buffer(s.mat))] : []),
    ...(s.ejectable ? [new Method('_EJ0', 1, [new Call(CPU_EJECT_METHOD, [s.uid])])] : []),
    new Method('_OST', 3, [new Call(CPU_OST_METHOD, [s.uid, new Arg(0), new Arg(1), new Arg(2)])], { serialized: true }),
    // Linux drops SRAT affinity for CPUs that are not present at boot, so a
    // hot-pluggable CPU needs _PXM to land in the right node.
    ...(s.numaNode !== undefined ? [new Name('_PXM', s.numaNode)] : []),
  ];
  // Processor() takes an 8-bit id; x2APIC-range CPUs must be Device(ACPI0007) objects.
  if (acpi1Compatible && s.archId < 255) return new Processor(name, s.uid, 0, 0, body);
  return new Device(name, [new Name('_HID', new AmlString('ACPI0007')), new Name('_UID', new Integer(s.uid)), ...body]);
}
