// Debian's chromium, driven by playwright-core, for the console's browser tests.
// Never a downloaded browser: /usr/bin/chromium from the `chromium` package
// (scripts/install-peers.sh installs it for CI). A missing chromium skips the test
// with one SKIPPED line, or fails it under CI=true (test/peers/peer.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { requirePeer, type PeerSpec, type SkippableContext } from '../peers/peer.ts';
import { scaled } from '../support/load-scale.ts';

export const CHROMIUM_PEER: PeerSpec = { command: '/usr/bin/chromium', package: 'chromium', file: true };

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  readonly context: BrowserContext;
  page(): Promise<Page>;
  /**
   * Where a screenshot named `name` goes: the browser's temporary profile, removed
   * with it, so a test run never changes the tree; docs/ (the README's pictures)
   * under `npm run update-screenshots`, which sets CPUHP_UPDATE_SCREENSHOTS=1.
   */
  screenshotPath(name: string): string;
  close(): Promise<void>;
}

const DOCS = new URL('../../docs/', import.meta.url).pathname;

/** A headless chromium with a fresh profile, or undefined (skipped) when it is not installed. */
export async function openBrowser(t: SkippableContext, viewport = { width: 1400, height: 820 }): Promise<Browser | undefined> {
  if (!requirePeer(t, CHROMIUM_PEER)) return undefined;
  const profile = mkdtempSync(join(tmpdir(), 'cpuhp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PEER.command, args: ARGS, viewport, timeout: scaled(30_000), // The tests' own probes (waitForFunction) are evaluated strings, which the page's CSP forbids.
    bypassCSP: true });
  context.setDefaultTimeout(scaled(20_000));
  const errors: string[] = [];
  return {
    context,
    async page() {
      const p = await context.newPage();
      p.on('pageerror', (e) => errors.push(e.message));
      return p;
    },
    screenshotPath: (name) => join(process.env['CPUHP_UPDATE_SCREENSHOTS'] === '1' ? DOCS : profile, name),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
    },
  };
}

/** What the page says it holds (window.cpuhpConsole.state()). */
export interface PageState {
  lastSeq: number;
  received: number;
  missed: number;
  disorder: number;
  dropped: number;
  steps: number;
  groups: number;
  status: string;
}

// The page side runs in the browser, so it is written as JavaScript text (this
// file is type-checked against Node, without the DOM).
export const pageState = (page: Page): Promise<PageState> => page.evaluate('window.cpuhpConsole.state()');

export interface PageStep {
  seq: number;
  text: string;
  level: string;
  group?: number;
  slot?: number;
  from: string;
  to: string;
}

export const pageSteps = (page: Page): Promise<PageStep[]> => page.evaluate('window.cpuhpConsole.steps()');

/**
 * The timeline rows the page draws, top to bottom: it pauses the timeline,
 * scrolls it (it is virtualized) from the top a screen at a time, and reads each
 * step row's text.
 */
export function drawnRows(page: Page): Promise<{ seq: number; text: string }[]> {
  return page.evaluate(`(async () => {
    const el = document.querySelector('.tl-scroll');
    const seen = new Map();
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const pause = document.querySelector('.timeline button[title^="stop adding"]');
    if (pause && pause.textContent === 'pause') pause.click();
    for (let top = 0; ; top += el.clientHeight - 44) {
      el.scrollTop = top;
      await frame();
      for (const row of el.querySelectorAll('.tl-row.step')) seen.set(Number(row.dataset.seq), row.dataset.text);
      if (top + el.clientHeight >= el.scrollHeight) break;
    }
    if (pause) pause.click();
    return [...seen].sort((a, b) => a[0] - b[0]).map(([seq, text]) => ({ seq, text }));
  })()`);
}
