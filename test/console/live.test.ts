// `cpuhp run --console` in chromium: plug a vCPU with its button, see its cell
// change and the hot-plug's steps arrive in order; unplug it the same way; the
// page's steps are the text timeline `run` prints (plus the QMP exchanges); and a
// page of another origin cannot act on the VM.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { request } from 'node:http';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import { inOrder } from '../cli/run-process.ts';
import { drawnRows, openBrowser, pageState, pageSteps, type PageStep } from './browser.ts';
import { startConsoleRun, type ConsoleRun } from './console-run.ts';

const STAMP = /^\[\s*\d+\.\d{6}\] /;

/** The steps of the page's newest hot-plug of `kind`. */
async function lastGroup(page: Page, kind: string): Promise<PageStep[]> {
  const groups = (await page.evaluate('window.cpuhpConsole.groups()')) as { id: number; kind: string }[];
  const g = groups.filter((x) => x.kind === kind).pop();
  assert.ok(g, `a ${kind} group`);
  return (await pageSteps(page)).filter((s) => s.group === g.id);
}

/** Waits until the page holds every step the server has made (its lastSeq stops moving and the page has it). */
async function settled(page: Page, c: ConsoleRun): Promise<void> {
  // A query's reply is a step too: once it is on the page, everything before it is.
  const before = (await pageState(page)).lastSeq;
  await c.qmp('query-status');
  await page.waitForFunction(`window.cpuhpConsole.steps().some((s) => s.seq > ${before} && s.text.startsWith('QMP POST <- '))`);
}

test('run --console: plug and unplug with the buttons; the cell and the hot-plug sequence follow', async (t) => {
  const browser = await openBrowser(t);
  if (!browser) return;
  const c = await startConsoleRun(['-machine', 'q35', '-smp', '1,maxcpus=8']);
  try {
    const page = await browser.page();
    await page.goto(c.url);
    await page.waitForSelector('.cell[data-slot="7"]');
    assert.equal(await page.locator('.cell').count(), 8);
    assert.equal(await page.getAttribute('.cell[data-slot="3"]', 'data-vmm'), 'absent');

    // Plug slot 3 with its button.
    await page.click('.cell[data-slot="3"] button[data-action="plug"]');
    await page.waitForSelector('.cell[data-slot="3"][data-vmm="enabled"][data-online="true"]');
    await settled(page, c);
    const add = (await lastGroup(page, 'hot-add')).map((s) => s.text);
    inOrder(add, [
      /^QMP console: \{"execute":"device_add",.*"core-id":3/,
      /^VMM: vCPU 3 enabled \(cpu3\)/,
      /^VMM: IRQ 9 raised/,
      /^ACPI: SCI \(IRQ 9\)/,
      /^ACPI: GPE 0x02 -> \\_GPE\._E02/,
      /^VMM trace: cpuhp_acpi_cpu_has_events idx\[0x3\] inserting: 1/, // CSCN's command 0 finds it
      /^io: read  SystemIO 0xce0\/4 -> 0x3$/, // and reads its selector
      /^ACPI: Notify\(\\_SB\.CPUS\.C003, 0x1\) Device Check/,
      /^ACPI: \\_SB\.CPUS\.C003\._STA = 0x0f/,
      /has been hot-added/,
      /^ACPI: \\_SB\.CPUS\.C003\._OST\(0x1, 0x0\) Device Check: success/,
      /^QMP: \{"event": "ACPI_DEVICE_OST".*"slot":"3".*"status":0/,
    ]);
    // The timeline draws them, in that order.
    const drawn = (await drawnRows(page)).map((r) => r.text);
    inOrder(drawn, [/^QMP console: \{"execute":"device_add"/, /^VMM: vCPU 3 enabled/, /C003, 0x1\) Device Check/, /C003\._OST\(0x1, 0x0\)/]);
    await page.click('.cell[data-slot="3"]');
    assert.match((await page.textContent('.detail'))!, /VMM\s*enabled[\s\S]*qdev id\s*cpu3[\s\S]*guest _STA\s*0x0f[\s\S]*online\s*yes/);
    // The screenshot: the hot-add alone, with its register accesses (trace points hidden).
    await page.locator('.timeline .toolbar label', { hasText: 'AML calls' }).locator('input').uncheck();
    // Show that hot-add alone, as clicking its header does (the header may be scrolled out of view).
    const addGroup = (add0: PageStep[]) => add0[0]!.group!;
    await page.evaluate(`window.cpuhpConsole.timeline.focus(${addGroup(await lastGroup(page, 'hot-add'))}, undefined)`);
    await page.evaluate(`document.querySelector('.tl-scroll').scrollTop = 0`);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    await page.click('.tl-group'); // the header at the top: clicking it shows the same hot-plug
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    await page.screenshot({ path: browser.screenshotPath('console-8.png') });
    await page.click('.timeline button:has-text("all steps")');

    // Unplug it with its button.
    await page.click('.cell[data-slot="3"] button[data-action="unplug"]');
    await page.waitForSelector('.cell[data-slot="3"][data-vmm="absent"][data-online="false"]');
    await settled(page, c);
    const del = (await lastGroup(page, 'hot-remove')).map((s) => s.text);
    inOrder(del, [
      /^QMP console: \{"execute":"device_del","arguments":\{"id":"cpu3"\}\}/,
      /^VMM: IRQ 9 raised/,
      /^ACPI: Notify\(\\_SB\.CPUS\.C003, 0x3\) Eject Request/,
      /^ACPI: \\_SB\.CPUS\.C003\._OST\(0x3, 0x84\)/,
      /^ACPI: \\_SB\.CPUS\.C003: Ejecting/,
      /^VMM: vCPU 3 destroyed/,
      /^QMP: \{"event": "DEVICE_DELETED", "data": \{"device":"cpu3"/,
      /^QMP: \{"event": "ACPI_DEVICE_OST".*"source":3,"status":0/,
    ]);

    // The page's steps at the text timeline's level are what `run` printed, QMP exchanges aside.
    const printed = c.run.stdout.filter((l) => STAMP.test(l)).map((l) => l.replace(STAMP, ''));
    const shown = (await pageSteps(page)).filter((s) => s.level === 'step' && !/^QMP (console|client|POST)\b/.test(s.text)).map((s) => s.text);
    assert.deepEqual(shown, printed);
    const state = await pageState(page);
    assert.deepEqual([state.missed, state.disorder, state.received], [0, 0, state.lastSeq]);
  } finally {
    await browser.close();
    await c.stop();
  }
});

/** Status and body of a raw HTTP request to the console (any Host, Origin, path). */
function raw(url: URL, opts: { method?: string; path: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Whether a WebSocket upgrade with these headers is accepted. */
function upgrade(url: string, headers: Record<string, string>): Promise<'open' | string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(`refused ${res.statusCode}`);
      ws.terminate();
    });
    ws.on('error', (e) => resolve(`error ${e.message}`));
  });
}

test('run --console: another origin cannot act on the VM', async (t) => {
  const browser = await openBrowser(t);
  if (!browser) return;
  const c = await startConsoleRun(['-machine', 'q35', '-smp', '1,maxcpus=8']);
  // A page of another origin that knows everything, the token included, and tries anyway.
  const evil = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  try {
    const u = new URL(c.url);
    const token = u.searchParams.get('token')!;
    const plug = (core: number) => JSON.stringify({ execute: 'device_add', arguments: { driver: 'qemu64-x86_64-cpu', 'socket-id': 0, 'core-id': core, 'thread-id': 0 } });
    const page = await browser.page();
    const addr = evil.address() as { port: number };
    await page.goto(`http://127.0.0.1:${addr.port}/`);
    const tried = (await page.evaluate(`(async () => {
      const out = {};
      const base = ${JSON.stringify(u.origin)};
      const ws = await new Promise((resolve) => {
        const s = new WebSocket(base.replace('http', 'ws') + '/ws?token=${token}');
        s.onopen = () => { s.send(JSON.stringify({ type: 'qmp', text: '{"execute":"qmp_capabilities"}' })); s.send(JSON.stringify({ type: 'qmp', text: ${JSON.stringify(plug(4))} })); resolve('open'); };
        s.onerror = () => resolve('error');
      });
      out.ws = ws;
      // A "simple" request (no preflight) and a JSON one (preflighted, never allowed).
      for (const [key, type] of [['text', 'text/plain'], ['json', 'application/json']]) {
        try {
          const r = await fetch(base + '/qmp?token=${token}', { method: 'POST', mode: 'no-cors', headers: { 'content-type': type }, body: ${JSON.stringify(plug(5))} });
          out[key] = 'sent ' + r.type;
        } catch (e) { out[key] = 'failed'; }
      }
      return out;
    })()`)) as Record<string, string>;
    assert.equal(tried['ws'], 'error', 'the WebSocket of another origin is refused');

    // Raw requests: the Origin, the Host and the token each matter on their own.
    const own = { host: u.host, origin: u.origin };
    const wsUrl = `ws://${u.host}/ws?token=${token}`;
    assert.equal(await upgrade(wsUrl, own), 'open', 'control: the console\'s own origin');
    assert.equal(await upgrade(wsUrl, { ...own, origin: 'http://evil.example' }), 'refused 403');
    assert.equal(await upgrade(`ws://${u.host}/ws?token=${'0'.repeat(32)}`, own), 'refused 403');
    assert.equal(await upgrade(`ws://${u.host}/ws`, own), 'refused 403');
    const post = (headers: Record<string, string>, path = `/qmp?token=${token}`) => raw(u, { method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body: plug(6) });
    assert.equal((await post({ ...own, origin: `http://127.0.0.1:${addr.port}` })).status, 403);
    assert.equal((await post({ host: `rebound.example:${u.port}` })).status, 403, 'DNS rebinding: a Host not the console\'s');
    assert.equal((await post({ ...own }, '/qmp')).status, 403, 'no token');
    assert.equal((await post({ ...own, 'content-type': 'text/plain' })).status, 415);
    assert.equal((await raw(u, { path: '/', headers: { host: u.host } })).status, 403, 'the page needs the token too');

    // Nothing was plugged: slots 4, 5 and 6 are as they were.
    const cpus = (await c.qmp('query-hotpluggable-cpus'))['return'] as { props: { 'core-id': number }; 'qom-path'?: string }[];
    const plugged = cpus.filter((x) => x['qom-path'] !== undefined).map((x) => x.props['core-id']).sort();
    assert.deepEqual(plugged, [0]);
    // Control: the same request from the console's own origin does plug.
    assert.equal((await post({ ...own })).status, 200);
    const after = (await c.qmp('query-hotpluggable-cpus'))['return'] as { props: { 'core-id': number }; 'qom-path'?: string }[];
    assert.deepEqual(after.filter((x) => x['qom-path'] !== undefined).map((x) => x.props['core-id']).sort(), [0, 6]);
  } finally {
    evil.close();
    await browser.close();
    await c.stop();
  }
});
