/**
 * `npm run sweep` (scripts/sweep.js) on a small subset, to keep the script honest: one installed
 * package and the example app must come out clean, and a finding in a file without Igniter code must
 * fail the sweep. The full sweep (every package in node_modules) is the script itself.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from '../support/built-cli.js';
import { EXPECTED_FINDINGS } from '../support/example-app.js';

interface FrontEndSummary {
  crashes: { file: string; error: string }[];
  findings: number;
  falsePositives: { file: string; line: number; ruleId: string }[];
  parseErrors: unknown[];
}

interface Summary {
  packagesWalked: number;
  files: number;
  igniterFiles: number;
  prefilterPassed: number;
  /** `engine`, and with ESLint `eslint` and `unfiltered` (every rule's prefilter off). */
  frontEnds: Record<string, FrontEndSummary>;
  packages: { name: string; files: number; igniterFiles: number; prefilterPassed: number; crashes: number; findings: number; falsePositives: number }[];
}

function sweep(...args: string[]): { status: number | null; summary: Summary; stderr: string } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'sweep.js'), '--json', ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: result.status, summary: JSON.parse(result.stdout || 'null') as Summary, stderr: result.stderr };
}

describe('npm run sweep', () => {
  let scratch: string;
  beforeAll(() => {
    ensureBuilt('engine.js');
    scratch = mkdtempSync(join(tmpdir(), 'igniter-rt-sweep-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('an installed package and the example app: every file through all three front ends, no crash, no false positive', () => {
    const { status, summary, stderr } = sweep('node_modules/ajv-formats', 'examples/chat-app');
    expect(stderr).toBe('');
    expect(summary.packages).toEqual([
      { name: 'examples/chat-app', files: 21, igniterFiles: 12, prefilterPassed: 10, crashes: 0, findings: 3 * EXPECTED_FINDINGS.length, falsePositives: 0 },
      { name: 'ajv-formats', files: 3, igniterFiles: 0, prefilterPassed: 0, crashes: 0, findings: 0, falsePositives: 0 },
    ]);
    expect(summary.packagesWalked).toBeGreaterThanOrEqual(1);
    expect(Object.keys(summary.frontEnds)).toEqual(['engine', 'eslint', 'unfiltered']);
    for (const frontEnd of Object.values(summary.frontEnds)) {
      expect(frontEnd.crashes).toEqual([]);
      expect(frontEnd.falsePositives).toEqual([]);
      expect(frontEnd.parseErrors).toEqual([]);
      // The example app's deliberate mistakes (EXPECTED_FINDINGS lists them for the strict preset; `all` adds none).
      expect(frontEnd.findings).toBe(EXPECTED_FINDINGS.length);
    }
    expect(status).toBe(0);
  });

  it('a finding in a file without Igniter code is a false positive: listed, and the sweep fails', () => {
    const folder = join(scratch, 'not-igniter');
    mkdirSync(folder, { recursive: true });
    // No @igniter-js import and no Igniter call: a rule that reports here judged code it cannot know.
    writeFileSync(join(folder, 'respond.ts'), `export const respond = (response: any) => response.success({}).revalidate(['a.b']);\n`);
    writeFileSync(join(folder, 'plain.ts'), `export const sum = (a: number, b: number) => a + b;\n`);
    writeFileSync(join(folder, 'types.d.ts'), `export declare const respond: (response: any) => unknown;\n`);
    const { status, summary } = sweep(folder);
    expect(summary.files).toBe(2);
    expect(summary.igniterFiles).toBe(0);
    for (const frontEnd of Object.values(summary.frontEnds)) {
      expect(frontEnd.falsePositives.map((finding) => `${finding.file.split(/[\\/]/).pop()}:${finding.line} ${finding.ruleId}`)).toEqual([
        'respond.ts:1 igniter-rt/revalidate-before-response',
      ]);
    }
    expect(status).toBe(1);
  });

  it('the same file with an @igniter-js import is in scope: its finding is not a false positive', () => {
    const folder = join(scratch, 'igniter');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'respond.ts'),
      `import type { IgniterResponseProcessor } from '@igniter-js/core';\nexport const respond = (response: IgniterResponseProcessor<unknown>) => response.success({}).revalidate(['a.b']);\n`,
    );
    const { status, summary } = sweep('--no-eslint', folder);
    expect(Object.keys(summary.frontEnds)).toEqual(['engine']);
    expect(summary.frontEnds.engine.findings).toBe(1);
    expect(summary.frontEnds.engine.falsePositives).toEqual([]);
    expect(status).toBe(0);
  });

  it('a bad flag is a usage error (exit 2)', () => {
    const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'sweep.js'), '--nope'], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.stderr).toMatch(/^sweep: Unknown option '--nope'/);
    expect(result.status).toBe(2);
  });
});
