// The console page as one HTML document: the page's script (built from
// src/console/page/ by scripts/build-console.ts at install time) inlined, and for
// a report its data too, so nothing is fetched but the live socket.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportData } from './protocol.ts';

/**
 * Where `npm run build:console` writes the page's script: build/console at the
 * package's root, found upward from this module, which is src/console/ when run
 * from the sources and dist/ in the compiled command.
 */
export const PAGE_BUNDLE = ((): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'build', 'console', 'page.js');
})();

export function readPageBundle(): string {
  if (!existsSync(PAGE_BUNDLE)) throw new Error(`the console page is not built (${PAGE_BUNDLE}): run npm run build:console`);
  return readFileSync(PAGE_BUNDLE, 'utf8');
}

/** Text that may sit inside a <script> element: no "</script", no "<!--". */
const scriptSafe = (s: string) => s.replace(/<(\/script|!--)/gi, '\\x3c$1');
/** JSON that may sit inside a <script> element and be read back with JSON.parse. */
const jsonSafe = (s: string) => s.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The live page (no data: it connects back) or a self-contained report. */
export function pageHtml(bundle: string, title: string, report?: ReportData): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '</head><body>',
    report ? `<script type="application/json" id="cpuhp-report">${jsonSafe(JSON.stringify(report))}</script>` : '',
    `<script>${scriptSafe(bundle)}</script>`,
    '</body></html>',
  ].join('\n');
}

/** The Content-Security-Policy the live page is served with: its inline script, its socket, nothing else. */
export const PAGE_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
