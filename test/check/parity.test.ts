/**
 * Parity: ESLint (the ESLint class with the plugin's `all` preset) and `igniter-rt check` (the built
 * CLI, `--strict` plus every rule at its `all` level, so every rule runs) on the example app and every
 * multi-file fixture must give the same results, finding by finding. The comparison is of the whole
 * `--format json` document against ESLint's results: the files linted, every message (position, rule,
 * message id, text, fix, suggestions), the counts and the source; and with fixing on (ESLint's `fix`
 * against `--fix-dry-run`), the fixed text and the problems left. A file that does not parse is ESLint's
 * fatal "Parsing error" message in both (test/fixtures/projects/syntax-error).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import plugin from '../../src/eslint/plugin.js';
import { presetRules } from '../../src/rule-config.js';
import { bin, ensureBuilt, repoRoot } from '../support/built-cli.js';
import { EXAMPLE_APP, EXPECTED_FINDINGS } from '../support/example-app.js';

const PROJECTS = join(repoRoot, 'test', 'fixtures', 'projects');
const projects = [
  EXAMPLE_APP,
  ...readdirSync(PROJECTS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(PROJECTS, entry.name)),
  // The other multi-file fixtures.
  join(repoRoot, 'test', 'fixtures', 'require-revalidate'),
  join(repoRoot, 'test', 'fixtures', 'generator-app'),
  // The data model's SaaS-shaped app: accesses reached through procedures and services in other files.
  join(repoRoot, 'test', 'fixtures', 'data-model'),
];

/** `--rule id=level` for every rule at its level in the `all` preset (whose options equal strict's). */
const ALL_RULES = Object.entries(presetRules(allRules, 'all')).flatMap(([id, entry]) => ['--rule', `${id}=${Array.isArray(entry) ? entry[0] : entry}`]);

interface Result {
  filePath: string;
  messages: { line: number; column: number; endLine?: number; endColumn?: number; ruleId: string | null; messageId?: string; message: string }[];
}

/** Results by path relative to the project, in path order. */
function normalize<T extends Result>(results: T[], dir: string): T[] {
  return results.map((result) => ({ ...result, filePath: relative(dir, result.filePath) })).sort((a, b) => a.filePath.localeCompare(b.filePath));
}

async function eslintResults(dir: string, fix: boolean): Promise<Result[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.all], fix });
  return normalize(await eslint.lintFiles(['**/*.{ts,tsx,mts,cts}']), dir) as Result[];
}

function checkResults(dir: string, extra: string[] = []): Result[] {
  const run = spawnSync(process.execPath, [bin, 'check', '--format', 'json', '--strict', ...ALL_RULES, ...extra, '--cwd', dir], { encoding: 'utf8' });
  expect(run.stderr, relative(repoRoot, dir)).toBe('');
  expect(run.status, relative(repoRoot, dir)).toBeLessThan(2);
  return normalize(JSON.parse(run.stdout) as Result[], dir);
}

/** The syntax-error fixture: three files that do not parse (no rule ran on them) next to one that does. */
const SYNTAX_ERROR_FINDINGS = [
  'src/features/message/message.controller.ts:8:5 igniter-rt/require-stream-auth',
  'src/features/message/message.controller.ts:21:47 igniter-rt/revalidate-before-response',
  "src/features/presence/presence-feed.tsx:10:81 null Parsing error: Expected corresponding JSX closing tag for 'ul'.",
  "src/features/room/room.controller.ts:7:2 null Parsing error: ',' expected.",
  "src/features/typing/typing.controller.ts:20:0 null Parsing error: '}' expected.",
];

/** The core-0.3-app fixture: the findings of the rules that read instances, context shapes and typed clients across files. */
const CORE_03_APP_FINDINGS = [
  'src/components/chat.tsx:9:18 igniter-rt/no-unregistered-channel',
  'src/components/chat.tsx:13:30 igniter-rt/no-unregistered-channel',
  'src/components/chat.tsx:14:37 igniter-rt/no-unregistered-channel',
  'src/features/auth/auth.procedure.ts:7:27 igniter-rt/no-missing-context-store',
  'src/features/typing/typing.controller.ts:16:15 igniter-rt/no-per-request-subscription',
  'src/features/typing/typing.controller.ts:21:30 igniter-rt/no-missing-context-store',
];

/** One line per finding, for a readable failure. */
const findings = (results: Result[]) =>
  results.flatMap((result) =>
    result.messages.map((m) => `${result.filePath}:${m.line}:${m.column}:${m.endLine}:${m.endColumn} ${m.ruleId} ${m.messageId} ${m.message}`),
  );

beforeAll(() => ensureBuilt('cli/commands/check.js'), 120_000);

describe('check and ESLint report the same findings', () => {
  it('covers the example app and every multi-file fixture, and they have findings to compare', () => {
    expect(projects.map((dir) => relative(repoRoot, dir))).toEqual(
      expect.arrayContaining([
        'examples/chat-app',
        'test/fixtures/projects/aliases',
        'test/fixtures/projects/core-0.3-app',
        'test/fixtures/projects/no-unknown-revalidate-key',
        'test/fixtures/projects/revalidate-before-response',
        'test/fixtures/projects/syntax-error',
      ]),
    );
    expect(projects.length).toBeGreaterThanOrEqual(14);
  });

  for (const dir of projects) {
    const name = relative(repoRoot, dir);
    it(`${name}: the same files, findings, fixes and suggestions`, async () => {
      const [eslint, check] = [await eslintResults(dir, false), checkResults(dir)];
      expect(findings(check)).toEqual(findings(eslint));
      expect(check).toEqual(eslint);
      // Not vacuous: on the example app, these are its deliberate mistakes.
      if (dir === EXAMPLE_APP) expect(check.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column} ${m.ruleId}`)).sort()).toEqual(EXPECTED_FINDINGS);
      if (name === 'test/fixtures/data-model') {
        expect(check.flatMap((r) => r.messages.filter((m) => m.ruleId === 'igniter-rt/require-revalidate').map((m) => `${r.filePath}:${m.line} ${m.messageId}`))).toEqual([
          'src/features/api-key/api-key.controller.ts:16 staleQueries',
          'src/features/audit/audit.controller.ts:14 missingRevalidate',
          'src/features/lead/lead.controller.ts:21 staleQueries',
          'src/features/notification/notification.controller.ts:37 staleQueries',
          'src/features/notification/notification.controller.ts:49 staleQueries',
          'src/features/user/user.controller.ts:13 missingRevalidate',
        ]);
      }
      if (name === 'test/fixtures/projects/core-0.3-app') {
        expect(check.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column} ${m.ruleId}`))).toEqual(CORE_03_APP_FINDINGS);
      }
      if (name === 'test/fixtures/projects/syntax-error') {
        const found = check.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column} ${m.ruleId}${m.ruleId === null ? ` ${m.message}` : ''}`));
        expect(found).toEqual(SYNTAX_ERROR_FINDINGS);
      }
    });

    it(`${name}: the same fixed text and remaining problems (fix / --fix-dry-run)`, async () => {
      const [eslint, check] = [await eslintResults(dir, true), checkResults(dir, ['--fix-dry-run'])];
      expect(check).toEqual(eslint);
    });
  }

  it('revalidate-before-response has fixes to compare (the fixed text is not trivially equal)', async () => {
    const dir = join(PROJECTS, 'revalidate-before-response');
    const fixed = checkResults(dir, ['--fix-dry-run']) as (Result & { output?: string })[];
    expect(fixed.filter((result) => result.output !== undefined).map((result) => result.filePath)).toEqual([
      'src/features/message/message.controller.ts',
      'src/features/profile/profile.controller.ts',
      'src/lib/respond.ts',
    ]);
  });
});
