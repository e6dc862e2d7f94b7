/**
 * `npm run fuzz` (scripts/fuzz.js): bad arguments are refused with exit 2 and one clear line before
 * vitest starts; the runs themselves are the fuzzed tests, which `npm test` runs with the suite seed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './corpus.js';

const fuzz = (...args: string[]) => spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'fuzz.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

describe('npm run fuzz', () => {
  it.each([
    [['--seed=-3'], '--seed must be a non-negative integer, got "-3"'],
    [['--seed', '4294967296'], '--seed must be below 4294967296'],
    [['--variants', '999'], '--variants must be at least 1000 (--case replays a single case)'],
    [['--variants', '1e6'], '--variants must be a non-negative integer, got "1e6"'],
    [['--case', '3'], '--case needs the --seed of the run it comes from'],
    [['--seed', '1', '--case', '3', '--variants', '5000'], '--case replays one case: it takes no --variants'],
    [['--sed', '1'], "Unknown option '--sed'"],
  ])('refuses %j: exit 2, the reason first, then the usage', (args, reason) => {
    const run = fuzz(...args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toContain(reason);
    expect(run.stderr).toContain('usage: npm run fuzz -- [--seed N] [--variants M | --case K]');
  });

  it('--help prints the usage, exit 0', () => {
    const run = fuzz('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run fuzz -- /);
  });
});
