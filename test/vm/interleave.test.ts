// Plug and unplug requests that arrive while the guest is in the middle of CSCN.
// The k-th register access of a scan is found through the machine's bus observer
// and a device_add or device_del is made right there, synchronously, for every k
// from the first access of the scan to the last. Whatever the point, no event may
// be lost (the guest ends with the VMM's CPUs, every request got its Notify and
// its _OST) and no CPU may be notified twice for one event.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { add, cpuPath, del, guestOnline, makeRig, notifies, ospmSequence, timelineMark, vmmOnline, type Rig } from './rig.ts';

interface Race {
  readonly name: string;
  /** Plugged (and brought online) before the race. */
  readonly before: readonly number[];
  /** What starts the scan. */
  readonly trigger: readonly Op[];
  /** What arrives during it. */
  readonly inject: Op;
}
type Op = readonly ['add' | 'del', number];

const RACES: readonly Race[] = [
  { name: 'add during the scan of an add (higher uid)', before: [], trigger: [['add', 2]], inject: ['add', 5] },
  { name: 'add during the scan of an add (lower uid)', before: [], trigger: [['add', 4]], inject: ['add', 1] },
  { name: 'del during the scan of an add', before: [4], trigger: [['add', 2]], inject: ['del', 4] },
  { name: 'add during the scan of a del', before: [4], trigger: [['del', 4]], inject: ['add', 2] },
  { name: 'del of the very CPU being added', before: [], trigger: [['add', 2]], inject: ['del', 2] },
  { name: 'add during a scan with both an add and a del', before: [5], trigger: [['add', 3], ['del', 5]], inject: ['add', 6] },
];

const MACHINES = ['q35', 'pc', 'virt', 'pc-q35-7.2'] as const;
const SMP = '1,maxcpus=8';
const BLOCK = 'acpi-cpu-hotplug';

function apply(rig: Rig, [kind, slot]: Op): void {
  if (kind === 'add') add(rig, slot);
  else del(rig, slot);
}

function prepared(machine: string, race: Race): Rig {
  const rig = makeRig(machine, SMP);
  race.before.forEach((s) => add(rig, s));
  rig.guest.runUntilIdle();
  return rig;
}

/** Register accesses of the scan that the trigger starts (the guest's first step after it). */
function scanLength(machine: string, race: Race): number {
  const rig = prepared(machine, race);
  let n = 0;
  rig.machine.observe((e) => {
    if (e.type === 'bus' && e.access.device === BLOCK) n++;
  });
  race.trigger.forEach((op) => apply(rig, op));
  assert.ok(rig.guest.step(), 'the trigger raised an interrupt');
  return n;
}

/** Runs the race with the injection at access k; returns what went wrong (nothing, we hope). */
function runRace(machine: string, race: Race, k: number): string[] {
  const rig = prepared(machine, race);
  const mark = timelineMark(rig);
  let seen = 0;
  let injected = false;
  const stop = rig.machine.observe((e) => {
    if (e.type !== 'bus' || e.access.device !== BLOCK || ++seen !== k) return;
    apply(rig, race.inject); // from inside the access, while CSCN holds the lock
    injected = true;
  });
  race.trigger.forEach((op) => apply(rig, op));
  rig.guest.runUntilIdle(10_000);
  stop();
  const wrong: string[] = [];
  if (!injected) wrong.push('the injection point was never reached');

  // Expected end state and the number of requests per slot.
  const ops = [...race.trigger, race.inject];
  const expected = new Set([0, ...race.before]);
  const count = (kind: string, slot: number) => ops.filter(([k2, s]) => k2 === kind && s === slot).length;
  for (const [kind, slot] of ops) kind === 'add' ? expected.add(slot) : expected.delete(slot);
  const vmm = rig.machine.cpusFast().map((c) => c['cpu-index']).sort((a, b) => a - b);
  if (vmm.join() !== [...expected].sort((a, b) => a - b).join()) wrong.push(`VMM has [${vmm}], expected [${[...expected]}]`);
  if (guestOnline(rig).join() !== vmmOnline(rig).join()) wrong.push(`guest online [${guestOnline(rig)}] != VMM [${vmmOnline(rig)}]`);

  const n = notifies(rig, mark);
  for (const slot of new Set(ops.map(([, s]) => s))) {
    const path = cpuPath(slot);
    const checks = n.filter((x) => x.path === path && x.value === 1).length;
    const ejects = n.filter((x) => x.path === path && x.value === 3).length;
    if (checks !== count('add', slot)) wrong.push(`slot ${slot}: ${checks} Device Checks for ${count('add', slot)} device_add`);
    if (ejects !== count('del', slot)) wrong.push(`slot ${slot}: ${ejects} Eject Requests for ${count('del', slot)} device_del`);
    const seq = ospmSequence(rig, path, mark);
    const addOsts = seq.filter((s) => s === '_OST(1,0x0)').length;
    const delOsts = seq.filter((s) => s === '_OST(3,0x0)').length;
    if (addOsts !== count('add', slot)) wrong.push(`slot ${slot}: ${addOsts} _OST(1,0) for ${count('add', slot)} device_add`);
    if (delOsts !== count('del', slot)) wrong.push(`slot ${slot}: ${delOsts} _OST(3,0) for ${count('del', slot)} device_del`);
  }
  return wrong.map((w) => `k=${k}: ${w}`);
}

for (const machine of MACHINES) {
  describe(`${machine}: a request at every register access of a running CSCN`, () => {
    for (const race of RACES) {
      test(race.name, () => {
        const accesses = scanLength(machine, race);
        // The shortest scan, cpuhp's minimal CSCN over one event: the selector, then
        // command, flags, data and clear for the event, then command and flags.
        assert.ok(accesses >= 7, `a scan makes ${accesses} accesses`);
        const wrong: string[] = [];
        for (let k = 1; k <= accesses; k++) wrong.push(...runRace(machine, race, k));
        assert.deepEqual(wrong, []);
      });
    }
  });
}

test('the injection really lands inside the scan: at k=1 the scan is still collecting', () => {
  // An add of a higher uid at the first access is found by the same pass, so one SCI
  // notifies both: proof that the injection happens mid-scan, not after it.
  const rig = prepared('q35', RACES[0]!);
  const mark = timelineMark(rig);
  let seen = 0;
  rig.machine.observe((e) => {
    if (e.type === 'bus' && e.access.device === BLOCK && ++seen === 1) add(rig, 5);
  });
  add(rig, 2);
  rig.guest.runUntilIdle();
  const n = notifies(rig, mark);
  assert.deepEqual(n.map((x) => [x.path, x.value]), [[cpuPath(2), 1], [cpuPath(5), 1]]);
  assert.equal(new Set(n.map((x) => x.scan)).size, 1, 'one scan');
});
