// Types for load-compiled.js (plain JavaScript, so that bin/ runs without a build).
import type { Script } from 'node:vm';
import type { main } from '../src/cli/main.ts';

export const DIST: string;
export const BUNDLE: string;
export const CODE_CACHE: string;
export function buildIdLine(id: string): string;
export function loadCompiled(options?: { useCache?: boolean }): {
  exports: { main: typeof main };
  script: Script;
  id: string | undefined;
  cacheUsed: boolean;
};
export function codeCacheFile(script: Script, id: string): Buffer;
