/** Docs and metadata agree: README table, docs pages, URLs, options. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, ensureBuilt } from './support/built-cli.js';
import { EXAMPLE_APP, EXPECTED_FINDINGS } from './support/example-app.js';
import { allRules } from '../rules/index.js';
import { renderRuleTable, TABLE_END, TABLE_START } from '../src/docs/rule-table.js';
import plugin from '../src/eslint/plugin.js';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('has the rule table rendered from rule metadata (run `npm run docs` after changing a rule)', () => {
    const table = readme.slice(readme.indexOf(TABLE_START), readme.indexOf(TABLE_END) + TABLE_END.length);
    expect(table).toBe(renderRuleTable(allRules));
  });

  it('quick start is two commands: install + check the example app, and the test command', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Install'));
    const commands = /```sh\n([^]*?)```/.exec(quickStart)?.[1].trim().split('\n').map((line) => line.replace(/\s+#.*$/, ''));
    expect(commands).toEqual(['npm install && npx igniter-rt check examples/chat-app', 'npm run test:setup && npm test']);
  });

  it("quick start's main job, run from the repository root, reports what the README says (14 recommended of the 15 strict findings), exit 1", () => {
    ensureBuilt('cli/commands/check.js');
    for (const [args, expected] of [[[], 14], [['--strict'], 15]] as const) {
      const result = spawnSync(process.execPath, [bin, 'check', ...args, '--format', 'json', 'examples/chat-app'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      const found = (JSON.parse(result.stdout) as { filePath: string; messages: { line: number; column: number; ruleId: string }[] }[])
        .flatMap((file) => file.messages.map((message) => `${relative(EXAMPLE_APP, file.filePath)}:${message.line}:${message.column} ${message.ruleId}`))
        .sort();
      expect(found).toHaveLength(expected);
      expect(EXPECTED_FINDINGS).toEqual(expect.arrayContaining(found));
      expect(result.status).toBe(1);
    }
    expect(readme).toMatch(/prints the 14 findings[^]*: 15 in all/);
  }, 120_000);
});

describe.each(allRules.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  const page = join(root, 'rules', id, 'README.md');

  it('is exposed by the plugin under its id, with metadata taken from the definition', () => {
    const eslintRule = plugin.rules[id];
    expect(eslintRule.meta?.docs?.url).toBe(rule.docs.url);
    expect(eslintRule.meta?.messages).toEqual(rule.messages);
    expect(eslintRule.meta?.defaultOptions).toEqual([rule.defaultOptions]);
  });

  it('points meta.docs.url at its docs page in this repository', () => {
    expect(rule.docs.url.endsWith(`/rules/${id}/README.md`)).toBe(true);
    expect(existsSync(page)).toBe(true);
  });

  it('has a docs page with the required sections and every option', () => {
    const text = readFileSync(page, 'utf8');
    expect(text.startsWith(`# igniter-rt/${id}`)).toBe(true);
    for (const section of ['## Rule details', '### ❌ Incorrect', '### ✅ Correct', '## Options', '## When not to use it']) {
      expect(text, `${id} docs lack "${section}"`).toContain(section);
    }
    const properties = (rule.schema[0] as { properties?: Record<string, unknown> }).properties ?? {};
    for (const option of Object.keys(properties)) expect(text, `${id} docs do not document option ${option}`).toContain(`\`${option}\``);
    if (Object.keys(properties).length === 0) expect(text).toContain('This rule has no options.');
  });

  it('closes its options schema and has defaults for every option', () => {
    const schema = rule.schema[0] as { additionalProperties?: boolean; properties?: Record<string, unknown> };
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(rule.defaultOptions).sort()).toEqual(Object.keys(schema.properties ?? {}).sort());
  });

  it('has preset levels ESLint accepts, and strict never lowers its recommended level', () => {
    const { recommended, strict } = rule.docs;
    for (const level of [recommended, strict]) if (level !== undefined) expect(['error', 'warn']).toContain(level);
    if (recommended === 'error') expect(strict ?? recommended).toBe('error');
  });
});
