// Well-known locations, all derived from this file's place in the repository.

import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(BENCH_DIR, '..', '..');
/** Gitignored scratch space for generated apps. */
export const DEFAULT_APP_DIR = join(REPO_ROOT, '.bench', 'app');
/** Where the `precision` section reads the real public apps (never committed). */
export const DEFAULT_REAL_APPS_DIR = join(REPO_ROOT, '.bench', 'real-apps');
/** The built ESLint plugin (`npm run build` produces it). */
export const pluginPath = (repoRoot) => join(repoRoot, 'dist', 'src', 'eslint', 'plugin.js');

/** Throws a clear error when the plugin at `pluginFile` has not been built. */
export function assertPluginBuilt(repoRoot, pluginFile) {
  if (existsSync(pluginFile)) return;
  const shown = relative(repoRoot, pluginFile);
  const where = shown.startsWith('..') || isAbsolute(shown) ? pluginFile : shown;
  throw new Error(`the ESLint plugin is not built (${where} is missing). Run \`npm run build\` first.`);
}
