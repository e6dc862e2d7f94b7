/** The built `igniter-rt` binary for end-to-end tests, rebuilt first when dist/ is older than src/. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const bin = join(repoRoot, 'bin', 'igniter-rt.js');

/** The newest mtime of the files with `extension` under a folder. */
function newest(dir: string, extension: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { recursive: true }).map(String)) {
    if (entry.endsWith(extension)) latest = Math.max(latest, statSync(join(dir, entry)).mtimeMs);
  }
  return latest;
}

/** Builds with tsc when `builtFile` (relative to dist/src) is missing or any source is newer than dist. */
export function ensureBuilt(builtFile: string): void {
  const built = join(repoRoot, 'dist', 'src', builtFile);
  if (existsSync(built) && newest(join(repoRoot, 'src'), '.ts') <= newest(join(repoRoot, 'dist', 'src'), '.js')) return;
  const build = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repoRoot, 'tsconfig.json')], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}
