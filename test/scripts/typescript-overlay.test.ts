import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..', '..');

/** One process that builds (or finds) the overlay for `alias`, then loads the parser from it and parses. */
function useOverlay(alias: string): Promise<{ code: number | null; output: string }> {
  const script = `
    const { parserOnTypeScript } = await import(${JSON.stringify(join(repoRoot, 'scripts', 'typescript-overlay.js'))});
    for (let i = 0; i < 10; i++) parserOnTypeScript(${JSON.stringify(repoRoot)}, ${JSON.stringify(alias)}).parser.parseForESLint('const a = 1;', { range: true });
    process.stdout.write('parsed');`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the TypeScript overlay of the tests and the benchmark', () => {
  it('is built by parallel workers without one removing the overlay another is loading from', async () => {
    // Its own alias (the repository's TypeScript), so that no other test's overlay is touched.
    const alias = 'typescript';
    rmSync(join(repoRoot, 'node_modules', '.cache', 'igniter-rt', 'typescript-overlay', alias), { recursive: true, force: true });
    const results = await Promise.all(Array.from({ length: 6 }, () => useOverlay(alias)));
    for (const result of results) expect(result).toEqual({ code: 0, output: 'parsed' });
  }, 60_000);
});
