/** This package's name, version and homepage, read from its package.json (found from here, built or not). */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageJson(): { name: string; version: string; homepage?: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string; homepage?: string };
      if (parsed.name === 'igniter-rt') return { name: parsed.name, version: parsed.version ?? '0.0.0', homepage: parsed.homepage };
    }
    const parent = dirname(dir);
    if (parent === dir) return { name: 'igniter-rt', version: '0.0.0' };
    dir = parent;
  }
}

export const packageInfo = findPackageJson();
