// Well-known locations, all derived from this file's place in the repository.

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(BENCH_DIR, '..', '..');
/** Gitignored scratch space for generated apps. */
export const DEFAULT_APP_DIR = join(REPO_ROOT, '.bench', 'app');
/** The built ESLint plugin (`npm run build` produces it). */
export const pluginPath = (repoRoot) => join(repoRoot, 'dist', 'src', 'eslint', 'plugin.js');
