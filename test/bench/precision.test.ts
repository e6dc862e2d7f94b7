/** The benchmark's precision section: findings matched to verdicts (scripts/bench/precision/). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module of the benchmark, no types
import { findingKeys, precision, staleVerdicts, tally, verdictFileProblems } from '../../scripts/bench/precision/tally.js';
// @ts-expect-error plain JavaScript module of the benchmark, no types
import section, { fetchRecipe } from '../../scripts/bench/sections/precision.js';

const APP = '/apps/chat';
const eslintResults = [
  {
    filePath: `${APP}/src/features/message/message.controller.ts`,
    messages: [
      { ruleId: 'igniter-rt/require-revalidate', line: 40, message: 'stale' },
      { ruleId: 'igniter-rt/no-unscoped-revalidate', line: 40, message: 'unscoped' },
      { ruleId: null, line: 1, message: 'Parsing error' },
    ],
  },
  { filePath: `${APP}/src/features/room/room.controller.ts`, messages: [{ ruleId: 'igniter-rt/require-stream', line: 9, message: 'not live' }] },
];

describe('bench: precision tally', () => {
  it('keys each rule finding as `rule path:line`, the path relative to the app, parse errors left out', () => {
    expect(findingKeys(eslintResults, APP).map((finding: { key: string }) => finding.key)).toEqual([
      'require-revalidate src/features/message/message.controller.ts:40',
      'no-unscoped-revalidate src/features/message/message.controller.ts:40',
      'require-stream src/features/room/room.controller.ts:9',
    ]);
  });

  it('counts bugs, noise and unjudged findings per app, per rule and overall; an unjudged finding is not a bug', () => {
    const findings = { chat: findingKeys(eslintResults, APP) };
    const verdicts = {
      chat: {
        'require-revalidate src/features/message/message.controller.ts:40': { verdict: 'bug', reason: 'list stale' },
        'require-stream src/features/room/room.controller.ts:9': { verdict: 'noise', reason: 'nothing subscribes' },
      },
    };
    const result = tally(findings, verdicts);
    expect(result.total).toEqual({ findings: 3, bug: 1, noise: 1, unjudged: 1 });
    expect(result.perRule['no-unscoped-revalidate']).toEqual({ findings: 1, bug: 0, noise: 0, unjudged: 1 });
    expect(result.unjudged.map((finding: { key: string }) => finding.key)).toEqual(['no-unscoped-revalidate src/features/message/message.controller.ts:40']);
    expect(result.judged.find((finding: { verdict: string }) => finding.verdict === 'noise').reason).toBe('nothing subscribes');
    expect(precision(result.total)).toBeCloseTo(1 / 3);
    expect(precision({ findings: 0, bug: 0, noise: 0, unjudged: 0 })).toBeNull();
  });

  it('lists verdicts no run reports any more, but not those of an app whose folder is missing', () => {
    const verdicts = { chat: { 'require-stream src/gone.ts:1': { verdict: 'bug', reason: 'r' } }, absent: { 'require-stream src/a.ts:1': { verdict: 'bug', reason: 'r' } } };
    expect(staleVerdicts({ chat: [] }, verdicts)).toEqual([{ app: 'chat', key: 'require-stream src/gone.ts:1' }]);
  });

  it('rejects a verdict file with an unknown app, a verdict other than bug/noise, or no reason', () => {
    const problems = verdictFileProblems(
      { chat: { a: { verdict: 'maybe', reason: 'r' }, b: { verdict: 'bug', reason: ' ' } }, other: {} },
      ['chat'],
    );
    expect(problems).toEqual(['chat: "a" has verdict "maybe" (bug or noise)', 'chat: "b" has no reason', 'verdicts for "other", which apps.json does not list']);
  });

  it('the committed verdict file is valid for the committed manifest, and every app is pinned to a commit', () => {
    const dir = join(__dirname, '..', '..', 'scripts', 'bench', 'precision');
    const { apps } = JSON.parse(readFileSync(join(dir, 'apps.json'), 'utf8'));
    const verdicts = JSON.parse(readFileSync(join(dir, 'verdicts.json'), 'utf8'));
    expect(verdictFileProblems(verdicts, apps.map((app: { name: string }) => app.name))).toEqual([]);
    for (const app of apps) {
      expect(app.repository).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(app.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(typeof app.subPath).toBe('string');
      for (const glob of app.exclude ?? []) expect(glob).toMatch(/^[^\s']+$/);
    }
  });
});

describe('bench: precision section', () => {
  it('with no app folder it measures nothing, does not fail, and prints how to read each app', async () => {
    const result = await section.run({ repoRoot: join(__dirname, '..', '..'), options: { appsDir: '/nonexistent/real-apps' }, log: () => {} });
    expect(result.measured).toBe(0);
    expect(result.pass).toBeUndefined();
    const text = section.format(result);
    expect(text).toContain('nothing measured');
    expect(text).toContain("git -C <bare clone of github.com/felipebarcelospro/igniter-js> archive");
    expect(text).toContain('apps/sample-realtime-chat');
  });

  it('the recipe extracts the pinned commit and sub-path into the app folder', () => {
    const recipe = fetchRecipe({ name: 'chat', repository: 'o/r', commit: 'c'.repeat(40), subPath: 'apps/chat' }, '/x/real-apps');
    expect(recipe).toMatch(/^mkdir -p \S*real-apps\/chat && git -C <bare clone of github.com\/o\/r> archive c{40} -- apps\/chat \| tar -x -C \S*real-apps\/chat$/);
    const withExcludes = fetchRecipe({ name: 'chat', repository: 'o/r', commit: 'c'.repeat(40), subPath: '.', exclude: ['*.png', '*.node'] }, '/x/real-apps');
    expect(withExcludes).toContain(` -- . ':(exclude)*.png' ':(exclude)*.node' | tar -x -C `);
  });
});
