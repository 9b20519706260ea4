// 255 hot-adds streamed to a page: a QMP client (on the VM's QMP socket) plugs
// every free slot of a 256-slot machine as fast as the VM answers, the page drops
// its connection half-way and catches up, and in the end it holds every step in
// order, without a gap, the same steps a page opened afterwards gets, and each
// hot-add's steps in the order a hot-add takes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { QmpTestClient } from '../qmp/qmp-client.ts';
import { scaled } from '../support/load-scale.ts';
import { inOrder } from '../cli/run-process.ts';
import { openBrowser, pageState, pageSteps } from './browser.ts';
import { startConsoleRun } from './console-run.ts';

const ADDS = 255;

test('run --console: 255 hot-adds stream to the page in order, across a reconnect', async (t) => {
  const browser = await openBrowser(t);
  if (!browser) return;
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-stream-'));
  const sock = join(dir, 'qmp.sock');
  const c = await startConsoleRun(['-machine', 'q35', '-smp', `1,maxcpus=${ADDS + 1}`, '-qmp', `unix:${sock},server=on,wait=off`]);
  let qmp: QmpTestClient | undefined;
  try {
    const page = await browser.page();
    await page.goto(c.url);
    await page.waitForSelector(`.cell[data-slot="${ADDS}"]`);
    // How long the page's main thread went without a frame while the steps poured in (reported, not a pass mark).
    await page.evaluate(`(() => { let last = performance.now(); window.maxFrameGap = 0;
      const tick = (now) => { window.maxFrameGap = Math.max(window.maxFrameGap, now - last); last = now; requestAnimationFrame(tick); };
      requestAnimationFrame(tick); })()`);

    qmp = await QmpTestClient.negotiated(sock, { timeoutMs: scaled(120_000) });
    const done = new Set<string>();
    const allAdded = (e: Record<string, unknown>) => {
      const info = (e['data'] as { info?: { slot?: string; source?: number } } | undefined)?.info;
      if (e['event'] === 'ACPI_DEVICE_OST' && info?.source === 1) done.add(info.slot ?? '');
      return done.size === ADDS;
    };
    const replies: Promise<Record<string, unknown>>[] = [];
    for (let core = 1; core <= ADDS; core++) {
      replies.push(qmp.execute('device_add', { driver: 'qemu64-x86_64-cpu', 'socket-id': 0, 'core-id': core, 'thread-id': 0, id: `cpu${core}` }));
      // Half-way, the page loses its connection; it reconnects by itself.
      if (core === Math.floor(ADDS / 2)) await page.evaluate('window.cpuhpConsole.disconnect()');
    }
    for (const r of await Promise.all(replies)) assert.deepEqual(r['return'], {}, JSON.stringify(r));
    await qmp.waitForEvent(allAdded);

    // Every slot enabled and online, on the page.
    await page.waitForFunction(`document.querySelectorAll('.cell[data-vmm="enabled"][data-online="true"]').length === ${ADDS + 1}`, undefined, { timeout: scaled(120_000) });
    // The page has everything once the reply to a later query is on it.
    await c.qmp('query-status');
    await page.waitForFunction(`window.cpuhpConsole.steps().some((s) => s.text.startsWith('QMP POST <- '))`, undefined, { timeout: scaled(60_000) });
    const state = await pageState(page);
    const steps = await pageSteps(page);
    assert.equal(state.missed, 0, 'no step missing');
    assert.equal(state.disorder, 0, 'none out of order or twice');
    assert.deepEqual(steps.map((s) => s.seq), Array.from({ length: steps.length }, (_, i) => i + 1), 'steps 1..N, each once, in order');

    // A page opened now gets the same steps from the catch-up log.
    const fresh = await browser.page();
    await fresh.goto(c.url);
    await fresh.waitForFunction(`window.cpuhpConsole.state().lastSeq >= ${state.lastSeq}`);
    const again = (await pageSteps(fresh)).slice(0, steps.length);
    assert.deepEqual(again, steps, 'a new page gets the same steps');
    await fresh.close();

    // Each hot-add, in its group, in the order a hot-add takes.
    const groups = (await page.evaluate('window.cpuhpConsole.groups()')) as { id: number; slot: number; kind: string }[];
    const adds = groups.filter((g) => g.kind === 'hot-add');
    assert.deepEqual(adds.map((g) => g.slot).sort((a, b) => a - b), Array.from({ length: ADDS }, (_, i) => i + 1));
    const bySlot = new Map<number, string[]>();
    for (const s of steps) {
      const g = s.group !== undefined ? groups.find((x) => x.id === s.group) : undefined;
      if (g) bySlot.set(g.slot, [...(bySlot.get(g.slot) ?? []), s.text]);
    }
    for (const g of adds) {
      const id = g.slot.toString(16).toUpperCase().padStart(3, '0');
      inOrder(bySlot.get(g.slot)!, [
        new RegExp(`^QMP client: \\{"execute":"device_add",.*"id":"cpu${g.slot}"`),
        new RegExp(`^VMM: vCPU ${g.slot} enabled \\(cpu${g.slot}\\)`),
        new RegExp(`^ACPI: Notify\\(\\\\_SB\\.CPUS\\.C${id}, 0x1\\) Device Check`),
        new RegExp(`^ACPI: \\\\_SB\\.CPUS\\.C${id}\\._OST\\(0x1, 0x0\\)`),
        new RegExp(`^QMP: \\{"event": "ACPI_DEVICE_OST".*"slot":"${g.slot}"`),
      ]);
    }
    const gap = Number(await page.evaluate('window.maxFrameGap'));
    t.diagnostic(`${steps.length} steps for ${ADDS} hot-adds; longest time without a frame: ${Math.round(gap)} ms`);
    await page.click('.cell[data-slot="200"]');
    await page.screenshot({ path: browser.screenshotPath('console-255.png') });
  } finally {
    qmp?.close();
    await browser.close();
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
