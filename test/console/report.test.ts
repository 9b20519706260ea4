// `cpuhp scenario FILE --html OUT`: for every example, the page opens in chromium
// and its timeline, at the text timeline's level of detail, draws exactly the
// lines `cpuhp scenario FILE` prints, in the same order; the final grid agrees
// with the scenario's summary.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { drawnRows, openBrowser, pageState } from './browser.ts';

const EXAMPLES = new URL('../../examples/', import.meta.url);
const STAMP = /^\[\s*\d+\.\d{6}\] /;

async function scenario(file: string, html: string): Promise<{ status: number; lines: string[] }> {
  const lines: string[] = [];
  const status = await main(['scenario', file, '--html', html], { out: (l) => lines.push(...l.split('\n')), err: (l) => lines.push(l) });
  return { status, lines };
}

test('scenario --html: each example shows the text timeline\'s steps, in order', async (t) => {
  const browser = await openBrowser(t);
  if (!browser) return;
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-report-'));
  try {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();
    assert.ok(files.length >= 4, 'examples/ has its scenarios');
    for (const name of files) {
      const file = join(EXAMPLES.pathname, name);
      const html = join(dir, `${name}.html`);
      const { status, lines } = await scenario(file, html);
      assert.equal(status, 0, lines.join('\n'));
      // The timeline: every stamped line between the heading and the summary.
      const timeline = lines.filter((l) => STAMP.test(l)).map((l) => l.replace(STAMP, ''));
      assert.ok(timeline.length > 10, `${name}: a timeline`);
      const text = readFileSync(html, 'utf8');
      assert.doesNotMatch(text, /<script[^>]+src=|<link /, 'self-contained: nothing to fetch');

      const page = await browser.page();
      await page.goto(pathToFileURL(html).href);
      await page.waitForSelector('.tl-row.step');
      // The text timeline's level of detail: no AML calls, trace points or register accesses.
      for (const box of await page.locator('.timeline .toolbar input[type=checkbox]').all()) await box.uncheck();
      const rows = await drawnRows(page);
      assert.deepEqual(rows.map((r) => r.text), timeline, `${name}: the page draws the text timeline's steps`);
      assert.equal((await pageState(page)).status, 'passed');
      // The final grid: the summary's VMM vCPUs are the slots not absent.
      const vmm = /VMM:\s+vCPUs \[([\d,]*)\]/.exec(lines.join('\n'))![1]!.split(',').filter(Boolean).map(Number);
      const plugged = await page.locator('.cell:not([data-vmm="absent"])').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-slot'))));
      assert.deepEqual(plugged, vmm, `${name}: the grid's plugged slots`);
      await page.close();
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scenario --html is written for a failed scenario too, saying why', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpuhp-report-'));
  try {
    const file = join(dir, 'fails.json');
    const html = join(dir, 'out.html');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify({ machine: 'q35', smp: '1,maxcpus=4', steps: [{ expect: { online: [0, 1] } }] }));
    const { status } = await scenario(file, html);
    assert.equal(status, 1);
    const data = JSON.parse(/<script type="application\/json" id="cpuhp-report">(.*?)<\/script>/s.exec(readFileSync(html, 'utf8'))![1]!) as { status: string; steps: unknown[] };
    assert.match(data.status, /^failed: steps\[0\] \(expect\)/);
    assert.ok(data.steps.length > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scenario --html to a file that cannot be written: one line, status 2, nothing run', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const file = join(EXAMPLES.pathname, 'x86-hotplug.json');
  const status = await main(['scenario', file, '--html', '/nonexistent-dir/out.html'], { out: (l) => out.push(l), err: (l) => err.push(l) });
  assert.equal(status, 2);
  assert.deepEqual(out, []);
  assert.deepEqual(err, ['cpuhp: --html /nonexistent-dir/out.html: cannot write it (ENOENT)']);
});
