/**
 * End to end: the real `eslint` binaries (10, and 9 through the `eslint9` alias) lint the example app
 * with its own flat config (`igniter-rt/eslint-plugin`, strict preset, from the built package).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_APP as app, EXPECTED_FINDINGS } from '../support/example-app.js';

const root = join(import.meta.dirname, '..', '..');


interface EslintJsonResult {
  filePath: string;
  messages: { line: number; column: number; ruleId: string | null; message: string }[];
}

function runEslint(binary: string, extraArgs: string[] = []): { status: number | null; findings: string[]; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', binary, 'bin', 'eslint.js'), '.', '--format', 'json', ...extraArgs], {
    cwd: app,
    encoding: 'utf8',
    env: { ...process.env, IGNITER_RT_THROW: '1' },
  });
  const parsed = JSON.parse(result.stdout || '[]') as EslintJsonResult[];
  const findings = parsed.flatMap((file) =>
    file.messages.map((message) => `${relative(app, file.filePath)}:${message.line}:${message.column} ${message.ruleId}`),
  );
  return { status: result.status, findings: findings.sort(), stderr: result.stderr };
}

describe('example app through the eslint binary', () => {
  for (const binary of ['eslint', 'eslint9']) {
    it(`${binary}: reports exactly the deliberate mistakes`, () => {
      const { status, findings, stderr } = runEslint(binary);
      expect(stderr).toBe('');
      expect(findings).toEqual(EXPECTED_FINDINGS);
      expect(status).toBe(1);
    });
  }

  // Cross-file facts come from the project index, one per worker thread: the findings must not depend
  // on which files a worker lints, or in which order.
  it('finds the same with --concurrency 2 as with it off', () => {
    const parallel = runEslint('eslint', ['--concurrency', '2']);
    const serial = runEslint('eslint', ['--concurrency', 'off']);
    // ESLint warns that 2 workers are overkill for a small app; anything else on stderr is a failure.
    expect(parallel.stderr.replace(/.*ESLintPoorConcurrencyWarning.*\n|.*--trace-warnings.*\n/g, '')).toBe('');
    expect(parallel.findings).toEqual(serial.findings);
    expect(parallel.findings).toEqual(EXPECTED_FINDINGS);
  });
});

describe('example app: a lint reads TypeScript\'s own nodes', () => {
  const probe = join(root, 'test', 'support', 'ts-morph-probe.mjs');

  /** Whether a run of `args` (in the example app; `cache: '0'` without the project index's cache) loaded ts-morph. */
  function loadsTsMorph(args: string[], cache: string): boolean {
    const report = join(mkdtempSync(join(tmpdir(), 'igniter-rt-probe-')), 'probe.json');
    const env = { ...process.env, IGNITER_RT_PROBE: report, IGNITER_RT_CACHE: cache };
    const result = spawnSync(process.execPath, ['--import', pathToFileURL(probe).href, ...args], { cwd: app, encoding: 'utf8', env });
    expect(result.stderr).toBe('');
    return (JSON.parse(readFileSync(report, 'utf8')) as { tsMorphLoaded: boolean }).tsMorphLoaded;
  }

  it('eslint and igniter-rt check never load ts-morph, with or without the project index cached', () => {
    const eslint = [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.', '--format', 'json'];
    const check = [join(root, 'bin', 'igniter-rt.js'), 'check', '--format', 'json'];
    for (const cache of ['0', '1']) {
      expect(loadsTsMorph(eslint, cache)).toBe(false);
      expect(loadsTsMorph(check, cache)).toBe(false);
    }
  });
});
